/**
 * After a catalog change, every citizen's state is rebuilt from the log at start: new
 * achievements are earned at their historical time, earlier unlocks are kept, and nothing is
 * announced on the live streams (no flood of notifications for old events).
 */
import type { Catalog } from '../src/engine/index.ts';
import type { Db } from './db/open.ts';
import { replayCitizen } from './ingest.ts';
import { persistOutcomes } from './persist.ts';

const LAYOUT_KEY = 'catalog_layout';

/** Returns how many citizens were rebuilt (0 when the catalog is the one the states were built for). */
export async function backfill(db: Db, catalog: Catalog, now: number): Promise<number> {
  const stored = await db.selectFrom('meta').select('value').where('key', '=', LAYOUT_KEY).executeTakeFirst();
  if (stored?.value === catalog.layoutId) return 0;
  const users = await db.selectFrom('events').select('user_id').distinct().execute();
  for (const { user_id: userId } of users) {
    await db.transaction().execute(async (trx) => {
      const version = (await trx.selectFrom('user_states').select('version').where('user_id', '=', userId).executeTakeFirst())?.version ?? 0;
      const rebuilt = await replayCitizen(trx, catalog, userId, undefined);
      await persistOutcomes(trx, catalog, [{ userId, version, replayed: true, ...rebuilt }], now, false);
    });
  }
  await db
    .insertInto('meta')
    .values({ key: LAYOUT_KEY, value: catalog.layoutId })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: catalog.layoutId }))
    .execute();
  return users.length;
}
