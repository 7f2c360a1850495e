/**
 * Ingestion: one batch, one transaction. New events go to the append-only log (an id already
 * there is a duplicate and counts once); each affected citizen's state is loaded, the new events
 * are folded in time order, and a late event (or a state of an older catalog) makes the engine's
 * answer a replay of that citizen's log. The live events reach open streams after the commit.
 */
import type { AchievementEvent, Catalog, Changes, UserState } from '../src/engine/index.ts';
import { createUserState, decodeState, evaluateEvent, parseTime, replayEvents } from '../src/engine/index.ts';
import type { Db } from './db/open.ts';
import type { LiveHub } from './live.ts';
import type { Outcome } from './persist.ts';
import { chunks, persistOutcomes, push } from './persist.ts';

export interface IngestResult {
  accepted: number;
  duplicates: number;
  unlocked: Array<{ userId: string; achievementId: string; tier?: number; unlockedAt: string }>;
}

const byTime = (a: AchievementEvent, b: AchievementEvent) =>
  parseTime(a.occurredAt) - parseTime(b.occurredAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Rebuilds a citizen from the log (which already holds the new events), keeping stored unlocks. */
export async function replayCitizen(db: Db, catalog: Catalog, userId: string, previous: UserState | undefined): Promise<{ state: UserState; changes: Changes }> {
  const rows = await db.selectFrom('events').select('body').where('user_id', '=', userId).execute();
  const kept = await db.selectFrom('unlocks').select(['achievement_id', 'tier', 'unlocked_at']).where('user_id', '=', userId).execute();
  return replayEvents(
    catalog,
    rows.map((row) => JSON.parse(row.body) as AchievementEvent),
    {
      ...(previous ? { previous } : {}),
      keep: kept.map((k) => ({ achievementId: k.achievement_id, tier: k.tier, unlockedAt: new Date(k.unlocked_at).toISOString() })),
    },
  );
}

/** Folds a citizen's new events (in time order) into the stored state, or replays the log. */
async function evaluateCitizen(db: Db, catalog: Catalog, userId: string, stored: Uint8Array | undefined, events: AchievementEvent[]) {
  const decoded = stored ? decodeState(catalog, stored) : createUserState(catalog);
  if (decoded) {
    const changes: Changes = { unlocked: [], progressed: [], points: 0 };
    let applied = 0;
    for (const event of events) {
      const result = evaluateEvent(catalog, decoded, event);
      if (result.status !== 'applied') break;
      applied += 1;
      changes.unlocked = [...changes.unlocked, ...result.changes.unlocked];
      changes.progressed = [...new Set([...changes.progressed, ...result.changes.progressed])];
      changes.points += result.changes.points;
    }
    if (applied === events.length) return { state: decoded, changes, replayed: false };
  }
  // Late, or stored for another catalog: rebuild from the log. `previous` is decoded afresh, since
  // the fold above may have changed `decoded` before it met the late event.
  const previous = stored ? decodeState(catalog, stored) : undefined;
  return { ...(await replayCitizen(db, catalog, userId, previous)), replayed: true };
}

export async function ingest(db: Db, catalog: Catalog, live: LiveHub, events: readonly AchievementEvent[], now = Date.now()): Promise<IngestResult> {
  const { result, published } = await db.transaction().execute(async (trx) => {
    const inserted = new Set<string>();
    for (const part of chunks(events)) {
      const rows = await trx
        .insertInto('events')
        .values(part.map((e) => ({ id: e.id, user_id: e.userId, type: e.type, occurred_at: parseTime(e.occurredAt), body: JSON.stringify(e), received_at: now })))
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .execute();
      for (const row of rows) inserted.add(row.id);
    }
    // The first occurrence of each new id, grouped by citizen.
    const perUser = new Map<string, AchievementEvent[]>();
    for (const event of events) if (inserted.delete(event.id)) push(perUser, event.userId, event);

    const stored = new Map<string, { state: Uint8Array; version: number }>();
    for (const users of chunks([...perUser.keys()])) {
      for (const row of await trx.selectFrom('user_states').select(['user_id', 'state', 'version']).where('user_id', 'in', users).execute()) stored.set(row.user_id, row);
    }
    const outcomes: Outcome[] = [];
    for (const [userId, list] of perUser) {
      const row = stored.get(userId);
      const outcome = await evaluateCitizen(trx, catalog, userId, row?.state, list.sort(byTime));
      outcomes.push({ userId, version: row?.version ?? 0, ...outcome });
    }
    const accepted = outcomes.length ? [...perUser.values()].reduce((sum, list) => sum + list.length, 0) : 0;
    return {
      published: await persistOutcomes(trx, catalog, outcomes, now),
      result: {
        accepted,
        duplicates: events.length - accepted,
        unlocked: outcomes.flatMap(({ userId, changes }) =>
          changes.unlocked.map((u) => ({ userId, achievementId: u.achievementId, ...(u.tier ? { tier: u.tier } : {}), unlockedAt: u.unlockedAt })),
        ),
      },
    };
  });
  for (const [userId, messages] of published) live.publish(userId, messages);
  return result;
}
