/** The citizen's settings: GET and PUT /api/v1/me/preferences `{ gamification }`. */
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { ServerContext } from '../context.ts';
import { invalidRequest } from '../errors.ts';
import { bodyFields, jsonBody } from '../http.ts';
import { gamificationOn, setGamification } from '../preferences.ts';

function gamificationOf(body: unknown): boolean {
  const { gamification } = bodyFields(body, ['gamification']);
  if (typeof gamification !== 'boolean') throw invalidRequest('gamification', 'expected true or false');
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
