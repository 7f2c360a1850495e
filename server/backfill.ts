/**
 * After a catalog change, every citizen's state is rebuilt from the log at start: new
 * achievements are earned at their historical time, earlier unlocks are kept, and nothing is
 * announced on the live streams (no flood of notifications for old events).
 */
import type { AchievementEvent, Catalog } from '../src/engine/index.ts';
import { encodeState, parseTime, replayEvents, totalPoints, unlocksOf } from '../src/engine/index.ts';
import type { Db } from './db/open.ts';

const LAYOUT_KEY = 'catalog_layout';

/** Returns how many citizens were rebuilt (0 when the catalog is the one the states were built for). */
export async function backfill(db: Db, catalog: Catalog, now: number): Promise<number> {
  const stored = await db.selectFrom('meta').select('value').where('key', '=', LAYOUT_KEY).executeTakeFirst();
  if (stored?.value === catalog.layoutId) return 0;
  const users = await db.selectFrom('events').select('user_id').distinct().execute();
  for (const { user_id: userId } of users) {
    await db.transaction().execute(async (trx) => {
      const rows = await trx.selectFrom('events').select('body').where('user_id', '=', userId).execute();
      const kept = await trx.selectFrom('unlocks').select(['achievement_id', 'tier', 'unlocked_at']).where('user_id', '=', userId).execute();
      const { state } = replayEvents(
        catalog,
        rows.map((row) => JSON.parse(row.body) as AchievementEvent),
        { keep: kept.map((k) => ({ achievementId: k.achievement_id, tier: k.tier, unlockedAt: new Date(k.unlocked_at).toISOString() })) },
      );
      const version = ((await trx.selectFrom('user_states').select('version').where('user_id', '=', userId).executeTakeFirst())?.version ?? 0) + 1;
      const row = { user_id: userId, state: encodeState(state), points: totalPoints(catalog, state), version, updated_at: now };
      await trx
        .insertInto('user_states')
        .values(row)
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ state: row.state, points: row.points, version: row.version, updated_at: row.updated_at }))
        .execute();
      const unlocks = unlocksOf(catalog, state).map((u) => ({ user_id: userId, achievement_id: u.achievementId, tier: u.tier ?? 1, unlocked_at: parseTime(u.unlockedAt), recorded_at: now }));
      if (unlocks.length) await trx.insertInto('unlocks').values(unlocks).onConflict((oc) => oc.columns(['user_id', 'achievement_id', 'tier']).doNothing()).execute();
    });
  }
  await db
    .insertInto('meta')
    .values({ key: LAYOUT_KEY, value: catalog.layoutId })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: catalog.layoutId }))
    .execute();
  return users.length;
}
