/**
 * A campaign's life: announced on the live streams 24 h before it starts, when it starts and when it
 * ends (each once: what was announced is stored, so a restart does not repeat it); scores kept fresh
 * while it runs; prizes awarded once, an hour after the end (late events inside the window still
 * count until then, as for the window sweep), in one transaction with the mark that they were.
 */
import type { ServerContext } from '../context.ts';
import { EVERYONE } from '../live.ts';
import type { LiveMessage } from '../live.ts';
import { gamificationOffAmong } from '../preferences.ts';
import { SWEEP_GRACE_MS } from '../sweep.ts';
import type { Campaign, CampaignStatus } from './definition.ts';
import { grantRewardPrize } from './integration.ts';
import { awardedIds, refreshScores, touchBoard } from './store.ts';

/** How long before the start a campaign is announced as upcoming. */
export const ANNOUNCE_AHEAD_MS = 86_400_000;
/** A moment longer ago than this (the server was down, or the file is new) is recorded, not announced. */
export const ANNOUNCE_FRESH_MS = 86_400_000;
/** Prizes are awarded this long after the end: events that arrive a little late still count. */
export const AWARD_GRACE_MS = SWEEP_GRACE_MS;

/** The moments a campaign is announced at, in order. */
export function moments(campaign: Campaign): Array<{ status: CampaignStatus; at: number }> {
  return [
    { status: 'upcoming', at: campaign.start - ANNOUNCE_AHEAD_MS },
    { status: 'active', at: campaign.start },
    { status: 'finished', at: campaign.end },
  ];
}

/** The payload of the live `campaign` event (the title in Russian, the portal's language; GET /campaigns has both). */
export function campaignEventData(campaign: Campaign, status: CampaignStatus): string {
  return JSON.stringify({ id: campaign.id, status, title: campaign.definition.title.ru });
}

/**
 * Announces each campaign's latest moment that has come, once; earlier ones are recorded silently.
 * Each announcement reaches the streams right after its commit, with no await between: a batch
 * ingested meanwhile commits (and sends) a higher seq only after it, and a stream, which skips an id
 * below one it has sent, never skips an announcement. Returns what was sent.
 */
export async function announceCampaigns(ctx: ServerContext): Promise<LiveMessage[]> {
  const now = ctx.now();
  const sent: LiveMessage[] = [];
  for (const campaign of ctx.campaigns.list) {
    const due = moments(campaign).filter((moment) => moment.at <= now);
    if (!due.length) continue;
    const announcement = await ctx.db.transaction().execute(async (trx) => {
      let message: LiveMessage | undefined;
      for (const [index, moment] of due.entries()) {
        const announce = index === due.length - 1 && now - moment.at <= ANNOUNCE_FRESH_MS;
        const inserted = await trx
          .insertInto('campaign_announcements')
          .values({ campaign_id: campaign.id, status: moment.status, announced_at: now, published: announce ? 1 : 0 })
          .onConflict((oc) => oc.doNothing())
          .returning('status')
          .executeTakeFirst();
        if (!inserted || !announce) continue;
        const data = campaignEventData(campaign, moment.status);
        const row = await trx.insertInto('live_events').values({ user_id: EVERYONE, kind: 'campaign', data, created_at: now }).returning('seq').executeTakeFirstOrThrow();
        message = { id: row.seq, event: 'campaign', data };
      }
      // Read here, not after the commit: not to citizens who turned gamification off.
      return message && { message, skip: await gamificationOffAmong(trx, ctx.live.connected()) };
    });
    if (!announcement) continue;
    ctx.live.broadcast(announcement.message, announcement.skip);
    sent.push(announcement.message);
  }
  if (sent.length) ctx.log('info', 'campaigns announced', { count: sent.length });
  return sent;
}

/**
 * Awards a finished campaign's prizes once: the places of the final leaderboard (participants with
 * a score above 0), each prize's points and reward recorded in campaign_prizes in the same
 * transaction that marks the campaign awarded. Returns how many citizens won something (0 when it
 * had been awarded before).
 */
export async function awardPrizes(ctx: ServerContext, campaign: Campaign): Promise<number> {
  const now = ctx.now();
  // The final scores first: anything the log holds for the window by now.
  await refreshScores(ctx.db, ctx.catalog, [campaign], now);
  const places = Math.max(0, ...campaign.definition.prizes.map((prize) => prize.places[1]));
  const winners = await ctx.db.transaction().execute(async (trx) => {
    const board = await trx.selectFrom('campaign_boards').select('awarded_at').where('campaign_id', '=', campaign.id).executeTakeFirst();
    if (board?.awarded_at != null) return 0;
    const ranking = places
      ? await trx
          .selectFrom('campaign_participants')
          .select(['user_id'])
          .where('campaign_id', '=', campaign.id)
          .where('joined', '=', 1)
          .where('score', '>', 0)
          .orderBy('score', 'desc')
          .orderBy('reached_at')
          .orderBy('tag')
          .limit(places)
          .execute()
      : [];
    let count = 0;
    for (const prize of campaign.definition.prizes) {
      for (let place = prize.places[0]; place <= prize.places[1]; place++) {
        const winner = ranking[place - 1];
        if (!winner) break;
        const inserted = await trx
          .insertInto('campaign_prizes')
          .values({ campaign_id: campaign.id, user_id: winner.user_id, place, points: prize.points ?? 0, reward_id: prize.rewardId ?? null, awarded_at: now })
          .onConflict((oc) => oc.doNothing())
          .returning('user_id')
          .executeTakeFirst();
        if (!inserted) continue;
        count += 1;
        if (prize.rewardId !== undefined) await grantRewardPrize(ctx, trx, { userId: winner.user_id, rewardId: prize.rewardId, campaignId: campaign.id, place, now });
      }
    }
    await touchBoard(trx, campaign.id, now);
    await trx.updateTable('campaign_boards').set({ awarded_at: now }).where('campaign_id', '=', campaign.id).execute();
    return count;
  });
  if (winners) ctx.log('info', 'campaign prizes awarded', { campaignId: campaign.id, winners });
  return winners;
}

/** Refreshes the scores of these citizens (after their events were ingested) in campaigns still open. */
export async function refreshCitizens(ctx: ServerContext, userIds: readonly string[]): Promise<void> {
  if (!ctx.campaigns.list.length || !userIds.length) return;
  const awarded = await awardedIds(ctx.db);
  await refreshScores(ctx.db, ctx.catalog, ctx.campaigns.list.filter((campaign) => !awarded.has(campaign.id)), ctx.now(), userIds);
}

/** One pass: announcements, stale scores (after the window sweep, say), prizes of campaigns over. */
export async function tickCampaigns(ctx: ServerContext): Promise<void> {
  if (!ctx.campaigns.list.length) return;
  // Each leaderboard's updatedAt starts when the server first knew its campaign.
  await ctx.db
    .insertInto('campaign_boards')
    .values(ctx.campaigns.list.map((campaign) => ({ campaign_id: campaign.id, updated_at: ctx.now(), awarded_at: null })))
    .onConflict((oc) => oc.column('campaign_id').doNothing())
    .execute();
  await announceCampaigns(ctx);
  const awarded = await awardedIds(ctx.db);
  const open = ctx.campaigns.list.filter((campaign) => !awarded.has(campaign.id));
  await refreshScores(ctx.db, ctx.catalog, open, ctx.now());
  for (const campaign of open) if (ctx.now() >= campaign.end + AWARD_GRACE_MS) await awardPrizes(ctx, campaign);
}

/** The next instant a tick has something to do, if any. */
export function nextMoment(campaigns: readonly Campaign[], now: number): number | undefined {
  const upcoming = campaigns.flatMap((campaign) => [...moments(campaign).map((moment) => moment.at), campaign.end + AWARD_GRACE_MS]).filter((at) => at > now);
  return upcoming.length ? Math.min(...upcoming) : undefined;
}

const MAX_WAIT_MS = 3_600_000;
const MIN_WAIT_MS = 1000;

/**
 * Ticks at each campaign moment (announcements on time, not at the next 5-minute sweep), waking at
 * least hourly so a changed clock is noticed. Returns a function that stops it.
 */
export function startCampaignClock(ctx: ServerContext): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    const next = nextMoment(ctx.campaigns.list, ctx.now());
    if (next === undefined) return;
    const wait = Math.min(MAX_WAIT_MS, Math.max(MIN_WAIT_MS, next - ctx.now()));
    timer = setTimeout(() => {
      tickCampaigns(ctx)
        .catch((error: Error) => ctx.log('error', 'campaign tick failed', { error: error.message }))
        .finally(schedule);
    }, wait);
    timer.unref();
  };
  schedule();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
