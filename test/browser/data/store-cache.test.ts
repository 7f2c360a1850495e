/**
 * What the store takes from its cache, mocked with msw: a warm cache never makes old unlocks news,
 * and under cookie sign-in nothing of a citizen's outlives the page (a shared computer).
 */
import { expect } from '@open-wc/testing';
import { delay, http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import type { ResponseCache } from '../../../src/data/cache.ts';
import { responseCache } from '../../../src/data/cache.ts';
import type { MyAchievements } from '../../../src/data/contract.ts';
import type { StoreOptions, StoreSnapshot } from '../../../src/data/store.ts';
import { AchievementStore } from '../../../src/data/store.ts';
import { catalog, ENDPOINT, myAchievements, until, withESigner, withRegularUser } from './fixtures.ts';

const worker = setupWorker();
let releases: Array<() => void> = [];

function connected(cache: ResponseCache, options: Partial<StoreOptions> = {}) {
  const store = new AchievementStore({ endpoint: ENDPOINT, token: 'token-1', backoff: { base: 5, cap: 20 }, live: false, cache, ...options });
  const seen: StoreSnapshot[] = [];
  const unlocks: string[] = [];
  store.subscribe((snapshot) => seen.push(snapshot));
  store.onUnlock((unlock) => unlocks.push(unlock.achievementId));
  const release = store.connect();
  releases.push(release);
  return { store, seen, unlocks, release };
}

/** The citizen's state, answered after `ms` so that a paint from the cache would show first. */
const slowState = (state: () => MyAchievements, ms = 300) =>
  http.get(`${ENDPOINT}/me/achievements`, async () => {
    await delay(ms);
    return HttpResponse.json(state());
  });

describe('achievement store and its cache (mocked network)', () => {
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  after(() => worker.stop());
  afterEach(() => {
    releases.forEach((release) => release());
    releases = [];
    worker.resetHandlers();
  });

  it('does not announce what was earned before the page opened, though the warm cache holds fewer unlocks', async () => {
    const cache = responseCache({ indexedDB: null, name: 'cache-test-unlocks' });
    let state = myAchievements();
    worker.use(http.get(`${ENDPOINT}/catalog`, () => HttpResponse.json(catalog())), slowState(() => state, 0));
    const earlier = connected(cache);
    await until(() => earlier.store.snapshot.status === 'ready', 5000, 'the earlier page view');
    earlier.release();

    // Since then the citizen earned «Регулярный пользователь» elsewhere.
    state = withRegularUser();
    worker.use(slowState(() => state));
    const { store, seen, unlocks } = connected(cache);
    await until(() => store.snapshot.status === 'ready', 5000, 'the network state');
    expect(seen.some((s) => s.status === 'stale' && s.achievements?.points === 10), 'the cache was painted first').to.equal(true);
    expect(store.snapshot.achievements?.points).to.equal(40);
    expect(unlocks, 'earned before the page opened').to.deep.equal([]);

    // Earned during this page view: news, once.
    state = withESigner();
    await store.refresh();
    await store.refresh();
    expect(unlocks).to.deep.equal(['e-signer']);
  });

  it('keeps nothing of a cookie-signed citizen across page loads, so the next page paints no one else', async () => {
    const name = `cache-test-cookie-${Date.now()}`;
    const cookieKey = `${ENDPOINT}|cookie|ru|me`;
    // What an earlier version of the SDK kept for whoever was signed in before.
    await responseCache({ name }).put(cookieKey, { value: myAchievements({ userId: 'citizen-0' }), etag: '"old"', storedAt: Date.now() - 60_000 });

    let userId = 'citizen-1';
    worker.use(http.get(`${ENDPOINT}/catalog`, () => HttpResponse.json(catalog())), slowState(() => myAchievements({ userId })));
    const pageLoads: StoreSnapshot[][] = [];
    for (const next of ['citizen-1', 'citizen-2']) {
      userId = next;
      // A new cache object over the same database: what a new page load would open.
      const { store, seen, release } = connected(responseCache({ name }), { token: undefined });
      await until(() => store.snapshot.status === 'ready', 5000, `${next}'s state`);
      expect(store.snapshot.achievements?.userId).to.equal(next);
      await new Promise((resolve) => setTimeout(resolve, 50)); // any write the store makes lands
      release();
      pageLoads.push(seen);
    }
    for (const seen of pageLoads) {
      expect(seen.map((s) => s.status)).to.not.include('stale');
      expect(seen.filter((s) => s.achievements).map((s) => s.achievements!.userId)).to.have.length.greaterThan(0);
    }
    expect(pageLoads[0]!.every((s) => !s.achievements || s.achievements.userId === 'citizen-1'), 'citizen-0 never painted').to.equal(true);
    expect(pageLoads[1]!.every((s) => !s.achievements || s.achievements.userId === 'citizen-2'), 'citizen-1 never painted').to.equal(true);
    const disk = responseCache({ name });
    expect(await disk.get(cookieKey), 'nothing of the citizen in IndexedDB').to.equal(undefined);
    expect(disk.kind).to.equal('indexeddb');
    expect(await disk.get(`${ENDPOINT}|ru|catalog`), 'the public catalog is still kept').to.not.equal(undefined);
  });
});
