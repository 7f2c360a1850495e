/** GET /api/v1/me/recommendations: the citizen's next steps («Следующие шаги»), localized. */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { createUserState, decodeState, describeUser } from '../../src/engine/index.ts';
import type { ServerContext } from '../context.ts';
import { conditionalJson } from '../http.ts';
import { gamificationOn } from '../preferences.ts';
import { recommend } from '../recommendations.ts';
import { rewardReach } from '../rewards/store.ts';
import { languageOf, portalLink, portalUrlOf } from '../views.ts';

export function recommendationRoutes(ctx: ServerContext, citizen: (c: Context) => Promise<string>): Hono {
  const app = new Hono();
  const portal = portalUrlOf(ctx.config);

  app.get('/', async (c) => {
    const userId = await citizen(c);
    const lang = languageOf(c.req.header('accept-language'));
    c.header('Vary', 'Accept-Language, Authorization, Cookie');
    c.header('Content-Language', lang);
    // Gamification off: nothing to suggest.
    if (!(await gamificationOn(ctx.db, userId))) return conditionalJson(c, { recommendations: [] }, 'private, no-cache');
    const row = await ctx.db.selectFrom('user_states').select('state').where('user_id', '=', userId).executeTakeFirst();
    const state = (row && decodeState(ctx.catalog, row.state)) ?? createUserState(ctx.catalog);
    const now = ctx.now();
    const rewards = await rewardReach(ctx.db, ctx.catalog, ctx.rewards, userId);
    const recommendations = recommend(ctx.catalog, describeUser(ctx.catalog, state, now), {
      lang,
      now,
      link: (link) => portalLink(portal, link),
      rewards,
    });
    return conditionalJson(c, { recommendations }, 'private, no-cache');
  });
  return app;
}
