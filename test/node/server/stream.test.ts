/** GET /api/v1/me/stream: live unlocks and progress, resume after a reconnect. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestServer } from './helpers.ts';
import { event, openStream, startTestServer, token } from './helpers.ts';

describe('GET /api/v1/me/stream', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({}, { heartbeatMs: 200 });
  });
  after(() => server.stop());

  it('delivers an unlock within a second of the ingest, and progress with it', async () => {
    const stream = await openStream(server.url, await token('gleb'));
    try {
      assert.equal(stream.response.headers.get('content-type'), 'text/event-stream');
      const sent = Date.now();
      await server.post([event('gleb', 'profile.verified', '2025-01-10T09:00:00Z')]);
      const unlock = await stream.next((m) => m.event === 'unlock', 1000);
      assert.ok(Date.now() - sent < 1000);
      assert.deepEqual(JSON.parse(unlock.data), { achievementId: 'registered', unlockedAt: '2025-01-10T09:00:00.000Z', points: 10 });
      assert.match(unlock.id ?? '', /^\d+$/);
      const progress = JSON.parse((await stream.next((m) => m.event === 'progress')).data) as { points: number; achievements: { id: string; state: string }[] };
      assert.equal(progress.points, 10);
      assert.deepEqual(progress.achievements.map((a) => [a.id, a.state]), [['registered', 'unlocked']]);
    } finally {
      await stream.close();
    }
  });

  it('sends nothing of other citizens', async () => {
    const stream = await openStream(server.url, await token('hana'));
    try {
      await stream.ready();
      const heartbeats = stream.comments.length;
      await server.post([event('ivan', 'profile.verified', '2025-01-10T09:00:00Z')]);
      // Payloads name no citizen, so only silence tells: two heartbeats (200 ms each) after ivan's
      // unlock, anything published to this stream would have been written before them.
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.ok(stream.comments.length - heartbeats >= 2, `comments: ${JSON.stringify(stream.comments)}`);
      assert.deepEqual(stream.messages, [], 'nothing of ivan’s');
      await server.post([event('hana', 'profile.verified', '2025-01-10T09:00:00Z')]);
      const unlock = await stream.next((m) => m.event === 'unlock');
      assert.equal((JSON.parse(unlock.data) as { achievementId: string }).achievementId, 'registered');
      await stream.next((m) => m.event === 'progress');
    } finally {
      await stream.close();
    }
  });

  it('resumes after a reconnect with Last-Event-ID: nothing missed, nothing twice', async () => {
    const auth = await token('juno');
    const first = await openStream(server.url, auth);
    await server.post([event('juno', 'profile.verified', '2025-01-10T09:00:00Z')]);
    const seen = await first.next((m) => m.event === 'progress');
    await first.close();
    // While disconnected: an application (first-request) and a poll (poll-participant).
    await server.post([event('juno', 'application.submitted', '2025-01-11T09:00:00Z'), event('juno', 'poll.voted', '2025-01-12T09:00:00Z', { attributes: { poll: 'p' } })]);
    const second = await openStream(server.url, auth, seen.id);
    try {
      await second.next((m) => m.event === 'progress');
      const unlocks = second.messages.filter((m) => m.event === 'unlock').map((m) => (JSON.parse(m.data) as { achievementId: string }).achievementId);
      assert.deepEqual(unlocks, ['first-request', 'poll-participant']);
      assert.ok(second.messages.every((m) => Number(m.id) > Number(seen.id)));
    } finally {
      await second.close();
    }
  });

  it('opens with a `ready` event whose id is where it starts, so a quiet stream’s reconnect misses nothing', async () => {
    const auth = await token('lada');
    await server.post([event('other', 'profile.verified', '2025-01-10T09:00:00Z')]); // the feed is not empty
    const quiet = await openStream(server.url, auth);
    const ready = await quiet.ready();
    await quiet.close();
    assert.equal(ready.data, '{}');
    assert.match(ready.id ?? '', /^[1-9]\d*$/);
    assert.deepEqual(quiet.messages, [], 'nothing else came');
    // In the gap before the reconnect (the browser's retry: 3 s).
    await server.post([event('lada', 'profile.verified', '2025-01-10T09:00:00Z')]);
    const again = await openStream(server.url, auth, ready.id);
    try {
      const unlock = await again.next((m) => m.event === 'unlock');
      assert.equal((JSON.parse(unlock.data) as { achievementId: string }).achievementId, 'registered');
      assert.equal((await again.ready()).id, ready.id, 'a resumed stream starts where it was asked to');
    } finally {
      await again.close();
    }
  });

  it('resumes from now when Last-Event-ID is beyond the feed (a restored database), instead of staying silent', async () => {
    const stream = await openStream(server.url, await token('mira'), '999999');
    try {
      const ready = await stream.ready();
      assert.ok(Number(ready.id) < 999_999, `starts at ${ready.id}`);
      await server.post([event('mira', 'profile.verified', '2025-01-10T09:00:00Z')]);
      await stream.next((m) => m.event === 'unlock');
    } finally {
      await stream.close();
    }
  });

  it('keeps an idle stream alive with comments, and refuses a stream without a token', async () => {
    const stream = await openStream(server.url, await token('kira'));
    await new Promise((resolve) => setTimeout(resolve, 700)); // heartbeats every 200 ms in this server
    await stream.close();
    assert.ok(stream.comments.filter((c) => c.trim() === 'keep-alive').length >= 2, `comments: ${JSON.stringify(stream.comments)}`);
    assert.deepEqual(stream.messages, []);
    const refused = await fetch(`${server.url}/api/v1/me/stream`);
    assert.equal(refused.status, 401);
  });
});

describe('windows that close with time', () => {
  it('unlock at the window’s end without a further event, announced on the stream', async () => {
    // The server's clock stands on 2025-12-05; the citizen's last events are in November.
    const server = await startTestServer({}, { now: () => Date.parse('2025-12-05T12:00:00Z') });
    try {
      await server.post([
        event('mila', 'profile.verified', '2025-10-01T09:00:00Z'),
        event('mila', 'fine.paid', '2025-11-03T09:00:00Z', { channel: 'web' }),
        event('mila', 'certificate.received', '2025-11-20T09:00:00Z', { channel: 'mobile', attributes: { service: 'income' } }),
      ]);
      const auth = await token('mila');
      const stream = await openStream(server.url, auth);
      try {
        assert.equal(await server.sweep(), 1);
        const unlock = JSON.parse((await stream.next((m) => m.event === 'unlock')).data) as { achievementId: string; unlockedAt: string };
        assert.deepEqual(unlock, { achievementId: 'digital-month', unlockedAt: '2025-11-30T21:00:00.000Z', points: 40 });
        assert.equal(await server.sweep(), 0, 'nothing is due twice');
      } finally {
        await stream.close();
      }
      // A late November event now replays the log; the unlock stays (earned is forever).
      await server.post([event('mila', 'office.visited', '2025-11-25T09:00:00Z', { channel: 'office' })]);
      const me = (await (await server.me(auth)).json()) as { achievements: Array<{ id: string; state: string; unlockedAt?: string }> };
      const month = me.achievements.find((a) => a.id === 'digital-month');
      assert.deepEqual([month?.state, month?.unlockedAt], ['unlocked', '2025-11-30T21:00:00.000Z']);
    } finally {
      await server.stop();
    }
  });
});

describe('a sweep of many citizens', () => {
  it('lets the event loop turn between its batches, so requests are answered meanwhile', async () => {
    const server = await startTestServer({}, { now: () => Date.parse('2025-12-05T12:00:00Z') });
    try {
      // 120 citizens whose November (a month without an office visit) closed: several batches.
      const citizens = Array.from({ length: 120 }, (_, i) => `month-${i}`);
      await server.post(
        citizens.flatMap((c) => [
          event(c, 'profile.verified', '2025-10-01T09:00:00Z'),
          event(c, 'fine.paid', '2025-11-03T09:00:00Z', { channel: 'web' }),
          event(c, 'certificate.received', '2025-11-20T09:00:00Z', { channel: 'mobile', attributes: { service: 'income' } }),
        ]),
      );
      let turns = 0;
      let sweeping = true;
      const turn = () => {
        turns += 1;
        if (sweeping) setImmediate(turn);
      };
      setImmediate(turn);
      const swept = await server.sweep();
      sweeping = false;
      assert.equal(swept, 120);
      assert.ok(turns >= 2, `the loop turned ${turns} times during the sweep`);
      const me = (await (await server.me(await token('month-119'))).json()) as { achievements: Array<{ id: string; state: string }> };
      assert.equal(me.achievements.find((a) => a.id === 'digital-month')?.state, 'unlocked');
    } finally {
      await server.stop();
    }
  });
});

describe('a new stream', () => {
  it('starts from now: old unlocks are not sent again on a page load', async () => {
    const server = await startTestServer();
    try {
      await server.post([event('nina', 'profile.verified', '2025-01-10T09:00:00Z')]);
      const stream = await openStream(server.url, await token('nina'));
      try {
        await server.post([event('nina', 'poll.voted', '2025-01-11T09:00:00Z', { attributes: { poll: 'p' } })]);
        await stream.next((m) => m.event === 'progress');
        const unlocks = stream.messages.filter((m) => m.event === 'unlock').map((m) => (JSON.parse(m.data) as { achievementId: string }).achievementId);
        assert.deepEqual(unlocks, ['poll-participant']);
      } finally {
        await stream.close();
      }
    } finally {
      await server.stop();
    }
  });
});

describe('GET /api/v1/me/stream after a long absence', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({}, { heartbeatMs: 200 });
  });
  after(() => server.stop());

  it('resumes with everything missed, more than one page of it, in order', async () => {
    const missed = 2_345;
    const rows = Array.from({ length: missed }, (_, i) => ({ seq: i + 1, user_id: 'olga', kind: 'progress' as const, data: JSON.stringify({ n: i + 1 }), created_at: Date.now() }));
    for (let i = 0; i < rows.length; i += 500) await server.context.db.insertInto('live_events').values(rows.slice(i, i + 500)).execute();
    const stream = await openStream(server.url, await token('olga'), '0');
    try {
      await stream.next((m) => m.id === String(missed), 5000);
      const ids = stream.messages.filter((m) => m.event === 'progress').map((m) => Number(m.id));
      assert.deepEqual(ids, rows.map((row) => row.seq));
    } finally {
      await stream.close();
    }
  });
});

describe('live streams per citizen', () => {
  it('holds at most five at once, even asked for all together: the rest answer 429 with Retry-After until one closes', async () => {
    const server = await startTestServer({}, { heartbeatMs: 60_000 });
    const streams: Array<Awaited<ReturnType<typeof openStream>>> = [];
    try {
      const auth = await token('pavel');
      streams.push(...(await Promise.all(Array.from({ length: 8 }, () => openStream(server.url, auth)))));
      assert.deepEqual(streams.map((s) => s.response.status).sort(), [200, 200, 200, 200, 200, 429, 429, 429]);
      const refused = await fetch(`${server.url}/api/v1/me/stream`, { headers: { Authorization: `Bearer ${auth}` } });
      assert.equal(refused.status, 429);
      assert.equal(refused.headers.get('retry-after'), '30');
      const { error } = (await refused.json()) as { error: { code: string; message: string } };
      assert.deepEqual([error.code, error.message], ['too_many_streams', 'At most 5 live streams at once per citizen: close another tab or device first.']);
      const other = await openStream(server.url, await token('raisa'));
      streams.push(other);
      assert.equal(other.response.status, 200, 'another citizen has places of their own');

      await streams.find((s) => s.response.status === 200)!.close();
      for (let i = 0; server.context.live.streamsOf('pavel') >= 5; i++) {
        assert.ok(i < 100, 'the closed stream is never let go');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const again = await openStream(server.url, auth);
      streams.push(again);
      assert.equal(again.response.status, 200);
    } finally {
      await Promise.all(streams.map((s) => s.close()));
      await server.stop();
    }
  });
});
