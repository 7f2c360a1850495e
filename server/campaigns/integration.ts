/**
 * Where campaigns meet what lives elsewhere: the gamification switch's hook (server/preferences.ts)
 * and the rewards and redemptions (server/rewards).
 */
import type { ServerContext } from '../context.ts';
import type { Db } from '../db/open.ts';
import type { GamificationOffHook } from '../preferences.ts';
import type { RewardSet } from '../rewards/definition.ts';
import { grantPrize } from '../rewards/store.ts';
import type { Language } from '../views.ts';
import { leaveAll } from './store.ts';

/** Run when a citizen turns gamification off (in that transaction): they leave every campaign, off every leaderboard at once. */
export const leaveCampaignsWhenOff: GamificationOffHook = async (trx, userId, now) => {
  await leaveAll(trx, userId, now);
};

/** The reward ids prizes may name (validated at start). */
export function knownRewardIds(rewards: RewardSet): ReadonlySet<string> {
  return new Set(rewards.byId.keys());
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
  const granted = await grantPrize(trx, ctx.rewards, { userId: prize.userId, rewardId: prize.rewardId, campaignId: prize.campaignId, now: prize.now });
  if (!granted) ctx.log('warn', 'campaign reward prize not granted', { campaignId: prize.campaignId, rewardId: prize.rewardId, place: prize.place });
}

/** Points the citizen won as campaign prizes: part of their balance, not of their level. */
export async function prizePoints(db: Db, userId: string): Promise<number> {
  const row = await db.selectFrom('campaign_prizes').select((eb) => eb.fn.sum<number>('points').as('points')).where('user_id', '=', userId).executeTakeFirst();
  return Number(row?.points ?? 0);
}

/** A reward's title, for a prize in words. */
export function rewardTitle(ctx: ServerContext, rewardId: string, lang: Language): string | undefined {
  return ctx.rewards.byId.get(rewardId)?.definition.title[lang];
}
