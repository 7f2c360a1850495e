/**
 * Cross-site request forgery: a page on another site can make the citizen's browser send a form
 * post or a no-cors fetch, with the token cookie and without a CORS preflight, so a change signed
 * in by the cookie alone must come from the portal's own pages. A token in Authorization needs no
 * such check: another site's page cannot set that header without a preflight the server refuses.
 */
import type { MiddlewareHandler } from 'hono';
import { tokenCookieSent } from './auth.ts';
import type { Config } from './config.ts';
import { ApiError } from './errors.ts';

/**
 * Why a change signed in by the cookie is refused, or undefined to let it through.
 * `allowed` is ACH_PUBLIC_URL's origin and ACH_CORS_ORIGINS.
 */
function crossSiteRefusal(allowed: ReadonlySet<string>, origin: string | undefined, fetchSite: string | undefined): string | undefined {
  // The browser's own word (a header no page can set) that the page is on the origin it called,
  // such as the portal's page calling the portal's proxy to this server.
  if (fetchSite === 'same-origin') return undefined;
  if (origin !== undefined) return allowed.has(origin) ? undefined : `A change signed in by the cookie cannot come from a page of ${origin}.`;
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') return 'A change signed in by the cookie cannot come from a page of another site.';
  // Neither header: not a browser, so no other site's page made the request.
  return undefined;
}

/** For POST, PUT, PATCH and DELETE: 403 forbidden when crossSiteRefusal gives a reason. */
export function crossSiteGuard(config: Pick<Config, 'publicUrl' | 'corsOrigins'>): MiddlewareHandler {
  // An empty publicUrl (links relative to the page's origin, as in the browser tests) names no origin.
  const allowed = new Set([...(config.publicUrl ? [new URL(config.publicUrl).origin] : []), ...config.corsOrigins]);
  return async (c, next) => {
    if (!c.req.header('authorization') && tokenCookieSent(c.req.header('cookie'))) {
      const reason = crossSiteRefusal(allowed, c.req.header('origin'), c.req.header('sec-fetch-site'));
      if (reason) throw new ApiError(403, 'forbidden', `${reason} Send the token in Authorization, or call from this server's origin (ACH_PUBLIC_URL) or one of ACH_CORS_ORIGINS.`);
    }
    await next();
  };
}
