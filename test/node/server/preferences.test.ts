/**
 * GET and PUT /api/v1/me/preferences: turning gamification off is enforced by the server — the
 * live stream sends nothing, events are still evaluated, and the hooks run once, atomically.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestServer } from './helpers.ts';
import { event, openStream, startTestServer, token } from './helpers.ts';

describe('GET and PUT /api/v1/me/preferences', () => {
  let server: TestServer;
  const put = (auth: string | undefined, body: unknown) =>
    fetch(`${server.url}/api/v1/me/preferences`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', ...(auth ? { Authorization: `Bearer ${auth}` } : {}) },
      body: JSON.stringify(body),
    });
  const get = async (auth: string) => (await (await fetch(`${server.url}/api/v1/me/preferences`, { headers: { Authorization: `Bearer ${auth}` } })).json()) as { gamification: boolean };
  before(async () => {
    server = await startTestServer({}, { heartbeatMs: 100 });
  });
  after(() => server.stop());

  it('is on by default, switches off and on, and GET /me/achievements says which', async () => {
    const auth = await token('rosa');
    assert.deepEqual(await get(auth), { gamification: true });
    assert.equal(((await (await server.me(auth)).json()) as { gamification: boolean }).gamification, true);
    const off = await put(auth, { gamification: false });
    assert.equal(off.status, 200);
    assert.deepEqual(await off.json(), { gamification: false });
    assert.deepEqual(await get(auth), { gamification: false });
    assert.equal(((await (await server.me(auth)).json()) as { gamification: boolean }).gamification, false);
    assert.deepEqual(await (await put(auth, { gamification: true })).json(), { gamification: true });
    assert.deepEqual(await get(await token('someone-else')), { gamification: true }, 'each citizen’s own');
  });

  it('refuses a body that is not { gamification: boolean } (400) and a missing token (401)', async () => {
    const auth = await token('rosa');
    for (const body of [{ gamification: 'off' }, {}, { gamification: false, toasts: false }, null]) {
      const response = await put(auth, body);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'invalid_request');
    }
    assert.equal((await put(undefined, { gamification: false })).status, 401);
    assert.equal((await fetch(`${server.url}/api/v1/me/preferences`)).status, 401);
    assert.deepEqual(await get(auth), { gamification: true });
  });

  it('sends nothing on the live stream while off, still evaluates events, and sends again once back on', async () => {
    const auth = await token('semyon');
    assert.equal((await put(auth, { gamification: false })).status, 200);
    const stream = await openStream(server.url, auth);
    try {
      await server.post([event('semyon', 'profile.verified', '2025-01-10T09:00:00Z')]);
      // A few heartbeats go by (every 100 ms): the stream is alive, and quiet.
      await new Promise((resolve) => setTimeout(resolve, 400));
      assert.ok(stream.comments.length >= 2);
      assert.equal(stream.messages.length, 0);
      const me = (await (await server.me(auth)).json()) as { points: number; achievements: Array<{ id: string; state: string }> };
      assert.equal(me.points, 10);
      assert.equal(me.achievements.find((a) => a.id === 'registered')?.state, 'unlocked', 'earned while off, kept');

      assert.equal((await put(auth, { gamification: true })).status, 200);
      await server.post([event('semyon', 'poll.voted', '2025-01-11T09:00:00Z', { attributes: { poll: 'p' } })]);
      await stream.next((m) => m.event === 'progress');
      const unlocks = stream.messages.filter((m) => m.event === 'unlock').map((m) => (JSON.parse(m.data) as { achievementId: string }).achievementId);
      assert.deepEqual(unlocks, ['poll-participant'], 'what was earned while off is not announced later');
    } finally {
      await stream.close();
    }
    // Nothing was recorded for a reconnect to replay either.
    const kinds = await server.context.db.selectFrom('live_events').select('data').where('user_id', '=', 'semyon').execute();
    assert.ok(kinds.every((row) => !row.data.includes('"registered"')));
  });

  it('runs the gamification-off hooks when it goes off, once, in one transaction with the switch', async () => {
    const calls: string[] = [];
    const hooks = server.context.onGamificationOff;
    const kept = [...hooks];
    hooks.push(async (trx, userId) => {
      calls.push(userId);
      // Inside the transaction: the switch is already written there.
      const row = await trx.selectFrom('preferences').select('gamification').where('user_id', '=', userId).executeTakeFirstOrThrow();
      assert.equal(row.gamification, 0);
    });
    try {
      const auth = await token('taisia');
      await put(auth, { gamification: false });
      await put(auth, { gamification: false });
      assert.deepEqual(calls, ['taisia'], 'off again is not a change');
      await put(auth, { gamification: true });
      await put(auth, { gamification: false });
      assert.deepEqual(calls, ['taisia', 'taisia']);

      hooks.push(async () => {
        throw new Error('a hook failed');
      });
      const ulyana = await token('ulyana');
      const failed = await put(ulyana, { gamification: false });
      assert.equal(failed.status, 500);
      assert.deepEqual(await get(ulyana), { gamification: true }, 'the switch was rolled back with the hook');
    } finally {
      hooks.splice(0, hooks.length, ...kept);
    }
  });
});
