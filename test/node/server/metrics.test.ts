/**
 * GET /api/v1/admin/metrics on a constructed history whose answers were worked out by hand (the
 * comments say how), and who may ask: the admin key matrix.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestServer } from './helpers.ts';
import { ADMIN_KEY, SERVICE_KEY, event, startTestServer, token } from './helpers.ts';

const NOW = Date.parse('2025-06-30T12:00:00+03:00');
/** Moscow wall-clock time. */
const msk = (local: string) => `${local}+03:00`;

interface Metrics {
  from: string;
  to: string;
  activeParticipants: { daily: Array<{ day: string; count: number }>; monthly: Array<{ month: string; count: number }> };
  achievementsPerParticipant: Array<{ month: string; average: number }>;
  retention30: { participants: { cohort: number; retained: number; rate: number }; nonParticipants: { cohort: number; retained: number; rate: number } };
  achievements: Array<{ id: string; unlocks: number; rarity: number; averageRating?: number; ratings: number }>;
  redemptions: Array<{ rewardId: string; count: number; points: number }>;
}

/** `authorization: null` sends none. */
const metrics = (server: TestServer, query = '', authorization: string | null = `Bearer ${ADMIN_KEY}`) =>
  fetch(`${server.url}/api/v1/admin/metrics${query}`, { headers: authorization ? { Authorization: authorization } : {} });

describe('GET /api/v1/admin/metrics on a constructed history', () => {
  let server: TestServer;
  let body: Metrics;
  before(async () => {
    server = await startTestServer({}, { now: () => NOW });
    const ingested = await server.post([
      // old: verified before the range (its unlock is not counted in it), active on 3 March, then gone.
      event('old', 'profile.verified', msk('2025-02-20T12:00:00')),
      event('old', 'app.login', msk('2025-03-03T12:00:00')),
      // ann: registered 1 March, poll-participant 2 March; back on 5 April (and after the range).
      event('ann', 'profile.verified', msk('2025-03-01T09:00:00')),
      event('ann', 'poll.voted', msk('2025-03-02T10:00:00'), { attributes: { poll: 'p1' } }),
      event('ann', 'app.login', msk('2025-04-05T10:00:00')),
      event('ann', 'app.login', msk('2025-06-10T10:00:00')),
      // bob: registered 10 March, poll-participant 11 March, not seen again.
      event('bob', 'profile.verified', msk('2025-03-10T10:00:00')),
      event('bob', 'poll.voted', msk('2025-03-11T10:00:00'), { attributes: { poll: 'p1' } }),
      // cat and dan never verify: never participants. cat comes back 36 days later, dan does not.
      event('cat', 'app.login', msk('2025-03-05T10:00:00')),
      event('cat', 'app.login', msk('2025-04-10T10:00:00')),
      event('dan', 'app.login', msk('2025-03-20T10:00:00')),
      // eve: active 15 March, verified (her first unlock) 20 April: 36 days later, too late to be a participant in her cohort.
      event('eve', 'app.login', msk('2025-03-15T10:00:00')),
      event('eve', 'profile.verified', msk('2025-04-20T10:00:00')),
      // fay: starts 15 April, after the cohort's 30 days.
      event('fay', 'profile.verified', msk('2025-04-15T10:00:00')),
      event('fay', 'poll.voted', msk('2025-04-15T11:00:00'), { attributes: { poll: 'p2' } }),
      // gus: 31 March 22:30 UTC is 1 April 01:30 in Moscow: April's, not March's.
      event('gus', 'profile.verified', '2025-03-31T22:30:00Z'),
    ]);
    assert.equal(ingested.status, 200);
    // The premise: exactly these unlocks came of it.
    const unlocks = await server.context.db.selectFrom('unlocks').select(['user_id', 'achievement_id']).orderBy('user_id').orderBy('achievement_id').execute();
    assert.deepEqual(unlocks.map((u) => `${u.user_id}:${u.achievement_id}`), [
      'ann:poll-participant', 'ann:registered', 'bob:poll-participant', 'bob:registered', 'eve:registered', 'fay:poll-participant', 'fay:registered', 'gus:registered', 'old:registered',
    ]);
    // Ratings: registered 5 and 2, poll-participant 4.
    const rate = async (userId: string, achievementId: string, rating: number) => {
      const response = await fetch(`${server.url}/api/v1/me/feedback/${achievementId}`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${await token(userId)}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ rating }),
      });
      assert.equal(response.status, 200);
    };
    await rate('ann', 'registered', 5);
    await rate('bob', 'registered', 2);
    await rate('ann', 'poll-participant', 4);
    // gus turns gamification off: no longer counted for rarity.
    const off = await fetch(`${server.url}/api/v1/me/preferences`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${await token('gus')}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ gamification: false }),
    });
    assert.equal(off.status, 200);
    // Redemptions as stored: two in the range and one after it, a prize at no cost, one of a reward since removed.
    const grant = (id: string, userId: string, rewardId: string, cost: number, at: string) => ({
      id,
      user_id: userId,
      reward_id: rewardId,
      cost,
      idempotency_key: `key-${id}`,
      granted_at: Date.parse(msk(at)),
      expires_at: Date.parse(msk(at)) + 86_400_000,
    });
    await server.context.db
      .insertInto('redemptions')
      .values([
        grant('r1', 'ann', 'personal-recommendations', 100, '2025-03-05T10:00:00'),
        grant('r2', 'bob', 'personal-recommendations', 100, '2025-05-29T23:59:00'),
        grant('r3', 'ann', 'personal-recommendations', 100, '2025-05-30T00:00:00'),
        grant('r4', 'fay', 'priority-booking', 0, '2025-04-16T10:00:00'),
        grant('r5', 'eve', 'old-perk', 50, '2025-04-21T10:00:00'),
      ])
      .execute();

    const response = await metrics(server, '?from=2025-03-01&to=2025-05-29');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'private, no-store');
    body = (await response.json()) as Metrics;
  });
  after(() => server.stop());

  it('echoes the range: 90 Moscow days', () => {
    assert.deepEqual([body.from, body.to, body.activeParticipants.daily.length], ['2025-03-01', '2025-05-29', 90]);
  });

  it('counts active participants per day: an event that day and an unlock by its end', () => {
    const nonZero = body.activeParticipants.daily.filter((d) => d.count > 0).map((d) => `${d.day}=${d.count}`);
    // cat and dan have no unlock; eve on 15 March has none yet; gus is on 1 April in Moscow.
    assert.deepEqual(nonZero, ['2025-03-01=1', '2025-03-02=1', '2025-03-03=1', '2025-03-10=1', '2025-03-11=1', '2025-04-01=1', '2025-04-05=1', '2025-04-15=1', '2025-04-20=1']);
    assert.equal(body.activeParticipants.daily.find((d) => d.day === '2025-03-31')?.count, 0);
  });

  it('counts active participants per month, months clipped to the range', () => {
    // March: old, ann, bob (cat, dan, eve active without an unlock by 31 March). April: ann, eve, fay, gus (not cat).
    assert.deepEqual(body.activeParticipants.monthly, [
      { month: '2025-03', count: 3 },
      { month: '2025-04', count: 4 },
      { month: '2025-05', count: 0 },
    ]);
  });

  it('averages the unlocks per active participant per month', () => {
    // March: ann 2 + bob 2 + old 0 (hers was in February) = 4 over 3. April: fay 2 + eve 1 + gus 1 + ann 0 = 4 over 4.
    assert.deepEqual(body.achievementsPerParticipant, [
      { month: '2025-03', average: 1.33 },
      { month: '2025-04', average: 1 },
      { month: '2025-05', average: 0 },
    ]);
  });

  it('compares 30-day retention of participants and of citizens without achievements', () => {
    // Cohort (first event 1–30 March): old, ann, bob (unlock within their first 30 days); cat, dan, eve (none).
    // Back 30–60 days after their first event: ann (5 April), cat (10 April), eve (20 April).
    assert.deepEqual(body.retention30, {
      participants: { cohort: 3, retained: 1, rate: 0.33 },
      nonParticipants: { cohort: 3, retained: 2, rate: 0.67 },
    });
  });

  it('counts unlocks in the range, rarity among participants now, and ratings per achievement', () => {
    const byId = new Map(body.achievements.map((a) => [a.id, a]));
    assert.equal(body.achievements.length, 21, 'every catalog achievement, hidden ones too');
    // Participants now: old, ann, bob, eve, fay (verified, gamification on; not gus). poll-participant: ann, bob, fay.
    assert.deepEqual(byId.get('registered'), { id: 'registered', unlocks: 5, rarity: 1, averageRating: 3.5, ratings: 2 });
    assert.deepEqual(byId.get('poll-participant'), { id: 'poll-participant', unlocks: 3, rarity: 0.6, averageRating: 4, ratings: 1 });
    assert.deepEqual(byId.get('express'), { id: 'express', unlocks: 0, rarity: 0, ratings: 0 });
  });

  it('counts redemptions and points spent per reward in the range', () => {
    assert.deepEqual(body.redemptions, [
      { rewardId: 'personal-recommendations', count: 2, points: 200 },
      { rewardId: 'priority-booking', count: 1, points: 0 },
      { rewardId: 'fast-track', count: 0, points: 0 },
      { rewardId: 'closed-consultation', count: 0, points: 0 },
      { rewardId: 'old-perk', count: 1, points: 50 },
    ]);
  });

  it('defaults to the last 90 days up to today, in Moscow', async () => {
    const response = await metrics(server);
    const defaults = (await response.json()) as Metrics;
    assert.deepEqual([defaults.from, defaults.to, defaults.activeParticipants.daily.length], ['2025-04-02', '2025-06-30', 90]);
    assert.deepEqual(defaults.activeParticipants.monthly.map((m) => m.month), ['2025-04', '2025-05', '2025-06']);
    // ann on 10 June.
    assert.equal(defaults.activeParticipants.daily.find((d) => d.day === '2025-06-10')?.count, 1);
  });

  it('refuses a range it cannot read (400)', async () => {
    for (const query of ['?from=2025-02-30', '?from=20250301', '?to=yesterday', '?from=2025-05-01&to=2025-04-01', '?from=2024-01-01&to=2025-01-01']) {
      const response = await metrics(server, query);
      assert.equal(response.status, 400, query);
      assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'invalid_request', query);
    }
    assert.equal((await metrics(server, '?from=2024-01-01&to=2024-12-31')).status, 200, '366 days is the most');
  });
});

describe('who may read /admin', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({}, { now: () => NOW });
  });
  after(() => server.stop());

  it('answers only an admin key: none or a wrong one is 401, a service key or a citizen token is refused', async () => {
    const cases: Array<[string, string | null, number, string]> = [
      ['no key', null, 401, 'unauthenticated'],
      ['a wrong key', 'Bearer not-the-admin-key', 401, 'unauthenticated'],
      ['not a bearer', `Basic ${ADMIN_KEY}`, 401, 'unauthenticated'],
      ['a service key', `Bearer ${SERVICE_KEY}`, 403, 'forbidden'],
      ['a citizen token', `Bearer ${await token('ann')}`, 401, 'unauthenticated'],
    ];
    for (const [label, authorization, status, code] of cases) {
      const response = await metrics(server, '', authorization);
      assert.equal(response.status, status, label);
      assert.equal(((await response.json()) as { error: { code: string } }).error.code, code, label);
    }
    assert.equal((await metrics(server)).status, 200);
  });

  it('does not exist without an admin key configured (404)', async () => {
    const closed = await startTestServer({ adminKeys: [] });
    try {
      for (const authorization of [null, `Bearer ${ADMIN_KEY}`, `Bearer ${SERVICE_KEY}`]) {
        const response = await metrics(closed, '', authorization);
        assert.equal(response.status, 404);
        assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'not_found');
      }
      assert.equal((await fetch(`${closed.url}/api/v1/admin/anything`)).status, 404);
    } finally {
      await closed.stop();
    }
  });
});
