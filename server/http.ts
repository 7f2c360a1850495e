/** Small HTTP helpers shared by the routes: ETags and conditional answers. */
import { createHash } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { ServerContext } from './context.ts';
import { ApiError } from './errors.ts';

export function etagOf(body: string): string {
  return `W/"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** Answers 304 when the client holds this representation, else the JSON with its ETag. */
export function conditionalJson(c: Context, value: unknown, cacheControl: string): Response {
  const body = JSON.stringify(value);
  const etag = etagOf(body);
  c.header('ETag', etag);
  c.header('Cache-Control', cacheControl);
  const held = (c.req.header('if-none-match') ?? '').split(',').map((tag) => tag.trim());
  if (held.includes(etag) || held.includes('*')) return c.body(null, 304);
  return c.body(body, 200, { 'Content-Type': 'application/json; charset=utf-8' });
}

/** Runs an authentication step; a refusal also spends the client address's failure allowance. */
export async function authenticated<T>(ctx: ServerContext, c: Context, check: () => T | Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) ctx.authFailures.take(getConnInfo(c).remote.address ?? 'unknown');
    throw error;
  }
}
