/** What every route gets: configuration, storage, the catalog, the live hub, the clock. */
import type { Catalog } from '../src/engine/index.ts';
import type { CampaignSet } from './campaigns/definition.ts';
import type { Config } from './config.ts';
import type { Db } from './db/open.ts';
import type { LiveHub } from './live.ts';
import type { GamificationOffHook } from './preferences.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { RarityCache } from './rarity.ts';
import type { RewardSet } from './rewards/definition.ts';

export interface ServerContext {
  config: Config;
  db: Db;
  catalog: Catalog;
  /** The folder the catalog's icon paths are relative to. */
  catalogDirectory: string;
  live: LiveHub;
  /** The campaigns (турниры) of ACH_CAMPAIGNS or the built-in file. */
  campaigns: CampaignSet;
  /** The rewards (privileges for points) of ACH_REWARDS or the built-in file. */
  rewards: RewardSet;
  /** Each achievement's public rarity, refreshed in the background. */
  rarity: RarityCache;
  /** Run in the transaction that turns a citizen's gamification off (campaigns add theirs at start). */
  onGamificationOff: GamificationOffHook[];
  now: () => number;
  limits: Config['limits'];
  /** Failed sign-ins per client address: keys and tokens cannot be guessed at speed. */
  authFailures: RateLimiter;
  /** Every signed-in request per citizen, whichever route it reaches: one allowance, not one per route. */
  citizenRequests: RateLimiter;
  /** How often an idle stream sends a keep-alive comment (ms). */
  heartbeatMs: number;
  /** Writes one JSON line: time, level, message, then `fields` (which must not reuse those three names). */
  log: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
}
