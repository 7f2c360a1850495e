/**
 * Writing what evaluation decided, inside the caller's transaction: the citizens' states, their
 * unlocks (a replay re-records all, since a late event can move one earlier), and the live events
 * that open streams receive once the transaction has committed.
 */
import type { Catalog, Changes, Unlock, UserState } from '../src/engine/index.ts';
import { encodeState, nextWindowClose, parseTime, totalPoints, unlocksOf } from '../src/engine/index.ts';
import type { Db } from './db/open.ts';
import type { LiveMessage } from './live.ts';
import { gamificationOffAmong } from './preferences.ts';
import { progressPayload } from './views.ts';

export interface Outcome {
  userId: string;
  state: UserState;
  changes: Changes;
  /** Whether the state was rebuilt by a replay. */
  replayed: boolean;
  /** The stored version it replaces (0: none). */
  version: number;
}

const CHUNK = 500; // rows per statement, well under SQLite's bound-parameter limit

export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Returns the live messages to publish per citizen after the commit (none with `announce: false`, none for a citizen with gamification off). */
export async function persistOutcomes(db: Db, catalog: Catalog, outcomes: readonly Outcome[], now: number, announce = true): Promise<Map<string, LiveMessage[]>> {
  const states = outcomes.map(({ userId, state, version }) => ({
    user_id: userId,
    state: encodeState(state),
    points: totalPoints(catalog, state),
    version: version + 1,
    updated_at: now,
    next_close: nextWindowClose(catalog, state) ?? null,
  }));
  const unlockRows = outcomes.flatMap(({ userId, state, changes, replayed }) =>
    (replayed ? unlocksOf(catalog, state) : (changes.unlocked as readonly Unlock[])).map((u) => ({
      user_id: userId,
      achievement_id: u.achievementId,
      tier: u.tier ?? 1,
      unlocked_at: parseTime(u.unlockedAt),
      recorded_at: now,
    })),
  );
  // A citizen who turned gamification off is sent nothing live (their unlocks are still recorded).
  const silenced = announce ? await gamificationOffAmong(db, outcomes.map((o) => o.userId)) : new Set<string>();
  const liveRows = announce
    ? outcomes.filter(({ userId }) => !silenced.has(userId)).flatMap(({ userId, state, changes }) => [
        ...changes.unlocked.map((u) => ({ user_id: userId, kind: 'unlock' as const, data: JSON.stringify(u), created_at: now })),
        ...(changes.progressed.length
          ? [{ user_id: userId, kind: 'progress' as const, data: JSON.stringify(progressPayload(catalog, state, changes.progressed, now)), created_at: now }]
          : []),
      ])
    : [];

  for (const part of chunks(states)) {
    await db
      .insertInto('user_states')
      .values(part)
      .onConflict((oc) =>
        oc.column('user_id').doUpdateSet((eb) => ({
          state: eb.ref('excluded.state'),
          points: eb.ref('excluded.points'),
          version: eb.ref('excluded.version'),
          updated_at: eb.ref('excluded.updated_at'),
          next_close: eb.ref('excluded.next_close'),
        })),
      )
      .execute();
  }
  for (const part of chunks(unlockRows)) {
    await db
      .insertInto('unlocks')
      .values(part)
      .onConflict((oc) => oc.columns(['user_id', 'achievement_id', 'tier']).doUpdateSet((eb) => ({ unlocked_at: eb.fn('min', [eb.ref('unlocks.unlocked_at'), eb.ref('excluded.unlocked_at')]) })))
      .execute();
  }
  const published = new Map<string, LiveMessage[]>();
  for (const part of chunks(liveRows)) {
    const rows = await db.insertInto('live_events').values(part).returning(['seq', 'user_id', 'kind', 'data']).execute();
    for (const row of rows) push(published, row.user_id, { id: row.seq, event: row.kind, data: row.data });
  }
  return published;
}
