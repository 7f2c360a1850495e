/** The citizen's ratings of earned achievements: PUT /api/v1/me/feedback/{achievementId}, GET /api/v1/me/feedback. */
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { ServerContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { feedbackJson, feedbackOf, parseFeedback, saveFeedback } from '../feedback.ts';
import { conditionalJson, jsonBody } from '../http.ts';
import { earnedAt } from '../share/store.ts';

export function feedbackRoutes(ctx: ServerContext, citizen: (c: Context) => Promise<string>): Hono {
  const app = new Hono();

  app.put('/:achievementId', async (c) => {
    const userId = await citizen(c);
    const input = parseFeedback(await jsonBody(c));
    const achievementId = c.req.param('achievementId');
    if (!ctx.catalog.byId.has(achievementId)) throw new ApiError(404, 'not_found', 'No such achievement.');
    if ((await earnedAt(ctx.db, userId, achievementId)) === undefined) throw new ApiError(403, 'not_earned', 'Only an achievement you have earned can be rated.');
    const saved = await saveFeedback(ctx.db, userId, achievementId, input, ctx.now());
    ctx.log('info', 'feedback saved', { achievementId, rating: input.rating, commented: input.comment !== undefined });
    c.header('Cache-Control', 'no-store');
    return c.json(feedbackJson(saved));
  });

  app.get('/', async (c) => {
    const userId = await citizen(c);
    c.header('Vary', 'Authorization, Cookie');
    return conditionalJson(c, { feedback: (await feedbackOf(ctx.db, userId)).map(feedbackJson) }, 'private, no-cache');
  });
  return app;
}
