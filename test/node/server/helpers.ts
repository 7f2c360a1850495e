/** A real server on 127.0.0.1 (random port) over a temporary SQLite file, and ways to talk to it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createParser } from 'eventsource-parser';
import { SignJWT } from 'jose';
import type { AchievementEvent } from '../../../src/engine/index.ts';
import type { Config } from '../../../server/config.ts';
import type { RunningServer, StartOptions } from '../../../server/server.ts';
import { startServer } from '../../../server/server.ts';

export const SERVICE_KEY = 'test-service-key';
export const JWT_SECRET = 'test-secret-test-secret-test-secret-1234';
export const ADMIN_KEY = 'test-admin-key';

export interface TestServer extends RunningServer {
  dir: string;
  config: Config;
  post(events: unknown, init?: { key?: string; contentType?: string; body?: string }): Promise<Response>;
  me(token: string | undefined, headers?: Record<string, string>): Promise<Response>;
  stop(): Promise<void>;
}

export function testConfig(dir: string, overrides: Partial<Config> = {}): Config {
  return {
    host: '127.0.0.1',
    port: 0,
    db: join(dir, 'test.sqlite'),
    serviceKeys: [SERVICE_KEY],
    jwtSecret: JWT_SECRET,
    corsOrigins: [],
    trustedProxies: [],
    publicUrl: 'https://achievements.example',
    portalUrl: undefined,
    catalogPath: undefined,
    campaignsPath: undefined,
    rewardsPath: undefined,
    adminKeys: [ADMIN_KEY],
    limits: { service: { perSecond: 10_000, burst: 10_000 }, citizen: { perSecond: 10_000, burst: 10_000 }, authFailures: { perSecond: 10_000, burst: 10_000 } },
    ...overrides,
  };
}

export async function startTestServer(overrides: Partial<Config> = {}, options: StartOptions = {}, dir = mkdtempSync(join(tmpdir(), 'civic-server-'))): Promise<TestServer> {
  const config = testConfig(dir, overrides);
  const running = await startServer(config, { log: false, ...options });
  return {
    ...running,
    dir,
    config,
    post: (events, init = {}) =>
      fetch(`${running.url}/api/v1/events`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${init.key ?? SERVICE_KEY}`, 'Content-Type': init.contentType ?? 'application/json' },
        body: init.body ?? JSON.stringify({ events }),
      }),
    me: (token, headers = {}) => fetch(`${running.url}/api/v1/me/achievements`, { headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers } }),
    stop: async () => {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function token(sub: string, { secret = JWT_SECRET, expiresIn = '1h' }: { secret?: string; expiresIn?: string | number } = {}): Promise<string> {
  return new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuedAt().setExpirationTime(expiresIn).sign(new TextEncoder().encode(secret));
}

let counter = 0;
export function event(userId: string, type: string, occurredAt: string, extra: Partial<AchievementEvent> = {}): AchievementEvent {
  return { id: `${userId}-${type}-${++counter}`, userId, type, occurredAt, ...extra };
}

export interface SseMessage {
  id?: string;
  event?: string;
  data: string;
}

/** Opens a live stream and collects its messages until closed. */
export async function openStream(url: string, auth: string, lastEventId?: string) {
  const controller = new AbortController();
  const response = await fetch(`${url}/api/v1/me/stream`, {
    headers: { Authorization: `Bearer ${auth}`, ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}) },
    signal: controller.signal,
  });
  /** The live events (unlock, progress, campaign). */
  const messages: SseMessage[] = [];
  /** The `ready` message a stream opens with (its id is where the stream starts), kept apart like comments. */
  const ready: SseMessage[] = [];
  const comments: string[] = [];
  const waiters: Array<() => void> = [];
  const parser = createParser({
    onEvent: (message) => {
      const parsed = { ...(message.id ? { id: message.id } : {}), ...(message.event ? { event: message.event } : {}), data: message.data };
      (parsed.event === 'ready' ? ready : messages).push(parsed);
      waiters.splice(0).forEach((wake) => wake());
    },
    onComment: (comment) => comments.push(comment),
  });
  const reading = (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) parser.feed(decoder.decode(chunk, { stream: true }));
    } catch {
      // aborted
    }
  })();
  /** Resolves once `list` holds a message matching `test`, or rejects after `ms`. */
  const arrival = async (list: SseMessage[], test: (message: SseMessage) => boolean, ms: number): Promise<SseMessage> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = list.find(test);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching stream message within ${ms} ms; got ${JSON.stringify(list)}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, left);
      });
    }
  };
  return {
    response,
    messages,
    comments,
    /** Resolves once a live event matching `test` has arrived, or rejects after `ms`. */
    next: (test: (message: SseMessage) => boolean, ms = 2000) => arrival(messages, test, ms),
    /** Resolves with the stream's `ready` message. */
    ready: (ms = 2000) => arrival(ready, () => true, ms),
    async close() {
      controller.abort();
      await reading;
    },
  };
}
