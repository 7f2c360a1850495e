/** POST /api/v1/events — a portal back end reports citizens' actions (service key, atomic batch). */
import { Hono } from 'hono';
import { parseTime, validateEventBatch } from '../../src/engine/index.ts';
import { serviceKeyCheck } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { refreshCitizens } from '../campaigns/lifecycle.ts';
import { authenticated, jsonBody } from '../http.ts';
import { ingest } from '../ingest.ts';
import { RateLimiter } from '../rate-limit.ts';

/** Events before this cannot be real portal events; later ones up to a little clock skew are. */
export const EARLIEST = Date.parse('2000-01-01T00:00:00Z');
export const ALLOWED_SKEW_MS = 5 * 60_000;

export function eventRoutes(ctx: ServerContext): Hono {
  const app = new Hono();
  const authorize = serviceKeyCheck(ctx.config.serviceKeys);
  const limiter = new RateLimiter(ctx.limits.service);

  app.post('/', async (c) => {
    const key = await authenticated(ctx, c, () => authorize(c.req.header('authorization')));
    limiter.take(key);
    const validated = validateEventBatch(await jsonBody(c));
    if (!validated.ok) {
      const [first] = validated.issues;
      throw new ApiError(400, 'invalid_event', `${first!.path}: ${first!.message}`, { issues: validated.issues });
    }
    const now = ctx.now();
    validated.value.forEach((event, index) => {
      const t = parseTime(event.occurredAt);
      const path = `events[${index}].occurredAt`;
      if (t < EARLIEST) throw new ApiError(400, 'invalid_event', `${path}: before 2000-01-01, earlier than any portal event`, { issues: [{ path, message: 'before 2000-01-01' }] });
      if (t > now + ALLOWED_SKEW_MS) throw new ApiError(400, 'invalid_event', `${path}: in the future`, { issues: [{ path, message: 'in the future' }] });
    });
    const result = await ingest(ctx.db, ctx.catalog, ctx.live, validated.value, now);
    // Campaign scores of these citizens, so a leaderboard read after the answer includes the batch.
    // The batch is committed either way: a failure here is logged, and the next sweep catches up.
    if (result.accepted) {
      await refreshCitizens(ctx, [...new Set(validated.value.map((event) => event.userId))]).catch((error: Error) =>
        ctx.log('error', 'campaign scores not refreshed', { error: error.message }),
      );
    }
    ctx.log('info', 'events ingested', { accepted: result.accepted, duplicates: result.duplicates, unlocked: result.unlocked.length });
    return c.json(result);
  });
  return app;
}
