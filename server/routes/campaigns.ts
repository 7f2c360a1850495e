/**
 * Campaigns (турниры): GET /api/v1/campaigns and GET /api/v1/campaigns/{id}/leaderboard (public; a
 * citizen's token, when sent, adds their own standing), and the citizen's opt-in under /me:
 * POST and DELETE /api/v1/me/campaigns/{id}/participation.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { Campaign, CampaignStatus } from '../campaigns/definition.ts';
import { statusAt } from '../campaigns/definition.ts';
import { rewardTitle } from '../campaigns/integration.ts';
import { boardOf, join, leave, participation, standingOf, top, verificationEvent } from '../campaigns/store.ts';
import type { MyCampaign } from '../campaigns/views.ts';
import { campaignJson, displayName } from '../campaigns/views.ts';
import type { ServerContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { conditionalJson, optionalCitizen } from '../http.ts';
import { gamificationOn } from '../preferences.ts';
import { languageOf } from '../views.ts';

const ORDER: Record<CampaignStatus, number> = { active: 0, upcoming: 1, finished: 2 };

function campaignOf(ctx: ServerContext, id: string): Campaign {
  const campaign = ctx.campaigns.byId.get(id);
  if (!campaign) throw new ApiError(404, 'not_found', 'No such campaign.');
  return campaign;
}

/** What a citizen's eligibility depends on, read once per request however many campaigns are shown. */
interface CitizenFacts {
  gamification: boolean;
  verified: boolean;
  points: number;
}

async function citizenFacts(ctx: ServerContext, userId: string): Promise<CitizenFacts> {
  return {
    gamification: await gamificationOn(ctx.db, userId),
    verified: ctx.catalog.verificationType === undefined || (await verificationEvent(ctx.db, ctx.catalog, userId)) !== undefined,
    points: (await ctx.db.selectFrom('user_states').select('points').where('user_id', '=', userId).executeTakeFirst())?.points ?? 0,
  };
}

/** Whether the citizen may take part: gamification on, verified, at the campaign's minimum level. */
function eligibility(campaign: Campaign, facts: CitizenFacts): { eligible: boolean; reason?: string } {
  if (!facts.gamification) return { eligible: false, reason: 'Gamification is turned off for this citizen.' };
  // Always verified: nothing a citizen does counts before verification anyway.
  if (!facts.verified) return { eligible: false, reason: 'Only citizens with a verified profile take part.' };
  if (facts.points < campaign.minPoints) return { eligible: false, reason: `This campaign is for level «${campaign.definition.eligibility!.minLevel}» and above.` };
  return { eligible: true };
}

export function campaignRoutes(ctx: ServerContext): Hono {
  const app = new Hono();
  const citizenIfSent = optionalCitizen(ctx);
  const answer = (c: Context, userId: string | undefined, body: unknown) => {
    c.header('Vary', 'Accept-Language, Authorization, Cookie');
    return conditionalJson(c, body, userId ? 'private, no-cache' : 'public, no-cache');
  };

  app.get('/campaigns', async (c) => {
    const userId = await citizenIfSent(c);
    const lang = languageOf(c.req.header('accept-language'));
    const now = ctx.now();
    const list = ctx.campaigns.list
      .map((campaign) => ({ campaign, status: statusAt(campaign, now) }))
      .sort((a, b) => ORDER[a.status] - ORDER[b.status] || (a.status === 'finished' ? b.campaign.end - a.campaign.end : a.campaign.start - b.campaign.start));
    const facts = userId ? await citizenFacts(ctx, userId) : undefined;
    const campaigns = [];
    for (const { campaign, status } of list) {
      let me: MyCampaign | undefined;
      if (userId && facts) {
        const standing = await standingOf(ctx.db, campaign.id, userId);
        const { eligible } = eligibility(campaign, facts);
        me = { joined: standing !== undefined, eligible, ...(standing ? { rank: standing.rank, score: standing.score } : {}) };
      }
      campaigns.push(campaignJson(campaign, status, lang, me, (id, language) => rewardTitle(ctx, id, language)));
    }
    c.header('Content-Language', lang);
    return answer(c, userId, { campaigns });
  });

  app.get('/campaigns/:campaignId/leaderboard', async (c) => {
    const campaign = campaignOf(ctx, c.req.param('campaignId'));
    const userId = await citizenIfSent(c);
    const lang = languageOf(c.req.header('accept-language'));
    const rows = await top(ctx.db, campaign.id, campaign.leaderboardSize);
    const standing = userId ? await standingOf(ctx.db, campaign.id, userId) : undefined;
    const board = await boardOf(ctx.db, campaign.id);
    c.header('Content-Language', lang);
    return answer(c, userId, {
      campaignId: campaign.id,
      updatedAt: new Date(board?.updatedAt ?? Math.min(ctx.now(), campaign.start)).toISOString(),
      top: rows.map((row) => ({ rank: row.rank, displayName: displayName(row.tag, lang), score: row.score })),
      ...(standing ? { me: { rank: standing.rank, score: standing.score, displayName: displayName(standing.tag, lang) } } : {}),
    });
  });
  return app;
}

/** POST and DELETE /me/campaigns/{id}/participation, signed in and limited as the rest of /me. */
export function campaignParticipationRoutes(ctx: ServerContext, citizen: (c: Context) => Promise<string>): Hono {
  const app = new Hono();

  app.post('/:campaignId/participation', async (c) => {
    const userId = await citizen(c);
    const campaign = campaignOf(ctx, c.req.param('campaignId'));
    const now = ctx.now();
    if (statusAt(campaign, now) === 'finished') throw new ApiError(409, 'campaign_finished', 'This campaign has ended: it can no longer be joined.');
    const joined = await participation(ctx.db, campaign.id, userId);
    if (joined?.joined !== 1) {
      const { eligible, reason } = eligibility(campaign, await citizenFacts(ctx, userId));
      if (!eligible) throw new ApiError(403, 'not_eligible', reason ?? 'This campaign is not open to this citizen.');
    }
    const tag = await join(ctx.db, ctx.catalog, campaign, userId, now);
    c.header('Cache-Control', 'no-store');
    return c.json({ joined: true, displayName: displayName(tag, languageOf(c.req.header('accept-language'))) });
  });

  app.delete('/:campaignId/participation', async (c) => {
    const userId = await citizen(c);
    const campaign = campaignOf(ctx, c.req.param('campaignId'));
    if (await leave(ctx.db, campaign.id, userId, ctx.now())) ctx.log('info', 'campaign left', { campaignId: campaign.id });
    return c.body(null, 204);
  });
  return app;
}
