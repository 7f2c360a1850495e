/**
 * Which unlocks to announce, once per page view: an unlock is announced the first time it is seen
 * after the page's first state from the network (never a cached one, which may predate unlocks
 * earned before the page opened), whichever way it arrives (the live stream, a refresh, another
 * tab), and never again after a reconnect replays it or a refresh repeats it.
 */
import type { MyAchievements, Unlock } from './contract.ts';

const keyOf = (achievementId: string, tier: number | undefined) => `${achievementId}#${tier ?? 1}`;

export class UnlockLedger {
  readonly #seen = new Set<string>();
  #primed = false;

  /** The citizen's state when the page view began (from the network): nothing in it is news. */
  prime(state: MyAchievements): void {
    for (const unlock of unlocksIn(state)) this.#seen.add(keyOf(unlock.achievementId, unlock.tier));
    this.#primed = true;
  }

  get primed(): boolean {
    return this.#primed;
  }

  /** The unlocks in a newer state that this page has not announced yet (all marked as announced). */
  fresh(state: MyAchievements): Unlock[] {
    return unlocksIn(state).filter((unlock) => this.take(unlock));
  }

  /** True once for each unlock (and tier): whether to announce it. */
  take(unlock: Unlock): boolean {
    const key = keyOf(unlock.achievementId, unlock.tier);
    if (this.#seen.has(key)) return false;
    this.#seen.add(key);
    // A tier reached means the lower tiers were reached too (a page may first see tier 3).
    for (let tier = (unlock.tier ?? 1) - 1; tier >= 1; tier -= 1) this.#seen.add(keyOf(unlock.achievementId, tier));
    return true;
  }
}

/** Every achievement (at its current tier) a state shows as earned. */
function unlocksIn(state: MyAchievements): Unlock[] {
  return state.achievements.flatMap((a) =>
    a.state === 'unlocked' || (a.tier ?? 0) > 0
      ? [{ achievementId: a.id, ...(a.tier ? { tier: a.tier } : {}), unlockedAt: a.unlockedAt ?? state.updatedAt, points: a.points }]
      : [],
  );
}
