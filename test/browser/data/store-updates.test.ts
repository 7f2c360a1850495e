/**
 * How the store keeps current, mocked with msw where the real server cannot be made to: polling
 * while the page hides mid-poll, the refresh when the page is visible again (with a stream that
 * brings nothing), a replayed unlock after a drop, and a 401 on the stream.
 */
import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { responseCache } from '../../../src/data/cache.ts';
import type { MyAchievements } from '../../../src/data/contract.ts';
import type { StoreOptions } from '../../../src/data/store.ts';
import { AchievementStore } from '../../../src/data/store.ts';
import { catalog, ENDPOINT, eventStream, myAchievements, pause, restoreHidden, setHidden, until, withRegularUser } from './fixtures.ts';

const worker = setupWorker();
let releases: Array<() => void> = [];
let caches = 0;

function connected(options: Partial<StoreOptions> = {}) {
  const store = new AchievementStore({ endpoint: ENDPOINT, token: 'token-1', backoff: { base: 5, cap: 20 }, live: true, cache: responseCache({ indexedDB: null, name: `updates-test-${++caches}` }), ...options });
  const unlocks: string[] = [];
  store.onUnlock((unlock) => unlocks.push(unlock.achievementId));
  releases.push(store.connect());
  return { store, unlocks };
}

const catalogRoute = () => http.get(`${ENDPOINT}/catalog`, () => HttpResponse.json(catalog()));
const noStream = () => http.get(`${ENDPOINT}/me/stream`, () => HttpResponse.json({ error: { code: 'not_found', message: 'no stream here' } }, { status: 404 }));
const unlockOf = (state: MyAchievements, id: string) => {
  const a = state.achievements.find((x) => x.id === id)!;
  return { achievementId: a.id, unlockedAt: a.unlockedAt, points: a.points };
};

describe('achievement store: keeping current (mocked network)', () => {
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  after(() => worker.stop());
  afterEach(() => {
    restoreHidden();
    releases.forEach((release) => release());
    releases = [];
    worker.resetHandlers();
  });

  it('stops polling when the page is hidden while a poll is in flight, until it is visible again', async () => {
    let calls = 0;
    let gate: Promise<void> | undefined;
    worker.use(
      catalogRoute(),
      noStream(),
      http.get(`${ENDPOINT}/me/achievements`, async () => {
        calls += 1;
        await gate;
        return HttpResponse.json(myAchievements());
      }),
    );
    const { store } = connected({ pollMs: 30 });
    await until(() => store.snapshot.updates === 'polling', 5000, 'polling');
    let release!: () => void;
    gate = new Promise((resolve) => (release = resolve));
    const before = calls;
    await until(() => calls === before + 1, 2000, 'a poll on the wire');
    setHidden(true);
    expect(store.snapshot.updates).to.equal('paused');
    gate = undefined;
    release();
    await pause(400); // more than ten poll intervals
    expect(calls, 'no poll while hidden').to.equal(before + 1);
    expect(store.snapshot.updates).to.equal('paused');
    setHidden(false);
    await until(() => calls >= before + 3, 2000, 'polls once visible again');
    expect(store.snapshot.updates).to.equal('polling');
  });

  it('refreshes as soon as the page is visible again, though the resumed stream brings nothing', async () => {
    let state = myAchievements();
    let calls = 0;
    const streams: Array<string | null> = [];
    worker.use(
      catalogRoute(),
      // Open and silent: anything new must come from the refresh, not from a Last-Event-ID replay.
      http.get(`${ENDPOINT}/me/stream`, ({ request }) => {
        streams.push(request.headers.get('Last-Event-ID'));
        return new HttpResponse(eventStream().body, { headers: { 'Content-Type': 'text/event-stream' } });
      }),
      http.get(`${ENDPOINT}/me/achievements`, () => {
        calls += 1;
        return HttpResponse.json(state);
      }),
    );
    const { store, unlocks } = connected();
    await until(() => store.snapshot.updates === 'stream', 5000, 'the stream');
    setHidden(true);
    state = withRegularUser();
    await pause(100);
    expect(calls, 'nothing fetched while hidden').to.equal(1);
    setHidden(false);
    await until(() => store.snapshot.achievements?.points === 40, 2000, 'the refresh on becoming visible');
    expect(calls).to.equal(2);
    expect(unlocks).to.deep.equal(['regular-user']);
    await until(() => streams.length === 2, 2000, 'the stream again');
    expect(streams).to.deep.equal([null, null]);
  });

  it('announces an unlock that the stream replays after a drop once, however often it comes', async () => {
    let state = myAchievements();
    const connections: Array<ReturnType<typeof eventStream>> = [];
    const resumedFrom: Array<string | null> = [];
    worker.use(
      catalogRoute(),
      http.get(`${ENDPOINT}/me/stream`, ({ request }) => {
        resumedFrom.push(request.headers.get('Last-Event-ID'));
        const stream = eventStream();
        connections.push(stream);
        return new HttpResponse(stream.body, { headers: { 'Content-Type': 'text/event-stream' } });
      }),
      http.get(`${ENDPOINT}/me/achievements`, () => HttpResponse.json(state)),
    );
    const { store, unlocks } = connected();
    await until(() => connections.length === 1 && store.snapshot.updates === 'stream', 5000, 'the stream');
    connections[0]!.send('progress', 4, {});
    await pause(50);
    connections[0]!.drop();
    // Earned while the page was not connected: the resumed stream replays it.
    state = withRegularUser();
    await until(() => connections.length === 2, 5000, 'the reconnect');
    connections[1]!.send('unlock', 5, unlockOf(state, 'regular-user'));
    await until(() => unlocks.length === 1, 2000, 'the replayed unlock');
    await until(() => store.snapshot.achievements?.points === 40, 2000, 'the state after the unlock');
    connections[1]!.drop();
    await until(() => connections.length === 3, 5000, 'the second reconnect');
    // A server may deliver it again (at least once): it is not news a second time.
    connections[2]!.send('unlock', 5, unlockOf(state, 'regular-user'));
    await pause(700); // past the refresh that follows an unlock
    expect(resumedFrom).to.deep.equal([null, '4', '5']);
    expect(unlocks).to.deep.equal(['regular-user']);
  });

  it('asks the token provider again after a 401 on the stream, and reconnects with the new token', async () => {
    const streamAuth: Array<string | null> = [];
    worker.use(
      catalogRoute(),
      http.get(`${ENDPOINT}/me/stream`, ({ request }) => {
        const auth = request.headers.get('Authorization');
        streamAuth.push(auth);
        if (auth !== 'Bearer fresh') return HttpResponse.json({ error: { code: 'unauthenticated', message: 'expired' } }, { status: 401 });
        return new HttpResponse(eventStream().body, { headers: { 'Content-Type': 'text/event-stream' } });
      }),
      http.get(`${ENDPOINT}/me/achievements`, () => HttpResponse.json(myAchievements())),
    );
    let asked = 0;
    const { store } = connected({ token: undefined, tokenProvider: () => (++asked === 1 ? 'old' : 'fresh') });
    await until(() => store.snapshot.updates === 'stream', 5000, 'the stream with the new token');
    expect(streamAuth).to.deep.equal(['Bearer old', 'Bearer fresh']);
    expect(asked).to.equal(2);
    expect(store.snapshot.status).to.equal('ready');
  });

  it('opens the stream again when the refresh after a 401 on it (and no new token) finds the session valid', async () => {
    const resumedFrom: Array<string | null> = [];
    worker.use(
      catalogRoute(),
      http.get(`${ENDPOINT}/me/stream`, ({ request }) => {
        resumedFrom.push(request.headers.get('Last-Event-ID'));
        if (resumedFrom.length === 1) return HttpResponse.json({ error: { code: 'unauthenticated', message: 'a moment’s refusal' } }, { status: 401 });
        return new HttpResponse(eventStream().body, { headers: { 'Content-Type': 'text/event-stream' } });
      }),
      http.get(`${ENDPOINT}/me/achievements`, () => HttpResponse.json(myAchievements())),
    );
    const { store } = connected();
    await until(() => resumedFrom.length === 2 && store.snapshot.updates === 'stream', 5000, 'the stream again');
    expect(store.snapshot.status).to.equal('ready');
  });

  it('says unauthenticated after a 401 on the stream when there is no way to get another token', async () => {
    let revoked = false;
    let streams = 0;
    worker.use(
      catalogRoute(),
      http.get(`${ENDPOINT}/me/stream`, () => {
        streams += 1;
        revoked = true; // the session ended between the state and the stream
        return HttpResponse.json({ error: { code: 'unauthenticated', message: 'expired' } }, { status: 401 });
      }),
      http.get(`${ENDPOINT}/me/achievements`, () => (revoked ? HttpResponse.json({ error: { code: 'unauthenticated', message: 'The session has ended.' } }, { status: 401 }) : HttpResponse.json(myAchievements()))),
    );
    const { store } = connected();
    await until(() => store.snapshot.status === 'unauthenticated', 5000, 'unauthenticated');
    expect(store.snapshot.error).to.equal('The session has ended.');
    expect(store.snapshot.achievements).to.equal(undefined);
    await pause(200);
    expect(streams, 'the stream is not tried again').to.equal(1);
    expect(store.snapshot.updates).to.equal('off');
  });

  it('tries the stream again when the page is back in view after it failed five times in a row', async function () {
    this.timeout(25_000); // the stream's own backoff: about 8–15 s for five attempts
    let streams = 0;
    worker.use(
      catalogRoute(),
      http.get(`${ENDPOINT}/me/stream`, () => {
        streams += 1;
        if (streams <= 5) return HttpResponse.json({ error: { code: 'too_many_streams', message: 'Too many streams.' } }, { status: 429 });
        return new HttpResponse(eventStream().body, { headers: { 'Content-Type': 'text/event-stream' } });
      }),
      http.get(`${ENDPOINT}/me/achievements`, () => HttpResponse.json(myAchievements())),
    );
    const { store } = connected({ pollMs: 50 });
    await until(() => streams === 5 && store.snapshot.updates === 'polling', 20_000, 'polling after five failures');
    setHidden(true);
    setHidden(false);
    await until(() => streams === 6 && store.snapshot.updates === 'stream', 2000, 'the stream again');
  });

  it('tries a failed first load again by itself, then stops once the stream takes over', async () => {
    let failing = true;
    let calls = 0;
    worker.use(
      catalogRoute(),
      http.get(`${ENDPOINT}/me/stream`, () => new HttpResponse(eventStream().body, { headers: { 'Content-Type': 'text/event-stream' } })),
      http.get(`${ENDPOINT}/me/achievements`, () => {
        calls += 1;
        return failing ? HttpResponse.json({ error: { code: 'internal', message: 'down' } }, { status: 503 }) : HttpResponse.json(myAchievements());
      }),
    );
    const { store } = connected({ pollMs: 50 });
    await until(() => store.snapshot.status === 'error', 5000, 'the failed load');
    failing = false;
    await until(() => store.snapshot.status === 'ready' && store.snapshot.updates === 'stream', 3000, 'ready by itself');
    const after = calls;
    await pause(300); // six poll intervals
    expect(calls, 'no polling beside the stream').to.equal(after);
  });

  it('refreshes again when live progress came while a refresh was in flight (its answer is older)', async () => {
    const older = myAchievements();
    const newer = myAchievements({ points: 20, achievements: older.achievements.map((a) => (a.id === 'regular-user' ? { ...a, progress: { ...a.progress, current: 2, remaining: 1 } } : a)) });
    let state = older;
    let gate: Promise<void> | undefined;
    const connections: Array<ReturnType<typeof eventStream>> = [];
    worker.use(
      catalogRoute(),
      http.get(`${ENDPOINT}/me/stream`, () => {
        const stream = eventStream();
        connections.push(stream);
        return new HttpResponse(stream.body, { headers: { 'Content-Type': 'text/event-stream' } });
      }),
      http.get(`${ENDPOINT}/me/achievements`, async () => {
        const answer = state;
        await gate;
        return HttpResponse.json(answer);
      }),
    );
    const { store } = connected();
    await until(() => connections.length === 1 && store.snapshot.updates === 'stream', 5000, 'the stream');
    let release!: () => void;
    gate = new Promise((resolve) => (release = resolve));
    const inFlight = store.refresh(); // asked before the event: it answers the older state
    await pause(50);
    state = newer;
    connections[0]!.send('progress', 9, { points: 20, level: { id: 'novice' }, achievements: [newer.achievements[1]] });
    await until(() => store.snapshot.achievements?.points === 20, 2000, 'the live progress');
    gate = undefined;
    release();
    await inFlight;
    await until(() => store.snapshot.achievements?.points === 20, 2000, 'the newer state again');
    expect(store.snapshot.achievements?.achievements[1]?.progress.current).to.equal(2);
  });
});
