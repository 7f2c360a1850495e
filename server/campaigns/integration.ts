/**
 * Where campaigns and recommendations meet what lives elsewhere: the gamification switch
 * (server/preferences.ts) and the rewards, balance and redemptions (server/rewards). Each function
 * here is the one point the rest of this folder calls.
 */
import type { ServerContext } from '../context.ts';
import type { Db } from '../db/open.ts';
import type { GamificationOffHook } from '../preferences.ts';
import { gamificationOffAmong as offAmong } from '../preferences.ts';
import type { RewardSet } from '../rewards/definition.ts';
import { grantPrize, rewardReach as reachOf } from '../rewards/store.ts';
import type { Language } from '../views.ts';
import { leaveAll } from './store.ts';

/**
 * The citizens among `userIds` who turned gamification off (`PUT /me/preferences`): they are not
 * listed, cannot join, get no `campaign` live events and no recommendations.
 */
export function gamificationOffAmong(db: Db, userIds: readonly string[]): Promise<Set<string>> {
  return userIds.length ? offAmong(db, userIds) : Promise.resolve(new Set());
}

export async function gamificationOff(db: Db, userId: string): Promise<boolean> {
  return (await gamificationOffAmong(db, [userId])).has(userId);
}

/** Run when a citizen turns gamification off (in that transaction): they leave every campaign, off every leaderboard at once. */
export const leaveCampaignsWhenOff: GamificationOffHook = async (trx, userId, now) => {
  await leaveAll(trx, userId, now);
};

/** The rewards the server runs with. */
function rewardsOf(ctx: ServerContext): RewardSet | undefined {
  return ctx.rewards;
}

/** The reward ids prizes may name (validated at start); undefined: not checked. */
export function knownRewardIds(rewards: RewardSet | undefined): ReadonlySet<string> | undefined {
  return rewards && new Set(rewards.byId.keys());
}

export interface RewardPrize {
  userId: string;
  rewardId: string;
  campaignId: string;
  place: number;
  now: number;
}

/**
 * Grants a campaign's reward prize as a redemption at cost 0, inside the awarding transaction
 * `trx` (once per citizen and campaign). Points prizes need no call: the balance adds
 * campaign_prizes.points.
 */
export async function grantRewardPrize(ctx: ServerContext, trx: Db, prize: RewardPrize): Promise<void> {
  const rewards = rewardsOf(ctx);
  if (!rewards) return;
  const granted = await grantPrize(trx, rewards, { userId: prize.userId, rewardId: prize.rewardId, campaignId: prize.campaignId, now: prize.now });
  if (!granted) ctx.log('warn', 'campaign reward prize not granted', { campaignId: prize.campaignId, rewardId: prize.rewardId, place: prize.place });
}

/** Points the citizen won as campaign prizes: part of their balance, not of their level. */
export async function prizePoints(db: Db, userId: string): Promise<number> {
  const row = await db.selectFrom('campaign_prizes').select((eb) => eb.fn.sum<number>('points').as('points')).where('user_id', '=', userId).executeTakeFirst();
  return Number(row?.points ?? 0);
}

/** A reward's title, for a prize in words. */
export function rewardTitle(ctx: ServerContext, rewardId: string, lang: Language): string | undefined {
  return rewardsOf(ctx)?.byId.get(rewardId)?.definition.title[lang];
}

/**
 * The citizen's balance and the costs of the rewards open to their level, for recommendations
 * («brings a reward you cannot yet afford within reach»); undefined without rewards.
 */
export async function rewardReach(ctx: ServerContext, userId: string): Promise<{ balance: number; costs: number[] } | undefined> {
  const rewards = rewardsOf(ctx);
  return rewards && reachOf(ctx.db, ctx.catalog, rewards, userId);
}
