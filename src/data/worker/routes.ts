/**
 * Which requests the service worker handles, and how. The page author configures it through
 * the worker's own URL (the only input a worker has before any page talks to it):
 * - `?bundle=/static/civic-achievements.js` (repeatable): the SDK files to keep offline;
 *   without it, same-origin scripts named `civic-achievements.js` or `civic-achievements-*.js`;
 * - `?api=https://achievements.example/api/v1`: the API base; without it, any path ending
 *   in `/api/v1`.
 * Everything else passes the worker by untouched.
 */

export interface WorkerRoutes {
  /** The worker's origin: the default bundle pattern is same-origin only. */
  origin: string;
  /** `origin + pathname` of each `?bundle=` file; empty means the default name pattern. */
  bundles: readonly string[];
  /** `origin + pathname` of the `?api=` base without a trailing slash, or the default suffix rule. */
  apiBase: string | undefined;
}

/**
 * `bundle`: stale-while-revalidate. `api`: network-first, the last copy as the offline answer;
 * `personal` means the answer is one citizen's private data.
 */
export type Route = { kind: 'bundle' } | { kind: 'api'; personal: boolean };

const BUNDLE_NAME = /\/civic-achievements(?:-[^/]+)?\.js$/;
const DEFAULT_API_SUFFIX = '/api/v1';
/** The cacheable API resources and whether each is private. The stream is deliberately absent. */
const API_RESOURCES: ReadonlyMap<string, boolean> = new Map([
  ['/catalog', false],
  ['/me/achievements', true],
]);

const withoutQuery = (url: URL) => `${url.origin}${url.pathname}`;

/** Reads the configuration from the worker script's URL (`self.location`). */
export function readRoutes(workerUrl: URL): WorkerRoutes {
  const bundles = workerUrl.searchParams.getAll('bundle').map((path) => withoutQuery(new URL(path, workerUrl)));
  const api = workerUrl.searchParams.get('api');
  const apiBase = api ? withoutQuery(new URL(api, workerUrl)).replace(/\/+$/, '') : undefined;
  return { origin: workerUrl.origin, bundles, apiBase };
}

/** How the worker handles a request, or `undefined` when it must not touch it. */
export function routeOf(request: { method: string; url: string }, routes: WorkerRoutes): Route | undefined {
  if (request.method !== 'GET') return undefined;
  const url = new URL(request.url);
  const resource = withoutQuery(url);
  const isBundle = routes.bundles.length
    ? routes.bundles.includes(resource)
    : url.origin === routes.origin && BUNDLE_NAME.test(url.pathname);
  if (isBundle) return { kind: 'bundle' };
  for (const [path, personal] of API_RESOURCES) {
    const matches = routes.apiBase ? resource === `${routes.apiBase}${path}` : url.pathname.endsWith(`${DEFAULT_API_SUFFIX}${path}`);
    if (matches) return { kind: 'api', personal };
  }
  return undefined;
}
