/** Small HTTP helpers shared by the routes: ETags, conditional answers, JSON bodies, sign-in failures. */
import { hash } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { citizenCheck, tokenCookieSent, TokenOutOfTime } from './auth.ts';
import type { ServerContext } from './context.ts';
import { ApiError, invalidRequest } from './errors.ts';

export function etagOf(body: string | Uint8Array): string {
  return `W/"${hash('sha1', body, 'base64url')}"`;
}

/** Whether If-None-Match names this ETag (compared weakly, as RFC 9110 says for If-None-Match). */
export function clientHolds(c: Context, etag: string): boolean {
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const held = (c.req.header('if-none-match') ?? '').split(',').map(opaque);
  return held.includes(opaque(etag)) || held.includes('*');
}

/** Answers 304 when the client holds this representation, else the JSON with its ETag. */
export function conditionalJson(c: Context, value: unknown, cacheControl: string): Response {
  // Encoded once, then hashed and sent as bytes: hashing the string and writing it each encoded it
  // again, garbage on GET /me/achievements' hot path (BENCHMARKS.md).
  const body = Buffer.from(JSON.stringify(value));
  const etag = etagOf(body);
  c.header('ETag', etag);
  c.header('Cache-Control', cacheControl);
  if (clientHolds(c, etag)) return c.body(null, 304);
  return c.body(body, 200, { 'Content-Type': 'application/json; charset=utf-8' });
}

/** The request's JSON body: 415 when it is not application/json, 400 when it does not parse. */
export async function jsonBody(c: Context): Promise<unknown> {
  if (!/^application\/json\s*(;|$)/i.test(c.req.header('content-type') ?? '')) {
    throw new ApiError(415, 'unsupported_media_type', 'Send the body as application/json.');
  }
  try {
    return JSON.parse(await c.req.text());
  } catch {
    throw new ApiError(400, 'invalid_json', 'The body is not valid JSON.');
  }
}

/** A JSON body that must be an object of these fields and no other: 400 for anything else. */
export function bodyFields(body: unknown, fields: readonly string[]): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidRequest('body', 'expected an object');
  const unknown = Object.keys(body).find((key) => !fields.includes(key));
  if (unknown !== undefined) throw invalidRequest(unknown, 'unknown field');
  return body as Record<string, unknown>;
}

/**
 * The client's address: the socket's, or behind a trusted proxy the last address in X-Forwarded-For
 * that is not a trusted proxy too. The last, because each proxy appends the address it saw, while
 * anything before it is what the client sent.
 */
function clientAddress(c: Context, trustedProxies: readonly string[]): string {
  const socket = getConnInfo(c).remote.address ?? 'unknown';
  if (!trustedProxies.includes(socket)) return socket;
  const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((hop) => hop.trim()).filter(Boolean);
  return hops.findLast((hop) => !trustedProxies.includes(hop)) ?? socket;
}

/**
 * Runs an authentication step for a client address with failed sign-ins left (429 without: even a
 * right credential then waits, or guessing would go on with the hits told apart); a refusal spends
 * one, unless it is a token whose time is over (a renewal, not a guess).
 */
export async function authenticated<T>(ctx: ServerContext, c: Context, check: () => T | Promise<T>): Promise<T> {
  const address = clientAddress(c, ctx.config.trustedProxies);
  ctx.authFailures.check(address);
  try {
    return await check();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401 && !(error instanceof TokenOutOfTime)) ctx.authFailures.take(address);
    throw error;
  }
}

/** The signed-in citizen (a token in the header or the cookie; 401 without one), limited per citizen. */
export function requiredCitizen(ctx: ServerContext): (c: Context) => Promise<string> {
  const authenticate = citizenCheck(ctx.config.jwtSecret);
  return async (c) => {
    const userId = await authenticated(ctx, c, () => authenticate(c.req.header('authorization'), c.req.header('cookie')));
    ctx.citizenRequests.take(userId);
    return userId;
  };
}

/**
 * For public routes that say more to a signed-in citizen: the citizen when a token came (a wrong
 * one is 401, as anywhere), limited per citizen; undefined for anyone.
 */
export function optionalCitizen(ctx: ServerContext): (c: Context) => Promise<string | undefined> {
  const citizen = requiredCitizen(ctx);
  return async (c) => {
    if (!c.req.header('authorization') && !tokenCookieSent(c.req.header('cookie'))) return undefined;
    return citizen(c);
  };
}
