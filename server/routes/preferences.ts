/** The citizen's settings: GET and PUT /api/v1/me/preferences `{ gamification }`. */
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { ServerContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { jsonBody } from '../http.ts';
import { gamificationOn, setGamification } from '../preferences.ts';

function gamificationOf(body: unknown): boolean {
  const invalid = (path: string, message: string) => new ApiError(400, 'invalid_request', `${path}: ${message}`, { issues: [{ path, message }] });
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('body', 'expected an object');
  const { gamification, ...rest } = body as Record<string, unknown>;
  const [unknown] = Object.keys(rest);
  if (unknown !== undefined) throw invalid(unknown, 'unknown field');
  if (typeof gamification !== 'boolean') throw invalid('gamification', 'expected true or false');
  return gamification;
}

export function preferenceRoutes(ctx: ServerContext, citizen: (c: Context) => Promise<string>): Hono {
  const app = new Hono();

  app.get('/', async (c) => {
    const userId = await citizen(c);
    c.header('Cache-Control', 'private, no-cache');
    return c.json({ gamification: await gamificationOn(ctx.db, userId) });
  });

  app.put('/', async (c) => {
    const userId = await citizen(c);
    const on = gamificationOf(await jsonBody(c));
    const gamification = await setGamification(ctx.db, ctx.onGamificationOff, userId, on, ctx.now());
    ctx.log('info', 'preferences saved', { gamification });
    c.header('Cache-Control', 'no-store');
    return c.json({ gamification });
  });
  return app;
}
