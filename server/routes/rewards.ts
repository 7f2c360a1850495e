/**
 * Privileges for points: GET /api/v1/rewards (public; a citizen's token, when sent, adds their
 * balance and why each one is or is not available to them), and under /me:
 * POST /api/v1/me/redemptions (with an Idempotency-Key) and GET /api/v1/me/redemptions.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { ServerContext } from '../context.ts';
import { ApiError, invalidRequest } from '../errors.ts';
import { bodyFields, conditionalJson, jsonBody, optionalCitizen } from '../http.ts';
import { ledgerOf, redeem, redemptionsOf, refusalOf, stockRemaining } from '../rewards/store.ts';
import { redemptionJson, rewardJson } from '../rewards/views.ts';
import { languageOf } from '../views.ts';

/** A client-made key per redemption intent, e.g. a UUID. */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,200}$/;

export function rewardRoutes(ctx: ServerContext): Hono {
  const app = new Hono();
  const citizenIfSent = optionalCitizen(ctx);

  app.get('/rewards', async (c) => {
    // Anyone may look; a token that came must be valid (401 as anywhere).
    const userId = await citizenIfSent(c);
    const lang = languageOf(c.req.header('accept-language'));
    const now = ctx.now();
    const ledger = userId === undefined ? undefined : await ledgerOf(ctx.db, userId);
    const rewards = [];
    for (const reward of ctx.rewards.list) {
      rewards.push(
        rewardJson(ctx.catalog, reward, lang, {
          remaining: await stockRemaining(ctx.db, ctx.catalog, reward, now),
          signedIn: ledger !== undefined,
          refusal: ledger && (await refusalOf(ctx.db, ctx.catalog, reward, userId!, ledger, now)),
        }),
      );
    }
    c.header('Vary', 'Accept-Language, Authorization, Cookie');
    c.header('Content-Language', lang);
    // Public answers may be cached briefly: the stock left is the only part that moves.
    return conditionalJson(c, { rewards, ...(ledger ? { balance: ledger.balance } : {}) }, ledger ? 'private, no-cache' : 'public, max-age=60');
  });
  return app;
}

function rewardIdOf(body: unknown): string {
  const { rewardId } = bodyFields(body, ['rewardId']);
  if (typeof rewardId !== 'string' || !rewardId) throw invalidRequest('rewardId', 'expected a reward id');
  return rewardId;
}

/** POST and GET /me/redemptions, signed in and limited as the rest of /me. */
export function redemptionRoutes(ctx: ServerContext, citizen: (c: Context) => Promise<string>): Hono {
  const app = new Hono();

  app.post('/', async (c) => {
    const userId = await citizen(c);
    const key = c.req.header('idempotency-key');
    if (key === undefined || !IDEMPOTENCY_KEY.test(key)) {
      throw new ApiError(400, 'idempotency_key_required', 'Send an Idempotency-Key header: 8 to 200 characters of A–Z, a–z, 0–9, _ and -, new for each redemption.');
    }
    const rewardId = rewardIdOf(await jsonBody(c));
    const reward = ctx.rewards.byId.get(rewardId);
    if (!reward) throw new ApiError(404, 'not_found', 'No such reward.');
    const now = ctx.now();
    const result = await redeem(ctx.db, ctx.catalog, reward, userId, key, now);
    if (result.created) ctx.log('info', 'reward redeemed', { rewardId, cost: reward.definition.cost });
    c.header('Cache-Control', 'no-store');
    const lang = languageOf(c.req.header('accept-language'));
    return c.json({ redemption: redemptionJson(ctx.rewards, result.redemption, lang, now), balance: result.balance }, result.created ? 201 : 200);
  });

  app.get('/', async (c) => {
    const userId = await citizen(c);
    const lang = languageOf(c.req.header('accept-language'));
    const now = ctx.now();
    const { balance } = await ledgerOf(ctx.db, userId);
    const redemptions = (await redemptionsOf(ctx.db, userId)).map((row) => redemptionJson(ctx.rewards, row, lang, now));
    c.header('Vary', 'Accept-Language, Authorization, Cookie');
    return conditionalJson(c, { balance, redemptions }, 'private, no-cache');
  });
  return app;
}
