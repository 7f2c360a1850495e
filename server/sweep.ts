/**
 * Windows judged as a whole (a month without office visits, a month all in the app) close with
 * time, not with events. The sweep advances citizens whose earliest window has closed, an hour
 * later than that (events may still arrive a little late), so the unlock is recorded and announced
 * without waiting for the citizen's next event.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { advanceTime, decodeState } from '../src/engine/index.ts';
import type { ServerContext } from './context.ts';
import { persistOutcomes } from './persist.ts';

export const SWEEP_GRACE_MS = 3_600_000;
/**
 * Citizens per transaction. better-sqlite3 is synchronous, so a batch holds the event loop: 25 take
 * about 4 ms, and the loop turns between batches. (All due at a month's end in batches of 500 held
 * it for 3 s per 20 000 citizens, and no request was answered meanwhile.)
 */
const BATCH = 25;

/** Returns how many citizens were advanced. */
export async function sweepWindows(ctx: ServerContext): Promise<number> {
  const now = ctx.now();
  const until = now - SWEEP_GRACE_MS;
  let advanced = 0;
  for (;;) {
    const published = await ctx.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('user_states')
        .select(['user_id', 'state', 'version'])
        .where('next_close', '<=', until)
        .limit(BATCH)
        .execute();
      const outcomes = rows.flatMap((row) => {
        const state = decodeState(ctx.catalog, row.state);
        if (!state) return []; // another catalog's state: the start-up backfill rebuilds it
        return [{ userId: row.user_id, version: row.version, state, changes: advanceTime(ctx.catalog, state, until), replayed: false }];
      });
      advanced += outcomes.length;
      return { count: rows.length, moved: outcomes.length > 0, messages: await persistOutcomes(trx, ctx.catalog, outcomes, now) };
    });
    for (const [userId, messages] of published.messages) ctx.live.publish(userId, messages);
    if (published.count < BATCH || !published.moved) return advanced;
    await nextTurn();
  }
}
