/** The reference server's HTTP surface: contract v1 under /api/v1, the public share pages under /s, and /healthz. */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import type { ServerContext } from './context.ts';
import { crossSiteGuard } from './cross-site.ts';
import { ApiError, errorBody } from './errors.ts';
import { openApiDocument } from './openapi.ts';
import { adminRoutes } from './routes/admin.ts';
import { campaignRoutes } from './routes/campaigns.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { eventRoutes } from './routes/events.ts';
import { meRoutes } from './routes/me.ts';
import { rewardRoutes } from './routes/rewards.ts';
import { sharePageCsp, sharePageRoutes } from './routes/share-page.ts';

/** A batch of 1000 events of ordinary size fits well inside this. */
export const MAX_BODY_BYTES = 1024 * 1024;

export function createApp(ctx: ServerContext): Hono {
  const app = new Hono();

  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    // In hundredths: bench:server reads the server's own time per request from these lines.
    ctx.log('info', 'request', { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round((performance.now() - started) * 100) / 100 });
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
      // As frame-ancestors 'none' says, for browsers that only know the older header.
      xFrameOptions: 'DENY',
    }),
  );
  if (ctx.config.corsOrigins.length) {
    const allowed = new Set(ctx.config.corsOrigins);
    app.use(
      '/api/*',
      cors({
        origin: (origin) => (allowed.has(origin) ? origin : null),
        credentials: true,
        allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
        allowHeaders: ['Authorization', 'Content-Type', 'If-None-Match', 'Last-Event-ID', 'Accept-Language', 'Idempotency-Key'],
        exposeHeaders: ['ETag', 'Retry-After'],
        maxAge: 600,
      }),
    );
  }
  // Changes only: a GET changes nothing, and its answer is not readable cross-origin without CORS.
  app.on(['POST', 'PUT', 'PATCH', 'DELETE'], '/api/*', crossSiteGuard(ctx.config));
  // Only where a body can come: bodyLimit reads `body`, and on a GET that alone made the node adapter
  // build a full fetch Request with its AbortSignal: 7 % of the GET's CPU time, and most of the
  // garbage that lived long enough to bring on major GCs (BENCHMARKS.md).
  app.on(
    ['POST', 'PUT', 'PATCH', 'DELETE'],
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      // The unread rest of the body makes the connection unusable: tell the client not to reuse it.
      onError: (c) => c.json(errorBody('payload_too_large', `The body is larger than ${MAX_BODY_BYTES} bytes.`), 413, { Connection: 'close' }),
    }),
  );

  app.get('/healthz', async (c) => {
    try {
      // A table read, not `select 1`: it reaches the file, not only the library.
      await ctx.db.selectFrom('meta').select('key').limit(1).execute();
    } catch (error) {
      ctx.log('error', 'health check failed', { error: (error as Error).message });
      throw new ApiError(503, 'unavailable', 'The database does not answer.');
    }
    return c.json({ status: 'ok' });
  });
  // Built once: it depends on nothing but the configuration.
  const openApi = openApiDocument(ctx.config.publicUrl);
  app.get('/api/v1/openapi.json', (c) => c.json(openApi));
  app.route('/api/v1/events', eventRoutes(ctx));
  app.route('/api/v1', catalogRoutes(ctx));
  app.route('/api/v1', campaignRoutes(ctx));
  app.route('/api/v1', rewardRoutes(ctx));
  app.route('/api/v1/me', meRoutes(ctx));
  app.route('/api/v1/admin', adminRoutes(ctx));
  app.route('/s', sharePageRoutes(ctx));

  app.notFound((c) => c.json(errorBody('not_found', 'No such resource.'), 404));
  app.onError((error, c) => {
    if (error instanceof ApiError) {
      if (error.status === 429) c.header('Retry-After', String((error.details as { retryAfter: number }).retryAfter));
      return c.json(errorBody(error.code, error.message, error.details), error.status);
    }
    ctx.log('error', 'unhandled', { method: c.req.method, path: c.req.path, error: error.message, stack: error.stack });
    return c.json(errorBody('internal', 'Something went wrong on our side.'), 500);
  });
  return app;
}
