/**
 * The citizen's switch to turn gamification off. Off, their events are still evaluated (earned is
 * forever, switching back shows everything) but nothing reaches them live: no unlock or progress is
 * recorded for their stream, and other parts (campaigns) undo what they keep for the citizen
 * through the hooks run when it goes off.
 */
import type { Db } from './db/open.ts';

/** Ids per statement, well under SQLite's bound-parameter limit. */
const CHUNK = 500;

/**
 * Runs inside the transaction that turns gamification off, so the switch and what follows from it
 * (leaving every campaign, say) happen together or not at all.
 */
export type GamificationOffHook = (trx: Db, userId: string, now: number) => Promise<void>;

/** The citizens among `userIds` who turned gamification off. */
export async function gamificationOffAmong(db: Db, userIds: readonly string[]): Promise<Set<string>> {
  const off = new Set<string>();
  const ids = [...new Set(userIds)];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = ids.slice(i, i + CHUNK);
    const rows = await db.selectFrom('preferences').select('user_id').where('user_id', 'in', part).where('gamification', '=', 0).execute();
    for (const row of rows) off.add(row.user_id);
  }
  return off;
}

export async function gamificationOn(db: Db, userId: string): Promise<boolean> {
  const row = await db.selectFrom('preferences').select('gamification').where('user_id', '=', userId).executeTakeFirst();
  return row?.gamification !== 0;
}

/** Sets the switch; turning it off (from on) runs `hooks` in the same transaction. Returns the new value. */
export async function setGamification(db: Db, hooks: readonly GamificationOffHook[], userId: string, on: boolean, now: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const wasOn = await gamificationOn(trx, userId);
    await trx
      .insertInto('preferences')
      .values({ user_id: userId, gamification: on ? 1 : 0, updated_at: now })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ gamification: on ? 1 : 0, updated_at: now }))
      .execute();
    if (wasOn && !on) for (const hook of hooks) await hook(trx, userId, now);
    return on;
  });
}
