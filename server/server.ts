/** Starts the reference server: storage, catalog, backfill, HTTP on the configured (loopback) address. */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { backfill } from './backfill.ts';
import { loadCampaigns } from './campaigns/definition.ts';
import { knownRewardIds, leaveCampaignsWhenOff } from './campaigns/integration.ts';
import { startCampaignClock, tickCampaigns } from './campaigns/lifecycle.ts';
import { loadCatalog } from './catalog.ts';
import type { Config } from './config.ts';
import type { ServerContext } from './context.ts';
import { openDatabase } from './db/open.ts';
import { RARITY_REFRESH_MS, RarityCache } from './rarity.ts';
import { RateLimiter } from './rate-limit.ts';
import { loadRewards } from './rewards/definition.ts';
import { sweepWindows } from './sweep.ts';
import { LiveHub } from './live.ts';

export interface RunningServer {
  /** The address it listens on, e.g. http://127.0.0.1:8787 */
  url: string;
  context: ServerContext;
  /** Runs the window sweep now, then the campaigns' tick (both also run at start and every `sweepMs`). */
  sweep(): Promise<number>;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Where the JSON log lines go (default: stdout); false: nowhere. */
  log?: false | ((line: string) => void);
  heartbeatMs?: number;
  sweepMs?: number;
  now?: () => number;
}

/** How long live events are kept for streams that reconnect. */
const LIVE_RETENTION_MS = 7 * 86_400_000;

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const write = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const log: ServerContext['log'] = write === false ? () => {} : (level, message, fields) => {
    write(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }));
  };
  const db = await openDatabase(config.db);
  const { catalog, directory } = loadCatalog(config.catalogPath);
  const rewards = loadRewards(config.rewardsPath, catalog);
  const campaigns = loadCampaigns(config.campaignsPath, catalog, knownRewardIds(rewards));
  const now = options.now ?? Date.now;
  const rebuilt = await backfill(db, catalog, now());
  if (rebuilt) log('info', 'catalog changed: states rebuilt from the log', { citizens: rebuilt });

  const context: ServerContext = {
    config,
    db,
    catalog,
    catalogDirectory: directory,
    live: new LiveHub(),
    campaigns,
    rewards,
    rarity: new RarityCache(db, catalog),
    onGamificationOff: [leaveCampaignsWhenOff],
    now,
    limits: config.limits,
    authFailures: new RateLimiter(config.limits.authFailures),
    citizenRequests: new RateLimiter(config.limits.citizen),
    heartbeatMs: options.heartbeatMs ?? 15_000,
    log,
  };
  // The newest row always stays: SQLite numbers a new row after the largest left, so an emptied table
  // would start again at 1 and an open stream, past those ids, would drop what follows.
  const prune = () =>
    db
      .deleteFrom('live_events')
      .where('created_at', '<', now() - LIVE_RETENTION_MS)
      .where('seq', '<', (eb) => eb.selectFrom('live_events').select((inner) => inner.fn.max('seq').as('newest')))
      .execute();
  await prune();
  const pruning = setInterval(() => void prune(), 3_600_000).unref();
  // Windows closed by the sweep can move campaign scores: the campaigns' tick follows it.
  const sweep = async () => {
    const advanced = await sweepWindows(context);
    await tickCampaigns(context);
    return advanced;
  };
  await sweep();
  const sweeping = setInterval(() => {
    sweep().catch((error: Error) => log('error', 'window sweep failed', { error: error.message }));
  }, options.sweepMs ?? 300_000).unref();
  const stopCampaignClock = startCampaignClock(context);
  await context.rarity.refresh();
  const rarityRefresh = setInterval(() => {
    context.rarity.refresh().catch((error: Error) => log('error', 'rarity refresh failed', { error: error.message }));
  }, RARITY_REFRESH_MS).unref();

  const app = createApp(context);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () => resolve(started));
  });
  const { address, port } = server.address() as AddressInfo;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  log('info', 'listening', { url });
  return {
    url,
    context,
    sweep,
    close: async () => {
      clearInterval(pruning);
      clearInterval(sweeping);
      stopCampaignClock();
      clearInterval(rarityRefresh);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Open event streams would keep the server from closing.
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await db.destroy();
    },
  };
}
