/** The demo's redemptions and ratings: seeded with the citizens, once, as the API shows them. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedDemoEngagement, seedIfEmpty } from '../../../demo/seed.ts';
import type { TestServer } from '../server/helpers.ts';
import { startTestServer, token } from '../server/helpers.ts';

describe('the demo citizens’ redemptions and ratings', () => {
  const now = Date.parse('2026-12-03T12:00:00Z');
  let server: TestServer;
  const get = async <T>(userId: string, path: string) => (await (await fetch(`${server.url}/api/v1${path}`, { headers: { Authorization: `Bearer ${await token(userId)}` } })).json()) as T;
  before(async () => {
    server = await startTestServer({}, { now: () => now });
    assert.ok(await seedIfEmpty(server.context));
  });
  after(() => server.stop());

  it('gives Anna two redemptions (one expired) and Boris one, paid from their points', async () => {
    type Redemptions = { balance: number; redemptions: Array<{ rewardId: string; status: string }> };
    const anna = await get<Redemptions>('demo-anna', '/me/redemptions');
    assert.deepEqual(anna.redemptions.map((r) => [r.rewardId, r.status]), [['fast-track', 'active'], ['priority-booking', 'expired']]);
    const boris = await get<Redemptions>('demo-boris', '/me/redemptions');
    assert.deepEqual(boris.redemptions.map((r) => [r.rewardId, r.status]), [['personal-recommendations', 'active']]);
    const points = async (userId: string) => (await get<{ points: number }>(userId, '/me/achievements')).points;
    assert.equal(anna.balance, (await points('demo-anna')) - 600);
    assert.equal(boris.balance, (await points('demo-boris')) - 100);
    assert.deepEqual((await get<Redemptions>('demo-vera', '/me/redemptions')).redemptions, []);
  });

  it('has ratings on achievements they earned, and seeding again adds nothing', async () => {
    type Ratings = { feedback: Array<{ achievementId: string; rating: number }> };
    assert.deepEqual((await get<Ratings>('demo-anna', '/me/feedback')).feedback.map((f) => [f.achievementId, f.rating]), [['first-request', 4], ['registered', 5]]);
    assert.deepEqual((await get<Ratings>('demo-boris', '/me/feedback')).feedback.map((f) => [f.achievementId, f.rating]), [['successful-visit', 3]]);
    const earned = await server.context.db.selectFrom('unlocks').select(['user_id', 'achievement_id']).execute();
    const ratings = await server.context.db.selectFrom('feedback').select(['user_id', 'achievement_id']).execute();
    for (const rating of ratings) assert.ok(earned.some((u) => u.user_id === rating.user_id && u.achievement_id === rating.achievement_id), JSON.stringify(rating));
    await seedDemoEngagement(server.context.db, server.context.catalog, server.context.rewards, now);
    assert.equal((await server.context.db.selectFrom('redemptions').select('id').execute()).length, 3);
  });
});
