/**
 * The points ledger and redemptions. Balance = points earned (the engine's total, which also sets
 * the level) + points won as campaign prizes − points spent. Checking a redemption and granting it
 * are one transaction: Kysely's SQLite driver runs a transaction alone on its single connection, so
 * no other redemption interleaves; and a second process on the same file could not commit a grant
 * over a snapshot another grant changed (SQLite refuses it with SQLITE_BUSY), so a balance is never
 * spent twice.
 */
import { randomBytes } from 'node:crypto';
import type { Catalog, Period } from '../../src/engine/index.ts';
import { levelFor } from '../../src/engine/index.ts';
import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../db/open.ts';
import type { Database, RedemptionsTable } from '../db/schema.ts';
import { ApiError } from '../errors.ts';
import type { Reward, RewardSet } from './definition.ts';

const DAY = 86_400_000;

export type Refusal = 'level_too_low' | 'limit_reached' | 'sold_out' | 'insufficient_points';

export interface Ledger {
  /** Points earned: the level follows these, spending never lowers it. */
  earned: number;
  balance: number;
}

/** The parts of a citizen's ledger as sub-selects, for a statement that reads them with more (GET /me/achievements). */
export function ledgerParts(eb: ExpressionBuilder<Database, never>, userId: string) {
  return [
    eb.selectFrom('user_states').select('points').where('user_id', '=', userId).as('earned'),
    eb.selectFrom('campaign_prizes').select((e) => e.fn.sum<number>('points').as('points')).where('user_id', '=', userId).as('won'),
    eb.selectFrom('redemptions').select((e) => e.fn.sum<number>('cost').as('cost')).where('user_id', '=', userId).as('spent'),
  ] as const;
}

export function ledgerFrom(row: { earned: number | null; won: number | null; spent: number | null }): Ledger {
  const earned = Number(row.earned ?? 0);
  return { earned, balance: Math.max(0, earned + Number(row.won ?? 0) - Number(row.spent ?? 0)) };
}

/** One statement. */
export async function ledgerOf(db: Db, userId: string): Promise<Ledger> {
  return ledgerFrom(await db.selectNoFrom((eb) => ledgerParts(eb, userId)).executeTakeFirstOrThrow());
}

/** The calendar period (in the catalog's time zone) that contains `now`. */
function periodAround(catalog: Catalog, period: Period, now: number): { start: number; end: number } {
  const key = catalog.calendar.key(period, now);
  return { start: catalog.calendar.start(period, key), end: catalog.calendar.end(period, key) };
}

/** Grants of a reward in the period around `now`: everyone's (stock), or one citizen's (limit). */
async function grantsInPeriod(db: Db, catalog: Catalog, rewardId: string, period: Period, now: number, userId?: string): Promise<number> {
  const { start, end } = periodAround(catalog, period, now);
  let query = db
    .selectFrom('redemptions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('reward_id', '=', rewardId)
    .where('granted_at', '>=', start)
    .where('granted_at', '<', end);
  if (userId !== undefined) query = query.where('user_id', '=', userId);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

/** What is left of a reward's stock in the current period; undefined when it has none. */
export async function stockRemaining(db: Db, catalog: Catalog, reward: Reward, now: number): Promise<number | undefined> {
  const stock = reward.definition.stock;
  if (!stock) return undefined;
  return Math.max(0, stock.count - (await grantsInPeriod(db, catalog, reward.id, stock.period, now)));
}

/**
 * Why the citizen cannot redeem this reward now, or undefined when they can. Checked in this
 * order: level, their own limit, the stock, their points.
 */
export async function refusalOf(db: Db, catalog: Catalog, reward: Reward, userId: string, ledger: Ledger, now: number): Promise<Refusal | undefined> {
  const { limit, cost } = reward.definition;
  if (levelFor(catalog, ledger.earned).index < reward.minLevelIndex) return 'level_too_low';
  if (limit && (await grantsInPeriod(db, catalog, reward.id, limit.period, now, userId)) >= limit.count) return 'limit_reached';
  if ((await stockRemaining(db, catalog, reward, now)) === 0) return 'sold_out';
  if (ledger.balance < cost) return 'insufficient_points';
  return undefined;
}

export type RedemptionRow = Pick<RedemptionsTable, 'id' | 'reward_id' | 'cost' | 'granted_at' | 'expires_at'>;

const COLUMNS = ['id', 'reward_id', 'cost', 'granted_at', 'expires_at'] as const;

async function insertRedemption(db: Db, userId: string, reward: Reward, cost: number, key: string, now: number): Promise<RedemptionRow | undefined> {
  return db
    .insertInto('redemptions')
    .values({
      id: randomBytes(16).toString('base64url'),
      user_id: userId,
      reward_id: reward.id,
      cost,
      idempotency_key: key,
      granted_at: now,
      expires_at: now + reward.definition.validDays * DAY,
    })
    .onConflict((oc) => oc.columns(['user_id', 'idempotency_key']).doNothing())
    .returning(COLUMNS)
    .executeTakeFirst();
}

function refused(refusal: Refusal, catalog: Catalog, reward: Reward, ledger: Ledger): ApiError {
  const { cost, minLevel, limit, stock } = reward.definition;
  switch (refusal) {
    case 'level_too_low': {
      const level = catalog.levels[reward.minLevelIndex]!;
      return new ApiError(422, 'level_too_low', `This privilege opens at the level "${level.id}" (${level.minPoints} points earned).`, {
        minLevel: { id: minLevel!, index: reward.minLevelIndex, minPoints: level.minPoints },
      });
    }
    case 'limit_reached':
      return new ApiError(409, 'limit_reached', `This privilege can be redeemed ${limit!.count} time(s) per ${limit!.period}.`, { limit: limit! });
    case 'sold_out':
      return new ApiError(409, 'sold_out', `This privilege is sold out for this ${stock!.period}.`, { stock: stock! });
    case 'insufficient_points':
      return new ApiError(422, 'insufficient_points', `This privilege costs ${cost} points; the balance is ${ledger.balance}.`, { cost, balance: ledger.balance });
  }
}

export interface Redeemed {
  redemption: RedemptionRow;
  balance: number;
  /** False when the Idempotency-Key had already made this grant. */
  created: boolean;
}

/**
 * Redeems `reward` for the citizen under their Idempotency-Key. The same key for the same reward
 * answers the grant it made; for another reward it is 409 idempotency_key_reused. A refusal stores
 * nothing, so the same key may be tried again once the reason is gone.
 */
export async function redeem(db: Db, catalog: Catalog, reward: Reward, userId: string, key: string, now: number): Promise<Redeemed> {
  return db.transaction().execute(async (trx) => {
    const earlier = await trx.selectFrom('redemptions').select([...COLUMNS]).where('user_id', '=', userId).where('idempotency_key', '=', key).executeTakeFirst();
    if (earlier) {
      if (earlier.reward_id !== reward.id) {
        throw new ApiError(409, 'idempotency_key_reused', 'This Idempotency-Key was used for another request: make a new key for a new redemption.');
      }
      return { redemption: earlier, balance: (await ledgerOf(trx, userId)).balance, created: false };
    }
    const ledger = await ledgerOf(trx, userId);
    const refusal = await refusalOf(trx, catalog, reward, userId, ledger, now);
    if (refusal) throw refused(refusal, catalog, reward, ledger);
    const redemption = (await insertRedemption(trx, userId, reward, reward.definition.cost, key, now))!;
    return { redemption, balance: ledger.balance - reward.definition.cost, created: true };
  });
}

/** The citizen's redemptions, newest first. */
export async function redemptionsOf(db: Db, userId: string): Promise<RedemptionRow[]> {
  return db.selectFrom('redemptions').select([...COLUMNS]).where('user_id', '=', userId).orderBy('granted_at', 'desc').orderBy('id').execute();
}

export interface PrizeGrant {
  userId: string;
  rewardId: string;
  campaignId: string;
  now: number;
}

/**
 * Grants a campaign's reward prize at cost 0 inside the caller's (awarding) transaction, once per
 * citizen and campaign. It counts against the reward's stock and limit like any grant, but neither
 * refuses it: the prize was promised. Returns false when the reward is no longer in the file or
 * the prize was granted before.
 */
export async function grantPrize(db: Db, rewards: RewardSet, prize: PrizeGrant): Promise<boolean> {
  const reward = rewards.byId.get(prize.rewardId);
  if (!reward) return false;
  return (await insertRedemption(db, prize.userId, reward, 0, `prize:${prize.campaignId}`, prize.now)) !== undefined;
}

/** The balance and the costs of rewards within the citizen's level, for recommendations («a reward within reach»). */
export async function rewardReach(db: Db, catalog: Catalog, rewards: RewardSet, userId: string): Promise<{ balance: number; costs: number[] }> {
  const ledger = await ledgerOf(db, userId);
  const level = levelFor(catalog, ledger.earned).index;
  return { balance: ledger.balance, costs: rewards.list.filter((reward) => reward.minLevelIndex <= level).map((reward) => reward.definition.cost) };
}
