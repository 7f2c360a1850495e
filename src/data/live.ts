/**
 * The citizen's live updates: GET /me/stream (Server-Sent Events) read with fetch, because a native
 * EventSource cannot send an Authorization header. It reconnects after drops with backoff, resumes
 * with Last-Event-ID so a reconnect misses nothing, and gives up (the caller polls instead) when the
 * stream cannot be had.
 */
import { createParser } from 'eventsource-parser';
import type { EventSourceMessage, ParseError } from 'eventsource-parser';
import { backoffDelay, sleep } from './backoff.ts';
import type { Backoff } from './backoff.ts';

/** The kinds of live message the server sends. */
export type LiveEvent = 'unlock' | 'progress' | 'campaign';

export interface LiveStreamOptions {
  /** Absolute or page-relative URL of the stream (…/api/v1/me/stream). */
  url: string;
  /** fetch's credentials mode; `include` sends the portal's cookie to another origin. */
  credentials?: RequestCredentials;
  /** Called before every (re)connect for fresh auth headers, e.g. `{ Authorization: 'Bearer …' }`. A rejection counts as a failed attempt. */
  headers: () => Promise<Record<string, string>>;
  /** A message; `data` is JSON-parsed (malformed JSON is skipped and reported to onError). `id` is the message's id. */
  onMessage: (event: LiveEvent, data: unknown, id: string) => void;
  /** Connected: 200 with text/event-stream. Called again after every reconnect. */
  onOpen?: () => void;
  /**
   * The stream cannot be used: 404/405/501 or another 4xx that retrying will not cure, a
   * non-event-stream content type, or `maxFailures` failed attempts in a row. Nothing more
   * happens after it; the caller switches to polling. `refused`: the server said so (not failures).
   */
  onUnavailable: (reason: string, refused: boolean) => void;
  /** 401/403: renew the credentials, then true reconnects (with fresh `headers()`), false stops for good. */
  onUnauthorized: () => Promise<boolean>;
  /** Informational: what went wrong (a drop, a malformed message, a throwing callback). */
  onError?: (reason: string) => void;
  /** Delays between reconnects; default base 1000 ms, cap 30000 ms. The server's `retry:` is the minimum. */
  backoff?: Backoff;
  /** Resume after this message id (e.g. the `lastEventId` of a previous stream). */
  lastEventId?: string | undefined;
  /** Silence (not even a keep-alive comment) for this long counts as a drop; default 45000 ms, 3 × the server's heartbeat. */
  watchdogMs?: number;
  /** Failed attempts in a row before onUnavailable; default 5. A connection that delivered anything resets the count. */
  maxFailures?: number;
}

/** An open live stream. */
export interface LiveStream {
  /** The id of the last message seen (or the resume point it was opened with): pass it to the next stream. */
  readonly lastEventId: string | undefined;
  /** Stops for good: aborts the request, clears every timer, and no callback is called after it. */
  close(): void;
}

const DEFAULTS = { backoff: { base: 1000, cap: 30_000 }, watchdogMs: 45_000, maxFailures: 5 };

/** A stream that buffers this much without finishing a line or message is broken (or hostile). */
const MAX_BUFFERED_CHARS = 1_000_000;

/** setTimeout's ceiling: a longer Retry-After would fire at once. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/** Statuses that retrying may cure; any other 4xx means the stream is not to be had. */
const RETRYABLE_CLIENT_STATUSES = new Set([408, 429]);
const UNAUTHORIZED_STATUSES = new Set([401, 403]);

/** How one connection attempt ended. */
type Outcome =
  | { kind: 'failed'; reason: string; notBeforeMs?: number }
  | { kind: 'unauthorized'; reason: string }
  | { kind: 'unavailable'; reason: string };

/** Opens the live stream and keeps it open until close(). Never throws; failures reach the callbacks. */
export function openLiveStream(options: LiveStreamOptions): LiveStream {
  const backoff = options.backoff ?? DEFAULTS.backoff;
  const watchdogMs = options.watchdogMs ?? DEFAULTS.watchdogMs;
  const maxFailures = options.maxFailures ?? DEFAULTS.maxFailures;
  const stop = new AbortController();
  const closed = () => stop.signal.aborted;
  let lastEventId = options.lastEventId;
  let failures = 0;
  let retryFloorMs = 0;

  const report = (reason: string) => {
    if (closed()) return;
    try {
      options.onError?.(reason);
    } catch {
      // An informational callback that throws has nothing left to tell.
    }
  };
  /** Calls a page callback so that its exception is reported, never thrown into the loop. */
  const notify = (name: string, callback: () => void) => {
    if (closed()) return;
    try {
      callback();
    } catch (error) {
      report(`${name} threw: ${describe(error)}`);
    }
  };

  const deliver = ({ event, id, data }: EventSourceMessage) => {
    if (closed()) return;
    failures = 0;
    // The id counts as seen even when the message is skipped: resuming must not fetch it again.
    if (id !== undefined) lastEventId = id;
    if (event !== 'unlock' && event !== 'progress' && event !== 'campaign') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      report(`malformed JSON in ${event} message ${id ?? ''}`);
      return;
    }
    notify('onMessage', () => options.onMessage(event, parsed, id ?? ''));
  };

  /** Reads an open stream until it ends, errors, or goes silent; every way out is a failure to retry. */
  const read = async (body: NonNullable<Response['body']>, connection: AbortController): Promise<Outcome> => {
    let silent = false;
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        silent = true;
        connection.abort();
      }, watchdogMs);
    };
    const parser = createParser({
      maxBufferSize: MAX_BUFFERED_CHARS,
      onEvent: deliver,
      onComment: () => {
        failures = 0;
      },
      // A retry: longer than the backoff cap must not keep updates away for longer than that.
      onRetry: (ms) => {
        retryFloorMs = Math.min(ms, backoff.cap);
      },
      onError: (error: ParseError) => {
        report(`stream: ${error.message}`);
        if (error.type === 'max-buffer-size-exceeded') connection.abort();
      },
    });
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    arm();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return { kind: 'failed', reason: 'the stream ended' };
        arm();
        parser.feed(value);
      }
    } catch (error) {
      return { kind: 'failed', reason: silent ? `no data for ${watchdogMs} ms` : `the stream broke: ${describe(error)}` };
    } finally {
      clearTimeout(watchdog);
    }
  };

  /** One attempt: fresh headers, the request, and (when it opens) reading it to the end. */
  const connect = async (): Promise<Outcome> => {
    // Its own controller, so the watchdog can drop this connection without closing the stream.
    const connection = new AbortController();
    const abortConnection = () => connection.abort();
    stop.signal.addEventListener('abort', abortConnection, { once: true });
    try {
      let auth: Record<string, string>;
      try {
        auth = await options.headers();
      } catch (error) {
        return { kind: 'failed', reason: `no headers: ${describe(error)}` };
      }
      const headers: Record<string, string> = { ...auth, Accept: 'text/event-stream' };
      if (lastEventId) headers['Last-Event-ID'] = lastEventId;
      let response: Response;
      try {
        response = await fetch(options.url, { headers, credentials: options.credentials, cache: 'no-store', signal: connection.signal });
      } catch (error) {
        return { kind: 'failed', reason: `network: ${describe(error)}` };
      }
      if (!response.ok || !isEventStream(response) || !response.body) {
        response.body?.cancel().catch(() => undefined);
        return refusal(response);
      }
      notify('onOpen', () => options.onOpen?.());
      return await read(response.body, connection);
    } finally {
      stop.signal.removeEventListener('abort', abortConnection);
      connection.abort(); // whatever is left of the response stops here
    }
  };

  const run = async () => {
    let delayMs = 0;
    for (;;) {
      if (delayMs > 0) await sleep(delayMs, stop.signal);
      if (closed()) return;
      const outcome = await connect();
      if (closed()) return;
      if (outcome.kind === 'unavailable') return notify('onUnavailable', () => options.onUnavailable(outcome.reason, true));
      report(outcome.reason);
      let renewed = false;
      if (outcome.kind === 'unauthorized') {
        renewed = await Promise.resolve()
          .then(() => options.onUnauthorized())
          .catch((error: unknown) => (report(`onUnauthorized threw: ${describe(error)}`), false));
        if (closed() || !renewed) return;
      }
      failures += 1;
      if (failures >= maxFailures) {
        return notify('onUnavailable', () => options.onUnavailable(`${failures} failed attempts in a row; the last: ${outcome.reason}`, false));
      }
      const notBeforeMs = outcome.kind === 'failed' ? (outcome.notBeforeMs ?? 0) : 0;
      // Fresh credentials are tried at once; a second refusal in a row waits like any failure.
      delayMs = renewed && failures === 1 ? 0 : Math.max(retryFloorMs, notBeforeMs, backoffDelay(failures - 1, backoff));
    }
  };
  // sleep() rejects once closed; nothing else escapes run(), and nothing may reach the page.
  run().catch(() => undefined);

  return {
    get lastEventId() {
      return lastEventId;
    },
    close: () => stop.abort(),
  };
}

/** What a response that did not open the stream means. */
function refusal(response: Response): Outcome {
  const { status } = response;
  if (UNAUTHORIZED_STATUSES.has(status)) return { kind: 'unauthorized', reason: `HTTP ${status}` };
  if (status === 429) return { kind: 'failed', reason: 'HTTP 429', notBeforeMs: retryAfterMs(response.headers.get('Retry-After')) };
  if (status === 501 || (status >= 400 && status < 500 && !RETRYABLE_CLIENT_STATUSES.has(status))) return { kind: 'unavailable', reason: `HTTP ${status}` };
  if (!response.ok) return { kind: 'failed', reason: `HTTP ${status}` };
  if (!isEventStream(response)) return { kind: 'unavailable', reason: `content type ${response.headers.get('Content-Type') ?? 'none'}` };
  return { kind: 'failed', reason: 'no response body' };
}

function isEventStream(response: Response): boolean {
  const type = response.headers.get('Content-Type') ?? '';
  return type.split(';')[0]?.trim().toLowerCase() === 'text/event-stream';
}

/** Retry-After in ms: delta-seconds or an HTTP date; 0 when absent or unreadable. */
function retryAfterMs(header: string | null): number {
  if (!header) return 0;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  return Number.isNaN(ms) ? 0 : Math.min(Math.max(ms, 0), MAX_DELAY_MS);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
