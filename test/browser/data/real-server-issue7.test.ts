/**
 * Issue 7 against the real reference server (a child process over a temporary SQLite file,
 * reached through the test page's origin): what the contract says, as the store and the elements
 * read it. One test per feature: campaigns and leaderboards, recommendations, privileges and
 * redemptions, feedback, preferences (gamification off), rarity in the catalog.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { bypass, http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import '../../../src/components/achievement-provider/define.ts';
import '../../../src/components/achievement-rewards/define.ts';
import '../../../src/components/achievement-board/define.ts';
import { responseCache } from '../../../src/data/cache.ts';
import type { SectionName, StoreOptions } from '../../../src/data/store.ts';
import { AchievementStore } from '../../../src/data/store.ts';
import type { AchievementRewards } from '../../../src/components/achievement-rewards/achievement-rewards.ts';
import { until } from './fixtures.ts';
import { expectAccessible } from '../../support/accessible.ts';

const worker = setupWorker();
/** Enough for the 100-point privilege: verified (10), three applications in a month of three document types (20 + 40 + 50 + 3 × 10). */
const HUNDRED_AND_FIFTY = ['profile.verified', 'application.submitted', 'application.submitted', 'application.submitted'];

const ENDPOINT = '/api/v1';
let serial = 0;
const releases: Array<() => void> = [];

/** A new citizen with a token, and a way to ingest events for them (spread over the last hour). */
async function citizen() {
  const sub = `issue7-${Date.now()}-${++serial}`;
  const token = await executeServerCommand<string, { sub: string }>('ach-token', { sub });
  let n = 0;
  const ingest = async (...types: string[]) => {
    const base = Date.now() - 60 * 60_000;
    const events = types.map((type) => {
      n += 1;
      const attributes: Record<string, Record<string, string | boolean>> = {
        'application.submitted': { service: `service-${n}`, category: `category-${n % 4}`, documentType: `document-${n % 3}`, complete: true },
        'signature.used': { procedure: `procedure-${n}` },
        'certificate.received': { service: `service-${n}` },
        'poll.voted': { poll: `poll-${n}` },
      };
      return { id: `${sub}-${n}`, userId: sub, type, occurredAt: new Date(base + n * 1000).toISOString(), ...(attributes[type] ? { attributes: attributes[type] } : {}) };
    });
    const { status, body } = await executeServerCommand<{ status: number; body: unknown }, unknown>('ach-ingest', { events });
    if (status !== 200) throw new Error(`ingest answered ${status}: ${JSON.stringify(body)}`);
  };
  return { sub, token, ingest };
}

function connected(token: string, sections: SectionName[], extra: Partial<StoreOptions> = {}): AchievementStore {
  const store = new AchievementStore({ endpoint: ENDPOINT, token, live: false, cache: responseCache({ indexedDB: null, name: `real7-${++serial}` }), ...extra });
  releases.push(store.connect(sections));
  return store;
}

describe('issue 7 against the reference server', () => {
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  after(() => worker.stop());
  afterEach(() => {
    releases.splice(0).forEach((release) => release());
    worker.resetHandlers();
  });

  it('campaigns: the running one, joining under a pseudonym, the leaderboard, and leaving it', async () => {
    const { sub, token, ingest } = await citizen();
    await ingest('profile.verified', 'application.submitted');
    const store = connected(token, ['campaigns']);
    await until(() => store.snapshot.sections.campaigns?.status === 'ready', 8000, 'the campaigns');
    const active = store.snapshot.sections.campaigns!.value!.campaigns.find((c) => c.status === 'active');
    if (!active) throw new Error(`no active campaign: ${JSON.stringify(store.snapshot.sections.campaigns)}`);
    expect(active.me).to.deep.include({ joined: false, eligible: true });
    const joined = await store.participate(active.id, true);
    if (!joined.ok) throw new Error(joined.reason);
    expect(joined.value?.displayName).to.match(/^Участник \d+$/);
    expect(joined.value?.displayName).to.not.contain(sub);
    store.leaderboard(active.id);
    await until(() => store.snapshot.leaderboards[active.id]?.value?.me !== undefined, 8000, 'my place on the leaderboard');
    const board = store.snapshot.leaderboards[active.id]!.value!;
    expect(board.me!.displayName).to.equal(joined.value!.displayName);
    expect(board.top.map((row) => row.rank)).to.deep.equal(board.top.map((_, i) => i + 1));
    await until(() => store.snapshot.sections.campaigns!.value!.campaigns.find((c) => c.id === active.id)?.me?.joined === true, 8000, 'joined in the list');
    const left = await store.participate(active.id, false);
    expect(left.ok).to.equal(true);
    await until(() => store.snapshot.leaderboards[active.id]?.value !== undefined && store.snapshot.leaderboards[active.id]!.value!.me === undefined, 8000, 'gone from the leaderboard');
    expect(store.snapshot.leaderboards[active.id]!.value!.top.some((row) => row.displayName === joined.value!.displayName)).to.equal(false);
  });

  it('recommendations: the next steps in words, with links that are http(s)', async () => {
    const { token, ingest } = await citizen();
    await ingest('profile.verified', 'application.submitted', 'signature.used', 'signature.used', 'signature.used', 'signature.used');
    const store = connected(token, ['recommendations']);
    await until(() => store.snapshot.sections.recommendations?.status !== 'loading' && store.snapshot.sections.recommendations !== undefined, 8000, 'the recommendations');
    expect(store.snapshot.sections.recommendations?.error).to.equal(undefined);
    const list = store.snapshot.sections.recommendations!.value!.recommendations;
    expect(list.length).to.be.within(1, 5);
    for (const step of list) {
      expect(step.reason).to.match(/\S/);
      if (step.link) expect(new URL(step.link, location.href).protocol).to.match(/^https?:$/);
    }
    expect(list.map((r) => r.achievementId)).to.include('e-signer');
    expect(list.find((r) => r.achievementId === 'e-signer')!.reason).to.contain('Электронный подписант');
  });

  it('privileges: the balance, why each is unavailable, one grant per intent even when the answer is lost', async () => {
    const { token, ingest } = await citizen();
    await ingest(...HUNDRED_AND_FIFTY);
    const store = connected(token, ['rewards', 'redemptions'], { retries: 0 });
    await until(() => store.snapshot.sections.rewards?.status === 'ready' && store.snapshot.sections.redemptions?.status === 'ready', 8000, 'the privileges');
    const { rewards, balance } = store.snapshot.sections.rewards!.value!;
    expect(balance).to.equal(150);
    expect(store.snapshot.achievements?.balance).to.equal(150);
    const reasons = Object.fromEntries(rewards.map((r) => [r.id, r.availability?.available ? 'available' : r.availability?.reason]));
    expect(reasons).to.deep.equal({ 'personal-recommendations': 'available', 'priority-booking': 'insufficient_points', 'fast-track': 'level_too_low', 'closed-consultation': 'level_too_low' });
    expect(rewards.find((r) => r.id === 'fast-track')?.minLevel?.title).to.match(/\S/);

    // The grant's answer never reaches the page (the connection drops after the server decided).
    const keys: string[] = [];
    worker.use(
      http.post('/api/v1/me/redemptions', async ({ request }) => {
        keys.push(request.headers.get('Idempotency-Key')!);
        const answer = await fetch(bypass(request));
        return keys.length === 1 ? (await answer.arrayBuffer(), HttpResponse.error()) : answer;
      }),
    );
    const lost = await store.redeem('personal-recommendations');
    expect(lost).to.deep.include({ ok: false, code: 'offline' });
    // Asked again: the same intent, the same key, and the server's answer is its first grant.
    const retried = await store.redeem('personal-recommendations');
    if (!retried.ok) throw new Error(retried.reason);
    expect(keys).to.have.length(2);
    expect(keys[1]).to.equal(keys[0]);
    worker.resetHandlers();
    const again = await store.redeem('personal-recommendations');
    expect(again).to.deep.include({ ok: false, code: 'limit_reached' });
    await until(() => store.snapshot.sections.redemptions?.value?.redemptions.length === 1 && store.snapshot.sections.rewards?.value?.balance === 50, 8000, 'one grant, charged once');
    const [granted] = store.snapshot.sections.redemptions!.value!.redemptions;
    expect(granted).to.deep.include({ rewardId: 'personal-recommendations', cost: 100, status: 'active' });
    expect(Date.parse(granted!.expiresAt) - Date.parse(granted!.grantedAt)).to.equal(30 * 86_400_000);
    expect(retried.ok && retried.value.redemption.id).to.equal(granted!.id);
    expect(store.snapshot.sections.rewards!.value!.rewards.find((r) => r.id === 'personal-recommendations')?.availability?.reason).to.equal('limit_reached');
  });

  it('<achievement-rewards> shows a real citizen’s privileges in words, and passes axe', async () => {
    const { token, ingest } = await citizen();
    await ingest(...HUNDRED_AND_FIFTY);
    const page = await fixture(html`<achievement-provider endpoint="/api/v1" .token=${token}><achievement-rewards theme="auto"></achievement-rewards></achievement-provider>`);
    const el = page.querySelector<AchievementRewards>('achievement-rewards')!;
    const root = el.shadowRoot!;
    await until(() => root.querySelectorAll('[part="reward"]').length === 4 && !!root.querySelector('[part="redemptions"]'), 8000, 'the privileges');
    const say = (node: Element | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
    expect(say(root.querySelector('[part="balance"]'))).to.equal('Можно потратить: 150 баллов');
    expect(root.querySelectorAll('[part="redeem"]')).to.have.length(1);
    expect([...root.querySelectorAll('[part="problem"]')].map(say)).to.deep.equal([
      'Не хватает 50 баллов.',
      'Откроется на уровне «Опытный пользователь».',
      'Откроется на уровне «Эксперт госуслуг».',
    ]);
    await expectAccessible(el);
  });

  it('feedback: rates an earned achievement as plain text, refuses one not earned', async () => {
    const { token, ingest } = await citizen();
    await ingest('profile.verified', 'application.submitted');
    const store = connected(token, ['feedback']);
    await until(() => store.snapshot.sections.feedback?.status === 'ready', 8000, 'the feedback');
    expect(store.snapshot.sections.feedback!.value!.feedback).to.deep.equal([]);
    const comment = '<img src=x onerror=alert(1)> удобно';
    const saved = await store.rate('first-request', 4, comment);
    if (!saved.ok) throw new Error(saved.reason);
    expect(saved.value).to.deep.include({ achievementId: 'first-request', rating: 4, comment });
    expect(store.snapshot.sections.feedback!.value!.feedback.map((f) => f.rating)).to.deep.equal([4]);
    expect(await store.rate('e-signer', 5)).to.deep.include({ ok: false, code: 'not_earned' });
    expect(await store.rate('no-such-achievement', 5)).to.deep.include({ ok: false, code: 'not_found' });
    const reread = connected(token, ['feedback']);
    await until(() => reread.snapshot.sections.feedback?.status === 'ready', 8000, 'the feedback again');
    expect(reread.snapshot.sections.feedback!.value!.feedback).to.deep.equal(store.snapshot.sections.feedback!.value!.feedback);
  });

  it('preferences: gamification off in the state, no next steps, out of campaigns; and back on', async function () {
    this.timeout(20_000);
    const { token, ingest } = await citizen();
    await ingest('profile.verified', 'application.submitted', 'signature.used');
    const store = connected(token, ['campaigns']);
    await until(() => store.snapshot.sections.campaigns?.status === 'ready', 8000, 'the campaigns');
    expect(store.snapshot.achievements?.gamification).to.equal(true);
    const active = store.snapshot.sections.campaigns!.value!.campaigns.find((c) => c.status === 'active')!;
    expect((await store.participate(active.id, true)).ok).to.equal(true);
    expect(await store.setGamification(false)).to.deep.equal({ ok: true, value: false });
    await until(() => store.snapshot.achievements?.gamification === false && store.snapshot.status === 'ready', 8000, 'off in the state');
    const headers = { Authorization: `Bearer ${token}` };
    expect(await (await fetch('/api/v1/me/recommendations', { headers })).json()).to.deep.equal({ recommendations: [] });
    const board = await (await fetch(`/api/v1/campaigns/${active.id}/leaderboard`, { headers })).json();
    expect(board.me).to.equal(undefined);
    expect(await store.setGamification(true)).to.deep.equal({ ok: true, value: true });
    await until(() => store.snapshot.achievements?.gamification === true, 8000, 'on again');
    await until(() => store.snapshot.sections.campaigns?.value?.campaigns.find((c) => c.id === active.id)?.me?.joined === false, 8000, 'not joined again by itself');
  });

  it('the catalog: links are http(s), and no rarity below 20 participants (this server started empty)', async () => {
    const { token, ingest } = await citizen();
    await ingest('profile.verified');
    const store = connected(token, []);
    await until(() => store.snapshot.status === 'ready' && !!store.snapshot.catalog, 8000, 'the catalog');
    const entries = store.snapshot.catalog!.achievements;
    const links = entries.flatMap((entry) => (entry.link === undefined ? [] : [new URL(entry.link, location.href).protocol]));
    expect(links.length, 'the catalog has links').to.be.greaterThan(5);
    for (const protocol of links) expect(protocol).to.match(/^https?:$/);
    expect(entries.filter((entry) => entry.rarity !== undefined)).to.deep.equal([]);
  });

  it('<achievement-board> shows a real citizen’s next steps, the running campaign and the rating control, and passes axe', async () => {
    const { token, ingest } = await citizen();
    await ingest('profile.verified', 'application.submitted', 'signature.used', 'signature.used', 'signature.used', 'signature.used');
    const page = await fixture(html`<achievement-provider endpoint="/api/v1" .token=${token}><achievement-board theme="auto"></achievement-board></achievement-provider>`);
    const board = page.querySelector('achievement-board')!;
    const root = board.shadowRoot!;
    const say = (node: Element | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
    await until(() => !!root.querySelector('[part="step"]') && !!root.querySelector('[part="campaign"]') && !!root.querySelector('[part="feedback"]'), 8000, 'the sections');
    const step = [...root.querySelectorAll('[part="step"]')].find((s) => say(s).includes('Электронный подписант'));
    expect(say(step ?? null)).to.match(/ещё 1 /);
    expect(say(root.querySelector('[part="campaign"]'))).to.contain('Идёт до 31 декабря включительно').and.contain('Участвовать');
    await expectAccessible(board);
  });
});
