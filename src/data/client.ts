/**
 * The REST client for contract v1, as the widgets use it. Every call resolves to an outcome and
 * never rejects: a page must not break because the network or the server did.
 * - a timeout per attempt, and the caller's signal aborts everything;
 * - network errors, timeouts and 5xx are retried with jittered backoff; 4xx are not;
 * - `If-None-Match` with the ETag the caller holds, and 304 as `not-modified`;
 * - the token: a fixed one, or a provider that is asked again once after a 401;
 * - every 200 answer is parsed against the contract before anyone sees it.
 */
import type { Backoff } from './backoff.ts';
import { backoffDelay, sleep } from './backoff.ts';
import type { Catalog, MyAchievements, Parsed, ShareLink } from './contract.ts';
import { parseCatalog, parseMyAchievements, parseShareLink } from './contract.ts';

/** A citizen token, or nothing (the cookie carries it). */
export type TokenProvider = () => string | undefined | null | Promise<string | undefined | null>;

export interface ClientOptions {
  /** The API base, e.g. `/api/v1` or `https://achievements.example/api/v1`. */
  endpoint: string;
  token?: string | undefined;
  tokenProvider?: TokenProvider | undefined;
  /** fetch's credentials mode; `include` sends the portal's cookie to another origin. */
  credentials?: RequestCredentials | undefined;
  /** Per attempt, in ms. */
  timeoutMs?: number;
  /** Further attempts after the first, for network errors and 5xx. */
  retries?: number;
  backoff?: Backoff;
}

export type Outcome<T> =
  | { kind: 'ok'; value: T; etag: string | undefined }
  | { kind: 'not-modified' }
  /** No token, or one the server refused even after asking the provider again. */
  | { kind: 'unauthenticated'; reason: string }
  /** The server could not be reached (network error or timeout), after the retries. */
  | { kind: 'offline'; reason: string }
  /** The server answered with an error, or with something that is not contract v1. */
  | { kind: 'error'; reason: string; status?: number; code?: string }
  | { kind: 'aborted' };

export const DEFAULTS = { timeoutMs: 10_000, retries: 3, backoff: { base: 500, cap: 8_000 } };

/** What the `Authorization` header needs: resolved lazily, asked again once after a 401. */
class Credentials {
  #current: Promise<string | undefined> | undefined;
  readonly #token: string | undefined;
  readonly #provider: TokenProvider | undefined;

  constructor(token: string | undefined, provider: TokenProvider | undefined) {
    this.#token = token || undefined;
    this.#provider = provider;
  }

  get refreshable(): boolean {
    return this.#provider !== undefined;
  }

  token(): Promise<string | undefined> {
    return (this.#current ??= this.#ask());
  }

  /** Forgets the provider's last answer, so the next request asks it again. */
  renew(): void {
    this.#current = undefined;
  }

  async #ask(): Promise<string | undefined> {
    if (!this.#provider) return this.#token;
    try {
      return (await this.#provider()) || undefined;
    } catch {
      return undefined;
    }
  }
}

/** One request: a GET, or a POST when it has a body, or the method named; `personal` ones carry the citizen's token. */
export interface ApiRequest<T> {
  path: string;
  parse: (input: unknown) => Parsed<T>;
  language: string;
  etag?: string | undefined;
  personal: boolean;
  method?: 'PUT' | 'DELETE' | 'POST';
  body?: string;
  headers?: Record<string, string>;
}

/** `true` when the error is the caller's abort rather than our own timeout. */
const abortedBy = (signal: AbortSignal | undefined) => signal?.aborted === true;

export class AchievementClient {
  readonly endpoint: string;
  readonly credentials: RequestCredentials;
  readonly #auth: Credentials;
  readonly #timeoutMs: number;
  readonly #retries: number;
  readonly #backoff: Backoff;

  constructor(options: ClientOptions) {
    this.endpoint = options.endpoint.replace(/\/+$/, '');
    this.credentials = options.credentials ?? 'same-origin';
    this.#auth = new Credentials(options.token, options.tokenProvider);
    this.#timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
    this.#retries = options.retries ?? DEFAULTS.retries;
    this.#backoff = options.backoff ?? DEFAULTS.backoff;
  }

  /** The headers that authenticate the citizen now (empty when a cookie does it). */
  async authHeaders(): Promise<Record<string, string>> {
    const token = await this.#auth.token();
    return token ? { Authorization: `Bearer ${token}` } : {};
  }

  /** The token as it stands (asking the provider the first time). */
  token(): Promise<string | undefined> {
    return this.#auth.token();
  }

  /** After the server refused the token: asks the provider again. False when there is nothing to ask. */
  async renewToken(): Promise<boolean> {
    if (!this.#auth.refreshable) return false;
    this.#auth.renew();
    return (await this.#auth.token()) !== undefined;
  }

  myAchievements(language: string, etag?: string, signal?: AbortSignal): Promise<Outcome<MyAchievements>> {
    return this.#request({ path: '/me/achievements', parse: parseMyAchievements, language, etag, personal: true }, signal);
  }

  catalog(language: string, etag?: string, signal?: AbortSignal): Promise<Outcome<Catalog>> {
    return this.#request({ path: '/catalog', parse: parseCatalog, language, etag, personal: false }, signal);
  }

  /**
   * A public link to one of the citizen's earned achievements (the server makes it once and
   * answers the same link again). Retried like a GET: the server keeps one live link per
   * achievement, so a repeated POST makes nothing twice.
   */
  shareLink(achievementId: string, language: string, signal?: AbortSignal): Promise<Outcome<ShareLink>> {
    const body = JSON.stringify({ achievementId });
    return this.#request({ path: '/me/shares', parse: parseShareLink, language, personal: true, body }, signal);
  }

  /**
   * Any other call of contract v1 (the store makes issue 7's). Retried like a GET, so only for
   * requests that are safe to repeat: GET, PUT, DELETE, joining a campaign, or a POST that carries
   * the same `Idempotency-Key` on every attempt.
   */
  send<T>(request: ApiRequest<T>, signal?: AbortSignal): Promise<Outcome<T>> {
    return this.#request(request, signal);
  }

  /** The live stream's URL. */
  get streamUrl(): string {
    return `${this.endpoint}/me/stream`;
  }

  async #request<T>(request: ApiRequest<T>, signal: AbortSignal | undefined): Promise<Outcome<T>> {
    let renewed = false;
    for (let attempt = 0; ; attempt += 1) {
      if (abortedBy(signal)) return { kind: 'aborted' };
      const outcome = await this.#attempt(request, signal);
      if (outcome.kind === 'unauthenticated' && request.personal && !renewed && (await this.renewToken())) {
        renewed = true;
        attempt -= 1; // asking for a new token is not a failure of the network
        continue;
      }
      const retryable = outcome.kind === 'offline' || (outcome.kind === 'error' && (outcome.status ?? 0) >= 500);
      if (!retryable || attempt >= this.#retries) return outcome;
      try {
        await sleep(backoffDelay(attempt, this.#backoff), signal);
      } catch {
        return { kind: 'aborted' };
      }
    }
  }

  async #attempt<T>({ path, parse, language, etag, personal, body: sent, method, headers: extra }: ApiRequest<T>, signal: AbortSignal | undefined): Promise<Outcome<T>> {
    const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language, ...extra };
    if (etag) headers['If-None-Match'] = etag;
    if (sent) headers['Content-Type'] = 'application/json';
    if (personal) Object.assign(headers, await this.authHeaders());
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await fetch(`${this.endpoint}${path}`, { method: method ?? (sent ? 'POST' : 'GET'), headers, body: sent, credentials: this.credentials, signal: combined, cache: 'no-store' });
    } catch (error) {
      if (abortedBy(signal)) return { kind: 'aborted' };
      if (timeout.aborted) return { kind: 'offline', reason: `no answer within ${this.#timeoutMs} ms` };
      return { kind: 'offline', reason: error instanceof Error ? error.message : String(error) };
    }
    if (response.status === 304) return { kind: 'not-modified' };
    if (response.status === 401) return { kind: 'unauthenticated', reason: (await errorOf(response)).message };
    if (!response.ok) {
      const { message, code } = await errorOf(response);
      return { kind: 'error', status: response.status, reason: `HTTP ${response.status}: ${message}`, ...(code ? { code } : {}) };
    }
    let body: unknown;
    try {
      body = response.status === 204 ? undefined : await response.json();
    } catch {
      if (abortedBy(signal)) return { kind: 'aborted' };
      if (timeout.aborted) return { kind: 'offline', reason: `no answer within ${this.#timeoutMs} ms` };
      return { kind: 'error', status: 200, reason: `${path}: the answer is not JSON` };
    }
    const parsed = parse(body);
    if (!parsed.ok) return { kind: 'error', status: 200, reason: parsed.reason };
    return { kind: 'ok', value: parsed.value, etag: response.headers.get('ETag') ?? undefined };
  }
}

/** The contract's `{ error: { code, message } }`, or the status text. */
async function errorOf(response: Response): Promise<{ message: string; code?: string }> {
  try {
    const { error } = (await response.json()) as { error?: { message?: unknown; code?: unknown } };
    if (typeof error?.message === 'string') return { message: error.message.slice(0, 300), ...(typeof error.code === 'string' ? { code: error.code.slice(0, 100) } : {}) };
  } catch {
    // not JSON: fall through
  }
  return { message: response.statusText || 'no details' };
}
