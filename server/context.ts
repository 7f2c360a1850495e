/** What every route gets: configuration, storage, the catalog, the live hub, the clock. */
import type { Catalog } from '../src/engine/index.ts';
import type { Config } from './config.ts';
import type { Db } from './db/open.ts';
import type { LiveHub } from './live.ts';
import type { RateLimiter } from './rate-limit.ts';

export interface ServerContext {
  config: Config;
  db: Db;
  catalog: Catalog;
  /** The folder the catalog's icon paths are relative to. */
  catalogDirectory: string;
  live: LiveHub;
  now: () => number;
  limits: Config['limits'];
  /** Failed sign-ins per client address: keys and tokens cannot be guessed at speed. */
  authFailures: RateLimiter;
  /** How often an idle stream sends a keep-alive comment (ms). */
  heartbeatMs: number;
  log: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
}
