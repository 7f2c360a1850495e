/**
 * Another citizen in the same tab (mocked with msw): a new cookie sign-in, a token provider that
 * starts returning someone else's token, another tab's citizen, and clearCitizenData() on a page
 * whose stores are running. Nothing of the first citizen's may reach the second one's page.
 */
import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { responseCache } from '../../../src/data/cache.ts';
import { clearCitizenData } from '../../../src/data/clear.ts';
import type { MyAchievements } from '../../../src/data/contract.ts';
import { achievementStore } from '../../../src/data/registry.ts';
import type { StoreOptions } from '../../../src/data/store.ts';
import { AchievementStore } from '../../../src/data/store.ts';
import { catalog, ENDPOINT, eventStream, leaderboard, myAchievements, pause, until, withESigner, withRegularUser } from './fixtures.ts';

const worker = setupWorker();
let releases: Array<() => void> = [];
let caches = 0;

function connected(store: AchievementStore) {
  const unlocks: string[] = [];
  store.onUnlock((unlock) => unlocks.push(unlock.achievementId));
  releases.push(store.connect());
  return unlocks;
}

const cookieStore = (options: Partial<StoreOptions> = {}) =>
  new AchievementStore({ endpoint: ENDPOINT, backoff: { base: 5, cap: 20 }, cache: responseCache({ indexedDB: null, name: `citizen-test-${++caches}` }), ...options });

/** A JWT as the page sees it: only `sub` is read (the server verifies). */
const jwtFor = (sub: string) => `e30.${btoa(JSON.stringify({ sub })).replace(/=+$/, '')}.sig`;
const citizen2 = (state: MyAchievements): MyAchievements => ({ ...state, userId: 'citizen-2' });
const unlockOf = (state: MyAchievements, id: string) => {
  const a = state.achievements.find((x) => x.id === id)!;
  return { achievementId: a.id, unlockedAt: a.unlockedAt, points: a.points };
};

/** A stream route that keeps every connection and the Last-Event-ID it resumed from. */
function streams() {
  const connections: Array<ReturnType<typeof eventStream>> = [];
  const resumedFrom: Array<string | null> = [];
  const route = http.get(`${ENDPOINT}/me/stream`, ({ request }) => {
    resumedFrom.push(request.headers.get('Last-Event-ID'));
    const stream = eventStream();
    connections.push(stream);
    return new HttpResponse(stream.body, { headers: { 'Content-Type': 'text/event-stream' } });
  });
  return { connections, resumedFrom, route };
}

describe('achievement store: another citizen in the same tab (mocked network)', () => {
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  after(() => worker.stop());
  afterEach(() => {
    releases.forEach((release) => release());
    releases = [];
    worker.resetHandlers();
  });

  it('starts a new session when a refresh brings another citizen: nothing of theirs is news, a fresh stream, no old leaderboards', async () => {
    let state = myAchievements();
    const { connections, resumedFrom, route } = streams();
    worker.use(
      http.get(`${ENDPOINT}/catalog`, () => HttpResponse.json(catalog())),
      http.get(`${ENDPOINT}/campaigns/winter/leaderboard`, () => HttpResponse.json(leaderboard())),
      http.get(`${ENDPOINT}/me/achievements`, () => HttpResponse.json(state)),
      route,
    );
    const store = cookieStore();
    const unlocks = connected(store);
    await until(() => connections.length === 1 && store.snapshot.updates === 'stream', 5000, 'the first citizen’s stream');
    connections[0]!.send('progress', 7, {});
    store.leaderboard('winter');
    await until(() => store.snapshot.leaderboards['winter']?.status === 'ready', 2000, 'a leaderboard');
    // The first citizen signs out and another signs in on this browser (the cookie changes).
    state = citizen2(withRegularUser());
    await store.refresh();
    expect(store.snapshot.achievements?.userId).to.equal('citizen-2');
    expect(unlocks, 'what the second citizen earned before is not news').to.deep.equal([]);
    expect(store.snapshot.leaderboards).to.deep.equal({});
    await until(() => connections.length === 2, 2000, 'the second citizen’s stream');
    expect(resumedFrom, 'not resumed from the first citizen’s position').to.deep.equal([null, null]);
    connections[0]!.send('unlock', 8, unlockOf(withESigner(), 'e-signer'));
    await pause(100);
    expect(unlocks, 'the first citizen’s stream is closed').to.deep.equal([]);
  });

  it('drops another tab’s state of another citizen', async () => {
    const { route } = streams();
    worker.use(
      http.get(`${ENDPOINT}/catalog`, () => HttpResponse.json(catalog())),
      http.get(`${ENDPOINT}/me/achievements`, () => HttpResponse.json(myAchievements())),
      route,
    );
    const store = cookieStore();
    const unlocks = connected(store);
    await until(() => store.snapshot.status === 'ready', 5000, 'ready');
    const otherTab = new BroadcastChannel('civic-achievements');
    otherTab.postMessage({ key: `${ENDPOINT}|cookie|ru`, value: citizen2(withRegularUser()), etag: '"b"', receivedAt: Date.now() + 1000 });
    otherTab.close();
    await pause(200);
    expect(store.snapshot.achievements?.userId).to.equal('citizen-1');
    expect(unlocks).to.deep.equal([]);
  });

  it('keeps the state of a token provider’s new citizen under their key, not the first citizen’s', async () => {
    let token = jwtFor('citizen-1');
    let firstExpired = false;
    const { route } = streams();
    worker.use(
      http.get(`${ENDPOINT}/catalog`, () => HttpResponse.json(catalog())),
      http.get(`${ENDPOINT}/me/achievements`, ({ request }) => {
        const auth = request.headers.get('Authorization');
        if (auth === `Bearer ${jwtFor('citizen-2')}`) return HttpResponse.json(citizen2(withRegularUser()));
        if (firstExpired) return HttpResponse.json({ error: { code: 'unauthenticated', message: 'expired' } }, { status: 401 });
        return HttpResponse.json(myAchievements());
      }),
      route,
    );
    const cache = responseCache({ indexedDB: null, name: `citizen-test-${++caches}` });
    const store = cookieStore({ cache, tokenProvider: () => token });
    const unlocks = connected(store);
    await until(() => store.snapshot.status === 'ready', 5000, 'ready');
    // The portal's session now belongs to another citizen: the renewal after the 401 brings their token.
    token = jwtFor('citizen-2');
    firstExpired = true;
    await store.refresh();
    expect(store.snapshot.achievements?.userId).to.equal('citizen-2');
    expect(unlocks).to.deep.equal([]);
    await pause(50); // the cache writes
    const first = await cache.get(`${ENDPOINT}|sub:citizen-1|ru|me`);
    const second = await cache.get(`${ENDPOINT}|sub:citizen-2|ru|me`);
    expect((first?.value as MyAchievements).userId).to.equal('citizen-1');
    expect((second?.value as MyAchievements).userId).to.equal('citizen-2');
  });

  it('clearCitizenData() stops the page’s stores: nothing of the last citizen’s is shown or announced after it', async () => {
    let signedOut = false;
    const { connections, route } = streams();
    worker.use(
      http.get(`${ENDPOINT}/catalog`, () => HttpResponse.json(catalog())),
      http.get(`${ENDPOINT}/me/achievements`, () =>
        signedOut ? HttpResponse.json({ error: { code: 'unauthenticated', message: 'Signed out.' } }, { status: 401 }) : HttpResponse.json(myAchievements()),
      ),
      route,
    );
    const store = achievementStore({ endpoint: ENDPOINT, backoff: { base: 5, cap: 20 } });
    const unlocks = connected(store);
    await until(() => connections.length === 1 && store.snapshot.updates === 'stream', 5000, 'the stream');
    signedOut = true;
    await clearCitizenData();
    expect(store.snapshot.achievements, 'the last citizen’s state is gone').to.equal(undefined);
    connections[0]!.send('unlock', 8, unlockOf(withESigner(), 'e-signer'));
    await until(() => store.snapshot.status === 'unauthenticated', 2000, 'the store started afresh');
    await pause(100);
    expect(unlocks, 'the last citizen’s stream is closed').to.deep.equal([]);
    expect(connections.length).to.equal(1);
  });
});
