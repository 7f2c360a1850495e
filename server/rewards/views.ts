/** Rewards and redemptions as the API shows them, localized for Accept-Language. */
import type { Catalog } from '../../src/engine/index.ts';
import type { Language } from '../views.ts';
import type { Reward, RewardSet } from './definition.ts';
import type { RedemptionRow, Refusal } from './store.ts';

export interface RewardStanding {
  /** What is left of the stock in this period (only for a reward with a stock). */
  remaining?: number;
  /** Only for a signed-in citizen. */
  refusal?: Refusal | undefined;
  signedIn: boolean;
}

export function rewardJson(catalog: Catalog, reward: Reward, lang: Language, standing: RewardStanding) {
  const { id, title, description, cost, minLevel, limit, stock, validDays } = reward.definition;
  const level = minLevel === undefined ? undefined : catalog.levels[reward.minLevelIndex]!;
  return {
    id,
    title: title[lang],
    description: description[lang],
    cost,
    ...(level ? { minLevel: { id: level.id, title: level.title[lang], index: reward.minLevelIndex } } : {}),
    ...(limit ? { limit } : {}),
    ...(stock ? { stock: { ...stock, remaining: standing.remaining! } } : {}),
    validDays,
    ...(standing.signedIn ? { availability: standing.refusal ? { available: false, reason: standing.refusal } : { available: true } } : {}),
  };
}

export function redemptionJson(rewards: RewardSet, row: RedemptionRow, lang: Language, now: number) {
  return {
    id: row.id,
    rewardId: row.reward_id,
    // A reward since taken out of the file still shows what was granted.
    title: rewards.byId.get(row.reward_id)?.definition.title[lang] ?? row.reward_id,
    cost: row.cost,
    grantedAt: new Date(row.granted_at).toISOString(),
    expiresAt: new Date(row.expires_at).toISOString(),
    status: now < row.expires_at ? ('active' as const) : ('expired' as const),
  };
}
