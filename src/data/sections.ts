/**
 * Issue 7's parts of what a citizen sees (privileges, redemptions, campaigns, recommendations,
 * feedback) and campaigns' leaderboards, kept in the store's snapshot: each loaded only while an
 * element wants it, reloaded when what it shows may have moved, and its last good value kept
 * (with why) when a load fails.
 */
import type { ApiRequest } from './client.ts';
import type { Campaigns, FeedbackList, Parsed, Recommendations, Redemptions, Rewards } from './contract.ts';
import { parseCampaigns, parseFeedbackList, parseLeaderboard, parseRecommendations, parseRedemptions, parseRewards } from './contract.ts';
import type { StoreInternals } from './store.ts';

/** Issue 7's parts of what a citizen sees, each loaded only while an element that shows it is connected. */
export interface Sections {
  rewards: Rewards;
  redemptions: Redemptions;
  campaigns: Campaigns;
  recommendations: Recommendations;
  feedback: FeedbackList;
}
export type SectionName = keyof Sections;

/** One part: `loading` until its first answer, then `ready`; `error` (with why, the last value kept) when a load failed. */
export interface Section<T> {
  status: 'loading' | 'ready' | 'error';
  value?: T | undefined;
  error?: string | undefined;
}

const SECTIONS: { [K in SectionName]: [path: string, parse: (input: unknown) => Parsed<Sections[K]>] } = {
  rewards: ['/rewards', parseRewards],
  redemptions: ['/me/redemptions', parseRedemptions],
  campaigns: ['/campaigns', parseCampaigns],
  recommendations: ['/me/recommendations', parseRecommendations],
  feedback: ['/me/feedback', parseFeedbackList],
};
/** What a progress message may move: points (and so privileges within reach), scores, what is closest. */
const MOVED_BY_PROGRESS: SectionName[] = ['rewards', 'campaigns', 'recommendations'];
/** A burst of progress messages reloads those once, half a second after the last (as the store refreshes after live news). */
const RELOAD_AFTER_PROGRESS_MS = 500;

/** One store's sections and leaderboards: which are wanted, which are loading. */
export class SectionLoader {
  readonly #store: StoreInternals;
  /** How many connected elements want each section. */
  readonly #wanted = new Map<SectionName, number>();
  /** Loads in flight by key; a key asked for again meanwhile drops that answer and loads once more. */
  readonly #loading = new Map<string, boolean>();
  #afterProgress: ReturnType<typeof setTimeout> | undefined;

  constructor(store: StoreInternals) {
    this.#store = store;
  }

  /** An element wants these sections until it calls the returned release. */
  want(names: readonly SectionName[]): () => void {
    for (const name of names) this.#wanted.set(name, (this.#wanted.get(name) ?? 0) + 1);
    return () => {
      for (const name of names) this.#wanted.set(name, (this.#wanted.get(name) ?? 1) - 1);
    };
  }

  /** Loads the wanted sections among `names` (all of them, or only those not loaded yet). Nothing while signed out or off. */
  load(names: readonly SectionName[], missingOnly = false): void {
    const { status, achievements, sections } = this.#store.snapshot();
    if (!this.#store.signal() || status === 'unauthenticated' || achievements?.gamification === false) return;
    for (const name of names) {
      if (!this.#wanted.get(name) || (missingOnly && (sections[name]?.status === 'ready' || this.#loading.has(name)))) continue;
      const [path, parse] = SECTIONS[name];
      this.#load<Sections[typeof name]>(name, { path, parse }, (section) => this.#store.update({ sections: { ...this.#store.snapshot().sections, [name]: section } }));
    }
  }

  /** Every section an element wants (or only those not loaded yet). */
  loadWanted(missingOnly = false): void {
    this.load([...this.#wanted.keys()], missingOnly);
  }

  /** Loads (or reloads) a campaign's leaderboard into `snapshot.leaderboards`. */
  leaderboard(campaignId: string): void {
    this.#load(`lb:${campaignId}`, { path: `/campaigns/${encodeURIComponent(campaignId)}/leaderboard`, parse: parseLeaderboard }, (section) =>
      this.#store.update({ leaderboards: { ...this.#store.snapshot().leaderboards, [campaignId]: section } }),
    );
  }

  /** A campaign is about to start, started or ended: the list, and the leaderboards open. */
  reloadCampaigns(): void {
    this.load(['campaigns']);
    for (const id of Object.keys(this.#store.snapshot().leaderboards)) this.leaderboard(id);
  }

  /** The citizen progressed (a live message): what that may move, once the burst is over. */
  reloadAfterProgress(): void {
    clearTimeout(this.#afterProgress);
    this.#afterProgress = setTimeout(() => this.load(MOVED_BY_PROGRESS), RELOAD_AFTER_PROGRESS_MS);
  }

  /** The store stopped: its loads in flight are aborted with it, and nothing reloads later. */
  stop(): void {
    clearTimeout(this.#afterProgress);
  }

  #load<T>(key: string, request: Pick<ApiRequest<T>, 'path' | 'parse'>, set: (section: Section<T>) => void): void {
    if (this.#loading.has(key)) return void this.#loading.set(key, true);
    const signal = this.#store.signal();
    if (!signal) return;
    this.#loading.set(key, false);
    const { leaderboards, sections } = this.#store.snapshot();
    const held = (key.startsWith('lb:') ? leaderboards[key.slice(3)] : sections[key as SectionName]) as Section<T> | undefined;
    if (!held) set({ status: 'loading' });
    void this.#store.send(request, signal).then((outcome) => {
      const again = this.#loading.get(key);
      this.#loading.delete(key);
      if (outcome.kind === 'aborted' || signal.aborted) return;
      // Asked again meanwhile (the state changed, or the citizen acted): this answer may be older than that.
      if (again) return this.#load(key, request, set);
      set(outcome.kind === 'ok' ? { status: 'ready', value: outcome.value } : { status: 'error', value: held?.value, error: 'reason' in outcome ? outcome.reason : outcome.kind });
    });
  }
}
