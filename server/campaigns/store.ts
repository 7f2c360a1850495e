/**
 * Campaign storage: participation under a random pseudonym, scores kept up to date from the
 * citizens' states (a score is recomputed when user_states.version moved past the one it was
 * computed from), and leaderboard reads that stay fast for large campaigns: the top N is an index
 * scan in leaderboard order, and a rank is a count of the rows ahead in the same index.
 */
import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { AchievementEvent, Catalog } from '../../src/engine/index.ts';
import type { Db } from '../db/open.ts';
import { chunks } from '../persist.ts';
import type { Campaign } from './definition.ts';
import type { Score } from './score.ts';
import { countScore, pointsFoldStart, pointsScore, pointTypes } from './score.ts';

export interface Standing {
  rank: number;
  score: number;
  tag: number;
}

/** The citizen's first verification event (engine order), if any. */
export async function verificationEvent(db: Db, catalog: Catalog, userId: string): Promise<AchievementEvent | undefined> {
  if (catalog.verificationType === undefined) return undefined;
  const row = await db
    .selectFrom('events')
    .select('body')
    .where('user_id', '=', userId)
    .where('type', '=', catalog.verificationType)
    .orderBy('occurred_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row && (JSON.parse(row.body) as AchievementEvent);
}

/** Reads what the score needs (the citizen's events by the log's index, their unlocks) and computes it. */
export async function computeScore(db: Db, catalog: Catalog, campaign: Campaign, userId: string): Promise<Score> {
  const verification = await verificationEvent(db, catalog, userId);
  const events = async (types: readonly string[], from: number) =>
    types.length
      ? (
          await db
            .selectFrom('events')
            .select('body')
            .where('user_id', '=', userId)
            .where('type', 'in', types)
            .where('occurred_at', '>=', from)
            .where('occurred_at', '<', campaign.end)
            .execute()
        ).map((row) => JSON.parse(row.body) as AchievementEvent)
      : [];
  if (campaign.kind === 'count') return countScore(catalog, campaign, verification, await events(campaign.filter!.types, campaign.start));
  const unlocks = await db
    .selectFrom('unlocks')
    .select(['achievement_id', 'tier', 'unlocked_at'])
    .where('user_id', '=', userId)
    .where('unlocked_at', '>=', campaign.start)
    .where('unlocked_at', '<', campaign.end)
    .execute();
  return pointsScore(
    catalog,
    campaign,
    verification,
    await events(pointTypes(catalog), pointsFoldStart(catalog, campaign.start)),
    unlocks.map((u) => ({ achievementId: u.achievement_id, tier: u.tier, unlockedAt: u.unlocked_at })),
  );
}

async function stateVersion(db: Db, userId: string): Promise<number> {
  return (await db.selectFrom('user_states').select('version').where('user_id', '=', userId).executeTakeFirst())?.version ?? 0;
}

/** Records that a campaign's leaderboard changed now. */
export async function touchBoard(db: Db, campaignId: string, now: number): Promise<void> {
  await db
    .insertInto('campaign_boards')
    .values({ campaign_id: campaignId, updated_at: now, awarded_at: null })
    .onConflict((oc) => oc.column('campaign_id').doUpdateSet({ updated_at: now }))
    .execute();
}

export async function boardOf(db: Db, campaignId: string): Promise<{ updatedAt: number; awardedAt: number | null } | undefined> {
  const row = await db.selectFrom('campaign_boards').select(['updated_at', 'awarded_at']).where('campaign_id', '=', campaignId).executeTakeFirst();
  return row && { updatedAt: row.updated_at, awardedAt: row.awarded_at };
}

/** Campaign ids whose prizes were awarded: their scores are final. */
export async function awardedIds(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('campaign_boards').select('campaign_id').where('awarded_at', 'is not', null).execute();
  return new Set(rows.map((row) => row.campaign_id));
}

/** Pseudonym numbers: 4 digits while they last, then wider, never derived from the citizen. */
function randomTag(attempt: number): number {
  const digits = 4 + Math.floor(attempt / 8);
  return randomInt(10 ** (digits - 1), 10 ** digits);
}

/**
 * Joins (or rejoins, with the same pseudonym) and computes the score at once, so the citizen is
 * listed with it. Returns the pseudonym's number.
 */
export async function join(db: Db, catalog: Catalog, campaign: Campaign, userId: string, now: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('campaign_participants').select(['tag', 'joined']).where('campaign_id', '=', campaign.id).where('user_id', '=', userId).executeTakeFirst();
    if (existing?.joined === 1) return existing.tag;
    const version = await stateVersion(trx, userId);
    const score = await computeScore(trx, catalog, campaign, userId);
    const fresh = { joined: 1, joined_at: now, score: score.score, reached_at: score.reachedAt, state_version: version, updated_at: now };
    let tag = existing?.tag;
    if (tag !== undefined) {
      await trx.updateTable('campaign_participants').set(fresh).where('campaign_id', '=', campaign.id).where('user_id', '=', userId).execute();
    }
    for (let attempt = 0; tag === undefined; attempt++) {
      // A number another participant has inserts nothing: draw again (the transaction keeps anyone else out meanwhile).
      const inserted = await trx
        .insertInto('campaign_participants')
        .values({ campaign_id: campaign.id, user_id: userId, tag: randomTag(attempt), ...fresh })
        .onConflict((oc) => oc.doNothing())
        .returning('tag')
        .executeTakeFirst();
      tag = inserted?.tag;
    }
    await touchBoard(trx, campaign.id, now);
    return tag;
  });
}

/** Leaves a campaign: off its leaderboard at once. Returns whether the citizen was taking part. */
export async function leave(db: Db, campaignId: string, userId: string, now: number): Promise<boolean> {
  const left = await db
    .updateTable('campaign_participants')
    .set({ joined: 0, updated_at: now })
    .where('campaign_id', '=', campaignId)
    .where('user_id', '=', userId)
    .where('joined', '=', 1)
    .executeTakeFirst();
  if (!left.numUpdatedRows) return false;
  await touchBoard(db, campaignId, now);
  return true;
}

/** Leaves every campaign (gamification turned off). Returns the campaigns left. */
export async function leaveAll(db: Db, userId: string, now: number): Promise<string[]> {
  const rows = await db.selectFrom('campaign_participants').select('campaign_id').where('user_id', '=', userId).where('joined', '=', 1).execute();
  for (const { campaign_id: campaignId } of rows) await leave(db, campaignId, userId, now);
  return rows.map((row) => row.campaign_id);
}

/** The citizen's row in a campaign, if they ever joined. */
export async function participation(db: Db, campaignId: string, userId: string) {
  return db
    .selectFrom('campaign_participants')
    .select(['tag', 'joined', 'score', 'reached_at'])
    .where('campaign_id', '=', campaignId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** The leaderboard's first `limit` rows, in order: score, then who reached it first, then pseudonym. */
export async function top(db: Db, campaignId: string, limit: number) {
  const rows = await db
    .selectFrom('campaign_participants')
    .select(['user_id', 'tag', 'score', 'reached_at'])
    .where('campaign_id', '=', campaignId)
    .where('joined', '=', 1)
    .orderBy('score', 'desc')
    .orderBy('reached_at')
    .orderBy('tag')
    .limit(limit)
    .execute();
  return rows.map((row, index) => ({ rank: index + 1, userId: row.user_id, tag: row.tag, score: row.score, reachedAt: row.reached_at }));
}

/**
 * A listed citizen's rank: one more than the participants ahead of them, counted in two index
 * ranges (a higher score; the same score reached earlier, or at once under a lower pseudonym), so
 * SQLite walks only the index entries ahead.
 */
export async function standingOf(db: Db, campaignId: string, userId: string): Promise<Standing | undefined> {
  const row = await participation(db, campaignId, userId);
  if (!row || row.joined !== 1) return undefined;
  const listed = () => db.selectFrom('campaign_participants').select((eb) => eb.fn.countAll<number>().as('n')).where('campaign_id', '=', campaignId).where('joined', '=', 1);
  const higher = await listed().where('score', '>', row.score).executeTakeFirstOrThrow();
  const earlier = await listed()
    .where('score', '=', row.score)
    .where((eb) => eb.or([eb('reached_at', '<', row.reached_at), eb.and([eb('reached_at', '=', row.reached_at), eb('tag', '<', row.tag)])]))
    .executeTakeFirstOrThrow();
  return { rank: Number(higher.n) + Number(earlier.n) + 1, score: row.score, tag: row.tag };
}

/**
 * Recomputes the scores that are stale: participants of these campaigns whose state moved on since
 * (optionally only these citizens). Returns the campaigns whose leaderboard changed.
 */
export async function refreshScores(db: Db, catalog: Catalog, campaigns: readonly Campaign[], now: number, userIds?: readonly string[]): Promise<Set<string>> {
  const changed = new Set<string>();
  if (!campaigns.length) return changed;
  const byId = new Map(campaigns.map((campaign) => [campaign.id, campaign]));
  const groups = userIds ? chunks(userIds) : [undefined];
  for (const users of groups) {
    if (users && !users.length) continue;
    let query = db
      .selectFrom('campaign_participants as p')
      .leftJoin('user_states as s', 's.user_id', 'p.user_id')
      .select(['p.campaign_id', 'p.user_id', 'p.score', 'p.reached_at', sql<number>`coalesce(s.version, 0)`.as('version')])
      .where('p.joined', '=', 1)
      .where('p.campaign_id', 'in', [...byId.keys()])
      .where(sql<boolean>`p.state_version <> coalesce(s.version, 0)`);
    if (users) query = query.where('p.user_id', 'in', users);
    const stale = await query.execute();
    for (const part of chunks(stale, 100)) {
      await db.transaction().execute(async (trx) => {
        for (const row of part) {
          const campaign = byId.get(row.campaign_id)!;
          // Read the version again inside the transaction: the score is computed from this state or a later one.
          const version = await stateVersion(trx, row.user_id);
          const score = await computeScore(trx, catalog, campaign, row.user_id);
          const moved = score.score !== row.score || score.reachedAt !== row.reached_at;
          await trx
            .updateTable('campaign_participants')
            .set({ state_version: version, ...(moved ? { score: score.score, reached_at: score.reachedAt, updated_at: now } : {}) })
            .where('campaign_id', '=', row.campaign_id)
            .where('user_id', '=', row.user_id)
            .execute();
          if (moved) changed.add(row.campaign_id);
        }
        for (const campaignId of changed) await touchBoard(trx, campaignId, now);
      });
    }
  }
  return changed;
}
