/**
 * The store against the real reference server (a child process over a temporary SQLite file,
 * reached through the test page's origin): the state, the live stream's unlocks, announced once,
 * and a second browsing context that learns the fresh state over BroadcastChannel.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { responseCache } from '../../../src/data/cache.ts';
import type { MyAchievements, Unlock } from '../../../src/data/contract.ts';
import type { StoreOptions } from '../../../src/data/store.ts';
import { AchievementStore } from '../../../src/data/store.ts';
import { until } from './fixtures.ts';

const ENDPOINT = '/api/v1';
let serial = 0;
const releases: Array<() => void> = [];

async function citizen() {
  const sub = `browser-citizen-${Date.now()}-${++serial}`;
  const token = await executeServerCommand<string, { sub: string }>('ach-token', { sub });
  let n = 0;
  const ingest = async (...types: string[]) => {
    const base = Date.now() - 60_000;
    const events = types.map((type) => ({ id: `${sub}-${++n}`, userId: sub, type, occurredAt: new Date(base + n * 100).toISOString(), ...(type === 'application.submitted' ? { attributes: { service: `service-${n}`, category: 'family', documentType: 'passport', complete: true } } : {}) }));
    const { status, body } = await executeServerCommand<{ status: number; body: unknown }, unknown>('ach-ingest', { events });
    if (status !== 200) throw new Error(`ingest answered ${status}: ${JSON.stringify(body)}`);
    return body as { accepted: number; unlocked: Array<{ achievementId: string }> };
  };
  return { sub, token, ingest };
}

function connect(store: AchievementStore): AchievementStore {
  releases.push(store.connect());
  return store;
}

const options = (token: string, extra: Partial<StoreOptions> = {}): StoreOptions => ({ endpoint: ENDPOINT, token, cache: responseCache({ indexedDB: null, name: `real-${++serial}` }), ...extra });

describe('achievement store against the reference server', () => {
  afterEach(() => releases.splice(0).forEach((release) => release()));

  it('shows what the server says the citizen earned, with the Russian catalog', async () => {
    const { sub, token, ingest } = await citizen();
    const answer = await ingest('profile.verified', 'application.submitted');
    expect(answer.unlocked.map((u) => u.achievementId)).to.include('first-request');
    const store = connect(new AchievementStore(options(token, { live: false })));
    await until(() => store.snapshot.status === 'ready', 8000, 'ready');
    const { achievements, catalog } = store.snapshot;
    expect(achievements?.userId).to.equal(sub);
    expect(achievements?.achievements.find((a) => a.id === 'first-request')?.state).to.equal('unlocked');
    expect(catalog?.language).to.equal('ru');
    expect(catalog?.achievements.find((a) => a.id === 'first-request')?.title).to.equal('Первый запрос');
  });

  it('shares an earned achievement: a public page with its preview and nothing of the citizen; not one not earned', async () => {
    const { sub, token, ingest } = await citizen();
    await ingest('profile.verified', 'application.submitted');
    const store = connect(new AchievementStore(options(token, { live: false })));
    await until(() => store.snapshot.status === 'ready', 8000, 'ready');
    const link = await store.shareLink('first-request');
    if (!link.ok) throw new Error(link.reason);
    const url = new URL(link.value);
    expect(url.origin).to.equal(location.origin); // the server has no public URL here: the page's origin serves it
    expect(url.pathname).to.match(/^\/s\/[\w-]{20,}$/);
    expect(await store.shareLink('first-request')).to.deep.equal(link);
    const page = await fetch(url);
    expect(page.status).to.equal(200);
    const html = await page.text();
    const meta = (property: string) => new DOMParser().parseFromString(html, 'text/html').querySelector(`meta[property="${property}"]`)?.getAttribute('content');
    expect(meta('og:title')).to.contain('Первый запрос');
    expect(meta('og:image')).to.match(/\/image\.png$/);
    expect(html).to.not.contain(sub);
    const refused = await store.shareLink('e-signer');
    expect(refused.ok).to.equal(false);
    expect(!refused.ok && refused.reason).to.match(/^HTTP 403/);
  });

  it('hears an unlock on the live stream and announces it once, whatever refreshes follow', async () => {
    const { token, ingest } = await citizen();
    await ingest('profile.verified', 'application.submitted');
    const store = connect(new AchievementStore(options(token)));
    const unlocks: Unlock[] = [];
    store.onUnlock((unlock) => unlocks.push(unlock));
    await until(() => store.snapshot.updates === 'stream', 8000, 'the stream');
    await ingest('application.submitted', 'application.submitted');
    await until(() => unlocks.some((u) => u.achievementId === 'regular-user'), 5000, 'the unlock');
    await until(() => store.snapshot.achievements?.achievements.find((a) => a.id === 'regular-user')?.state === 'unlocked', 5000, 'the refreshed state');
    await store.refresh();
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(unlocks.filter((u) => u.achievementId === 'regular-user')).to.have.length(1);
    expect(unlocks.map((u) => u.achievementId)).to.not.include('first-request');
  });

  it('hands a fresh state to another browsing context over BroadcastChannel, into its view and its cache', async () => {
    const { sub, token, ingest } = await citizen();
    await ingest('profile.verified');
    const frame = document.createElement('iframe');
    frame.srcdoc = `<script type="module">import { AchievementStore } from '/src/data/store.ts'; window.AchievementStore = AchievementStore;</script>`;
    document.body.append(frame);
    try {
      const other = frame.contentWindow as Window & { AchievementStore?: typeof AchievementStore };
      await until(() => other.AchievementStore !== undefined, 8000, 'the store module in the frame');
      const here = connect(new AchievementStore(options(token, { live: false })));
      const thereCache = responseCache({ indexedDB: null, name: `real-${++serial}` });
      const there = connect(new other.AchievementStore!(options(token, { live: false, cache: thereCache })));
      const unlocksThere: string[] = [];
      there.onUnlock((unlock) => unlocksThere.push(unlock.achievementId));
      await until(() => here.snapshot.status === 'ready' && there.snapshot.status === 'ready', 8000, 'both ready');
      expect(there.snapshot.achievements?.achievements.find((a) => a.id === 'first-request')?.state).to.not.equal('unlocked');

      await ingest('application.submitted');
      await here.refresh();
      await until(() => there.snapshot.achievements?.achievements.find((a) => a.id === 'first-request')?.state === 'unlocked', 3000, 'the other context to adopt the state');
      expect(unlocksThere).to.deep.equal(['first-request']);
      // The other context made no request: its cache holds the state it was handed, as received here.
      await until(() => there.snapshot.refreshedAt === here.snapshot.refreshedAt, 1000, 'the same receipt time');
      const kept = await thereCache.get(`${ENDPOINT}|sub:${sub}|ru|me`);
      expect(kept?.storedAt).to.equal(here.snapshot.refreshedAt);
      expect((kept?.value as MyAchievements | undefined)?.achievements.find((a) => a.id === 'first-request')?.state).to.equal('unlocked');
      expect(kept?.etag).to.be.a('string');
      await there.refresh();
      expect(unlocksThere).to.deep.equal(['first-request']);
    } finally {
      frame.remove();
    }
  });

  it('pauses while the page is hidden, and catches up once it is visible again', async () => {
    const { token, ingest } = await citizen();
    await ingest('profile.verified');
    const store = connect(new AchievementStore(options(token)));
    const unlocks: string[] = [];
    store.onUnlock((unlock) => unlocks.push(unlock.achievementId));
    await until(() => store.snapshot.updates === 'stream', 8000, 'the stream');
    const setHidden = (hidden: boolean) => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
      document.dispatchEvent(new Event('visibilitychange'));
    };
    try {
      setHidden(true);
      expect(store.snapshot.updates).to.equal('paused');
      await ingest('application.submitted');
      await new Promise((resolve) => setTimeout(resolve, 1500)); // the stream would have told within 1 s
      expect(unlocks, 'nothing reaches a hidden page').to.deep.equal([]);
    } finally {
      setHidden(false);
      delete (document as { hidden?: boolean }).hidden; // back to the prototype's getter
    }
    await until(() => unlocks.includes('first-request'), 5000, 'the unlock after the page came back');
    await until(() => store.snapshot.updates === 'stream', 5000, 'the stream again');
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(unlocks).to.deep.equal(['first-request']);
  });

  it('signs the citizen in with the portal cookie when there is no token', async () => {
    const { sub, token, ingest } = await citizen();
    await ingest('profile.verified');
    document.cookie = `ach_token=${token}; path=/; SameSite=Strict`;
    try {
      const store = connect(new AchievementStore({ endpoint: ENDPOINT, cache: responseCache({ indexedDB: null, name: `real-${++serial}` }), live: false, credentials: 'same-origin' }));
      await until(() => store.snapshot.status === 'ready', 8000, 'ready');
      expect(store.snapshot.achievements?.userId).to.equal(sub);
    } finally {
      document.cookie = 'ach_token=; path=/; max-age=0';
    }
    const signedOut = connect(new AchievementStore({ endpoint: ENDPOINT, cache: responseCache({ indexedDB: null, name: `real-${++serial}` }), live: false }));
    await until(() => signedOut.snapshot.status === 'unauthenticated', 8000, 'unauthenticated without the cookie');
  });

  it('works the same from the built SDK bundle (dist/civic-achievements.js)', async () => {
    const bundleUrl = new URL('../../../dist/civic-achievements.js', import.meta.url).href;
    const sdk = (await import(/* @vite-ignore */ bundleUrl)) as typeof import('../../../src/index.ts');
    const { sub, token, ingest } = await citizen();
    await ingest('profile.verified', 'application.submitted');
    const store = sdk.achievementStore({ endpoint: ENDPOINT, token, live: false });
    expect(sdk.achievementStore({ endpoint: `${location.origin}${ENDPOINT}/`, token, live: false }), 'one store per endpoint and citizen').to.equal(store);
    releases.push(store.connect());
    await until(() => store.snapshot.status === 'ready', 8000, 'ready');
    expect(store.snapshot.achievements?.userId).to.equal(sub);
    await sdk.clearCitizenData();
  });
});
