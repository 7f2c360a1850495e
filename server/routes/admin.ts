/**
 * Operators' endpoints under /api/v1/admin, opened by an admin key (ACH_ADMIN_KEYS) and nothing else:
 * a service key is refused with 403. With no admin key configured the whole of /admin does not
 * exist (404), so a deployment that has not set one exposes nothing.
 */
import { Hono } from 'hono';
import { serviceKeyCheck } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { authenticated } from '../http.ts';
import { computeMetrics, parseRange } from '../metrics.ts';

export function adminRoutes(ctx: ServerContext): Hono {
  const app = new Hono();
  if (!ctx.config.adminKeys.length) return app;
  const adminKey = serviceKeyCheck(ctx.config.adminKeys, 'admin');
  const serviceKey = serviceKeyCheck(ctx.config.serviceKeys);
  const isServiceKey = (authorization: string | undefined) => {
    try {
      serviceKey(authorization);
      return true;
    } catch {
      return false;
    }
  };
  const authorize = (authorization: string | undefined) => {
    try {
      return adminKey(authorization);
    } catch (refusal) {
      if (isServiceKey(authorization)) throw new ApiError(403, 'forbidden', 'A service key does not open /admin: use an admin key.');
      throw refusal;
    }
  };

  app.get('/metrics', async (c) => {
    await authenticated(ctx, c, () => authorize(c.req.header('authorization')));
    const range = parseRange(ctx.catalog, { from: c.req.query('from'), to: c.req.query('to') }, ctx.now());
    const started = performance.now();
    const metrics = await computeMetrics(ctx.db, ctx.catalog, ctx.rewards, range);
    ctx.log('info', 'metrics computed', { from: metrics.from, to: metrics.to, ms: Math.round(performance.now() - started) });
    c.header('Cache-Control', 'private, no-store');
    return c.json(metrics);
  });
  return app;
}
