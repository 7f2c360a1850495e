/**
 * When the database fails under a running server (as when its connection is lost): the health
 * check says so with 503, a handler's unexpected error answers a bare 500, and the details go to
 * the structured log, never to the client.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestServer } from './helpers.ts';
import { startTestServer, token } from './helpers.ts';

interface LogLine {
  time: string;
  level: string;
  message: string;
  [field: string]: unknown;
}

describe('a server whose database has stopped answering', () => {
  let server: TestServer;
  const lines: string[] = [];
  /** Every line the server logged, each parsed as one JSON object. */
  const logged = () => lines.map((line) => JSON.parse(line) as LogLine);

  before(async () => {
    server = await startTestServer({}, { log: (line) => lines.push(line) });
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200, 'healthy before');
    await server.context.db.destroy();
  });
  after(() => server.stop());

  it('answers /healthz with 503 and an Error, and logs why', async () => {
    const response = await fetch(`${server.url}/healthz`);
    assert.equal(response.status, 503);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(await response.json(), { error: { code: 'unavailable', message: 'The database does not answer.' } });
    const failure = logged().find((line) => line.message === 'health check failed');
    assert.ok(failure, `no log line for the failed check: ${lines.join('\n')}`);
    assert.equal(failure.level, 'error');
    assert.match(String(failure.error), /./, 'with the cause');
  });

  it('answers a handler’s unexpected error with a bare 500, and logs the stack as JSON', async () => {
    const response = await fetch(`${server.url}/api/v1/me/achievements`, { headers: { Authorization: `Bearer ${await token('alice')}` } });
    assert.equal(response.status, 500);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    const text = await response.text();
    assert.deepEqual(JSON.parse(text), { error: { code: 'internal', message: 'Something went wrong on our side.' } });

    const unhandled = logged().find((line) => line.message === 'unhandled');
    assert.ok(unhandled, `no log line for the error: ${lines.join('\n')}`);
    assert.equal(unhandled.level, 'error');
    assert.ok(!Number.isNaN(Date.parse(unhandled.time)));
    assert.deepEqual([unhandled.method, unhandled.path], ['GET', '/api/v1/me/achievements']);
    const { error, stack } = unhandled as LogLine & { error: string; stack: string };
    assert.match(error, /./, 'with the cause');
    assert.match(stack, /\n\s+at .+:\d+:\d+/, 'and the stack, with its files and lines');
    // None of it reaches the client: not the cause, not a frame, not a path, not the query.
    for (const secret of [error, ...stack.split('\n').slice(1).map((frame) => frame.trim())]) assert.ok(!text.includes(secret), `the body shows "${secret}"`);
    assert.doesNotMatch(text, /\bat\s|node_modules|\/work\/|\.ts\b|select|user_states/i);

    const request = logged().find((line) => line.message === 'request' && line.path === '/api/v1/me/achievements');
    assert.equal(request?.status, 500, 'the request log has the answer’s status');
  });

  it('answers the live stream with a bare 500 too, logged as JSON, before any event is sent', async () => {
    const response = await fetch(`${server.url}/api/v1/me/stream`, { headers: { Authorization: `Bearer ${await token('alice')}` } });
    assert.equal(response.status, 500);
    assert.deepEqual(await response.json(), { error: { code: 'internal', message: 'Something went wrong on our side.' } });
    const unhandled = logged().find((line) => line.message === 'unhandled' && line.path === '/api/v1/me/stream');
    assert.ok(unhandled, `no log line for the stream's error: ${lines.join('\n')}`);
    assert.match(String(unhandled.stack), /\n\s+at /);
  });
});

describe('a live stream whose database fails once it has started', () => {
  it('ends without telling the client why (no `error` event), and logs the cause as JSON', async () => {
    const lines: string[] = [];
    const server = await startTestServer({}, { log: (line) => lines.push(line), heartbeatMs: 60_000 });
    const database = server.context.db;
    const cause = 'SQLITE_IOERR: disk I/O error at /srv/ach/var/achievements.sqlite';
    try {
      // The first read of live_events is before the answer (where the feed stands); the second,
      // the backlog of a resumed stream, is once the stream has started.
      let reads = 0;
      server.context.db = new Proxy(database, {
        get(target, property) {
          if (property === 'selectFrom') {
            return (table: Parameters<typeof database.selectFrom>[0]) => {
              if (table === 'live_events' && ++reads === 2) throw new Error(cause);
              return target.selectFrom(table);
            };
          }
          const value: unknown = Reflect.get(target, property, target);
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        },
      });
      const response = await fetch(`${server.url}/api/v1/me/stream`, { headers: { Authorization: `Bearer ${await token('alice')}`, 'Last-Event-ID': '0' } });
      assert.equal(response.status, 200);
      const text = await response.text(); // the server ends the stream
      assert.doesNotMatch(text, /event: error|SQLITE|\/srv\//);
      assert.match(text, /^retry: 3000\n\nevent: ready\n/);
      const failure = lines.map((line) => JSON.parse(line) as LogLine).find((line) => line.message === 'live stream failed');
      assert.ok(failure, `no log line for the failure: ${lines.join('\n')}`);
      assert.deepEqual([failure.level, failure.path, failure.error], ['error', '/api/v1/me/stream', cause]);
      assert.match(String(failure.stack), /\n\s+at /);
      assert.equal(server.context.live.streamsOf('alice'), 0, 'and lets go of the citizen');
    } finally {
      server.context.db = database;
      await server.stop();
    }
  });
});
