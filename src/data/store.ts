/**
 * One citizen's achievements as the elements on a page see them: painted from the cache first,
 * then refreshed from the network (stale-while-revalidate), kept current by the live stream (or
 * by polling where the stream is unavailable), paused while the page is hidden, shared with the
 * other tabs, and never an exception on the host page: every failure is a status with a reason,
 * and the last good state stays shown.
 */
import type { Result } from './actions.ts';
import { CitizenActions, resultOf } from './actions.ts';
import { backoffDelay } from './backoff.ts';
import type { ResponseCache } from './cache.ts';
import { responseCache } from './cache.ts';
import { citizenKey, COOKIE_CITIZEN } from './citizen.ts';
import type { ApiRequest, ClientOptions, Outcome } from './client.ts';
import { AchievementClient } from './client.ts';
import type { Catalog, Feedback, Leaderboard, MyAchievements, Parsed, Participation, ProgressMessage, Redeemed, Unlock } from './contract.ts';
import { parseCatalog, parseMyAchievements, parsePreferences, parseProgressMessage, parseUnlock } from './contract.ts';
import type { LiveEvent, LiveStream } from './live.ts';
import { openLiveStream } from './live.ts';
import type { Section, SectionName, Sections } from './sections.ts';
import { SectionLoader } from './sections.ts';
import type { TabLink, TabMessage } from './tabs.ts';
import { linkTabs } from './tabs.ts';
import { UnlockLedger } from './unlocks.ts';

export type StoreStatus = 'loading' | 'ready' | 'stale' | 'offline' | 'error' | 'unauthenticated';

export type Language = 'ru' | 'en';

export type { Result } from './actions.ts';
export type { Section, SectionName, Sections } from './sections.ts';

export interface StoreSnapshot {
  /**
   * `loading`: nothing to show yet; `stale`: the cached state, being refreshed; `ready`: as the
   * server has it; `offline`: the server cannot be reached (the last state stays); `error`: the
   * server failed or answered outside the contract (`error` says why; the last state stays);
   * `unauthenticated`: no citizen is signed in, or the token was refused.
   */
  status: StoreStatus;
  achievements: MyAchievements | undefined;
  catalog: Catalog | undefined;
  /** When the state shown was last confirmed by the server (ms since the epoch). */
  refreshedAt: number | undefined;
  /** A readable reason for `offline`, `error` and `unauthenticated`. */
  error: string | undefined;
  /** How the state is kept current now. */
  updates: 'stream' | 'polling' | 'paused' | 'off';
  /** Issue 7's parts that elements asked for (`connect(sections)`); absent until asked. */
  sections: { [K in SectionName]?: Section<Sections[K]> };
  /** Campaigns' leaderboards asked for with `leaderboard(id)`, by campaign id. */
  leaderboards: Record<string, Section<Leaderboard>>;
}

export interface StoreOptions extends ClientOptions {
  language?: Language;
  /** The cache; the page's shared IndexedDB cache by default. */
  cache?: ResponseCache;
  /** Keep current through the live stream (or polling); on by default. */
  live?: boolean;
  /** The polling interval where the stream is unavailable, in ms. */
  pollMs?: number;
}

/** What the store lends its sections and actions: its snapshot, the citizen's requests, a refresh. */
export interface StoreInternals {
  snapshot(): StoreSnapshot;
  update(patch: Partial<StoreSnapshot>): void;
  /** A request of the citizen's, in the store's language. */
  send<T>(request: Omit<ApiRequest<T>, 'language' | 'personal'>, signal?: AbortSignal): Promise<Outcome<T>>;
  /** Aborted when the store stops; none while it is stopped. */
  signal(): AbortSignal | undefined;
  refresh(): Promise<void>;
}

type Listener = (snapshot: StoreSnapshot) => void;

/** A tiered or level change needs the whole state; progress alone does not. */
const REFRESH_AFTER_LIVE_MS = 500;
const POLL_MS = 30_000;
/** While polls fail, they slow down from the interval to ten times it. */
const POLL_SLOWDOWN = 10;

/** A listener's exception is the page author's bug: it is reported, and the store goes on. */
function call<T>(listener: (value: T) => void, value: T): void {
  try {
    listener(value);
  } catch (error) {
    console.error(error);
  }
}

export class AchievementStore {
  readonly client: AchievementClient;
  readonly language: Language;
  readonly #cache: ResponseCache;
  /** Where the citizen's own state is kept across page loads; none under cookie sign-in (#start). */
  #personal: ResponseCache | undefined;
  readonly #live: boolean;
  readonly #pollMs: number;
  readonly #listeners = new Set<Listener>();
  readonly #unlockListeners = new Set<(unlock: Unlock) => void>();
  #ledger = new UnlockLedger();
  readonly #shareLinks = new Map<string, Promise<Parsed<string>>>();
  #snapshot: StoreSnapshot = { status: 'loading', achievements: undefined, catalog: undefined, refreshedAt: undefined, error: undefined, updates: 'off', sections: {}, leaderboards: {} };
  readonly #sections: SectionLoader;
  readonly #actions: CitizenActions;
  /** Unlocks are not news while gamification is off, nor in the first state after it is back on. */
  #quiet = false;
  #etag: string | undefined;
  #catalogEtag: string | undefined;
  /** When the state held was received from the network, here or in another tab. */
  #receivedAt = 0;
  #citizen: string | undefined;
  /** Whose state was adopted last: another's from the network starts a new session (#refresh). */
  #userId: string | undefined;
  #users = 0;
  #running: AbortController | undefined;
  #refreshing: Promise<void> | undefined;
  #stream: LiveStream | undefined;
  #lastEventId: string | undefined;
  #pollTimer: ReturnType<typeof setTimeout> | undefined;
  #pollFailures = 0;
  /** 'for now' after failures in a row: the stream is tried again back in view or online. */
  #polling: boolean | 'for now' = false;
  /** Live messages so far: a refresh that spans one may bring an older state (#refresh). */
  #streamMessages = 0;
  #liveRefresh: ReturnType<typeof setTimeout> | undefined;
  #tabs: TabLink | undefined;

  constructor(options: StoreOptions) {
    this.client = new AchievementClient(options);
    this.language = options.language ?? 'ru';
    this.#cache = options.cache ?? responseCache();
    this.#live = options.live ?? true;
    this.#pollMs = options.pollMs ?? POLL_MS;
    const internals: StoreInternals = {
      snapshot: () => this.#snapshot,
      update: (patch) => this.#update(patch),
      send: (request, signal) => this.#send(request, signal),
      signal: () => this.#running?.signal,
      refresh: () => this.refresh(),
    };
    this.#sections = new SectionLoader(internals);
    this.#actions = new CitizenActions(internals, this.#sections);
  }

  get snapshot(): StoreSnapshot {
    return this.#snapshot;
  }

  /** Called now with the current snapshot, then on every change. Returns the unsubscribe. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    call(listener, this.#snapshot);
    return () => this.#listeners.delete(listener);
  }

  /** Each unlock this page view learns of, once (not again after a reconnect or another tab's refresh). */
  onUnlock(listener: (unlock: Unlock) => void): () => void {
    this.#unlockListeners.add(listener);
    return () => this.#unlockListeners.delete(listener);
  }

  /**
   * An element that shows this store's state calls this when it connects, and the returned
   * release when it disconnects. The first one starts the store; when the last one leaves, the
   * requests in flight are aborted and the stream closes (not when an element merely moves).
   */
  connect(sections: readonly SectionName[] = []): () => void {
    this.#users += 1;
    const unwant = this.#sections.want(sections);
    if (this.#users === 1 && !this.#running) void this.#start();
    else if (this.#snapshot.achievements) this.#sections.load(sections, true);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      unwant();
      this.#users -= 1;
      if (this.#users === 0) setTimeout(() => this.#users === 0 && this.#stop(), 0);
    };
  }

  /** Fetches the state now (one request at a time; concurrent calls share it). */
  refresh(): Promise<void> {
    if (!this.#running) return Promise.resolve();
    return (this.#refreshing ??= this.#refresh().finally(() => (this.#refreshing = undefined)));
  }

  /**
   * The public link to share an earned achievement: asked of the server once per achievement and
   * page view. Never rejects; a failure is a reason in words, and the next call asks again.
   */
  shareLink(achievementId: string): Promise<Parsed<string>> {
    let link = this.#shareLinks.get(achievementId);
    if (!link) {
      link = this.client.shareLink(achievementId, this.language).then((outcome): Parsed<string> => {
        // A root-relative link is on the endpoint's origin: messengers need it whole.
        if (outcome.kind === 'ok') return { ok: true, value: new URL(outcome.value.url, new URL(this.client.endpoint, document.baseURI)).href };
        this.#shareLinks.delete(achievementId);
        return { ok: false, reason: 'reason' in outcome ? outcome.reason : outcome.kind };
      });
      this.#shareLinks.set(achievementId, link);
    }
    return link;
  }

  // ── issue 7: privileges, campaigns, recommendations, feedback, preferences ─────────────────────

  /**
   * Redeems a privilege for points, at most once per intent however often the request is retried
   * (an Idempotency-Key); a second call while one is in flight shares it. Then the balance, the
   * privileges and the list are refreshed.
   */
  redeem(rewardId: string): Promise<Result<Redeemed>> {
    return this.#actions.redeem(rewardId);
  }

  /** Rates an earned achievement 1–5, with an optional comment; the feedback shown follows the answer. */
  rate(achievementId: string, rating: number, comment?: string): Promise<Result<Feedback>> {
    return this.#actions.rate(achievementId, rating, comment);
  }

  /**
   * Turns gamification on or off for the citizen (every element follows). Off, the elements show
   * only a way back, and nothing earned meanwhile is announced later as news.
   */
  async setGamification(on: boolean): Promise<Result<boolean>> {
    const outcome = await this.#send({ path: '/me/preferences', method: 'PUT', parse: parsePreferences, body: JSON.stringify({ gamification: on }) });
    if (outcome.kind !== 'ok') return resultOf(outcome);
    const { gamification } = outcome.value;
    this.#quiet = true;
    const { achievements } = this.#snapshot;
    if (achievements) this.#update({ achievements: { ...achievements, gamification } });
    void this.refresh();
    return { ok: true, value: gamification };
  }

  /** Joins a campaign (listed under a pseudonym), or leaves it (and every leaderboard of it). */
  participate(campaignId: string, join: boolean): Promise<Result<Participation | undefined>> {
    return this.#actions.participate(campaignId, join);
  }

  /** Loads (or reloads) a campaign's leaderboard into `snapshot.leaderboards`; it is kept current from then on. */
  leaderboard(campaignId: string): void {
    this.#sections.leaderboard(campaignId);
  }

  /**
   * Forgets the citizen (clearCitizenData): stops, so nothing of theirs is shown or written back,
   * and starts afresh once `cleared` settles if elements are still connected.
   */
  reset(cleared: Promise<unknown>): void {
    this.#stop();
    this.#newSession();
    this.#etag = this.#userId = undefined;
    this.#receivedAt = 0;
    this.#update({ status: 'loading', achievements: undefined, refreshedAt: undefined, error: undefined });
    void cleared.then(() => {
      if (this.#users && !this.#running) void this.#start();
    });
  }

  /** Nothing of the last citizen's session carries over: their unlocks, stream position, sections. */
  #newSession(): void {
    this.#ledger = new UnlockLedger();
    this.#pauseUpdates('off');
    this.#lastEventId = undefined;
    this.#shareLinks.clear();
    this.#update({ sections: {}, leaderboards: {} });
  }

  #send<T>(request: Omit<ApiRequest<T>, 'language' | 'personal'>, signal?: AbortSignal): Promise<Outcome<T>> {
    return this.client.send({ ...request, language: this.language, personal: true }, signal);
  }

  #keys(citizen: string) {
    const endpoint = this.client.endpoint;
    return { me: `${endpoint}|${citizen}|${this.language}|me`, catalog: `${endpoint}|${this.language}|catalog`, tabs: `${endpoint}|${citizen}|${this.language}` };
  }

  async #start(): Promise<void> {
    const running = (this.#running = new AbortController());
    const citizen = await citizenKey(await this.client.token());
    if (running.signal.aborted) return;
    this.#citizen = citizen;
    const keys = this.#keys(citizen);
    // Under cookie sign-in the citizen is known only once the server answers, and the next person
    // at this browser may be someone else: nothing of theirs is kept across page loads, and what
    // an older version kept is deleted. The store's own snapshot serves this page view.
    this.#personal = citizen === COOKIE_CITIZEN ? undefined : this.#cache;
    if (citizen === COOKIE_CITIZEN) void this.#cache.clear(`${this.client.endpoint}|${citizen}|`);
    this.#tabs = linkTabs(keys.tabs, (message) => this.#fromTab(message));
    if (!this.#snapshot.achievements) await this.#paintFromCache(keys);
    if (running.signal.aborted) return;
    addEventListener('online', this.#onOnline);
    addEventListener('offline', this.#onOffline);
    document.addEventListener('visibilitychange', this.#onVisibility);
    await this.refresh();
  }

  #stop(): void {
    this.#running?.abort();
    this.#running = undefined;
    this.#pauseUpdates('off');
    clearTimeout(this.#liveRefresh);
    this.#sections.stop();
    this.#tabs?.close();
    this.#tabs = undefined;
    removeEventListener('online', this.#onOnline);
    removeEventListener('offline', this.#onOffline);
    document.removeEventListener('visibilitychange', this.#onVisibility);
  }

  async #paintFromCache(keys: { me: string; catalog: string }): Promise<void> {
    const [me, catalog] = await Promise.all([this.#personal?.get(keys.me), this.#cache.get(keys.catalog)]);
    const cachedCatalog = catalog && parseCatalog(catalog.value);
    if (catalog && cachedCatalog?.ok) {
      this.#catalogEtag = catalog.etag;
      this.#update({ catalog: cachedCatalog.value });
    }
    const cachedMe = me && parseMyAchievements(me.value);
    // A cache written by another version, or damaged, is simply not used.
    if (!me || !cachedMe?.ok || this.#receivedAt) return;
    this.#etag = me.etag;
    this.#receivedAt = me.storedAt;
    // The ledger is not primed here: what was earned since this copy was kept is not news of this
    // page view. The first state from the network (or a 304 confirming this one) primes it.
    this.#update({ achievements: cachedMe.value, status: 'stale', refreshedAt: me.storedAt });
  }

  async #refresh(): Promise<void> {
    const signal = this.#running?.signal;
    if (!signal || !this.#citizen) return;
    const messages = this.#streamMessages;
    const [me, catalog] = await Promise.all([
      this.client.myAchievements(this.language, this.#etag, signal),
      this.client.catalog(this.language, this.#catalogEtag, signal),
    ]);
    if (signal.aborted) return;
    // Another citizen (a new cookie sign-in, or a provider's token for someone else): a new session
    // under their keys, before their state is shown or cached.
    if (me.kind === 'ok' && this.#userId && me.value.userId !== this.#userId) {
      this.#citizen = await citizenKey(await this.client.token());
      if (signal.aborted) return;
      this.#tabs?.close();
      this.#tabs = linkTabs(this.#keys(this.#citizen).tabs, (message) => this.#fromTab(message));
      this.#newSession();
    }
    const keys = this.#keys(this.#citizen);
    const now = Date.now();
    if (catalog.kind === 'ok') {
      this.#catalogEtag = catalog.etag;
      void this.#cache.put(keys.catalog, { value: catalog.value, etag: catalog.etag, storedAt: now });
      this.#update({ catalog: catalog.value });
    }
    this.#applyMe(me, now, keys.me);
    // A changed state reloaded every section (#adopt); otherwise those never loaded, or failed, try now.
    if (me.kind !== 'ok') this.#sections.loadWanted(true);
    const { status } = this.#snapshot;
    if (status === 'ready' && !document.hidden) this.#resumeUpdates();
    // Nothing else would try again (a page of rings or toasts has no «Повторить»): retried with backoff.
    if ((status === 'offline' || status === 'error') && !document.hidden && !this.#stream && this.#pollTimer === undefined) this.#schedulePoll();
    // A live message came while this was in flight: the answer may predate it.
    if (messages !== this.#streamMessages) this.#refreshSoon();
    // The state without the catalog's titles cannot be shown: that is an error of its own.
    if (this.#snapshot.status === 'ready' && !this.#snapshot.catalog && catalog.kind !== 'ok' && catalog.kind !== 'aborted') {
      this.#update({ status: catalog.kind === 'offline' ? 'offline' : 'error', error: 'reason' in catalog ? catalog.reason : 'the catalog is missing' });
    }
  }

  #applyMe(outcome: Outcome<MyAchievements>, now: number, cacheKey: string): void {
    switch (outcome.kind) {
      case 'ok':
        this.#etag = outcome.etag;
        this.#adopt(outcome.value, now);
        void this.#personal?.put(cacheKey, { value: outcome.value, etag: outcome.etag, storedAt: now });
        this.#tabs?.post({ key: this.#keys(this.#citizen!).tabs, value: outcome.value, etag: outcome.etag, receivedAt: now });
        return;
      case 'not-modified': {
        const { achievements } = this.#snapshot;
        if (!achievements) return; // cannot happen: an ETag is only sent with a state held
        this.#receivedAt = now;
        if (!this.#ledger.primed) this.#ledger.prime(achievements);
        void this.#personal?.put(cacheKey, { value: achievements, etag: this.#etag, storedAt: now });
        this.#update({ status: 'ready', refreshedAt: now, error: undefined });
        return;
      }
      case 'unauthenticated':
        // Whatever was shown belongs to a session that has ended: it is no longer shown.
        this.#etag = undefined;
        this.#pauseUpdates('off');
        this.#update({ status: 'unauthenticated', achievements: undefined, refreshedAt: undefined, error: outcome.reason, sections: {}, leaderboards: {} });
        return;
      case 'offline':
        this.#update({ status: 'offline', error: outcome.reason });
        return;
      case 'error':
        this.#update({ status: 'error', error: outcome.reason });
        return;
      case 'aborted':
        return;
    }
  }

  /** A state from the network (here or another tab): shown, and its new unlocks announced. */
  #adopt(state: MyAchievements, receivedAt: number): void {
    this.#receivedAt = receivedAt;
    this.#userId = state.userId;
    // While gamification is off nothing is news, nor is what was earned meanwhile once it is back on.
    const quiet = this.#quiet || state.gamification === false;
    this.#quiet = state.gamification === false;
    const fresh = this.#ledger.primed && !quiet ? this.#ledger.fresh(state) : (this.#ledger.prime(state), []);
    this.#update({ achievements: state, status: 'ready', refreshedAt: receivedAt, error: undefined });
    for (const unlock of fresh) this.#announce(unlock);
    this.#sections.loadWanted();
  }

  #fromTab(message: TabMessage): void {
    if (!this.#running || message.receivedAt <= this.#receivedAt || this.#snapshot.status === 'unauthenticated') return;
    const parsed = parseMyAchievements(message.value);
    // Another citizen's tab (a sign-in there): this page learns of it from its own refresh.
    if (!parsed.ok || (this.#userId && parsed.value.userId !== this.#userId)) return;
    this.#etag = message.etag;
    this.#adopt(parsed.value, message.receivedAt);
    if (this.#citizen) void this.#personal?.put(this.#keys(this.#citizen).me, { value: parsed.value, etag: message.etag, storedAt: message.receivedAt });
  }

  #announce(unlock: Unlock): void {
    for (const listener of this.#unlockListeners) call(listener, unlock);
  }

  #update(patch: Partial<StoreSnapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...patch };
    for (const listener of this.#listeners) call(listener, this.#snapshot);
  }

  // ── keeping current ─────────────────────────────────────────────────────────────────────────

  #resumeUpdates(retryStream?: boolean): void {
    if (!this.#live || !this.#running || this.#snapshot.status === 'unauthenticated') return;
    if (retryStream && this.#polling === 'for now') this.#polling = false;
    if (this.#polling) {
      if (this.#pollTimer === undefined) this.#schedulePoll();
      return;
    }
    if (this.#stream) return;
    this.#stream = openLiveStream({
      url: this.client.streamUrl,
      credentials: this.client.credentials,
      headers: () => this.client.authHeaders(),
      lastEventId: this.#lastEventId,
      onMessage: (event, data) => this.#fromStream(event, data),
      onOpen: () => this.#update({ updates: 'stream' }),
      onUnavailable: (_reason, refused) => {
        this.#stream = undefined;
        this.#polling = refused || 'for now';
        this.#schedulePoll();
      },
      onUnauthorized: async () => {
        if (await this.client.renewToken()) return true;
        // This stream ends (its position kept): the refresh says unauthenticated, or reopens it.
        this.#pauseUpdates('off');
        void this.refresh();
        return false;
      },
    });
  }

  #pauseUpdates(updates: 'paused' | 'off'): void {
    if (this.#stream) {
      this.#lastEventId = this.#stream.lastEventId ?? this.#lastEventId;
      this.#stream.close();
      this.#stream = undefined;
    }
    clearTimeout(this.#pollTimer);
    this.#pollTimer = undefined;
    if (this.#snapshot.updates !== updates) this.#update({ updates });
  }

  #schedulePoll(): void {
    clearTimeout(this.#pollTimer);
    const delay = this.#pollFailures ? backoffDelay(this.#pollFailures, { base: this.#pollMs, cap: POLL_SLOWDOWN * this.#pollMs }) : this.#pollMs;
    if (this.#snapshot.updates !== 'polling') this.#update({ updates: 'polling' });
    this.#pollTimer = setTimeout(async () => {
      this.#pollTimer = undefined;
      await this.refresh();
      const { status } = this.#snapshot;
      if (status === 'unauthenticated' || !this.#running) return;
      this.#pollFailures = status === 'ready' ? 0 : this.#pollFailures + 1;
      // Hidden while this poll was in flight: #onVisibility resumes polling when the page is back.
      // A retry of a failed load (#refresh) ends once ready: the stream takes over.
      if (document.hidden || (!this.#polling && status === 'ready')) return;
      this.#schedulePoll();
    }, delay);
  }

  #fromStream(event: LiveEvent, data: unknown): void {
    if (event === 'campaign') return this.#sections.reloadCampaigns();
    this.#streamMessages += 1;
    if (event === 'unlock') {
      const unlock = parseUnlock(data);
      if (unlock.ok && this.#ledger.take(unlock.value)) this.#announce(unlock.value);
      // Points, level and tiers moved: fetch the whole state (the ETag makes it cheap).
      this.#refreshSoon();
      return;
    }
    const progress: Parsed<ProgressMessage> = parseProgressMessage(data);
    const { achievements } = this.#snapshot;
    if (!progress.ok || !achievements) return;
    const moved = new Map(progress.value.achievements.map((a) => [a.id, a]));
    // A secret's title and description come only with the whole state: keep what is held.
    const merged = achievements.achievements.map((a) => (moved.has(a.id) ? { ...a, ...moved.get(a.id)!, ...(a.title ? { title: a.title, description: a.description } : {}) } : a));
    this.#update({ achievements: { ...achievements, points: progress.value.points, achievements: merged } });
    if (progress.value.level.id !== achievements.level.id) this.#refreshSoon();
    this.#sections.reloadAfterProgress();
  }

  #refreshSoon(): void {
    clearTimeout(this.#liveRefresh);
    this.#liveRefresh = setTimeout(() => void this.refresh(), REFRESH_AFTER_LIVE_MS);
  }

  readonly #onVisibility = () => {
    if (document.hidden) return this.#pauseUpdates('paused');
    void this.refresh();
    this.#resumeUpdates(true);
  };

  readonly #onOnline = () => {
    this.#pollFailures = 0;
    void this.refresh();
    if (!document.hidden) this.#resumeUpdates(true);
  };

  readonly #onOffline = () => {
    if (this.#snapshot.status !== 'unauthenticated') this.#update({ status: 'offline', error: 'the browser is offline' });
  };
}
