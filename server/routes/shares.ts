/**
 * The citizen's share links, under /api/v1/me/shares: POST makes a public link to an achievement
 * they earned, DELETE withdraws one. Signed in and limited exactly as the rest of /me.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { ServerContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { jsonBody } from '../http.ts';
import { shareUrl } from '../share/page.ts';
import { parseShareRequest } from '../share/request.ts';
import { earnedAt, revokeShare, shareFor } from '../share/store.ts';

export function shareRoutes(ctx: ServerContext, citizen: (c: Context) => Promise<string>): Hono {
  const app = new Hono();

  app.post('/', async (c) => {
    const userId = await citizen(c);
    const { achievementId, displayName } = parseShareRequest(await jsonBody(c));
    if (!ctx.catalog.byId.has(achievementId)) throw new ApiError(404, 'not_found', 'No such achievement.');
    if ((await earnedAt(ctx.db, userId, achievementId)) === undefined) throw new ApiError(403, 'not_earned', 'Only an achievement you have earned can be shared.');
    const share = await shareFor(ctx.db, userId, achievementId, displayName, ctx.now());
    if (share.created) ctx.log('info', 'share created', { achievementId, named: displayName !== undefined });
    c.header('Cache-Control', 'no-store');
    return c.json({ url: shareUrl(ctx.config.publicUrl, share.id) }, share.created ? 201 : 200);
  });

  app.delete('/:shareId', async (c) => {
    const userId = await citizen(c);
    // Another citizen's share is answered exactly as one that does not exist.
    if (!(await revokeShare(ctx.db, userId, c.req.param('shareId'), ctx.now()))) throw new ApiError(404, 'not_found', 'No such share.');
    return c.body(null, 204);
  });
  return app;
}
