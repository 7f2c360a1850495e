import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { openLiveStream } from './live.ts';
import type { LiveEvent, LiveStream, LiveStreamOptions } from './live.ts';
import { controlledBody, pause } from '../../test/browser/data/fixtures.ts';

/**
 * The stream's URL: the real server's, then in the mocked tests a path of each test's own, so that
 * no answer meant for another test (or the real server, should msw let a request through) can
 * pass for this one's.
 */
let streamUrl = '/api/v1/me/stream';
let mockedTests = 0;
const TINY_BACKOFF = { base: 5, cap: 20 };

interface Received {
  event: LiveEvent;
  data: unknown;
  id: string;
}

/** Resolves once `test` holds, checking every 10 ms; rejects after `ms`. */
async function until(test: () => boolean, what: string, ms = 8000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!test()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A stream under test, with everything its callbacks saw. */
function open(overrides: Partial<LiveStreamOptions> = {}) {
  const seen = { messages: [] as Received[], errors: [] as string[], unavailable: [] as string[], opens: 0, unauthorized: 0 };
  const stream: LiveStream = openLiveStream({
    url: streamUrl,
    headers: async () => ({}),
    onMessage: (event, data, id) => seen.messages.push({ event, data, id }),
    onOpen: () => (seen.opens += 1),
    onUnavailable: (reason) => seen.unavailable.push(reason),
    onUnauthorized: async () => {
      seen.unauthorized += 1;
      return false;
    },
    onError: (reason) => seen.errors.push(reason),
    backoff: TINY_BACKOFF,
    ...overrides,
  });
  return { stream, seen };
}

// Anything live.ts lets escape shows here.
const unhandled: unknown[] = [];
const recordUnhandled = (event: PromiseRejectionEvent) => unhandled.push(event.reason);
before(() => window.addEventListener('unhandledrejection', recordUnhandled));
after(() => window.removeEventListener('unhandledrejection', recordUnhandled));
afterEach(() => expect(unhandled).to.deep.equal([]));

describe('live stream against the reference server', () => {
  const ingest = (events: unknown[]) => executeServerCommand<{ status: number }, unknown>('ach-ingest', { events });
  const tokenFor = (sub: string) => executeServerCommand<string, { sub: string }>('ach-token', { sub });
  const event = (id: string, userId: string, type: string) => ({ id, userId, type, occurredAt: new Date().toISOString() });

  it('delivers the unlock an ingest produces, stops on close, and a new stream resumes after it', async () => {
    const sub = `live-real-${crypto.randomUUID()}`;
    const token = await tokenFor(sub);
    const headers = async () => ({ Authorization: `Bearer ${token}` });
    const first = open({ headers });
    try {
      await until(() => first.seen.opens === 1, 'the first open');
      expect((await ingest([event(`${sub}-1`, sub, 'profile.verified'), event(`${sub}-2`, sub, 'application.submitted')])).status).to.equal(200);
      const isFirstRequest = (m: Received) => m.event === 'unlock' && (m.data as { achievementId?: unknown }).achievementId === 'first-request';
      await until(() => first.seen.messages.some(isFirstRequest), 'the unlock of first-request');
      expect(first.stream.lastEventId).to.equal(first.seen.messages.at(-1)!.id);
    } finally {
      first.stream.close();
    }
    const seenBeforeClose = first.seen.messages.length;

    // Ingested while no stream is open: only a stream resuming from the last id can see it.
    expect((await ingest([event(`${sub}-3`, sub, 'application.submitted')])).status).to.equal(200);
    const second = open({ headers, lastEventId: first.stream.lastEventId });
    try {
      await until(() => second.seen.messages.length > 0, 'the resumed messages');
      expect(second.seen.messages.map((m) => Number(m.id))).to.satisfy((ids: number[]) => ids.every((id) => id > Number(first.stream.lastEventId)));
    } finally {
      second.stream.close();
    }
    expect(first.seen.messages).to.have.length(seenBeforeClose);
    expect(first.seen.unavailable).to.deep.equal([]);
  });

  it('calls onUnauthorized for a token the server refuses', async () => {
    const { stream, seen } = open({ headers: async () => ({ Authorization: 'Bearer not-a-token' }) });
    try {
      await until(() => seen.unauthorized === 1, 'onUnauthorized');
      expect(seen.opens).to.equal(0);
    } finally {
      stream.close();
    }
  });
});

type Connection = ReturnType<typeof controlledBody> & { headers: Headers; at: number };

/** A mocked stream endpoint answering each request with a fresh body (or `respond`'s response). */
function streamRoute(respond?: (attempt: number) => Response | undefined) {
  const connections: Connection[] = [];
  const handler = http.get(streamUrl, ({ request }) => {
    const connection = { ...controlledBody(), headers: request.headers, at: performance.now() };
    connections.push(connection);
    return respond?.(connections.length) ?? new HttpResponse(connection.body, { headers: { 'Content-Type': 'text/event-stream' } });
  });
  return { handler, connections };
}

const message = (event: string, id: number, data: unknown) => `event: ${event}\nid: ${id}\ndata: ${JSON.stringify(data)}\n\n`;

describe('live stream (mocked)', () => {
  const worker = setupWorker();
  let current: LiveStream | undefined;
  const track = (opened: ReturnType<typeof open>) => ((current = opened.stream), opened);

  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  after(() => worker.stop());
  beforeEach(() => {
    streamUrl = `/mock-live/${++mockedTests}/me/stream`;
  });
  afterEach(() => {
    current?.close();
    current = undefined;
    worker.resetHandlers();
  });

  it('reconnects after a drop with Last-Event-ID and delivers every message once', async () => {
    const route = streamRoute();
    worker.use(route.handler);
    const { stream, seen } = track(open({ lastEventId: '7' }));
    await until(() => route.connections.length === 1, 'the first request');
    const [first] = route.connections;
    expect(first!.headers.get('last-event-id')).to.equal('7');
    expect(first!.headers.get('accept')).to.equal('text/event-stream');
    first!.send(message('unlock', 8, { achievementId: 'first-request' }) + message('progress', 9, { n: 1 }));
    await until(() => seen.messages.length === 2, 'two messages');
    first!.end();

    await until(() => route.connections.length === 2, 'the reconnect');
    const second = route.connections[1]!;
    expect(second.headers.get('last-event-id')).to.equal('9');
    second.send(message('progress', 10, { n: 2 }));
    await until(() => seen.messages.length === 3, 'the resumed message');
    second.fail();

    await until(() => route.connections.length === 3, 'the reconnect after an error');
    expect(route.connections[2]!.headers.get('last-event-id')).to.equal('10');
    expect(seen.messages).to.deep.equal([
      { event: 'unlock', data: { achievementId: 'first-request' }, id: '8' },
      { event: 'progress', data: { n: 1 }, id: '9' },
      { event: 'progress', data: { n: 2 }, id: '10' },
    ]);
    expect(stream.lastEventId).to.equal('10');
    expect(seen.opens).to.be.at.least(2);
    expect(seen.unavailable).to.deep.equal([]);
  });

  it('skips malformed JSON and event types it does not know, keeping their ids', async () => {
    const route = streamRoute();
    worker.use(route.handler);
    const { stream, seen } = track(open());
    await until(() => route.connections.length === 1, 'the request');
    route.connections[0]!.send('event: unlock\nid: 1\ndata: {not json\n\n' + message('welcome', 2, {}) + message('unlock', 3, { ok: true }));
    await until(() => seen.messages.length === 1, 'the good message');
    expect(seen.messages[0]).to.deep.equal({ event: 'unlock', data: { ok: true }, id: '3' });
    expect(seen.errors.some((e) => e.includes('malformed'))).to.equal(true);
    // The skipped message was seen: a resume must not ask for it again.
    route.connections[0]!.end();
    await until(() => route.connections.length === 2, 'the reconnect');
    expect(route.connections[1]!.headers.get('last-event-id')).to.equal('3');
    expect(stream.lastEventId).to.equal('3');
  });

  it('keeps going when onMessage throws', async () => {
    const route = streamRoute();
    worker.use(route.handler);
    const ids: string[] = [];
    const { seen } = track(
      open({
        onMessage: (_event, _data, id) => {
          ids.push(id);
          if (id === '1') throw new Error('page bug');
        },
      }),
    );
    await until(() => route.connections.length === 1, 'the request');
    route.connections[0]!.send(message('unlock', 1, {}) + message('unlock', 2, {}));
    await until(() => ids.length === 2, 'both messages');
    expect(ids).to.deep.equal(['1', '2']);
    expect(seen.errors.some((e) => e.includes('page bug'))).to.equal(true);
    expect(route.connections).to.have.length(1);
  });

  it('on 401 asks onUnauthorized, then reconnects with the new headers', async () => {
    const route = streamRoute((attempt) => (attempt === 1 ? HttpResponse.json({ error: { code: 'unauthenticated' } }, { status: 401 }) : undefined));
    worker.use(route.handler);
    let token = 'old';
    let asked = 0;
    const { seen } = track(
      open({
        headers: async () => ({ Authorization: `Bearer ${token}` }),
        onUnauthorized: async () => {
          asked += 1;
          token = 'new';
          return true;
        },
      }),
    );
    await until(() => seen.opens === 1, 'the open after renewal');
    expect(asked).to.equal(1);
    expect(route.connections.map((c) => c.headers.get('authorization'))).to.deep.equal(['Bearer old', 'Bearer new']);
  });

  it('stops when onUnauthorized says no', async () => {
    const route = streamRoute(() => new HttpResponse(null, { status: 403 }));
    worker.use(route.handler);
    const { seen } = track(open());
    await until(() => seen.unauthorized === 1, 'onUnauthorized');
    await pause(200); // time for reconnects that must not happen
    expect(route.connections).to.have.length(1);
    expect(seen.unavailable).to.deep.equal([]);
  });

  it('is unavailable at once on 404 or a body that is not an event stream', async () => {
    const missing = streamRoute(() => new HttpResponse(null, { status: 404 }));
    worker.use(missing.handler);
    const notFound = track(open());
    await until(() => notFound.seen.unavailable.length === 1, 'onUnavailable for 404');
    expect(notFound.seen.unavailable[0]).to.include('404');
    expect(missing.connections).to.have.length(1);
    notFound.stream.close();

    const html = streamRoute(() => new HttpResponse('<p>portal</p>', { headers: { 'Content-Type': 'text/html' } }));
    worker.use(html.handler);
    const wrongType = track(open());
    await until(() => wrongType.seen.unavailable.length === 1, 'onUnavailable for text/html');
    expect(wrongType.seen.unavailable[0]).to.include('text/html');
    expect(wrongType.seen.opens).to.equal(0);
    await pause(100);
    expect(html.connections).to.have.length(1);
  });

  it('backs off on 5xx and gives up after maxFailures in a row', async () => {
    const route = streamRoute(() => new HttpResponse(null, { status: 503 }));
    worker.use(route.handler);
    const { seen } = track(open({ maxFailures: 3 }));
    await until(() => seen.unavailable.length === 1, 'onUnavailable');
    expect(seen.unavailable[0]).to.include('3 failed attempts').and.include('503');
    await pause(100);
    expect(route.connections).to.have.length(3);
  });

  it('counts only failures in a row: a connection that delivered resets the count', async () => {
    const route = streamRoute((attempt) => new HttpResponse(message('progress', attempt, {}), { headers: { 'Content-Type': 'text/event-stream' } }));
    worker.use(route.handler);
    const { seen } = track(open({ maxFailures: 2 }));
    await until(() => seen.messages.length >= 4, 'four short-lived connections');
    expect(seen.unavailable).to.deep.equal([]);
    expect(seen.messages.slice(0, 4).map((m) => m.id)).to.deep.equal(['1', '2', '3', '4']);
  });

  it('reconnects a stream that goes silent, and not one that keeps sending comments', async () => {
    const route = streamRoute();
    worker.use(route.handler);
    const { seen } = track(open({ watchdogMs: 1000 }));
    await until(() => route.connections.length === 1, 'the request');
    const first = route.connections[0]!;
    const keepAlive = setInterval(() => first.send(': keep-alive\n\n'), 100);
    try {
      first.send(message('unlock', 1, {}));
      await pause(2500);
      expect(route.connections).to.have.length(1);
    } finally {
      clearInterval(keepAlive);
    }
    await until(() => route.connections.length === 2, 'the reconnect after silence');
    expect(route.connections[1]!.headers.get('last-event-id')).to.equal('1');
    expect(seen.errors.some((e) => e.includes('no data'))).to.equal(true);
  });

  it("waits at least the server's retry: and a 429's Retry-After", async () => {
    const route = streamRoute((attempt) => (attempt === 2 ? new HttpResponse(null, { status: 429, headers: { 'Retry-After': '1' } }) : undefined));
    worker.use(route.handler);
    // A cap above the retry: the retry is honoured up to the cap only.
    track(open({ backoff: { base: 5, cap: 5000 } }));
    await until(() => route.connections.length === 1, 'the request');
    route.connections[0]!.send('retry: 400\n\n');
    route.connections[0]!.end();
    await until(() => route.connections.length === 3, 'two reconnects', 10_000);
    const [first, second, third] = route.connections.map((c) => c.at) as [number, number, number];
    expect(second - first).to.be.at.least(350);
    expect(third - second).to.be.at.least(900);
  });

  it('close() stops reading, reconnecting and calling back', async () => {
    const route = streamRoute();
    worker.use(route.handler);
    const { stream, seen } = open({ backoff: { base: 300, cap: 300 } });
    await until(() => seen.opens === 1, 'the open');
    const first = route.connections[0]!;
    first.send(message('unlock', 1, {}));
    await until(() => seen.messages.length === 1, 'the message');
    stream.close();
    first.send(message('unlock', 2, {}));
    first.end();
    await pause(600); // longer than the backoff: a reconnect would have happened by now
    expect(seen.messages.map((m) => m.id)).to.deep.equal(['1']);
    expect(route.connections).to.have.length(1);
    expect(seen.errors).to.deep.equal([]);
    expect(stream.lastEventId).to.equal('1');
  });

  it('close() during the wait before a reconnect cancels the reconnect', async () => {
    const route = streamRoute(() => new HttpResponse(null, { status: 503 }));
    worker.use(route.handler);
    const { stream, seen } = open({ backoff: { base: 300, cap: 300 } });
    await until(() => seen.errors.length === 1, 'the first failure');
    stream.close();
    await pause(600);
    expect(route.connections).to.have.length(1);
    expect(seen.unavailable).to.deep.equal([]);
  });
});
