/**
 * Evaluation: a citizen's events folded in (occurredAt, id) order into a small state.
 *
 * `evaluateEvent` applies one event when it comes after everything applied so far; an event that
 * would have to go earlier is answered `late`, and the caller replays the citizen's log with it
 * (`replayEvents`), which gives exactly the state an in-order arrival would have. Earned is
 * forever: a replay keeps the unlocks it is given (the citizen's earlier ones), at the earlier time.
 */
import type { Catalog, CompiledAchievement } from './catalog.ts';
import type { Slots } from './layout.ts';
import { ACTION_POINTS, VERIFIED, WATERMARK } from './layout.ts';
import { formatTime, parseTime } from './time.ts';
import type { AchievementEvent, Changes, EvaluateResult, Unlock, UserState } from './types.ts';
import { ValidationError } from './validate.ts';

export function createUserState(catalog: Catalog): UserState {
  const n = new Float64Array(catalog.slots);
  n[WATERMARK] = -Infinity;
  n[VERIFIED] = NaN;
  for (const rule of catalog.pointRules) n[rule.at] = NaN;
  for (const achievement of catalog.achievements) {
    n.fill(NaN, achievement.unlockAt, achievement.unlockAt + achievement.targets.length);
    achievement.node.init(n);
  }
  return { layout: catalog.layoutId, n, w: '' };
}

/** Most events unlock nothing: the lists start as this shared empty one and are made on first use. */
const NONE: readonly never[] = Object.freeze([]);
const noChanges = (): Changes => ({ unlocked: NONE, progressed: NONE, points: 0 });

function timeOf(event: AchievementEvent): number {
  const t = parseTime(event.occurredAt);
  if (Number.isNaN(t)) throw new ValidationError([{ path: 'occurredAt', message: 'expected an RFC 3339 date-time with an offset' }]);
  return t;
}

/** How many tiers of an achievement are reached (unlock times are filled in order). */
function reached(n: Slots, achievement: CompiledAchievement): number {
  let tiers = 0;
  while (tiers < achievement.targets.length && !Number.isNaN(n[achievement.unlockAt + tiers])) tiers++;
  return tiers;
}

function progressed(changes: Changes, id: string): void {
  if (changes.progressed === NONE) changes.progressed = [id];
  else if (!changes.progressed.includes(id)) (changes.progressed as string[]).push(id);
}

function grant(catalog: Catalog, n: Slots, achievement: CompiledAchievement, tier: number, at: number, changes: Changes): void {
  n[achievement.unlockAt + tier] = at;
  const id = achievement.definition.id;
  const points = achievement.tierPoints[tier]!;
  const unlock: Unlock = { achievementId: id, unlockedAt: formatTime(at), points };
  if (achievement.tiered) unlock.tier = tier + 1;
  changes.unlocked = changes.unlocked === NONE ? [unlock] : [...changes.unlocked, unlock];
  changes.points += points;
  progressed(changes, id);
  if (tier > 0) return;
  for (const dependent of catalog.dependents.get(id) ?? []) {
    const moved = dependent.node.onUnlock(n, id, at);
    if (moved !== undefined) settle(catalog, n, dependent, moved, changes);
  }
}

/** After progress moved at `at`: record it and unlock every tier the peak now reaches. */
function settle(catalog: Catalog, n: Slots, achievement: CompiledAchievement, at: number, changes: Changes): void {
  progressed(changes, achievement.definition.id);
  const peak = achievement.node.peak(n);
  for (let tier = reached(n, achievement); tier < achievement.targets.length && peak >= achievement.targets[tier]!; tier++) {
    grant(catalog, n, achievement, tier, at, changes);
  }
}

function closeWindows(catalog: Catalog, n: Slots, t: number, changes: Changes): void {
  for (const achievement of catalog.closers) {
    const moved = achievement.node.advance(n, t);
    if (moved !== undefined) settle(catalog, n, achievement, moved, changes);
  }
}

/** Folds one event that comes after the watermark. */
function step(catalog: Catalog, state: UserState, event: AchievementEvent, t: number, changes: Changes): void {
  const n = state.n;
  n[WATERMARK] = t;
  state.w = event.id;
  if (catalog.verificationType !== undefined && Number.isNaN(n[VERIFIED])) {
    if (event.type !== catalog.verificationType) {
      // Nothing counts before verification but its own steps, which are earned at it.
      for (const achievement of catalog.byType.get(event.type) ?? []) {
        if (catalog.verificationSteps.has(achievement) && achievement.node.apply(n, event, t) !== undefined) progressed(changes, achievement.definition.id);
      }
      return;
    }
    n[VERIFIED] = t;
    for (const achievement of catalog.verificationSteps) if (achievement.node.peak(n) > 0) settle(catalog, n, achievement, t, changes);
  }
  closeWindows(catalog, n, t, changes);
  const routed = catalog.byType.get(event.type);
  if (routed) {
    for (const achievement of routed) {
      const moved = achievement.node.apply(n, event, t);
      if (moved !== undefined) settle(catalog, n, achievement, moved, changes);
    }
  }
  const rules = catalog.pointRulesByType.get(event.type);
  if (!rules) return;
  for (const rule of rules) {
    if (!rule.filter.matches(event)) continue;
    if (rule.cap) {
      const key = catalog.calendar.key(rule.cap.per, t);
      if (n[rule.at] !== key) {
        n[rule.at] = key;
        n[rule.at + 1] = 0;
      }
      if (n[rule.at + 1]! >= rule.cap.count) continue;
      n[rule.at + 1]! += 1;
    }
    n[ACTION_POINTS]! += rule.points;
    changes.points += rule.points;
  }
}

/**
 * Applies one validated event to a citizen's state, in place. `late`: the event belongs before
 * the last one applied, so the state is left as it was and the log must be replayed with it.
 * `duplicate`: it is the last event applied, delivered again. (Older redeliveries come back as
 * `late` and the replay, keyed by event id, counts them once.) `outdated`: the state was built
 * for another catalog; replay the log.
 */
export function evaluateEvent(catalog: Catalog, state: UserState, event: AchievementEvent): EvaluateResult {
  if (state.layout !== catalog.layoutId) return { status: 'outdated' };
  const t = timeOf(event);
  const last = state.n[WATERMARK]!;
  if (t < last || (t === last && event.id <= state.w)) {
    return { status: t === last && event.id === state.w ? 'duplicate' : 'late' };
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
  const n = state.n;
  if (now <= n[WATERMARK]!) return;
  n[WATERMARK] = now;
  state.w = '';
  if (catalog.verificationType === undefined || !Number.isNaN(n[VERIFIED])) closeWindows(catalog, n, now, changes);
}

/** When the earliest open window closes (ms), or undefined: the time to `advanceTime` past. */
export function nextWindowClose(catalog: Catalog, state: UserState): number | undefined {
  let earliest = Infinity;
  for (const achievement of catalog.closers) {
    const at = achievement.node.closesAt(state.n);
    if (at < earliest) earliest = at;
  }
  return earliest === Infinity ? undefined : earliest;
}

/** Every tier a citizen has reached, in the order reached. */
export function unlocksOf(catalog: Catalog, state: UserState): Unlock[] {
  return catalog.achievements
    .flatMap((achievement) =>
      Array.from({ length: reached(state.n, achievement) }, (_, tier) => ({
        achievementId: achievement.definition.id,
        ...(achievement.tiered ? { tier: tier + 1 } : {}),
        unlockedAt: formatTime(state.n[achievement.unlockAt + tier]!),
        points: achievement.tierPoints[tier]!,
      })),
    )
    .sort((a, b) => (a.unlockedAt < b.unlockedAt ? -1 : a.unlockedAt > b.unlockedAt ? 1 : (a.tier ?? 1) - (b.tier ?? 1)));
}

export function totalPoints(catalog: Catalog, state: UserState): number {
  let total = state.n[ACTION_POINTS]!;
  for (const achievement of catalog.achievements) {
    const tiers = reached(state.n, achievement);
    for (let tier = 0; tier < tiers; tier++) total += achievement.tierPoints[tier]!;
  }
  return total;
}

export interface ReplayOptions {
  /** The state before the replay (same catalog): its unlocks are kept and points are counted from it. */
  previous?: UserState;
  /** Unlocks to keep, as stored (for example when the catalog changed and `previous` cannot be read). */
  keep?: readonly Pick<Unlock, 'achievementId' | 'tier' | 'unlockedAt'>[];
  /** Close windows up to this instant after the last event (see advanceTime). */
  until?: number;
}

/**
 * Rebuilds a citizen's state from their whole log, in any order, each event id once. `changes`
 * lists the unlocks that were not kept from before and the points gained over `previous`.
 */
export function replayEvents(catalog: Catalog, events: Iterable<AchievementEvent>, options: ReplayOptions = {}): { state: UserState; changes: Changes } {
  const unique = new Map<string, { event: AchievementEvent; t: number }>();
  for (const event of events) if (!unique.has(event.id)) unique.set(event.id, { event, t: timeOf(event) });
  const ordered = [...unique.values()].sort((a, b) => a.t - b.t || (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0));

  const previous = options.previous && options.previous.layout === catalog.layoutId ? options.previous : undefined;
  const kept = [...(previous ? unlocksOf(catalog, previous) : []), ...(options.keep ?? [])]
    .filter((unlock) => catalog.byId.has(unlock.achievementId))
    .map((unlock) => ({ achievement: catalog.byId.get(unlock.achievementId)!, tier: (unlock.tier ?? 1) - 1, at: parseTime(unlock.unlockedAt) }))
    .sort((a, b) => a.at - b.at || a.tier - b.tier);

  const state = createUserState(catalog);
  const changes = noChanges();
  let next = 0;
  const grantUpTo = (t: number) => {
    for (; next < kept.length && kept[next]!.at <= t; next++) {
      const { achievement, tier, at } = kept[next]!;
      if (reached(state.n, achievement) === tier) grant(catalog, state.n, achievement, tier, at, changes);
    }
  };
  for (const { event, t } of ordered) {
    grantUpTo(t);
    step(catalog, state, event, t, changes);
  }
  grantUpTo(Infinity);
  if (options.until !== undefined) advance(catalog, state, options.until, changes);

  const wasKept = new Set(kept.map((k) => `${k.achievement.definition.id}#${k.tier}`));
  changes.unlocked = changes.unlocked.filter((u) => !wasKept.has(`${u.achievementId}#${(u.tier ?? 1) - 1}`));
  changes.points = totalPoints(catalog, state) - (previous ? totalPoints(catalog, previous) : 0);
  return { state, changes };
}

/** The state as bytes to store: the layout id, the last event id, then the slots. */
export function encodeState(state: UserState): Uint8Array {
  // Both ids are printable ASCII (event ids are validated so), and so is their JSON.
  const head = Uint8Array.from(JSON.stringify([state.layout, state.w]), (char) => char.charCodeAt(0));
  const padded = Math.ceil((4 + head.length) / 8) * 8; // slots start 8-byte aligned
  const bytes = new Uint8Array(padded + state.n.byteLength);
  new DataView(bytes.buffer).setUint32(0, head.length);
  bytes.set(head, 4);
  bytes.set(new Uint8Array(state.n.buffer, state.n.byteOffset, state.n.byteLength), padded);
  return bytes;
}

/** A stored state, or undefined when it was built for another catalog (replay the log then). */
export function decodeState(catalog: Catalog, bytes: Uint8Array): UserState | undefined {
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0);
  const [layout, w] = JSON.parse(String.fromCharCode(...bytes.subarray(4, 4 + length))) as [string, string];
  const padded = Math.ceil((4 + length) / 8) * 8;
  if (layout !== catalog.layoutId || bytes.byteLength - padded !== catalog.slots * 8) return undefined;
  // Copy the slots out: `bytes` may be a view into a larger buffer (Node's Buffer pool, a page).
  const n = new Float64Array(catalog.slots);
  new Uint8Array(n.buffer).set(bytes.subarray(padded, padded + catalog.slots * 8));
  return { layout, w, n };
}
