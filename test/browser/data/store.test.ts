/**
 * The store under the network conditions a real server does not easily produce, mocked with msw
 * in Chromium: 304, 500 then recovery, timeouts, malformed and wrong-shaped payloads, 401 and a
 * renewed token, offline then online, a broken IndexedDB, polling where the stream is missing.
 */
import { expect } from '@open-wc/testing';
import type { JsonBodyType } from 'msw';
import { delay, http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { backoffDelay } from '../../../src/data/backoff.ts';
import { responseCache } from '../../../src/data/cache.ts';
import { achievementStore } from '../../../src/data/registry.ts';
import type { StoreOptions, StoreSnapshot } from '../../../src/data/store.ts';
import { AchievementStore } from '../../../src/data/store.ts';
import { catalog, ENDPOINT, myAchievements, until, withRegularUser } from './fixtures.ts';

const worker = setupWorker();
const FAST = { base: 5, cap: 20 };
let stores: Array<() => void> = [];
let caches = 0;

/** A store over msw with a cache of its own, connected as an element would connect it. */
function connected(options: Partial<StoreOptions> = {}) {
  const store = new AchievementStore({
    endpoint: ENDPOINT,
    token: 'token-1',
    backoff: FAST,
    live: false,
    cache: responseCache({ indexedDB: null, name: `store-test-${++caches}` }),
    ...options,
  });
  const seen: StoreSnapshot[] = [];
  store.subscribe((snapshot) => seen.push(snapshot));
  stores.push(store.connect());
  return { store, seen };
}

const statusOf = (store: AchievementStore) => store.snapshot.status;
const catalogRoute = () => http.get(`${ENDPOINT}/catalog`, () => HttpResponse.json(catalog(), { headers: { ETag: '"c1"' } }));

describe('achievement store (mocked network)', () => {
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  after(() => worker.stop());
  afterEach(() => {
    stores.forEach((release) => release());
    stores = [];
    worker.resetHandlers();
  });

  it('shows the state with its catalog, then answers 304 to its ETag', async () => {
    const conditions: Array<string | null> = [];
    worker.use(
      catalogRoute(),
      http.get(`${ENDPOINT}/me/achievements`, ({ request }) => {
        conditions.push(request.headers.get('If-None-Match'));
        if (request.headers.get('If-None-Match') === '"me1"') return new HttpResponse(null, { status: 304 });
        return HttpResponse.json(myAchievements(), { headers: { ETag: '"me1"' } });
      }),
    );
    const { store, seen } = connected();
    await until(() => statusOf(store) === 'ready', 5000, 'ready');
    expect(seen[0]!.status).to.equal('loading');
    expect(store.snapshot.achievements?.achievements.map((a) => a.id)).to.deep.equal(['first-request', 'regular-user', 'e-signer']);
    expect(store.snapshot.catalog?.achievements[0]!.title).to.equal('Первый запрос');
    const firstRefresh = store.snapshot.refreshedAt!;
    await new Promise((resolve) => setTimeout(resolve, 5));
    await store.refresh();
    expect(conditions).to.deep.equal([null, '"me1"']);
    expect(statusOf(store)).to.equal('ready');
    expect(store.snapshot.refreshedAt).to.be.greaterThan(firstRefresh);
    expect(store.snapshot.achievements?.userId).to.equal('citizen-1');
  });

  it('retries a 500 with backoff and recovers', async () => {
    const times: number[] = [];
    worker.use(
      catalogRoute(),
      http.get(`${ENDPOINT}/me/achievements`, () => (times.push(performance.now()) <= 2 ? HttpResponse.json({ error: { code: 'internal', message: 'boom' } }, { status: 500 }) : HttpResponse.json(myAchievements()))),
    );
    const { store, seen } = connected({ backoff: { base: 200, cap: 1000 } });
    await until(() => statusOf(store) === 'ready');
    expect(times).to.have.length(3);
    expect(seen.map((s) => s.status)).to.not.include('error');
    // Retry n waits between half and all of min(200 × 2ⁿ, 1000) ms; timers run late, never early.
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps[0], 'the first wait').to.be.at.least(99);
    expect(gaps[1], 'the second wait').to.be.at.least(199);
  });

  it('asks for the catalog with its ETag, and keeps it on a 304', async () => {
    const conditions: Array<string | null> = [];
    worker.use(
      http.get(`${ENDPOINT}/catalog`, ({ request }) => {
        conditions.push(request.headers.get('If-None-Match'));
        if (request.headers.get('If-None-Match') === '"c1"') return new HttpResponse(null, { status: 304 });
        return HttpResponse.json(catalog(), { headers: { ETag: '"c1"' } });
      }),
      http.get(`${ENDPOINT}/me/achievements`, () => HttpResponse.json(myAchievements())),
    );
    const { store } = connected();
    await until(() => statusOf(store) === 'ready');
    await store.refresh();
    expect(conditions).to.deep.equal([null, '"c1"']);
    expect(statusOf(store)).to.equal('ready');
    expect(store.snapshot.catalog?.achievements.map((a) => a.title)).to.deep.equal(['Первый запрос', 'Регулярный пользователь', 'Электронный подписант']);
  });

  it('says error after the retries run out, keeps the last state, and recovers on the next refresh', async () => {
    let failing = false;
    worker.use(
      catalogRoute(),
      http.get(`${ENDPOINT}/me/achievements`, () => (failing ? HttpResponse.json({ error: { code: 'internal', message: 'database down' } }, { status: 503 }) : HttpResponse.json(myAchievements()))),
    );
    const { store } = connected({ retries: 2 });
    await until(() => statusOf(store) === 'ready');
    failing = true;
    await store.refresh();
    expect(statusOf(store)).to.equal('error');
    expect(store.snapshot.error).to.equal('HTTP 503: database down');
    expect(store.snapshot.achievements?.userId).to.equal('citizen-1');
    failing = false;
    await store.refresh();
    expect(statusOf(store)).to.equal('ready');
    expect(store.snapshot.error).to.equal(undefined);
  });

  it('does not retry a 4xx', async () => {
    let calls = 0;
    worker.use(
      catalogRoute(),
      http.get(`${ENDPOINT}/me/achievements`, () => {
        calls += 1;
        return HttpResponse.json({ error: { code: 'not_found', message: 'no such thing' } }, { status: 404 });
      }),
    );
    const { store } = connected();
    await until(() => statusOf(store) === 'error');
    expect(calls).to.equal(1);
    expect(store.snapshot.error).to.equal('HTTP 404: no such thing');
  });

  it('retries a server that does not answer in time, then gives up: offline, with the reason', async () => {
    let calls = 0;
    worker.use(
      catalogRoute(),
      http.get(`${ENDPOINT}/me/achievements`, async () => {
        calls += 1;
        await delay('infinite');
        return HttpResponse.json(myAchievements());
      }),
    );
    const { store } = connected({ timeoutMs: 100, retries: 2 });
    await until(() => statusOf(store) === 'offline');
    expect(calls, 'the first attempt and two retries').to.equal(3);
    expect(store.snapshot.error).to.equal('no answer within 100 ms');
    expect(store.snapshot.achievements).to.equal(undefined);
  });

  it('turns malformed JSON into an error, keeping the last good state', async () => {
    let broken = false;
    worker.use(
      catalogRoute(),
      http.get(`${ENDPOINT}/me/achievements`, () => (broken ? new HttpResponse('{"userId": "citizen-1", "poi', { headers: { 'Content-Type': 'application/json' } }) : HttpResponse.json(myAchievements()))),
    );
    const { store } = connected();
    await until(() => statusOf(store) === 'ready');
    broken = true;
    await store.refresh();
    expect(statusOf(store)).to.equal('error');
    expect(store.snapshot.error).to.equal('/me/achievements: the answer is not JSON');
    expect(store.snapshot.achievements?.points).to.equal(10);
  });

  const wrongShapes: Array<[string, JsonBodyType, string]> = [
    ['a missing field', (({ points: _points, ...rest }) => rest)(myAchievements()), 'achievements.points: Invalid key: Expected "points" but received undefined'],
    ['a wrong type', { ...myAchievements(), points: '10' }, 'achievements.points: Invalid type: Expected number but received "10"'],
    ['a wrong state', { ...myAchievements(), achievements: [{ ...myAchievements().achievements[0], state: 'earned' }] }, 'achievements.achievements.0.state'],
    ['a negative count', { ...myAchievements(), achievements: [{ ...myAchievements().achievements[0], progress: { current: -1, target: 1, remaining: 2 } }] }, 'achievements.achievements.0.progress.current'],
    ['a huge array', { ...myAchievements(), achievements: Array.from({ length: 5000 }, () => myAchievements().achievements[0]) }, 'achievements.achievements: expected at most 500 items'],
    ['not an object', [1, 2, 3], 'achievements.userId: Invalid key: Expected "userId" but received undefined'],
  ];
  for (const [what, payload, reason] of wrongShapes) {
    it(`rejects ${what} with a readable reason`, async () => {
      worker.use(catalogRoute(), http.get(`${ENDPOINT}/me/achievements`, () => HttpResponse.json(payload)));
      const { store } = connected();
      await until(() => statusOf(store) === 'error');
      expect(store.snapshot.error).to.contain(reason);
      expect(store.snapshot.achievements).to.equal(undefined);
    });
  }

  it('keeps the last good state shown when a refresh answers a wrong shape', async () => {
    let wrong = false;
    worker.use(catalogRoute(), http.get(`${ENDPOINT}/me/achievements`, () => HttpResponse.json(wrong ? { ...myAchievements(), points: 'many' } : myAchievements())));
    const { store } = connected();
    await until(() => statusOf(store) === 'ready');
    wrong = true;
    await store.refresh();
    expect(statusOf(store)).to.equal('error');
    expect(store.snapshot.error).to.contain('achievements.points');
    expect(store.snapshot.achievements?.points).to.equal(10);
    expect(store.snapshot.achievements?.achievements.length).to.equal(3);
  });

  it('drops fields the contract does not name', async () => {
    const extra = { ...myAchievements(), secretInternal: 'x', achievements: myAchievements().achievements.map((a) => ({ ...a, debug: { huge: true } })) };
    worker.use(catalogRoute(), http.get(`${ENDPOINT}/me/achievements`, () => HttpResponse.json(extra)));
    const { store } = connected();
    await until(() => statusOf(store) === 'ready');
    expect(store.snapshot.achievements).to.not.have.property('secretInternal');
    expect(store.snapshot.achievements?.achievements[0]).to.not.have.property('debug');
  });

  it('says unauthenticated after a 401 when there is no way to get another token', async () => {
    worker.use(catalogRoute(), http.get(`${ENDPOINT}/me/achievements`, () => HttpResponse.json({ error: { code: 'unauthenticated', message: 'The citizen token is not valid or has expired.' } }, { status: 401 })));
    const { store } = connected();
    await until(() => statusOf(store) === 'unauthenticated');
    expect(store.snapshot.error).to.equal('The citizen token is not valid or has expired.');
  });

  it('asks the token provider again once after a 401, and goes on with the new token', async () => {
    const seenTokens: Array<string | null> = [];
    let asked = 0;
    worker.use(
      catalogRoute(),
      http.get(`${ENDPOINT}/me/achievements`, ({ request }) => {
        seenTokens.push(request.headers.get('Authorization'));
        return request.headers.get('Authorization') === 'Bearer fresh' ? HttpResponse.json(myAchievements()) : HttpResponse.json({ error: { code: 'unauthenticated', message: 'expired' } }, { status: 401 });
      }),
    );
    const { store } = connected({ token: undefined, tokenProvider: async () => (++asked === 1 ? 'expired' : 'fresh') });
    await until(() => statusOf(store) === 'ready');
    expect(seenTokens).to.deep.equal(['Bearer expired', 'Bearer fresh']);
    expect(asked).to.equal(2);
  });

  it('asks the provider only once more: a second 401 means unauthenticated', async () => {
    let asked = 0;
    worker.use(catalogRoute(), http.get(`${ENDPOINT}/me/achievements`, () => HttpResponse.json({ error: { code: 'unauthenticated', message: 'no' } }, { status: 401 })));
    const { store } = connected({ token: undefined, tokenProvider: () => `t${++asked}` });
    await until(() => statusOf(store) === 'unauthenticated');
    expect(asked).to.equal(2);
  });

  it('goes offline with the browser and refreshes when it comes back online', async () => {
    let network = true;
    let calls = 0;
    worker.use(
      catalogRoute(),
      http.get(`${ENDPOINT}/me/achievements`, () => {
        calls += 1;
        return network ? HttpResponse.json(calls > 1 ? withRegularUser() : myAchievements()) : HttpResponse.error();
      }),
    );
    const { store } = connected({ retries: 0 });
    await until(() => statusOf(store) === 'ready');
    network = false;
    dispatchEvent(new Event('offline'));
    expect(statusOf(store)).to.equal('offline');
    await store.refresh();
    expect(statusOf(store)).to.equal('offline');
    expect(store.snapshot.achievements?.points).to.equal(10);
    network = true;
    dispatchEvent(new Event('online'));
    await until(() => statusOf(store) === 'ready' && store.snapshot.achievements?.points === 40, 5000, 'the refresh after online');
  });

  it('paints the cached state first (stale), then the network state', async () => {
    const cache = responseCache({ indexedDB: null, name: 'store-test-paint' });
    worker.use(catalogRoute(), http.get(`${ENDPOINT}/me/achievements`, () => HttpResponse.json(myAchievements(), { headers: { ETag: '"v1"' } })));
    const first = connected({ cache });
    await until(() => statusOf(first.store) === 'ready');
    stores.forEach((release) => release());
    stores = [];

    worker.use(
      http.get(`${ENDPOINT}/me/achievements`, async () => {
        await delay(300);
        return HttpResponse.json(withRegularUser(), { headers: { ETag: '"v2"' } });
      }),
    );
    const second = connected({ cache });
    await until(() => statusOf(second.store) === 'stale', 2000, 'the cached paint');
    expect(second.store.snapshot.achievements?.points).to.equal(10);
    expect(second.store.snapshot.refreshedAt).to.equal(first.store.snapshot.refreshedAt);
    await until(() => statusOf(second.store) === 'ready');
    expect(second.store.snapshot.achievements?.points).to.equal(40);
    const statuses = second.seen.map((s) => s.status).filter((status, i, all) => status !== all[i - 1]);
    expect(statuses, 'painted from the cache before the network answered').to.deep.equal(['loading', 'stale', 'ready']);
  });

  it('keeps working when IndexedDB throws', async () => {
    const broken = new Proxy(indexedDB, {
      get(target, property) {
        if (property === 'open') return () => {
          throw new DOMException('The operation failed for reasons unrelated to the database itself', 'UnknownError');
        };
        return Reflect.get(target, property) as unknown;
      },
    });
    worker.use(catalogRoute(), http.get(`${ENDPOINT}/me/achievements`, () => HttpResponse.json(myAchievements())));
    const { store } = connected({ cache: responseCache({ indexedDB: broken, name: 'store-test-broken' }) });
    await until(() => statusOf(store) === 'ready');
  });

  it('polls where the stream is unavailable, and announces an unlock once', async () => {
    let calls = 0;
    worker.use(
      catalogRoute(),
      http.get(`${ENDPOINT}/me/stream`, () => HttpResponse.json({ error: { code: 'not_found', message: 'no stream here' } }, { status: 404 })),
      http.get(`${ENDPOINT}/me/achievements`, () => HttpResponse.json(++calls >= 3 ? withRegularUser() : myAchievements())),
    );
    const { store } = connected({ live: true, pollMs: 50 });
    const unlocks: string[] = [];
    store.onUnlock((unlock) => unlocks.push(unlock.achievementId));
    await until(() => store.snapshot.updates === 'polling', 5000, 'polling');
    await until(() => calls >= 5, 5000, 'several polls');
    expect(unlocks).to.deep.equal(['regular-user']);
  });

  it('sends the credentials mode it is given, and the token, and no cookie-less default', async () => {
    const seen: Array<{ credentials: RequestCredentials | undefined; auth: string | null }> = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      if (String(input).endsWith('/me/achievements')) seen.push({ credentials: init?.credentials, auth: new Headers(init?.headers).get('Authorization') });
      return realFetch(input, init);
    };
    try {
      worker.use(catalogRoute(), http.get(`${ENDPOINT}/me/achievements`, () => HttpResponse.json(myAchievements())));
      const { store } = connected({ credentials: 'include', token: 'token-include' });
      await until(() => statusOf(store) === 'ready');
      const plain = connected({ token: undefined });
      await until(() => statusOf(plain.store) === 'ready');
      expect(seen).to.deep.equal([
        { credentials: 'include', auth: 'Bearer token-include' },
        { credentials: 'same-origin', auth: null },
      ]);
    } finally {
      window.fetch = realFetch;
    }
  });

  it('is one store, and one request, for every element of a page that names the same endpoint and citizen', async () => {
    let calls = 0;
    worker.use(
      catalogRoute(),
      http.get(`${ENDPOINT}/me/achievements`, () => {
        calls += 1;
        return HttpResponse.json(myAchievements());
      }),
    );
    const options = { endpoint: ENDPOINT, token: 'token-shared', live: false, cache: responseCache({ indexedDB: null, name: `store-test-${++caches}` }) };
    const provider = achievementStore(options);
    const standalone = achievementStore({ ...options, endpoint: `${location.origin}${ENDPOINT}/` });
    expect(standalone).to.equal(provider);
    expect(achievementStore({ ...options, token: 'another-citizen' })).to.not.equal(provider);
    stores.push(provider.connect(), standalone.connect(), provider.connect());
    await until(() => statusOf(provider) === 'ready');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).to.equal(1);
  });

  it('waits with capped, jittered exponential backoff: never zero, never in step', () => {
    const backoff = { base: 100, cap: 1000 };
    expect([0, 1, 2, 3, 4, 10].map((attempt) => backoffDelay(attempt, backoff, () => 0))).to.deep.equal([50, 100, 200, 400, 500, 500]);
    expect([0, 1, 2, 3, 4, 10].map((attempt) => backoffDelay(attempt, backoff, () => 1))).to.deep.equal([100, 200, 400, 800, 1000, 1000]);
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(3, backoff)));
    expect(delays.size).to.be.greaterThan(40);
    for (const delay of delays) expect(delay).to.be.within(400, 800);
  });

  it('polls less often while polls fail (backoff from the interval), and goes on once they succeed', async () => {
    const times: number[] = [];
    let failing = true;
    worker.use(
      catalogRoute(),
      http.get(`${ENDPOINT}/me/stream`, () => HttpResponse.json({ error: { code: 'not_found', message: 'no stream here' } }, { status: 404 })),
      http.get(`${ENDPOINT}/me/achievements`, () => {
        times.push(performance.now());
        // The first answer makes the store ready (so it starts polling); then the polls fail.
        return times.length === 1 || !failing ? HttpResponse.json(myAchievements()) : HttpResponse.json({ error: { code: 'internal', message: 'down' } }, { status: 503 });
      }),
    );
    connected({ live: true, pollMs: 20, retries: 0 });
    await until(() => times.length >= 6, 8000, 'failing polls');
    failing = false;
    const recovered = times.length;
    await until(() => times.length >= recovered + 3, 8000, 'polls after recovery');
    const gaps = times.slice(1, 6).map((t, i) => t - times[i]!);
    // Timers may run late, never early: each wait is at least the lower half of its backoff
    // (attempt n waits between half and all of min(20 × 2ⁿ, 200) ms).
    const floors = [20, 20, 40, 80, 100];
    expect(gaps.every((gap, i) => gap >= floors[i]! - 1), `gaps ${gaps.map(Math.round)}`).to.equal(true);
  });

  it('asks the server for a share link once per achievement, and again after a failure', async () => {
    const bodies: unknown[] = [];
    let fail = true;
    worker.use(
      catalogRoute(),
      http.get(`${ENDPOINT}/me/achievements`, () => HttpResponse.json(myAchievements())),
      http.post(`${ENDPOINT}/me/shares`, async ({ request }) => {
        bodies.push({ body: await request.json(), auth: request.headers.get('Authorization'), type: request.headers.get('Content-Type') });
        if (fail) return HttpResponse.json({ error: { code: 'forbidden', message: 'not earned' } }, { status: 403 });
        return HttpResponse.json({ url: 'https://achievements.example/s/abc' });
      }),
    );
    const { store } = connected();
    await until(() => statusOf(store) === 'ready');
    expect(await store.shareLink('first-request')).to.deep.equal({ ok: false, reason: 'HTTP 403: not earned' });
    fail = false;
    const [first, second] = await Promise.all([store.shareLink('first-request'), store.shareLink('first-request')]);
    expect(first).to.deep.equal({ ok: true, value: 'https://achievements.example/s/abc' });
    expect(second).to.deep.equal(first);
    expect(await store.shareLink('first-request')).to.deep.equal(first);
    expect(bodies).to.deep.equal(Array(2).fill({ body: { achievementId: 'first-request' }, auth: 'Bearer token-1', type: 'application/json' }));
  });

  it('refuses a share link that is not an http(s) URL', async () => {
    worker.use(
      catalogRoute(),
      http.get(`${ENDPOINT}/me/achievements`, () => HttpResponse.json(myAchievements())),
      http.post(`${ENDPOINT}/me/shares`, () => HttpResponse.json({ url: 'javascript:alert(1)' })),
    );
    const { store } = connected();
    await until(() => statusOf(store) === 'ready');
    const link = await store.shareLink('first-request');
    expect(link.ok).to.equal(false);
    expect(!link.ok && link.reason).to.contain('share.url');
  });

  it('aborts what is in flight when the last element disconnects', async () => {
    const signals: AbortSignal[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      if (String(input).endsWith('/me/achievements') && init?.signal) signals.push(init.signal);
      return realFetch(input, init);
    };
    try {
      worker.use(
        catalogRoute(),
        http.get(`${ENDPOINT}/me/achievements`, async () => {
          await delay('infinite');
          return HttpResponse.json(myAchievements());
        }),
      );
      const { store } = connected();
      const second = store.connect();
      await until(() => signals.length === 1, 2000, 'the request');
      stores.forEach((release) => release());
      stores = [];
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(signals[0]!.aborted, 'one element is still connected').to.equal(false);
      second();
      await until(() => signals[0]!.aborted, 2000, 'the abort');
      expect(statusOf(store)).to.equal('loading');
    } finally {
      window.fetch = realFetch;
    }
  });
});
