/**
 * Demo data: the demo citizens' year of events, ingested as a portal would send them, then a few
 * redemptions and ratings. Event ids and Idempotency-Keys are the same on every run, so seeding
 * again counts nothing twice. `npm run seed` runs it alone.
 */
import type { Catalog } from '../src/engine/index.ts';
import type { ServerContext } from '../server/context.ts';
import type { Db } from '../server/db/open.ts';
import { ApiError } from '../server/errors.ts';
import { saveFeedback } from '../server/feedback.ts';
import { ingest } from '../server/ingest.ts';
import { LiveHub } from '../server/live.ts';
import type { RewardSet } from '../server/rewards/definition.ts';
import { redeem } from '../server/rewards/store.ts';
import type { DemoCitizen } from './citizens.ts';
import { demoCitizens } from './citizens.ts';

export async function seedDemo(db: Db, catalog: Catalog, live = new LiveHub(), now = Date.now()): Promise<DemoCitizen[]> {
  const citizens = demoCitizens(now);
  for (const citizen of citizens) {
    for (let i = 0; i < citizen.events.length; i += 1000) await ingest(db, catalog, live, citizen.events.slice(i, i + 1000), now);
  }
  return citizens;
}

const DAY = 86_400_000;

/**
 * Anna redeemed a priority slot 40 days ago (expired since) and faster processing 5 days ago; Boris
 * personal recommendations 10 days ago. A reward an operator's file lacks, or refuses, is skipped.
 */
const REDEMPTIONS = [
  ['demo-anna', 'priority-booking', 40],
  ['demo-anna', 'fast-track', 5],
  ['demo-boris', 'personal-recommendations', 10],
] as const;

const RATINGS = [
  ['demo-anna', 'registered', 5, 'Быстро и понятно'],
  ['demo-anna', 'first-request', 4, undefined],
  ['demo-boris', 'successful-visit', 3, 'Хорошо бы напоминание о записи'],
] as const;

export async function seedDemoEngagement(db: Db, catalog: Catalog, rewards: RewardSet, now = Date.now()): Promise<void> {
  for (const [userId, rewardId, daysAgo] of REDEMPTIONS) {
    const reward = rewards.byId.get(rewardId);
    if (!reward) continue;
    try {
      await redeem(db, catalog, reward, userId, `demo-${rewardId}`, now - daysAgo * DAY);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
  }
  for (const [userId, achievementId, rating, comment] of RATINGS) await saveFeedback(db, userId, achievementId, { rating, comment }, now);
}

export async function isEmpty(db: Db): Promise<boolean> {
  return (await db.selectFrom('events').select('id').limit(1).executeTakeFirst()) === undefined;
}

/** What `npm start` does: seeds the demo citizens into an empty database; undefined when it held events already. */
export async function seedIfEmpty({ db, catalog, rewards, live, now }: Pick<ServerContext, 'db' | 'catalog' | 'rewards' | 'live' | 'now'>): Promise<DemoCitizen[] | undefined> {
  if (!(await isEmpty(db))) return undefined;
  const citizens = await seedDemo(db, catalog, live, now());
  await seedDemoEngagement(db, catalog, rewards, now());
  return citizens;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { configFromEnv } = await import('../server/config.ts');
  const { openDatabase } = await import('../server/db/open.ts');
  const { loadCatalog } = await import('../server/catalog.ts');
  const { loadRewards } = await import('../server/rewards/definition.ts');
  const config = configFromEnv();
  const db = await openDatabase(config.db);
  const { catalog } = loadCatalog(config.catalogPath);
  const citizens = await seedDemo(db, catalog);
  await seedDemoEngagement(db, catalog, loadRewards(config.rewardsPath, catalog));
  await db.destroy();
  console.log(`Seeded ${citizens.length} demo citizens into ${config.db}: ${citizens.map((c) => c.userId).join(', ')}`);
}
