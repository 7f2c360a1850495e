/**
 * Privileges for points: the rewards file, GET /api/v1/rewards, POST and GET /api/v1/me/redemptions
 * against the real server — idempotency, limits and stock per Moscow calendar period, levels,
 * expiry, the balance, and 50 concurrent redemptions against a balance for one.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, UnknownRow } from 'kysely';
import { compileCatalog } from '../../../src/engine/index.ts';
import { loadCatalog } from '../../../server/catalog.ts';
import { compileRewards, loadRewards } from '../../../server/rewards/definition.ts';
import { grantPrize } from '../../../server/rewards/store.ts';
import type { TestServer } from './helpers.ts';
import { event, startTestServer, token } from './helpers.ts';

const { catalog } = loadCatalog(undefined);
const localized = (text: string) => ({ ru: text, en: text });

/** Rewards made for the tests: small costs, one of each constraint. */
const REWARDS = {
  rewards: [
    { id: 'ten', title: { ru: 'Десять', en: 'Ten' }, description: localized('Costs ten.'), cost: 10, validDays: 1 },
    { id: 'daily', title: localized('Daily'), description: localized('Once a day.'), cost: 10, limit: { count: 1, period: 'day' }, validDays: 30 },
    { id: 'weekly-stock', title: localized('Weekly stock'), description: localized('One a week for everyone.'), cost: 10, stock: { count: 1, period: 'week' }, validDays: 30 },
    { id: 'gold', title: localized('Gold'), description: localized('For active users.'), cost: 10, minLevel: 'active', validDays: 30 },
    { id: 'pricey', title: localized('Pricey'), description: localized('Costs a lot.'), cost: 1000, validDays: 30 },
  ],
};

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}
interface Redemption {
  id: string;
  rewardId: string;
  title: string;
  cost: number;
  grantedAt: string;
  expiresAt: string;
  status: 'active' | 'expired';
}
interface Reward {
  id: string;
  title: string;
  cost: number;
  minLevel?: { id: string; title: string; index: number };
  stock?: { count: number; period: string; remaining: number };
  availability?: { available: boolean; reason?: string };
}

/** A server with the test rewards file and a clock the test moves. */
async function rewardServer(clock: { now: number }): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'civic-rewards-'));
  const rewardsPath = join(dir, 'rewards.json');
  writeFileSync(rewardsPath, JSON.stringify(REWARDS));
  // No campaigns: the default ones name rewards of the default file.
  const campaignsPath = join(dir, 'campaigns.json');
  writeFileSync(campaignsPath, JSON.stringify({ campaigns: [] }));
  return startTestServer({ rewardsPath, campaignsPath }, { now: () => clock.now }, dir);
}

/** `key: null` sends no Idempotency-Key. */
function redeem(server: TestServer, auth: string | undefined, rewardId: unknown, key: string | null = randomUUID()) {
  return fetch(`${server.url}/api/v1/me/redemptions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(auth ? { Authorization: `Bearer ${auth}` } : {}), ...(key === null ? {} : { 'Idempotency-Key': key }) },
    body: JSON.stringify({ rewardId }),
  });
}

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

async function balanceOf(server: TestServer, auth: string): Promise<number> {
  return (await json<{ balance: number }>(await fetch(`${server.url}/api/v1/me/redemptions`, { headers: { Authorization: `Bearer ${auth}` } }))).balance;
}

/** Verified only: 10 points (registered). */
const verified = (userId: string, at = '2025-03-01T09:00:00Z') => event(userId, 'profile.verified', at);
/** Verified and three applications in a month: 100 points, the level «Активный пользователь». */
const active = (userId: string) => [
  verified(userId),
  ...[1, 2, 3].map((h) => event(userId, 'application.submitted', `2025-03-02T0${h}:00:00Z`, { attributes: { documentType: 'passport' } })),
];

describe('the rewards file', () => {
  const base = REWARDS.rewards[0]!;
  const issues = (rewards: unknown[]) => {
    try {
      compileRewards({ rewards }, catalog);
    } catch (error) {
      return (error as { issues: Array<{ path: string; message: string }> }).issues.map((i) => `${i.path}: ${i.message}`);
    }
    return [];
  };

  it('validates the built-in file: the seed’s privileges with costs along the level ladder', () => {
    const rewards = loadRewards(undefined, catalog);
    assert.deepEqual(rewards.list.map((r) => [r.id, r.definition.cost, r.definition.minLevel]), [
      ['personal-recommendations', 100, undefined],
      ['priority-booking', 200, 'active'],
      ['fast-track', 400, 'experienced'],
      ['closed-consultation', 800, 'expert'],
    ]);
  });

  it('names the reward and the field of every problem', () => {
    assert.deepEqual(issues([{ ...base, cost: 0 }]), ['ten: cost: expected at least 1']);
    assert.deepEqual(issues([{ ...base, limit: { count: 1, period: 'fortnight' } }]), ['ten: limit.period: expected one of day|week|month|quarter|year']);
    assert.deepEqual(issues([{ ...base, stock: { count: 1.5, period: 'day' } }]), ['ten: stock.count: expected an integer']);
    assert.deepEqual(issues([{ ...base, colour: 'gold' }]), ['ten: colour: unknown field']);
    assert.deepEqual(issues([{ ...base, validDays: undefined }]), ['ten: validDays: required']);
    assert.deepEqual(issues([{ ...base, id: undefined }]), ['rewards[0]: id: required']);
    assert.deepEqual(issues([base, { ...base, title: { ru: 'x' } }]), ['ten: title.en: required']);
    assert.deepEqual(issues([{ ...base, minLevel: 'guru' }]), ['ten: minLevel: unknown level "guru"; the catalog has newcomer|active|experienced|expert|professional']);
    assert.deepEqual(issues([base, base]), ['ten: id: duplicate id']);
  });

  it('checks levels against the catalog it runs with, and names the file', () => {
    const other = compileCatalog({
      version: 1,
      achievements: [{ id: 'a', title: localized('A'), description: localized('A'), difficulty: 'simple', category: 'c', points: 1, icon: 'a.svg', criterion: { count: { of: { type: 'x' }, atLeast: 1 } } }],
      levels: [{ id: 'only', title: localized('Only'), minPoints: 0, privileges: [] }],
    });
    assert.throws(() => loadRewards(undefined, other), /default\.json: priority-booking: minLevel: unknown level "active"; the catalog has only/);
  });

  it('keeps the server from starting with a wrong file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'civic-rewards-bad-'));
    const rewardsPath = join(dir, 'rewards.json');
    writeFileSync(rewardsPath, JSON.stringify({ rewards: [{ ...base, cost: -5 }] }));
    await assert.rejects(startTestServer({ rewardsPath }, {}, dir), /rewards\.json: ten: cost: expected at least 1/);
  });
});

describe('GET /api/v1/rewards', () => {
  const clock = { now: Date.parse('2025-03-10T12:00:00+03:00') };
  let server: TestServer;
  before(async () => {
    server = await rewardServer(clock);
    await server.post([verified('rita'), ...active('ruslan')]);
  });
  after(() => server.stop());

  it('lists every reward for anyone, localized, cacheable, without availability or balance', async () => {
    const response = await fetch(`${server.url}/api/v1/rewards`, { headers: { 'Accept-Language': 'en' } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'public, max-age=60');
    const body = await json<{ rewards: Reward[]; balance?: number }>(response);
    assert.deepEqual(body.rewards.map((r) => r.id), ['ten', 'daily', 'weekly-stock', 'gold', 'pricey']);
    assert.equal(body.balance, undefined);
    assert.ok(body.rewards.every((r) => r.availability === undefined));
    const gold = body.rewards.find((r) => r.id === 'gold')!;
    assert.deepEqual(gold.minLevel, { id: 'active', title: 'Active user', index: 1 });
    assert.deepEqual(body.rewards.find((r) => r.id === 'weekly-stock')!.stock, { count: 1, period: 'week', remaining: 1 });
    const russian = await json<{ rewards: Reward[] }>(await fetch(`${server.url}/api/v1/rewards`));
    assert.equal(russian.rewards[0]!.title, 'Десять');
    const unchanged = await fetch(`${server.url}/api/v1/rewards`, { headers: { 'Accept-Language': 'en', 'If-None-Match': response.headers.get('etag')! } });
    assert.equal(unchanged.status, 304);
  });

  it('adds the balance and why each one is or is not available to a signed-in citizen', async () => {
    const response = await fetch(`${server.url}/api/v1/rewards`, { headers: { Authorization: `Bearer ${await token('rita')}` } });
    assert.equal(response.headers.get('cache-control'), 'private, no-cache');
    const body = await json<{ rewards: Reward[]; balance: number }>(response);
    assert.equal(body.balance, 10);
    assert.deepEqual(Object.fromEntries(body.rewards.map((r) => [r.id, r.availability])), {
      ten: { available: true },
      daily: { available: true },
      'weekly-stock': { available: true },
      gold: { available: false, reason: 'level_too_low' },
      pricey: { available: false, reason: 'insufficient_points' },
    });
    const ruslan = await json<{ rewards: Reward[]; balance: number }>(await fetch(`${server.url}/api/v1/rewards`, { headers: { Authorization: `Bearer ${await token('ruslan')}` } }));
    assert.equal(ruslan.balance, 100);
    assert.deepEqual(ruslan.rewards.find((r) => r.id === 'gold')!.availability, { available: true });
  });

  it('refuses a token that is not valid (401), rather than answering as to anyone', async () => {
    const response = await fetch(`${server.url}/api/v1/rewards`, { headers: { Authorization: 'Bearer not-a-token' } });
    assert.equal(response.status, 401);
    assert.equal((await json<ErrorBody>(response)).error.code, 'unauthenticated');
  });
});

describe('POST /api/v1/me/redemptions', () => {
  const clock = { now: Date.parse('2025-03-10T12:00:00+03:00') };
  let server: TestServer;
  before(async () => {
    server = await rewardServer(clock);
    await server.post([...active('anna'), verified('boris'), verified('vera'), verified('gleb'), ...active('dina'), verified('egor'), verified('zhenya'), ...active('kolya')]);
  });
  after(() => server.stop());

  it('grants a reward (201) and takes its cost from the balance; the same key again answers the same grant (200)', async () => {
    const auth = await token('anna');
    const key = randomUUID();
    const granted = await redeem(server, auth, 'ten', key);
    assert.equal(granted.status, 201);
    assert.equal(granted.headers.get('cache-control'), 'no-store');
    const body = await json<{ redemption: Redemption; balance: number }>(granted);
    assert.equal(body.balance, 90);
    assert.deepEqual({ ...body.redemption, id: undefined }, {
      id: undefined,
      rewardId: 'ten',
      title: 'Десять',
      cost: 10,
      grantedAt: '2025-03-10T09:00:00.000Z',
      expiresAt: '2025-03-11T09:00:00.000Z',
      status: 'active',
    });
    assert.match(body.redemption.id, /^[A-Za-z0-9_-]{22}$/);
    const replayed = await redeem(server, auth, 'ten', key);
    assert.equal(replayed.status, 200);
    assert.deepEqual(await json(replayed), body);
    assert.equal(await balanceOf(server, auth), 90, 'a replay spends nothing');
  });

  it('refuses the same key for another reward (409 idempotency_key_reused); keys are each citizen’s own', async () => {
    const key = randomUUID();
    assert.equal((await redeem(server, await token('anna'), 'daily', key)).status, 201);
    const reused = await redeem(server, await token('anna'), 'ten', key);
    assert.equal(reused.status, 409);
    assert.equal((await json<ErrorBody>(reused)).error.code, 'idempotency_key_reused');
    // Another citizen with the same key makes a grant of her own.
    const other = await redeem(server, await token('boris'), 'ten', key);
    assert.equal(other.status, 201);
    assert.equal((await json<{ balance: number }>(other)).balance, 0);
  });

  it('answers 400 without a valid Idempotency-Key or with a wrong body, 401 without a token, 404 for an unknown reward', async () => {
    const auth = await token('vera');
    const cases: Array<[string, Response, number, string]> = [
      ['no key', await redeem(server, auth, 'ten', null), 400, 'idempotency_key_required'],
      ['a short key', await redeem(server, auth, 'ten', 'abc'), 400, 'idempotency_key_required'],
      ['a key with spaces', await redeem(server, auth, 'ten', 'not a valid key'), 400, 'idempotency_key_required'],
      ['a key of 201 characters', await redeem(server, auth, 'ten', 'k'.repeat(201)), 400, 'idempotency_key_required'],
      ['no reward id', await redeem(server, auth, ''), 400, 'invalid_request'],
      ['a number', await redeem(server, auth, 7), 400, 'invalid_request'],
      ['no token', await redeem(server, undefined, 'ten'), 401, 'unauthenticated'],
      ['an unknown reward', await redeem(server, auth, 'no-such-reward'), 404, 'not_found'],
    ];
    for (const [label, response, status, code] of cases) {
      assert.equal(response.status, status, label);
      assert.equal((await json<ErrorBody>(response)).error.code, code, label);
    }
    const extra = await fetch(`${server.url}/api/v1/me/redemptions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${auth}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({ rewardId: 'ten', quantity: 2 }),
    });
    assert.equal(extra.status, 400);
    assert.deepEqual((await json<ErrorBody>(extra)).error.details, { issues: [{ path: 'quantity', message: 'unknown field' }] });
    assert.equal(await balanceOf(server, auth), 10, 'nothing was spent');
  });

  it('answers 422 insufficient_points and 422 level_too_low with what was needed; a refused key may be used again', async () => {
    const auth = await token('gleb');
    const key = randomUUID();
    const poor = await redeem(server, auth, 'pricey', key);
    assert.equal(poor.status, 422);
    assert.deepEqual((await json<ErrorBody>(poor)).error, {
      code: 'insufficient_points',
      message: 'This privilege costs 1000 points; the balance is 10.',
      details: { cost: 1000, balance: 10 },
    });
    const low = await redeem(server, auth, 'gold');
    assert.equal(low.status, 422);
    const body = await json<ErrorBody>(low);
    assert.equal(body.error.code, 'level_too_low');
    assert.deepEqual(body.error.details, { minLevel: { id: 'active', index: 1, minPoints: 100 } });
    // Nothing was stored under the refused key.
    assert.equal((await redeem(server, auth, 'ten', key)).status, 201);
  });

  it('keeps the level by points earned: spending does not lower it', async () => {
    const auth = await token('dina');
    for (let i = 0; i < 9; i++) assert.equal((await redeem(server, auth, 'ten')).status, 201);
    const me = await json<{ points: number; balance: number; level: { id: string } }>(await server.me(auth));
    assert.deepEqual([me.points, me.balance, me.level.id], [100, 10, 'active']);
    assert.equal((await redeem(server, auth, 'gold')).status, 201, 'still at the level gold needs, with 10 points left');
    const empty = await redeem(server, auth, 'ten');
    assert.equal(empty.status, 422);
    assert.equal(await balanceOf(server, auth), 0);
  });

  it('limits a citizen per calendar day in Moscow time (409 limit_reached), not per UTC day', async () => {
    const auth = await token('kolya');
    clock.now = Date.parse('2025-03-10T23:30:00+03:00'); // 20:30 UTC, still 10 March in UTC
    assert.equal((await redeem(server, auth, 'daily')).status, 201);
    const again = await redeem(server, auth, 'daily');
    assert.equal(again.status, 409);
    assert.deepEqual((await json<ErrorBody>(again)).error.details, { limit: { count: 1, period: 'day' } });
    const listed = await json<{ rewards: Reward[] }>(await fetch(`${server.url}/api/v1/rewards`, { headers: { Authorization: `Bearer ${auth}` } }));
    assert.deepEqual(listed.rewards.find((r) => r.id === 'daily')!.availability, { available: false, reason: 'limit_reached' });
    clock.now = Date.parse('2025-03-11T00:00:00+03:00'); // 21:00 UTC on 10 March: a new day in Moscow
    assert.equal((await redeem(server, auth, 'daily')).status, 201);
  });

  it('shares a stock among everyone per calendar week (409 sold_out), and a new week brings it back', async () => {
    clock.now = Date.parse('2025-03-16T23:00:00+03:00'); // Sunday evening in Moscow
    assert.equal((await redeem(server, await token('egor'), 'weekly-stock')).status, 201);
    const sold = await redeem(server, await token('zhenya'), 'weekly-stock');
    assert.equal(sold.status, 409);
    assert.deepEqual((await json<ErrorBody>(sold)).error, { code: 'sold_out', message: 'This privilege is sold out for this week.', details: { stock: { count: 1, period: 'week' } } });
    const listed = await json<{ rewards: Reward[] }>(await fetch(`${server.url}/api/v1/rewards`));
    assert.equal(listed.rewards.find((r) => r.id === 'weekly-stock')!.stock!.remaining, 0);
    clock.now = Date.parse('2025-03-17T00:00:00+03:00'); // Monday in Moscow, still Sunday in UTC
    assert.equal((await redeem(server, await token('zhenya'), 'weekly-stock')).status, 201);
  });
});

describe('GET /api/v1/me/redemptions', () => {
  const clock = { now: Date.parse('2025-03-10T12:00:00+03:00') };
  let server: TestServer;
  before(async () => {
    server = await rewardServer(clock);
    await server.post(active('lena'));
  });
  after(() => server.stop());

  it('lists the citizen’s redemptions newest first, expired once their days are over', async () => {
    const auth = await token('lena');
    assert.equal((await redeem(server, auth, 'ten')).status, 201); // valid 1 day
    clock.now += 3_600_000;
    assert.equal((await redeem(server, auth, 'daily')).status, 201); // valid 30 days
    clock.now = Date.parse('2025-03-11T12:30:00+03:00'); // a day and a half later
    const response = await fetch(`${server.url}/api/v1/me/redemptions`, { headers: { Authorization: `Bearer ${auth}`, 'Accept-Language': 'en' } });
    assert.equal(response.status, 200);
    const body = await json<{ balance: number; redemptions: Redemption[] }>(response);
    assert.equal(body.balance, 80);
    assert.deepEqual(body.redemptions.map((r) => [r.rewardId, r.title, r.status]), [['daily', 'Daily', 'active'], ['ten', 'Ten', 'expired']]);
    const nobody = await json<{ balance: number; redemptions: Redemption[] }>(await fetch(`${server.url}/api/v1/me/redemptions`, { headers: { Authorization: `Bearer ${await token('nobody')}` } }));
    assert.deepEqual(nobody, { balance: 0, redemptions: [] });
    assert.equal((await fetch(`${server.url}/api/v1/me/redemptions`)).status, 401);
  });

  it('adds campaign prizes to the balance, not to the level; a reward prize is a grant at no cost, once', async () => {
    const auth = await token('lena');
    const { db } = server.context;
    await db.insertInto('campaign_prizes').values({ campaign_id: 'spring', user_id: 'lena', place: 1, points: 500, reward_id: 'pricey', awarded_at: clock.now }).execute();
    const prize = { userId: 'lena', rewardId: 'pricey', campaignId: 'spring', now: clock.now };
    assert.equal(await grantPrize(db, server.context.rewards, prize), true);
    assert.equal(await grantPrize(db, server.context.rewards, prize), false, 'once per campaign');
    assert.equal(await grantPrize(db, server.context.rewards, { ...prize, rewardId: 'gone-from-the-file' }), false);
    const me = await json<{ points: number; balance: number; level: { id: string } }>(await server.me(auth));
    assert.deepEqual([me.points, me.balance, me.level.id], [100, 580, 'active']);
    const { redemptions } = await json<{ redemptions: Redemption[] }>(await fetch(`${server.url}/api/v1/me/redemptions`, { headers: { Authorization: `Bearer ${auth}` } }));
    assert.deepEqual([redemptions[0]!.rewardId, redemptions[0]!.cost], ['pricey', 0]);
  });
});

/**
 * Lets other requests run after every query. better-sqlite3 answers synchronously, so without this
 * a whole request's queries would run before the next request's, and a check-then-grant that is not
 * one transaction would pass this test by luck; with it, such code grants more than once.
 */
class YieldAfterEachQuery implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs) {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    await new Promise((resolve) => setImmediate(resolve));
    return args.result;
  }
}

describe('50 concurrent redemptions against a balance for one', () => {
  let server: TestServer;
  before(async () => {
    server = await rewardServer({ now: Date.parse('2025-03-10T12:00:00+03:00') });
    // 10 points each: exactly one «ten».
    await server.post([verified('masha'), verified('nikita')]);
    server.context.db = server.context.db.withPlugin(new YieldAfterEachQuery());
  });
  after(() => server.stop());

  const grants = (userId: string) => server.context.db.selectFrom('redemptions').selectAll().where('user_id', '=', userId).execute();

  it('with one Idempotency-Key: one grant (201), 49 replays of it (200)', async () => {
    const auth = await token('masha');
    const key = randomUUID();
    const responses = await Promise.all(Array.from({ length: 50 }, () => redeem(server, auth, 'ten', key)));
    const bodies = await Promise.all(responses.map((r) => json<{ redemption: Redemption; balance: number }>(r)));
    assert.deepEqual(responses.map((r) => r.status).sort(), [...Array<number>(49).fill(200), 201]);
    assert.equal(new Set(bodies.map((b) => b.redemption.id)).size, 1);
    assert.ok(bodies.every((b) => b.balance === 0));
    assert.equal((await grants('masha')).length, 1);
    assert.equal(await balanceOf(server, auth), 0);
  });

  it('with 50 different keys: one grant (201), 49 refusals (422 insufficient_points), never a negative balance', async () => {
    const auth = await token('nikita');
    const responses = await Promise.all(Array.from({ length: 50 }, () => redeem(server, auth, 'ten', randomUUID())));
    const bodies = await Promise.all(responses.map((r) => json<{ error?: { code: string } }>(r)));
    assert.deepEqual(responses.map((r) => r.status).sort(), [201, ...Array<number>(49).fill(422)]);
    assert.equal(bodies.filter((b) => b.error?.code === 'insufficient_points').length, 49);
    assert.equal((await grants('nikita')).length, 1);
    assert.equal(await balanceOf(server, auth), 0);
  });
});
