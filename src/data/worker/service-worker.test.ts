/**
 * The opt-in service worker in Chromium: served from source (a module worker) and as built
 * (dist/civic-achievements-sw.js, a classic one). Each controls an empty page under a scope of
 * its own (test-middleware.mjs serves it and a fake API whose failures a request asks for), so
 * msw's worker at `/` and the test page itself are never touched.
 */
import { expect } from '@open-wc/testing';
import { CACHE_PREFIX, CLEAR_MESSAGE, CLEARED_MESSAGE } from './protocol.ts';
import { clearWorkerCache } from './clear.ts';
import { registerAchievementWorker } from './register.ts';
import { readRoutes, routeOf } from './routes.ts';

const TEST = '/__civic-sw-test__';
const API = `${TEST}/api/v1`;
const BUNDLE = `${TEST}/static/civic-achievements.js`;
const OFFLINE = { 'x-civic-test-offline': '1' };

/** What the fake API answers: a serial number and what the worker must key by. */
interface Echo {
  serial: number;
  method: string;
  authorization: string | null;
  language: string | null;
}

type Frame = Window & typeof globalThis;

async function until<T>(probe: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every entry of the SDK's caches, with its body read as text. */
async function cachedEntries(): Promise<{ url: string; body: string }[]> {
  const entries: { url: string; body: string }[] = [];
  for (const name of (await caches.keys()).filter((n) => n.startsWith(CACHE_PREFIX))) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const response = await cache.match(request, { ignoreVary: true });
      // Listed, then replaced or deleted by the worker before it was read: not an entry any more.
      if (response) entries.push({ url: request.url, body: await response.text() });
    }
  }
  return entries;
}

async function cachedEchoes(resource: string): Promise<Echo[]> {
  return (await cachedEntries()).filter((entry) => new URL(entry.url).pathname === `${API}${resource}`).map((entry) => JSON.parse(entry.body) as Echo);
}

async function deleteSdkCaches(): Promise<void> {
  for (const name of (await caches.keys()).filter((n) => n.startsWith(CACHE_PREFIX))) await caches.delete(name);
}

/** Waits until the registration's worker is activated (the test page is outside its scope). */
async function activated(registration: ServiceWorkerRegistration): Promise<ServiceWorker> {
  return until(() => (registration.active?.state === 'activated' ? registration.active : undefined), 'the worker to activate');
}

/** An empty page under `scope`, once the worker controls it. */
async function controlledFrame(scope: string): Promise<{ frame: Frame; remove: () => void }> {
  const iframe = document.createElement('iframe');
  const loaded = new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
  iframe.src = `${scope}frame.html`;
  document.body.append(iframe);
  await loaded;
  const frame = iframe.contentWindow as Frame;
  await until(() => frame.navigator.serviceWorker.controller ?? undefined, 'the worker to control the frame');
  return { frame, remove: () => iframe.remove() };
}

/** A request from the controlled page; a network error becomes `'network-error'`. */
async function request(frame: Frame, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Response | 'network-error'> {
  try {
    return await frame.fetch(path, { method, headers, cache: 'no-store' });
  } catch {
    return 'network-error';
  }
}

async function echo(frame: Frame, path: string, headers: Record<string, string> = {}): Promise<Echo | 'network-error'> {
  const response = await request(frame, path, headers);
  if (response === 'network-error') return response;
  expect(response.status, path).to.equal(200);
  return (await response.json()) as Echo;
}

/** Fetches online and waits until the worker has stored that very answer. */
async function fetchAndKeep(frame: Frame, resource: string, headers: Record<string, string> = {}): Promise<Echo> {
  const fresh = await echo(frame, `${API}${resource}`, headers);
  if (fresh === 'network-error') throw new Error(`${resource} failed online`);
  await until(async () => (await cachedEchoes(resource)).some((kept) => kept.serial === fresh.serial), `${resource} #${fresh.serial} to be cached`);
  return fresh;
}

const citizen = (name: string) => ({ Authorization: `Bearer token-of-${name}` });

describe('the worker configuration (routes.ts)', () => {
  const at = (query = '') => readRoutes(new URL(`https://portal.example/static/civic-achievements-sw.js${query}`));
  const route = (url: string, method = 'GET', query = '') => routeOf({ method, url }, at(query));

  it('by default keeps same-origin SDK scripts and the two API resources under any /api/v1', () => {
    expect(route('https://portal.example/static/civic-achievements.js')).to.deep.equal({ kind: 'bundle' });
    expect(route('https://portal.example/x/civic-achievements-engine.js?v=2')).to.deep.equal({ kind: 'bundle' });
    expect(route('https://cdn.example/civic-achievements.js'), 'another origin').to.equal(undefined);
    expect(route('https://portal.example/static/other.js')).to.equal(undefined);
    expect(route('https://api.example/achievements/api/v1/catalog')).to.deep.equal({ kind: 'api', personal: false });
    expect(route('https://portal.example/api/v1/me/achievements')).to.deep.equal({ kind: 'api', personal: true });
  });

  it('never handles the stream, other API paths or non-GET requests', () => {
    expect(route('https://portal.example/api/v1/me/stream')).to.equal(undefined);
    expect(route('https://portal.example/api/v1/me/shares')).to.equal(undefined);
    expect(route('https://portal.example/api/v1/me/achievements', 'POST')).to.equal(undefined);
    expect(route('https://portal.example/api/v1/catalog', 'HEAD')).to.equal(undefined);
    expect(route('https://portal.example/static/civic-achievements.js', 'POST')).to.equal(undefined);
  });

  it('takes the bundle files and the API base from the worker URL', () => {
    const query = '?bundle=/assets/sdk.js&bundle=https://cdn.example/sdk-2.js&api=https://api.example/v9/';
    expect(route('https://portal.example/assets/sdk.js?cache=1', 'GET', query)).to.deep.equal({ kind: 'bundle' });
    expect(route('https://cdn.example/sdk-2.js', 'GET', query)).to.deep.equal({ kind: 'bundle' });
    expect(route('https://portal.example/static/civic-achievements.js', 'GET', query), 'the list replaces the pattern').to.equal(undefined);
    expect(route('https://api.example/v9/me/achievements', 'GET', query)).to.deep.equal({ kind: 'api', personal: true });
    expect(route('https://portal.example/api/v1/catalog', 'GET', query), 'outside the base').to.equal(undefined);
  });
});

describe('registerAchievementWorker where it cannot work', () => {
  /** Runs `body` with `target[name]` replaced by `value`, then puts the original back. */
  async function replaced(target: object, name: string, value: unknown, body: () => Promise<void>): Promise<void> {
    const own = Object.getOwnPropertyDescriptor(target, name); // Window's members are its own
    Object.defineProperty(target, name, { value, configurable: true });
    try {
      await body();
    } finally {
      if (own) Object.defineProperty(target, name, own);
      else delete (target as Record<string, unknown>)[name];
    }
  }

  it('answers ok: false without navigator.serviceWorker', async () => {
    await replaced(navigator, 'serviceWorker', undefined, async () => {
      const result = await registerAchievementWorker('/src/data/worker/service-worker.ts');
      expect(result.ok === false && result.reason).to.match(/^unsupported/);
    });
    expect(navigator.serviceWorker, 'restored').to.be.an.instanceOf(ServiceWorkerContainer);
  });

  it('answers ok: false in an insecure context', async () => {
    await replaced(window, 'isSecureContext', false, async () => {
      const result = await registerAchievementWorker('/src/data/worker/service-worker.ts');
      expect(result.ok === false && result.reason).to.match(/^insecure-context/);
    });
    expect(window.isSecureContext, 'restored').to.equal(true);
  });

  it('answers ok: false when the browser refuses the script', async () => {
    const missing = await registerAchievementWorker(`${TEST}/missing-sw.js`, { scope: `${TEST}/missing/` });
    expect(missing.ok === false && missing.reason).to.match(/^registration-failed/);
    const outOfScope = await registerAchievementWorker('/src/data/worker/service-worker.ts', { scope: '/elsewhere/', type: 'module' });
    expect(outOfScope.ok === false && outOfScope.reason).to.match(/^registration-failed/);
  });

  it('clearWorkerCache without a registered worker deletes the caches from the page', async () => {
    const cache = await caches.open(`${CACHE_PREFIX}v0-api`);
    await cache.put(`${API}/catalog`, new Response('{}'));
    await clearWorkerCache();
    expect(await caches.keys()).to.not.include(`${CACHE_PREFIX}v0-api`);
  });
});

describe('the service worker, served from source', function () {
  this.timeout(30_000);
  const scope = '/src/data/worker/__civic-sw-test__/';
  let registration: ServiceWorkerRegistration;
  let frame: Frame;
  let removeFrame: () => void;

  before(async () => {
    await deleteSdkCaches();
    const result = await registerAchievementWorker('/src/data/worker/service-worker.ts', { scope, type: 'module' });
    if (!result.ok) throw new Error(result.reason);
    registration = result.registration;
    await activated(registration);
    ({ frame, remove: removeFrame } = await controlledFrame(scope));
  });

  afterEach(deleteSdkCaches);

  after(async () => {
    removeFrame?.();
    await registration?.unregister();
    await deleteSdkCaches();
  });

  it('registers through registerAchievementWorker under the given scope', () => {
    expect(registration.scope).to.equal(new URL(scope, location.href).href);
    expect(frame.navigator.serviceWorker.controller?.scriptURL).to.match(/\/src\/data\/worker\/service-worker\.ts$/);
  });

  it('answers API GETs from the network while online, and with the last copy when the network fails', async () => {
    const first = await fetchAndKeep(frame, '/catalog', { 'Accept-Language': 'ru' });
    const second = await fetchAndKeep(frame, '/catalog', { 'Accept-Language': 'ru' });
    expect(second.serial, 'network first').to.be.greaterThan(first.serial);
    expect(await cachedEchoes('/catalog'), 'only the last copy').to.have.length(1);

    const offline = await echo(frame, `${API}/catalog`, { 'Accept-Language': 'ru', ...OFFLINE });
    expect(offline).to.deep.include({ serial: second.serial, language: 'ru' });
    expect(await echo(frame, `${API}/catalog`, { 'Accept-Language': 'en', ...OFFLINE }), 'another language').to.equal('network-error');
  });

  it('never keeps error answers or no-store ones, and never answers an error with the copy', async () => {
    const good = await fetchAndKeep(frame, '/me/achievements', citizen('ann'));
    const failed = await request(frame, `${API}/me/achievements`, { ...citizen('ann'), 'x-civic-test-status': '503' });
    expect(failed !== 'network-error' && failed.status, 'the server error reaches the page').to.equal(503);
    const noStore = await echo(frame, `${API}/me/achievements`, { ...citizen('ann'), 'x-civic-test-no-store': '1' });
    expect(noStore !== 'network-error' && noStore.serial).to.be.greaterThan(good.serial);
    // A later answer that is kept shows the worker had its chance to store the ones above.
    await fetchAndKeep(frame, '/catalog');
    expect((await cachedEchoes('/me/achievements')).map((kept) => kept.serial)).to.deep.equal([good.serial]);
  });

  it('never keeps or answers non-GET requests and the live stream', async () => {
    await fetchAndKeep(frame, '/me/achievements', citizen('bob'));
    const posted = await request(frame, `${API}/me/achievements`, citizen('bob'), 'POST');
    expect(posted !== 'network-error' && posted.status).to.equal(200);
    expect(await request(frame, `${API}/me/achievements`, { ...citizen('bob'), ...OFFLINE }, 'POST'), 'an offline POST').to.equal('network-error');

    const stream = await request(frame, `${API}/me/stream`, citizen('bob'));
    expect(stream !== 'network-error' && (await stream.text())).to.contain('event: progress');
    expect(await request(frame, `${API}/me/stream`, { ...citizen('bob'), ...OFFLINE }), 'an offline stream').to.equal('network-error');

    await fetchAndKeep(frame, '/catalog');
    expect((await cachedEntries()).map((entry) => new URL(entry.url).pathname).sort()).to.deep.equal([`${API}/catalog`, `${API}/me/achievements`]);
  });

  it("never gives one citizen's answer to another", async () => {
    const ann = await fetchAndKeep(frame, '/me/achievements', citizen('ann'));
    expect(await echo(frame, `${API}/me/achievements`, { ...citizen('cid'), ...OFFLINE }), "Cid offline, with Ann's copy kept").to.equal('network-error');
    expect(await echo(frame, `${API}/me/achievements`, OFFLINE), 'no token (a cookie) offline').to.equal('network-error');
    expect(await echo(frame, `${API}/me/achievements`, { ...citizen('ann'), ...OFFLINE })).to.deep.include({ serial: ann.serial, authorization: citizen('ann').Authorization });

    const cid = await fetchAndKeep(frame, '/me/achievements', citizen('cid'));
    expect(await echo(frame, `${API}/me/achievements`, { ...citizen('cid'), ...OFFLINE })).to.deep.include({ serial: cid.serial, authorization: citizen('cid').Authorization });
    expect(await echo(frame, `${API}/me/achievements`, { ...citizen('ann'), ...OFFLINE }), "Ann offline after Cid's answer").to.equal('network-error');
    expect(await cachedEchoes('/me/achievements'), "one citizen's copy at a time").to.have.length(1);
  });

  it('never keeps a personal answer that a cookie authenticated (no Authorization header)', async () => {
    await echo(frame, `${API}/me/achievements`);
    await fetchAndKeep(frame, '/catalog');
    expect(await cachedEchoes('/me/achievements')).to.deep.equal([]);
  });

  it('keeps the SDK bundle stale-while-revalidate, and serves it offline', async () => {
    const text = async (headers: Record<string, string> = {}) => {
      const response = await request(frame, BUNDLE, headers);
      return response === 'network-error' ? response : response.text();
    };
    const keptBundle = async () => (await cachedEntries()).find((entry) => entry.url.endsWith(BUNDLE))?.body;
    const first = await text();
    await until(async () => (await keptBundle()) === first, 'the bundle to be cached');
    expect(await text(), 'the cached copy, at once').to.equal(first);
    const refreshed = await until(async () => {
      const kept = await keptBundle();
      return kept !== first ? kept : undefined;
    }, 'the copy to be revalidated');
    expect(await text(OFFLINE), 'offline').to.equal(refreshed);
  });

  it('empties its caches on the clear message and answers when done', async () => {
    await fetchAndKeep(frame, '/me/achievements', citizen('dan'));
    const channel = new MessageChannel();
    const answer = new Promise((resolve) => (channel.port1.onmessage = (event) => resolve(event.data)));
    registration.active?.postMessage(CLEAR_MESSAGE, [channel.port2]);
    expect(await answer).to.deep.equal(CLEARED_MESSAGE);
    expect(await cachedEntries()).to.deep.equal([]);
    expect(await echo(frame, `${API}/me/achievements`, { ...citizen('dan'), ...OFFLINE })).to.equal('network-error');
  });

  it('clearWorkerCache empties the caches through the worker (sign-out)', async () => {
    await fetchAndKeep(frame, '/me/achievements', citizen('eve'));
    await fetchAndKeep(frame, '/catalog');
    await clearWorkerCache();
    expect(await cachedEntries()).to.deep.equal([]);
  });

  it('does not store an answer that was on the wire when the caches were cleared', async () => {
    const id = `held-${Math.random()}`;
    const pending = echo(frame, `${API}/me/achievements`, { ...citizen('fay'), 'x-civic-test-hold': id });
    await until(async () => ((await (await fetch(`${TEST}/control/held?id=${id}`)).json()) as { held: boolean }).held, 'the request to reach the server');
    await clearWorkerCache();
    await fetch(`${TEST}/control/release?id=${id}`);
    expect(await pending, 'the page still gets its answer').to.have.property('authorization', citizen('fay').Authorization);
    await fetchAndKeep(frame, '/catalog');
    expect(await cachedEchoes('/me/achievements')).to.deep.equal([]);
  });
});

describe('the built worker (dist/civic-achievements-sw.js)', function () {
  this.timeout(30_000);
  const scope = '/dist/__civic-sw-test__/';
  let registration: ServiceWorkerRegistration | undefined;
  let removeFrame: (() => void) | undefined;

  after(async () => {
    removeFrame?.();
    await registration?.unregister();
    await deleteSdkCaches();
  });

  it('is one classic script with no import or export left', async () => {
    const response = await fetch('/dist/civic-achievements-sw.js');
    expect(response.status, 'run `vite build` first').to.equal(200);
    const source = await response.text();
    expect(source).to.not.match(/\bimport\b|\bexport\b/);
    expect(source).to.contain(CLEAR_MESSAGE.type);
  });

  it('registers as a classic worker, configured by its URL, and answers offline from its copy', async () => {
    const result = await registerAchievementWorker(new URL(`/dist/civic-achievements-sw.js?api=${API}`, location.href), { scope });
    if (!result.ok) throw new Error(result.reason);
    registration = result.registration;
    await activated(registration);
    const controlled = await controlledFrame(scope);
    removeFrame = controlled.remove;
    const kept = await fetchAndKeep(controlled.frame, '/me/achievements', citizen('gus'));
    expect(await echo(controlled.frame, `${API}/me/achievements`, { ...citizen('gus'), ...OFFLINE })).to.deep.include({ serial: kept.serial });
  });
});
