/** POST /api/v1/events against the real server and SQLite file. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestServer } from './helpers.ts';
import { event, startTestServer, token } from './helpers.ts';

describe('POST /api/v1/events', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.stop());

  const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string; details?: unknown } }).error;
  const pointsOf = async (userId: string) => ((await (await server.me(await token(userId))).json()) as { points: number }).points;

  it('stores a batch and answers what was accepted, duplicated and unlocked', async () => {
    const events = [event('ann', 'profile.verified', '2025-01-10T09:00:00Z'), event('ann', 'application.submitted', '2025-01-11T09:00:00+03:00')];
    const response = await server.post([...events, events[1]]);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {
      accepted: 2,
      duplicates: 1,
      unlocked: [
        { userId: 'ann', achievementId: 'registered', unlockedAt: '2025-01-10T09:00:00.000Z' },
        { userId: 'ann', achievementId: 'first-request', unlockedAt: '2025-01-11T06:00:00.000Z' },
      ],
    });
    const again = await server.post(events);
    assert.deepEqual(await again.json(), { accepted: 0, duplicates: 2, unlocked: [] });
    assert.equal(await pointsOf('ann'), 10 + 20 + 10);
  });

  it('counts a batch retried 50 times at once exactly once', async () => {
    const events = [event('bob', 'profile.verified', '2025-02-01T09:00:00Z'), ...[1, 2, 3].map((d) => event('bob', 'application.submitted', `2025-02-0${d + 1}T09:00:00Z`))];
    const answers = await Promise.all(Array.from({ length: 50 }, () => server.post(events).then((r) => r.json() as Promise<{ accepted: number; duplicates: number; unlocked: unknown[] }>)));
    assert.equal(answers.reduce((sum, a) => sum + a.accepted, 0), 4);
    assert.ok(answers.every((a) => a.accepted + a.duplicates === 4));
    assert.equal(answers.flatMap((a) => a.unlocked).length, 3); // registered, first-request, regular-user: once
    assert.equal(await pointsOf('bob'), 10 + 20 + 40 + 30);
  });

  it('replays a late event so the unlock gets its in-order time', async () => {
    await server.post([event('cat', 'profile.verified', '2025-03-01T09:00:00Z'), event('cat', 'application.submitted', '2025-03-10T09:00:00Z'), event('cat', 'application.submitted', '2025-03-25T09:00:00Z'), event('cat', 'app.login', '2025-04-02T09:00:00Z')]);
    const response = await server.post([event('cat', 'application.submitted', '2025-03-15T09:00:00Z')]);
    assert.deepEqual(((await response.json()) as { unlocked: unknown[] }).unlocked, [{ userId: 'cat', achievementId: 'regular-user', unlockedAt: '2025-03-25T09:00:00.000Z' }]);
  });

  it('reports an unlock made before a late event of the same batch', async () => {
    await server.post([event('cid', 'profile.verified', '2025-03-01T09:00:00Z'), event('cid', 'app.login', '2025-03-20T09:00:00Z')]);
    // In time order: a poll on the 21st (in order) and an application on the 10th (late).
    const response = await server.post([event('cid', 'poll.voted', '2025-03-21T09:00:00Z', { attributes: { poll: 'p' } }), event('cid', 'application.submitted', '2025-03-10T09:00:00Z')]);
    const ids = ((await response.json()) as { unlocked: { achievementId: string }[] }).unlocked.map((u) => u.achievementId).sort();
    assert.deepEqual(ids, ['first-request', 'poll-participant']);
  });

  it('rejects a batch with one invalid event whole, naming its index and field, and stores nothing', async () => {
    const good = event('dan', 'profile.verified', '2025-01-10T09:00:00Z');
    const response = await server.post([good, { ...event('dan', 'poll.voted', '2025-01-11T09:00:00Z'), channel: 'fax' }]);
    assert.equal(response.status, 400);
    const error = await errorOf(response);
    assert.equal(error.code, 'invalid_event');
    assert.equal(error.message, 'events[1].channel: expected one of web|mobile|office|api');
    assert.deepEqual(((await (await server.post([good])).json()) as { accepted: number }).accepted, 1, 'the valid event was not stored before');
  });

  it('refuses an attribute with a reserved name (400, naming it) instead of storing the event without it', async () => {
    const bare = event('dan', 'poll.voted', '2025-01-12T09:00:00Z');
    for (const name of ['__proto__', 'constructor', 'prototype']) {
      const body = `{"events": [${JSON.stringify(bare).slice(0, -1)}, "attributes": {"${name}": "x", "poll": "p"}}]}`;
      const response = await server.post(null, { body });
      assert.equal(response.status, 400, name);
      assert.equal((await errorOf(response)).message, `events[0].attributes.${name}: a reserved name, not allowed as an attribute`);
    }
    const stored = await server.context.db.selectFrom('events').select('id').where('id', '=', bare.id).execute();
    assert.deepEqual(stored, [], 'nothing stored');
  });

  it('takes 1000 events in a batch and refuses 1001, naming the list', async () => {
    const batch = (n: number, user: string) => Array.from({ length: n }, (_, i) => event(user, 'poll.voted', new Date(Date.UTC(2025, 0, 10, 9, 0, i)).toISOString()));
    const ok = await server.post(batch(1000, 'ekaterina'));
    assert.equal(ok.status, 200);
    assert.equal(((await ok.json()) as { accepted: number }).accepted, 1000);
    const tooMany = await server.post(batch(1001, 'fedor'));
    assert.equal(tooMany.status, 400);
    assert.match((await errorOf(tooMany)).message, /^events: /);
  });

  it('rejects events before 2000 and from the future, and keeps the ones in range', async () => {
    const old = await server.post([event('eve', 'app.login', '1970-01-01T00:00:00Z')]);
    assert.equal(old.status, 400);
    assert.equal((await errorOf(old)).message, 'events[0].occurredAt: before 2000-01-01, earlier than any portal event');
    const future = await server.post([event('eve', 'app.login', new Date(Date.now() + 3_600_000).toISOString())]);
    assert.equal(future.status, 400);
    assert.equal((await errorOf(future)).message, 'events[0].occurredAt: in the future');
    const skewed = await server.post([event('eve', 'app.login', new Date(Date.now() + 60_000).toISOString())]);
    assert.equal(skewed.status, 200, 'a minute of clock skew is fine');
  });

  it('answers malformed JSON, a wrong content type, a missing or wrong key, and a 2 MB body', async () => {
    const malformed = await server.post(null, { body: '{"events": [' });
    assert.deepEqual([malformed.status, (await errorOf(malformed)).code], [400, 'invalid_json']);
    const form = await server.post(null, { contentType: 'application/x-www-form-urlencoded', body: 'events=1' });
    assert.deepEqual([form.status, (await errorOf(form)).code], [415, 'unsupported_media_type']);
    const noKey = await fetch(`${server.url}/api/v1/events`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"events":[]}' });
    assert.deepEqual([noKey.status, (await errorOf(noKey)).code], [401, 'unauthenticated']);
    const wrongKey = await server.post([event('x', 'app.login', '2025-01-01T00:00:00Z')], { key: 'not-the-key' });
    assert.equal(wrongKey.status, 401);
    const huge = await server.post(null, { body: JSON.stringify({ events: [], padding: 'x'.repeat(2 * 1024 * 1024) }) });
    assert.deepEqual([huge.status, (await errorOf(huge)).code], [413, 'payload_too_large']);
    const empty = await server.post([]);
    assert.deepEqual([empty.status, (await errorOf(empty)).message], [400, 'events: expected at least one event']);
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After past a service key’s rate', async () => {
    const server = await startTestServer({ limits: { service: { perSecond: 1, burst: 2 }, citizen: { perSecond: 1, burst: 2 }, authFailures: { perSecond: 1, burst: 3 } } });
    try {
      const batch = [event('fay', 'app.login', '2025-01-01T00:00:00Z')];
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await server.post(batch)).status);
      assert.deepEqual(statuses, [200, 200, 429]);
      const limited = await server.post(batch);
      assert.equal(limited.status, 429);
      assert.ok(Number(limited.headers.get('retry-after')) >= 1);
      const citizen = await token('fay');
      const seen = [];
      for (let i = 0; i < 3; i++) seen.push((await server.me(citizen)).status);
      assert.deepEqual(seen, [200, 200, 429]);
      // Guessing: wrong keys and bad tokens from one address are refused, then slowed down.
      const guesses = [];
      for (let i = 0; i < 4; i++) guesses.push((await server.post(batch, { key: `guess-${i}` })).status);
      assert.deepEqual(guesses, [401, 401, 401, 429]);
      assert.equal((await server.me('not.a.token')).status, 429);
    } finally {
      await server.stop();
    }
  });
});
