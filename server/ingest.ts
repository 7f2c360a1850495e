/**
 * Ingestion: one batch, one transaction. New events go to the append-only log (an id already
 * there is a duplicate and counts once); each affected citizen's state is loaded, the new events
 * are folded in time order, and a late event (or a state of an older catalog) makes the engine's
 * answer a replay of that citizen's log. States, unlocks and live events are written in the same
 * transaction; the live events reach open streams after the commit.
 */
import type { AchievementEvent, Catalog, Changes, Unlock, UserState } from '../src/engine/index.ts';
import { createUserState, decodeState, encodeState, evaluateEvent, parseTime, replayEvents, totalPoints, unlocksOf } from '../src/engine/index.ts';
import type { Db } from './db/open.ts';
import type { LiveHub, LiveMessage } from './live.ts';
import { progressPayload } from './views.ts';

export interface IngestResult {
  accepted: number;
  duplicates: number;
  unlocked: Array<{ userId: string; achievementId: string; tier?: number; unlockedAt: string }>;
}

const CHUNK = 500; // rows per statement, well under SQLite's bound-parameter limit

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const byTime = (a: AchievementEvent, b: AchievementEvent) =>
  parseTime(a.occurredAt) - parseTime(b.occurredAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

interface Outcome {
  state: UserState;
  changes: Changes;
  /** Whether a replay rewrote the state (unlock times may have moved). */
  replayed: boolean;
}

async function evaluateUser(db: Db, catalog: Catalog, userId: string, stored: UserState | undefined, outdated: boolean, events: AchievementEvent[]): Promise<Outcome> {
  const state = stored ?? createUserState(catalog);
  const changes: Changes = { unlocked: [], progressed: [], points: 0 };
  if (!outdated) {
    let i = 0;
    for (; i < events.length; i++) {
      const result = evaluateEvent(catalog, state, events[i]!);
      if (result.status !== 'applied') break;
      changes.unlocked = [...changes.unlocked, ...result.changes.unlocked];
      changes.progressed = [...new Set([...changes.progressed, ...result.changes.progressed])];
      changes.points += result.changes.points;
    }
    if (i === events.length) return { state, changes, replayed: false };
  }
  // Late (or built for another catalog): rebuild from the log, which already holds this batch.
  const rows = await db.selectFrom('events').select('body').where('user_id', '=', userId).execute();
  const keep = await db
    .selectFrom('unlocks')
    .select(['achievement_id', 'tier', 'unlocked_at'])
    .where('user_id', '=', userId)
    .execute();
  const replay = replayEvents(
    catalog,
    rows.map((row) => JSON.parse(row.body) as AchievementEvent),
    {
      ...(stored && !outdated ? { previous: stored } : {}),
      keep: keep.map((k) => ({ achievementId: k.achievement_id, tier: k.tier, unlockedAt: new Date(k.unlocked_at).toISOString() })),
    },
  );
  return { ...replay, replayed: true };
}

export async function ingest(db: Db, catalog: Catalog, live: LiveHub, events: readonly AchievementEvent[], now = Date.now()): Promise<IngestResult> {
  const published: Array<[string, LiveMessage[]]> = [];
  const result = await db.transaction().execute(async (trx) => {
    const insertedIds = new Set<string>();
    for (const part of chunks(events)) {
      const rows = await trx
        .insertInto('events')
        .values(part.map((e) => ({ id: e.id, user_id: e.userId, type: e.type, occurred_at: parseTime(e.occurredAt), body: JSON.stringify(e), received_at: now })))
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .execute();
      for (const row of rows) insertedIds.add(row.id);
    }
    // The first occurrence of each new id, grouped by citizen, in time order.
    const perUser = new Map<string, AchievementEvent[]>();
    for (const event of events) {
      if (!insertedIds.delete(event.id)) continue;
      const list = perUser.get(event.userId);
      if (list) list.push(event);
      else perUser.set(event.userId, [event]);
    }
    const accepted = [...perUser.values()].reduce((sum, list) => sum + list.length, 0);

    const stored = new Map<string, { state: Uint8Array; version: number }>();
    for (const users of chunks([...perUser.keys()])) {
      const rows = await trx.selectFrom('user_states').select(['user_id', 'state', 'version']).where('user_id', 'in', users).execute();
      for (const row of rows) stored.set(row.user_id, row);
    }

    const unlocked: IngestResult['unlocked'] = [];
    const states = [];
    const unlockRows = [];
    const liveRows: Array<{ user_id: string; kind: 'unlock' | 'progress'; data: string; created_at: number }> = [];
    for (const [userId, list] of perUser) {
      list.sort(byTime);
      const row = stored.get(userId);
      const decoded = row ? decodeState(catalog, row.state) : undefined;
      const outcome = await evaluateUser(trx, catalog, userId, decoded, Boolean(row && !decoded), list);
      const { state, changes } = outcome;
      states.push({ user_id: userId, state: encodeState(state), points: totalPoints(catalog, state), version: (row?.version ?? 0) + 1, updated_at: now });
      // After a replay every unlock is re-recorded, since a late event can move one earlier.
      const toRecord: readonly Unlock[] = outcome.replayed ? unlocksOf(catalog, state) : changes.unlocked;
      for (const u of toRecord) unlockRows.push({ user_id: userId, achievement_id: u.achievementId, tier: u.tier ?? 1, unlocked_at: parseTime(u.unlockedAt), recorded_at: now });
      for (const u of changes.unlocked) {
        unlocked.push({ userId, achievementId: u.achievementId, ...(u.tier ? { tier: u.tier } : {}), unlockedAt: u.unlockedAt });
        liveRows.push({ user_id: userId, kind: 'unlock', data: JSON.stringify(u), created_at: now });
      }
      if (changes.progressed.length) {
        liveRows.push({ user_id: userId, kind: 'progress', data: JSON.stringify(progressPayload(catalog, state, changes.progressed, now)), created_at: now });
      }
    }
    for (const part of chunks(states)) {
      await trx
        .insertInto('user_states')
        .values(part)
        .onConflict((oc) =>
          oc.column('user_id').doUpdateSet((eb) => ({
            state: eb.ref('excluded.state'),
            points: eb.ref('excluded.points'),
            version: eb.ref('excluded.version'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
    for (const part of chunks(unlockRows)) {
      await trx
        .insertInto('unlocks')
        .values(part)
        .onConflict((oc) => oc.columns(['user_id', 'achievement_id', 'tier']).doUpdateSet((eb) => ({ unlocked_at: eb.fn('min', [eb.ref('unlocks.unlocked_at'), eb.ref('excluded.unlocked_at')]) })))
        .execute();
    }
    for (const part of chunks(liveRows)) {
      const ids = await trx.insertInto('live_events').values(part).returning(['seq', 'user_id', 'kind', 'data']).execute();
      const byUser = new Map<string, LiveMessage[]>();
      for (const row of ids) {
        const message = { id: row.seq, event: row.kind, data: row.data };
        const list = byUser.get(row.user_id);
        if (list) list.push(message);
        else byUser.set(row.user_id, [message]);
      }
      published.push(...byUser);
    }
    return { accepted, duplicates: events.length - accepted, unlocked };
  });
  for (const [userId, messages] of published) live.publish(userId, messages);
  return result;
}
