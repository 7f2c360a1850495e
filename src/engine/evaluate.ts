/**
 * Evaluation: a citizen's events folded in (occurredAt, id) order into a small state.
 *
 * `evaluateEvent` applies one event when it comes after everything applied so far; an event that
 * would have to go earlier is answered `late`, and the caller replays the citizen's log with it
 * (`replayEvents`), which gives exactly the state an in-order arrival would have. Earned is
 * forever: a replay keeps every unlock the state already had (its grants), at the earlier time.
 */
import type { Catalog, CompiledAchievement } from './catalog.ts';
import { formatTime, parseTime } from './time.ts';
import type { AchievementEvent, AchievementState, Changes, EvaluateResult, UserState } from './types.ts';
import { ValidationError } from './validate.ts';

export function createUserState(): UserState {
  return { ap: 0, r: {}, a: {} };
}

const noChanges = (): Changes => ({ unlocked: [], progressed: [], points: 0 });

function timeOf(event: AchievementEvent): number {
  const t = parseTime(event.occurredAt);
  if (Number.isNaN(t)) throw new ValidationError([{ path: 'occurredAt', message: 'expected an RFC 3339 date-time with an offset' }]);
  return t;
}

function slot(state: UserState, achievement: CompiledAchievement): AchievementState {
  const id = achievement.definition.id;
  return (state.a[id] ??= { s: achievement.node.init() });
}

function progressed(changes: Changes, id: string): void {
  if (!changes.progressed.includes(id)) changes.progressed.push(id);
}

function grant(catalog: Catalog, state: UserState, achievement: CompiledAchievement, entry: AchievementState, at: number, changes: Changes): void {
  const tier = entry.u?.length ?? 0;
  (entry.u ??= []).push(at);
  const id = achievement.definition.id;
  const points = achievement.tierPoints[tier]!;
  changes.unlocked.push({ achievementId: id, ...(achievement.tiered ? { tier: tier + 1 } : {}), unlockedAt: formatTime(at), points });
  changes.points += points;
  progressed(changes, id);
  if (tier > 0) return;
  for (const dependent of catalog.dependents.get(id) ?? []) {
    const depEntry = slot(state, dependent);
    const moved = dependent.node.onUnlock(depEntry.s, id, at);
    if (moved !== undefined) settle(catalog, state, dependent, depEntry, moved, changes);
  }
}

/** After progress moved at `at`: record it and unlock every tier the peak now reaches. */
function settle(catalog: Catalog, state: UserState, achievement: CompiledAchievement, entry: AchievementState, at: number, changes: Changes): void {
  progressed(changes, achievement.definition.id);
  const peak = achievement.node.peak(entry.s);
  while ((entry.u?.length ?? 0) < achievement.targets.length && peak >= achievement.targets[entry.u?.length ?? 0]!) {
    grant(catalog, state, achievement, entry, at, changes);
  }
}

function closeWindows(catalog: Catalog, state: UserState, t: number, changes: Changes): void {
  for (const achievement of catalog.closers) {
    const entry = state.a[achievement.definition.id];
    if (!entry?.s) continue;
    const moved = achievement.node.advance(entry.s, t);
    if (moved !== undefined) settle(catalog, state, achievement, entry, moved, changes);
  }
}

/** Folds one event that comes after the watermark. */
function step(catalog: Catalog, state: UserState, event: AchievementEvent, t: number, changes: Changes): void {
  if (state.w) {
    state.w[0] = t;
    state.w[1] = event.id;
  } else state.w = [t, event.id];
  if (catalog.verificationType !== undefined && state.g === undefined) {
    if (event.type !== catalog.verificationType) return; // nothing counts before verification
    state.g = t;
  }
  closeWindows(catalog, state, t, changes);
  for (const achievement of catalog.byType.get(event.type) ?? []) {
    const entry = slot(state, achievement);
    const moved = achievement.node.apply(entry.s, event, t);
    if (moved !== undefined) settle(catalog, state, achievement, entry, moved, changes);
  }
  for (const rule of catalog.pointRulesByType.get(event.type) ?? []) {
    if (!rule.filter.matches(event)) continue;
    if (rule.cap) {
      const key = catalog.calendar.key(rule.cap.per, t);
      const window = (state.r[rule.id] ??= [key, 0]);
      if (window[0] !== key) {
        window[0] = key;
        window[1] = 0;
      }
      if (window[1] >= rule.cap.count) continue;
      window[1] += 1;
    }
    state.ap += rule.points;
    changes.points += rule.points;
  }
}

/**
 * Applies one validated event to a citizen's state, in place. `late`: the event belongs before
 * the last one applied, so the state is left as it was and the log must be replayed with it.
 * `duplicate`: it is the last event applied, delivered again. (Older redeliveries come back as
 * `late` and the replay, keyed by event id, counts them once.)
 */
export function evaluateEvent(catalog: Catalog, state: UserState, event: AchievementEvent): EvaluateResult {
  const t = timeOf(event);
  const w = state.w;
  if (w && (t < w[0] || (t === w[0] && event.id <= w[1]))) {
    return { status: t === w[0] && event.id === w[1] ? 'duplicate' : 'late' };
  }
  const changes = noChanges();
  step(catalog, state, event, t, changes);
  return { status: 'applied', changes };
}

/**
 * Moves the state's clock to `now` without an event: windows that ended are judged (a month
 * without office visits unlocks at the month's end). Events before `now` become late, so call it
 * with a time no event is still expected before (for example now minus the delivery delay).
 */
export function advanceTime(catalog: Catalog, state: UserState, now: number): Changes {
  const changes = noChanges();
  advance(catalog, state, now, changes);
  return changes;
}

function advance(catalog: Catalog, state: UserState, now: number, changes: Changes): void {
  if (state.w && now <= state.w[0]) return;
  state.w = [now, ''];
  if (catalog.verificationType === undefined || state.g !== undefined) closeWindows(catalog, state, now, changes);
}

interface Grant {
  id: string;
  tier: number;
  at: number;
}

function grantsOf(state: UserState | undefined): Grant[] {
  if (!state) return [];
  return Object.entries(state.a)
    .flatMap(([id, entry]) => (entry.u ?? []).map((at, tier) => ({ id, tier, at })))
    .sort((a, b) => a.at - b.at || a.tier - b.tier);
}

export function totalPoints(catalog: Catalog, state: UserState): number {
  let total = state.ap;
  for (const [id, entry] of Object.entries(state.a)) {
    const tiers = catalog.byId.get(id)?.tierPoints;
    if (tiers && entry.u) for (let i = 0; i < entry.u.length; i++) total += tiers[i] ?? 0;
  }
  return total;
}

export interface ReplayOptions {
  /** The state before the replay: its unlocks are kept (earned is forever). */
  previous?: UserState;
  /** Close windows up to this instant after the last event (see advanceTime). */
  until?: number;
}

/**
 * Rebuilds a citizen's state from their whole log, in any order, each event id once. `changes`
 * lists unlocks the previous state did not have and the points gained over it.
 */
export function replayEvents(catalog: Catalog, events: Iterable<AchievementEvent>, options: ReplayOptions = {}): { state: UserState; changes: Changes } {
  const unique = new Map<string, { event: AchievementEvent; t: number }>();
  for (const event of events) if (!unique.has(event.id)) unique.set(event.id, { event, t: timeOf(event) });
  const ordered = [...unique.values()].sort((a, b) => a.t - b.t || (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0));

  const grants = grantsOf(options.previous).filter((g) => catalog.byId.has(g.id));
  const state = createUserState();
  const changes = noChanges();
  let next = 0;
  const grantUpTo = (t: number) => {
    for (; next < grants.length && grants[next]!.at <= t; next++) {
      const { id, tier, at } = grants[next]!;
      const achievement = catalog.byId.get(id)!;
      const entry = slot(state, achievement);
      if ((entry.u?.length ?? 0) === tier) grant(catalog, state, achievement, entry, at, changes);
    }
  };
  for (const { event, t } of ordered) {
    grantUpTo(t);
    step(catalog, state, event, t, changes);
  }
  grantUpTo(Infinity);
  if (options.until !== undefined) advance(catalog, state, options.until, changes);

  const granted = new Set(grants.map((g) => `${g.id}#${g.tier}`));
  changes.unlocked = changes.unlocked.filter((u) => !granted.has(`${u.achievementId}#${(u.tier ?? 1) - 1}`));
  changes.points = totalPoints(catalog, state) - (options.previous ? totalPoints(catalog, options.previous) : 0);
  return { state, changes };
}
