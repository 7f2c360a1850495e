/**
 * The store's issue 7 parts under mocked network conditions (msw): sections loaded only when
 * wanted, redemptions with an Idempotency-Key per intent (the same on retries), 409/422/500 and
 * malformed answers as results in words, never rejections; ratings, preferences (gamification
 * off), campaigns and their leaderboards, and a `campaign` live event.
 */
import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { responseCache } from '../../../src/data/cache.ts';
import type { MyAchievements } from '../../../src/data/contract.ts';
import type { SectionName, StoreOptions } from '../../../src/data/store.ts';
import { AchievementStore } from '../../../src/data/store.ts';
import { campaigns, catalog, ENDPOINT, feedbackList, leaderboard, myAchievements, recommendations, redemption, redemptions, rewards, until, withRegularUser } from './fixtures.ts';

const worker = setupWorker();
const FAST = { base: 5, cap: 20 };
let releases: Array<() => void> = [];
let caches = 0;

function connected(sections: SectionName[] = [], options: Partial<StoreOptions> = {}) {
  const store = new AchievementStore({ endpoint: ENDPOINT, token: 'token-7', backoff: FAST, live: false, cache: responseCache({ indexedDB: null, name: `issue7-${++caches}` }), ...options });
  releases.push(store.connect(sections));
  return store;
}

/** Every request the mock saw, by method and path. */
function served(state: () => MyAchievements = () => ({ ...myAchievements(), balance: 340, gamification: true })) {
  const seen: string[] = [];
  worker.events.on('request:start', ({ request }) => {
    const path = new URL(request.url).pathname;
    if (path.startsWith(ENDPOINT)) seen.push(`${request.method} ${path.slice(ENDPOINT.length)}`);
  });
  worker.use(
    http.get(`${ENDPOINT}/catalog`, () => HttpResponse.json(catalog())),
    http.get(`${ENDPOINT}/me/achievements`, () => HttpResponse.json(state())),
    http.get(`${ENDPOINT}/rewards`, () => HttpResponse.json(rewards())),
    http.get(`${ENDPOINT}/me/redemptions`, () => HttpResponse.json(redemptions())),
    http.get(`${ENDPOINT}/campaigns`, () => HttpResponse.json(campaigns())),
    http.get(`${ENDPOINT}/me/recommendations`, () => HttpResponse.json(recommendations())),
    http.get(`${ENDPOINT}/me/feedback`, () => HttpResponse.json(feedbackList())),
  );
  return seen;
}

const error = (status: number, code: string, message = code) => HttpResponse.json({ error: { code, message } }, { status });

describe('achievement store: privileges, campaigns, recommendations, feedback, preferences (mocked)', () => {
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  after(() => worker.stop());
  afterEach(() => {
    releases.forEach((release) => release());
    releases = [];
    worker.resetHandlers();
    worker.events.removeAllListeners();
  });

  it('loads only the sections its elements want, with the token, and parses them', async () => {
    const seen = served();
    const auth: Array<string | null> = [];
    worker.use(http.get(`${ENDPOINT}/rewards`, ({ request }) => (auth.push(request.headers.get('Authorization')), HttpResponse.json(rewards()))));
    const store = connected(['rewards']);
    await until(() => store.snapshot.sections.rewards?.status === 'ready', 5000, 'rewards');
    expect(store.snapshot.sections.rewards?.value?.rewards.map((r) => r.availability?.reason ?? 'available')).to.deep.equal(['available', 'insufficient_points', 'level_too_low', 'sold_out']);
    expect(store.snapshot.sections.rewards?.value?.balance).to.equal(340);
    expect(store.snapshot.achievements?.balance).to.equal(340);
    expect(auth).to.deep.equal(['Bearer token-7']);
    expect(seen.filter((s) => !s.endsWith('/catalog') && !s.endsWith('/me/achievements'))).to.deep.equal(['GET /rewards']);
    // A second element that wants more: only what is missing is asked for.
    releases.push(store.connect(['rewards', 'recommendations']));
    await until(() => store.snapshot.sections.recommendations?.status === 'ready', 5000, 'recommendations');
    expect(seen.filter((s) => s === 'GET /rewards')).to.have.length(1);
    expect(store.snapshot.sections.recommendations?.value?.recommendations[0]!.reason).to.contain('Электронный подписант');
  });

  it('says why a section is wrong, keeps the last good one, and reloads it with the state', async () => {
    let answer: object = rewards();
    let state = { ...myAchievements(), balance: 340 };
    served(() => state);
    worker.use(http.get(`${ENDPOINT}/rewards`, () => HttpResponse.json(answer)));
    const store = connected(['rewards']);
    await until(() => store.snapshot.sections.rewards?.status === 'ready', 5000, 'rewards');
    answer = { rewards: [{ ...rewards().rewards[0], cost: '100' }] };
    state = { ...withRegularUser(), balance: 370 };
    await store.refresh();
    await until(() => store.snapshot.sections.rewards?.status === 'error', 5000, 'the error');
    expect(store.snapshot.sections.rewards?.error).to.equal('rewards.rewards.0.cost: Invalid type: Expected number but received "100"');
    expect(store.snapshot.sections.rewards?.value?.rewards).to.have.length(4);
    answer = { balance: 370, rewards: [], extra: '<script>' };
    await store.refresh(); // 304 or not, a failed section is asked again
    await until(() => store.snapshot.sections.rewards?.status === 'ready', 5000, 'recovered');
    expect(store.snapshot.sections.rewards?.value).to.deep.equal({ balance: 370, rewards: [] });
  });

  it('redeems with a fresh Idempotency-Key per intent, the same one on every retry of it', async () => {
    served();
    const keys: string[] = [];
    const bodies: unknown[] = [];
    let answers: Array<() => Response> = [];
    worker.use(
      http.post(`${ENDPOINT}/me/redemptions`, async ({ request }) => {
        keys.push(request.headers.get('Idempotency-Key') ?? '');
        bodies.push(await request.json());
        return answers.shift()!();
      }),
    );
    const store = connected(['rewards', 'redemptions'], { retries: 2 });
    await until(() => store.snapshot.sections.redemptions?.status === 'ready', 5000, 'redemptions');

    // A 500, then the grant: the client's retry carries the same key.
    answers = [() => error(500, 'internal'), () => HttpResponse.json({ redemption: redemption({ id: 'r-9' }), balance: 240 }, { status: 201 })];
    const granted = await store.redeem('priority-slot');
    expect(granted.ok && granted.value.balance).to.equal(240);
    expect(keys).to.have.length(2);
    expect(keys[0]).to.match(/^[A-Za-z0-9_-]{8,200}$/);
    expect(keys[1]).to.equal(keys[0]);
    expect(bodies).to.deep.equal([{ rewardId: 'priority-slot' }, { rewardId: 'priority-slot' }]);
    // The answer shows at once: the balance, and the new privilege first.
    expect(store.snapshot.achievements?.balance).to.equal(240);
    expect(store.snapshot.sections.rewards?.value?.balance).to.equal(240);
    expect(store.snapshot.sections.redemptions?.value?.redemptions.map((r) => r.id)).to.deep.equal(['r-9', 'r-0']);

    // A new intent after a grant: a new key. The network fails every attempt: the outcome is unknown...
    answers = [() => HttpResponse.error(), () => HttpResponse.error(), () => HttpResponse.error()];
    const lost = await store.redeem('priority-slot');
    expect(lost).to.deep.include({ ok: false, code: 'offline' });
    expect(new Set(keys.slice(2)).size).to.equal(1);
    expect(keys[2]).to.not.equal(keys[0]);
    // ...so asking again is the same intent, with the same key; the server's decision ends it.
    answers = [() => error(409, 'limit_reached', 'the limit is reached')];
    const refused = await store.redeem('priority-slot');
    expect(refused).to.deep.equal({ ok: false, code: 'limit_reached', reason: 'HTTP 409: the limit is reached' });
    expect(keys[5]).to.equal(keys[2]);
    answers = [() => error(422, 'insufficient_points')];
    expect(await store.redeem('priority-slot')).to.deep.include({ ok: false, code: 'insufficient_points' });
    expect(keys[6]).to.not.equal(keys[2]);
  });

  it('sends one redemption for two presses at once, and a malformed grant leaves the intent open', async () => {
    served();
    const keys: string[] = [];
    let body: object = { redemption: { id: 'r-2' }, balance: 0 };
    worker.use(
      http.post(`${ENDPOINT}/me/redemptions`, async ({ request }) => {
        keys.push(request.headers.get('Idempotency-Key')!);
        await new Promise((resolve) => setTimeout(resolve, 50));
        return HttpResponse.json(body, { status: 201 });
      }),
    );
    const store = connected(['redemptions']);
    await until(() => store.snapshot.status === 'ready', 5000, 'ready');
    const [a, b] = await Promise.all([store.redeem('priority-slot'), store.redeem('priority-slot')]);
    expect(a).to.equal(b);
    expect(keys).to.have.length(1);
    expect(a.ok).to.equal(false);
    expect(!a.ok && a.reason).to.match(/^redemption\.redemption\.rewardId: /);
    // The server may have granted it: the next press is the same intent, and the same key.
    body = { redemption: redemption({ id: 'r-2' }), balance: 240 };
    const again = await store.redeem('priority-slot');
    expect(again.ok).to.equal(true);
    expect(keys).to.deep.equal([keys[0], keys[0]]);
  });

  it('rates an achievement with PUT and shows the answer as the citizen’s rating', async () => {
    served();
    const puts: unknown[] = [];
    worker.use(
      http.put(`${ENDPOINT}/me/feedback/:id`, async ({ request, params }) => {
        const body = (await request.json()) as { rating: number; comment?: string };
        puts.push({ id: params.id, body });
        if (body.rating === 6) return error(400, 'invalid_rating');
        return HttpResponse.json({ achievementId: params.id, ...body, updatedAt: '2026-12-03T09:00:00.000Z' });
      }),
    );
    const store = connected(['feedback']);
    await until(() => store.snapshot.sections.feedback?.status === 'ready', 5000, 'feedback');
    const saved = await store.rate('regular-user', 5, '  Полезно  ');
    expect(saved.ok).to.equal(true);
    expect(puts).to.deep.equal([{ id: 'regular-user', body: { rating: 5, comment: 'Полезно' } }]);
    expect(store.snapshot.sections.feedback?.value?.feedback.map((f) => [f.achievementId, f.rating])).to.deep.equal([['first-request', 4], ['regular-user', 5]]);
    expect(await store.rate('regular-user', 6)).to.deep.include({ ok: false, code: 'invalid_rating' });
    expect(store.snapshot.sections.feedback?.value?.feedback.find((f) => f.achievementId === 'regular-user')?.rating).to.equal(5);
  });

  it('turns gamification off and on: nothing loaded while off, and nothing earned meanwhile announced', async () => {
    let state: MyAchievements = { ...myAchievements(), gamification: true };
    const seen = served(() => state);
    const puts: unknown[] = [];
    worker.use(
      http.put(`${ENDPOINT}/me/preferences`, async ({ request }) => {
        const body = (await request.json()) as { gamification: boolean };
        puts.push(body);
        state = { ...state, gamification: body.gamification };
        return HttpResponse.json(body);
      }),
    );
    const store = connected(['recommendations']);
    const unlocks: string[] = [];
    store.onUnlock((unlock) => unlocks.push(unlock.achievementId));
    await until(() => store.snapshot.sections.recommendations?.status === 'ready', 5000, 'recommendations');
    const off = await store.setGamification(false);
    expect(off).to.deep.equal({ ok: true, value: false });
    expect(store.snapshot.achievements?.gamification).to.equal(false);
    // Earned while off, and refreshed while off: no request for the sections, no announcement.
    state = { ...withRegularUser(), gamification: false };
    const before = seen.length;
    await store.refresh();
    expect(seen.slice(before).sort()).to.deep.equal(['GET /catalog', 'GET /me/achievements']);
    expect(unlocks).to.deep.equal([]);
    // Back on: the state comes with what was earned meanwhile, and it is not news.
    expect(await store.setGamification(true)).to.deep.equal({ ok: true, value: true });
    await until(() => seen.filter((s) => s === 'GET /me/recommendations').length === 2, 5000, 'recommendations again');
    expect(store.snapshot.achievements?.achievements.find((a) => a.id === 'regular-user')?.state).to.equal('unlocked');
    expect(unlocks).to.deep.equal([]);
    expect(puts).to.deep.equal([{ gamification: false }, { gamification: true }]);
  });

  it('says a failed preference in words and changes nothing', async () => {
    served();
    worker.use(http.put(`${ENDPOINT}/me/preferences`, () => HttpResponse.text('<html>oops</html>', { status: 502 })));
    const store = connected([], { retries: 0 });
    await until(() => store.snapshot.status === 'ready', 5000, 'ready');
    const result = await store.setGamification(false);
    expect(result).to.deep.include({ ok: false });
    expect(!result.ok && result.reason).to.match(/^HTTP 502/);
    expect(store.snapshot.achievements?.gamification).to.equal(true);
  });

  it('joins and leaves a campaign, reloading the list and the leaderboard open', async () => {
    served();
    let joined = false;
    const calls: string[] = [];
    worker.use(
      http.get(`${ENDPOINT}/campaigns`, () => HttpResponse.json(campaigns({ joined, eligible: true, ...(joined ? { rank: 3, score: 40 } : {}) }))),
      http.get(`${ENDPOINT}/campaigns/:id/leaderboard`, ({ params }) => (calls.push(`board ${params.id}`), HttpResponse.json(leaderboard(joined ? { rank: 3, score: 40, displayName: 'Участник 77' } : undefined)))),
      http.post(`${ENDPOINT}/me/campaigns/:id/participation`, ({ params }) => {
        calls.push(`join ${params.id}`);
        if (params.id === 'autumn') return error(409, 'campaign_finished');
        joined = true;
        return HttpResponse.json({ joined: true, displayName: 'Участник 77' });
      }),
      http.delete(`${ENDPOINT}/me/campaigns/:id/participation`, ({ params }) => {
        calls.push(`leave ${params.id}`);
        joined = false;
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const store = connected(['campaigns']);
    await until(() => store.snapshot.sections.campaigns?.status === 'ready', 5000, 'campaigns');
    store.leaderboard('winter');
    await until(() => store.snapshot.leaderboards.winter?.status === 'ready', 5000, 'the leaderboard');
    expect(store.snapshot.leaderboards.winter?.value?.me).to.equal(undefined);
    const result = await store.participate('winter', true);
    expect(result).to.deep.equal({ ok: true, value: { joined: true, displayName: 'Участник 77' } });
    await until(() => store.snapshot.sections.campaigns?.value?.campaigns[0]!.me?.rank === 3 && store.snapshot.leaderboards.winter?.value?.me?.rank === 3, 5000, 'the reload');
    expect(await store.participate('winter', false)).to.deep.equal({ ok: true, value: undefined });
    await until(() => store.snapshot.sections.campaigns?.value?.campaigns[0]!.me?.joined === false, 5000, 'left');
    expect(await store.participate('autumn', true)).to.deep.include({ ok: false, code: 'campaign_finished' });
    expect(calls.filter((c) => !c.startsWith('board'))).to.deep.equal(['join winter', 'leave winter', 'join autumn']);
  });

  it('reloads the campaigns and open leaderboards on a `campaign` live event', async () => {
    served();
    let status: 'upcoming' | 'active' = 'upcoming';
    const encoder = new TextEncoder();
    let send: ((chunk: string) => void) | undefined;
    worker.use(
      http.get(`${ENDPOINT}/campaigns`, () => {
        const answer = campaigns();
        answer.campaigns[1]!.status = status;
        return HttpResponse.json(answer);
      }),
      http.get(`${ENDPOINT}/campaigns/:id/leaderboard`, () => HttpResponse.json(leaderboard())),
      http.get(`${ENDPOINT}/me/stream`, () => {
        const body = new ReadableStream<Uint8Array>({ start: (controller) => void (send = (chunk) => controller.enqueue(encoder.encode(chunk))) });
        return new HttpResponse(body, { headers: { 'Content-Type': 'text/event-stream' } });
      }),
    );
    const store = connected(['campaigns'], { live: true });
    await until(() => store.snapshot.updates === 'stream' && store.snapshot.sections.campaigns?.status === 'ready', 5000, 'the stream and the campaigns');
    store.leaderboard('winter');
    await until(() => store.snapshot.leaderboards.winter?.status === 'ready', 5000, 'the leaderboard');
    const board = store.snapshot.leaderboards.winter;
    status = 'active';
    send!(`event: campaign\nid: 7\ndata: ${JSON.stringify({ id: 'spring', status: 'active', title: 'Весенний старт' })}\n\n`);
    await until(() => store.snapshot.sections.campaigns?.value?.campaigns[1]!.status === 'active', 5000, 'the campaigns reloaded');
    await until(() => store.snapshot.leaderboards.winter !== board, 5000, 'the leaderboard reloaded');
  });

  it('forgets every section when the citizen is signed out', async () => {
    let signedIn = true;
    served();
    worker.use(http.get(`${ENDPOINT}/me/achievements`, () => (signedIn ? HttpResponse.json(myAchievements()) : error(401, 'unauthorized'))));
    const store = connected(['rewards', 'redemptions']);
    await until(() => store.snapshot.sections.redemptions?.status === 'ready', 5000, 'redemptions');
    signedIn = false;
    await store.refresh();
    expect(store.snapshot.status).to.equal('unauthenticated');
    expect(store.snapshot.sections).to.deep.equal({});
  });
});
