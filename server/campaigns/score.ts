/**
 * A citizen's score in a campaign, from what the server stores (the event log and the unlocks), so
 * that a late event inside the window counts and a replay gives the same answer:
 * - `points`: points of the unlocks (and tiers) whose time falls in [start, end), plus the points of
 *   per-action rules for events in [start, end). Action points come from the engine itself: the
 *   events that can score are folded by `evaluateEvent` from the verification event on, starting
 *   where the rules' caps start over (the cap's period that holds the start), so caps and the
 *   verification gate are exactly the engine's.
 * - `count`: events in [start, end) that the campaign's filter matches (the engine's filter), at
 *   or after the citizen's verification event in the engine's (time, id) order.
 * `reachedAt` is when the final score was reached (event time): earlier wins a tie.
 */
import type { AchievementEvent, Catalog } from '../../src/engine/index.ts';
import { createUserState, evaluateEvent, parseTime } from '../../src/engine/index.ts';
import type { Campaign } from './definition.ts';

export interface Score {
  score: number;
  reachedAt: number;
}

export interface StoredUnlock {
  achievementId: string;
  tier: number;
  unlockedAt: number;
}

interface Timed {
  event: AchievementEvent;
  t: number;
}

const byTime = (a: Timed, b: Timed) => a.t - b.t || (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0);

/** Time-ordered events, each id once. */
function ordered(events: Iterable<AchievementEvent>): Timed[] {
  const unique = new Map<string, Timed>();
  for (const event of events) if (!unique.has(event.id)) unique.set(event.id, { event, t: parseTime(event.occurredAt) });
  return [...unique.values()].sort(byTime);
}

/** When the running total of time-ordered items first reaches the final score; the start for 0. */
function scoreOf(items: Array<{ t: number; value: number }>, start: number): Score {
  items.sort((a, b) => a.t - b.t);
  const score = items.reduce((sum, item) => sum + item.value, 0);
  let running = 0;
  for (const item of items) {
    running += item.value;
    if (score > 0 && running >= score) return { score, reachedAt: item.t };
  }
  return { score, reachedAt: start };
}

/** The earliest instant whose events can change action points in [start, end): where each capped rule's period starts over. */
export function pointsFoldStart(catalog: Catalog, start: number): number {
  let from = start;
  for (const rule of catalog.pointRules) {
    if (rule.cap) from = Math.min(from, catalog.calendar.start(rule.cap.per, catalog.calendar.key(rule.cap.per, start)));
  }
  return from;
}

/** The event types that can score in a points campaign (per-action rules). */
export function pointTypes(catalog: Catalog): string[] {
  return [...catalog.pointRulesByType.keys()];
}

/**
 * Points in [start, end). `events`: the citizen's events of the rules' types from `pointsFoldStart`
 * to the end; `verification`: their first verification event (any time), if any. `unlocks`: every
 * stored unlock of theirs (only those in the window count).
 */
export function pointsScore(catalog: Catalog, campaign: Campaign, verification: AchievementEvent | undefined, events: readonly AchievementEvent[], unlocks: readonly StoredUnlock[]): Score {
  const items: Array<{ t: number; value: number }> = [];
  for (const unlock of unlocks) {
    if (unlock.unlockedAt < campaign.start || unlock.unlockedAt >= campaign.end) continue;
    const points = catalog.byId.get(unlock.achievementId)?.tierPoints[unlock.tier - 1] ?? 0;
    if (points > 0) items.push({ t: unlock.unlockedAt, value: points });
  }
  const state = createUserState(catalog);
  for (const { event, t } of ordered(verification ? [verification, ...events] : events)) {
    const result = evaluateEvent(catalog, state, event);
    if (result.status !== 'applied') continue;
    // What the event scored by itself: its points less those of the unlocks it caused (counted above, from storage).
    const action = result.changes.points - result.changes.unlocked.reduce((sum, unlock) => sum + unlock.points, 0);
    if (action > 0 && t >= campaign.start && t < campaign.end) items.push({ t, value: action });
  }
  return scoreOf(items, campaign.start);
}

/**
 * Matching events in [start, end). `events`: the citizen's events of the filter's types in the
 * window; `verification`: their first verification event, or undefined (then nothing counts when
 * the catalog has a verification type).
 */
export function countScore(catalog: Catalog, campaign: Campaign, verification: AchievementEvent | undefined, events: readonly AchievementEvent[]): Score {
  if (catalog.verificationType !== undefined && !verification) return { score: 0, reachedAt: campaign.start };
  const gate = verification ? { event: verification, t: parseTime(verification.occurredAt) } : undefined;
  const items = ordered(events)
    .filter((item) => item.t >= campaign.start && item.t < campaign.end && campaign.filter!.matches(item.event) && (!gate || byTime(item, gate) >= 0))
    .map((item) => ({ t: item.t, value: 1 }));
  return scoreOf(items, campaign.start);
}
