/**
 * The SDK's opt-in service worker (built to `dist/civic-achievements-sw.js`). It keeps what the
 * widgets need to show something offline, and nothing else:
 * - the SDK bundle files: stale-while-revalidate (the copy at hand now, a fresh one for next time);
 * - GET catalog and GET me/achievements: network-first, the last good answer when the network
 *   fails. A citizen's answer is kept under a key made of a hash of its `Authorization` header,
 *   so it is only ever given back to a request carrying the same token. A personal request
 *   without that header is authenticated by a cookie the worker cannot read: it is never cached.
 * Never cached: non-GET requests, the live stream, error answers, `Cache-Control: no-store`.
 * Configuration comes from the worker's URL (see routes.ts).
 */
import { CACHE_PREFIX, CLEAR_MESSAGE, CLEARED_MESSAGE, isMessage } from './protocol.ts';
import { readRoutes, routeOf } from './routes.ts';
import type { FetchEvent, ServiceWorkerScope } from './worker-scope.ts';

declare const self: ServiceWorkerScope;

/** Bump when what is stored changes meaning: `activate` deletes every other version's caches. */
const VERSION = 'v1';
const BUNDLE_CACHE = `${CACHE_PREFIX}${VERSION}-bundle`;
const API_CACHE = `${CACHE_PREFIX}${VERSION}-api`;
const CURRENT_CACHES = new Set([BUNDLE_CACHE, API_CACHE]);
/** Added to an API entry's key so that it names the language and the token it was fetched with. */
const VARIANT_PARAM = 'civic-sw-variant';

const routes = readRoutes(new URL(self.location.href));

/** Counts clears, so that an answer already on the wire at sign-out is not stored after it. */
let clears = 0;

// The worker holds no state that an older page depends on (its answers are the network's or the
// network's last ones), so a new version may take over at once, and a first install may control
// the page that registered it: that page's next requests are then already kept for offline.
self.addEventListener('install', (event) => event.waitUntil(self.skipWaiting()));

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      await deleteCaches((name) => !CURRENT_CACHES.has(name));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const route = routeOf(event.request, routes);
  if (!route) return; // the browser handles it as if there were no worker
  event.respondWith(route.kind === 'bundle' ? staleWhileRevalidate(event) : networkFirst(event, route.personal));
});

self.addEventListener('message', (event) => {
  if (!isMessage(event.data, CLEAR_MESSAGE)) return;
  clears += 1;
  event.waitUntil(deleteCaches(() => true).then(() => event.ports[0]?.postMessage(CLEARED_MESSAGE)));
});

async function staleWhileRevalidate(event: FetchEvent): Promise<Response> {
  const { request } = event;
  const clearsBefore = clears;
  const network = fetch(request);
  event.waitUntil(
    network.then((response) => (isKeepable(response) ? remember(BUNDLE_CACHE, request, response.clone(), clearsBefore) : undefined)).catch(() => undefined),
  );
  const cached = await self.caches.match(request, { cacheName: BUNDLE_CACHE, ignoreVary: true });
  return cached ?? network;
}

async function networkFirst(event: FetchEvent, personal: boolean): Promise<Response> {
  const { request } = event;
  const clearsBefore = clears;
  const key = personal && !request.headers.has('Authorization') ? undefined : await variantKey(request);
  try {
    const response = await fetch(request);
    if (key && isKeepable(response)) event.waitUntil(remember(API_CACHE, key, response.clone(), clearsBefore, { onePerUrl: true }).catch(() => undefined));
    return response;
  } catch (error) {
    const cached = key && !request.signal.aborted ? await self.caches.match(key, { cacheName: API_CACHE, ignoreVary: true }) : undefined;
    if (cached) return cached;
    throw error; // the page sees the network error it would have seen without the worker
  }
}

/** A 200 the server allows to be stored; opaque and error answers never are. */
function isKeepable(response: Response): boolean {
  return response.status === 200 && (response.type === 'basic' || response.type === 'cors') && !/no-store/i.test(response.headers.get('Cache-Control') ?? '');
}

/** The request's URL plus a hash of what its answer depends on besides the URL (`Vary`). */
async function variantKey(request: Request): Promise<Request> {
  const varies = JSON.stringify([request.headers.get('Accept-Language') ?? '', request.headers.get('Authorization') ?? '']);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(varies)));
  const url = new URL(request.url);
  url.searchParams.set(VARIANT_PARAM, Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join(''));
  return new Request(url.href);
}

const withoutVariant = (href: string) => {
  const url = new URL(href);
  url.searchParams.delete(VARIANT_PARAM);
  return url.href;
};

/**
 * Stores an answer unless a clear came in since its request started. With `onePerUrl`, the
 * other variants of the same URL go first: tokens are renewed, and a copy keyed by an old one
 * could never be read again; it also leaves at most one citizen's data on the device.
 */
async function remember(cacheName: string, key: Request, response: Response, clearsBefore: number, { onePerUrl = false } = {}): Promise<void> {
  const cache = await self.caches.open(cacheName);
  if (onePerUrl) {
    const url = withoutVariant(key.url);
    const others = (await cache.keys()).filter((old) => old.url !== key.url && withoutVariant(old.url) === url);
    await Promise.all(others.map((old) => cache.delete(old)));
  }
  if (clears !== clearsBefore) return;
  await cache.put(key, response);
}

async function deleteCaches(which: (name: string) => boolean): Promise<void> {
  const names = (await self.caches.keys()).filter((name) => name.startsWith(CACHE_PREFIX) && which(name));
  await Promise.all(names.map((name) => self.caches.delete(name)));
}
