/**
 * The demo's campaign. The built-in file (server/campaigns/default.json) has fixed dates, as an
 * operator's file would. When none of its campaigns is running or ahead any more (the demo is run
 * long after the file was written), the demo runs a copy moved by whole months to the current one
 * (Moscow time), under var/, so `npm start` always shows a live leaderboard. An operator's
 * ACH_CAMPAIGNS is never touched.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseTime } from '../src/engine/index.ts';
import { statusAt } from '../server/campaigns/definition.ts';
import { DEFAULT_CAMPAIGNS } from '../server/campaigns/definition.ts';
import { join } from '../server/campaigns/store.ts';
import { ROOT } from '../server/config.ts';
import type { ServerContext } from '../server/context.ts';

const MOSCOW = 3 * 3_600_000;

/** An RFC 3339 time with an offset, moved by `months` on its own wall clock (the day kept where the month has it). */
export function shiftMonths(time: string, months: number): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(T.*)$/.exec(time);
  if (!match) throw new Error(`not an RFC 3339 time: ${time}`);
  const index = Number(match[1]) * 12 + Number(match[2]) - 1 + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(Number(match[3]), days)).padStart(2, '0')}${match[4]}`;
}

interface CampaignFile {
  campaigns: Array<{ startsAt: string; endsAt: string }>;
}

/**
 * The campaigns file the demo runs with: the built-in one while it has a campaign running or
 * ahead at `now`, else a copy whose first campaign starts in the current Moscow month (written
 * under var/). Returns undefined for the built-in file.
 */
export function demoCampaignsPath(now: number, directory = resolve(ROOT, 'var')): string | undefined {
  const file = JSON.parse(readFileSync(DEFAULT_CAMPAIGNS, 'utf8')) as CampaignFile;
  const [first] = file.campaigns;
  if (!first || file.campaigns.some((c) => parseTime(c.endsAt) > now)) return undefined;
  const moscow = new Date(now + MOSCOW);
  const start = /^(\d{4})-(\d{2})/.exec(first.startsAt)!;
  const months = moscow.getUTCFullYear() * 12 + moscow.getUTCMonth() - (Number(start[1]) * 12 + Number(start[2]) - 1);
  const moved = { ...file, campaigns: file.campaigns.map((c) => ({ ...c, startsAt: shiftMonths(c.startsAt, months), endsAt: shiftMonths(c.endsAt, months) })) };
  mkdirSync(directory, { recursive: true });
  const path = resolve(directory, 'demo-campaigns.json');
  writeFileSync(path, `${JSON.stringify(moved, null, 2)}\n`);
  return path;
}

/** Joins demo citizens to every campaign running or ahead, so the leaderboard has rows (the others can join from the page). */
export async function joinDemoCampaigns(ctx: Pick<ServerContext, 'db' | 'catalog' | 'campaigns' | 'now'>, userIds: readonly string[]): Promise<number> {
  let joined = 0;
  for (const campaign of ctx.campaigns.list) {
    if (statusAt(campaign, ctx.now()) === 'finished') continue;
    for (const userId of userIds) {
      await join(ctx.db, ctx.catalog, campaign, userId, ctx.now());
      joined += 1;
    }
  }
  return joined;
}
