/** The reference server's HTTP surface: contract v1 under /api/v1, the public share pages under /s, and /healthz. */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import { sql } from 'kysely';
import type { ServerContext } from './context.ts';
import { ApiError, errorBody } from './errors.ts';
import { openApiDocument } from './openapi.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { eventRoutes } from './routes/events.ts';
import { meRoutes } from './routes/me.ts';
import { sharePageCsp, sharePageRoutes } from './routes/share-page.ts';

/** A batch of 1000 events of ordinary size fits well inside this. */
export const MAX_BODY_BYTES = 1024 * 1024;

export function createApp(ctx: ServerContext): Hono {
  const app = new Hono();

  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    ctx.log('info', 'request', { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) });
  });
  // Registered before secureHeaders so that it runs after it: an icon opened directly runs nothing.
  app.use('/api/v1/icons/*', async (c, next) => {
    await next();
    c.res.headers.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
  });
  // The share pages' own CSP (no script, a hashed stylesheet, the badges' origins), set the same way.
  const shareCsp = sharePageCsp(ctx);
  app.use('/s/*', async (c, next) => {
    await next();
    c.res.headers.set('Content-Security-Policy', shareCsp);
  });
  app.use(
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      // Icons are embedded by portal pages on other origins.
      crossOriginResourcePolicy: 'cross-origin',
      crossOriginEmbedderPolicy: false,
      referrerPolicy: 'no-referrer',
    }),
  );
  if (ctx.config.corsOrigins.length) {
    const allowed = new Set(ctx.config.corsOrigins);
    app.use(
      '/api/*',
      cors({
        origin: (origin) => (allowed.has(origin) ? origin : null),
        credentials: true,
        allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
        allowHeaders: ['Authorization', 'Content-Type', 'If-None-Match', 'Last-Event-ID', 'Accept-Language'],
        exposeHeaders: ['ETag', 'Retry-After'],
        maxAge: 600,
      }),
    );
  }
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      // The unread rest of the body makes the connection unusable: tell the client not to reuse it.
      onError: (c) => c.json(errorBody('payload_too_large', `The body is larger than ${MAX_BODY_BYTES} bytes.`), 413, { Connection: 'close' }),
    }),
  );

  app.get('/healthz', async (c) => {
    await sql`select 1`.execute(ctx.db);
    return c.json({ status: 'ok' });
  });
  app.get('/api/v1/openapi.json', (c) => c.json(openApiDocument(ctx.config.publicUrl)));
  app.route('/api/v1/events', eventRoutes(ctx));
  app.route('/api/v1', catalogRoutes(ctx));
  app.route('/api/v1/me', meRoutes(ctx));
  app.route('/s', sharePageRoutes(ctx));

  app.notFound((c) => c.json(errorBody('not_found', 'No such resource.'), 404));
  app.onError((error, c) => {
    if (error instanceof ApiError) {
      if (error.status === 429) c.header('Retry-After', String((error.details as { retryAfter: number }).retryAfter));
      return c.json(errorBody(error.code, error.message, error.details), error.status);
    }
    ctx.log('error', 'unhandled', { message: error.message, stack: error.stack });
    return c.json(errorBody('internal', 'Something went wrong on our side.'), 500);
  });
  return app;
}
