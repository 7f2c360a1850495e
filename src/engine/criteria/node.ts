/** What every criterion node does: fold in-order events into its slots and report progress. */
import type { Slots } from '../layout.ts';
import type { AchievementEvent, Period } from '../types.ts';

export interface Progress {
  current: number;
  target: number;
  /** When the window the progress counts in closes (ms). */
  windowEnd?: number;
  /** Values of a set still missing ("every" criteria). */
  missing?: Array<string | number | boolean>;
  /** The window already has an operation that rules it out (share criteria). */
  spoiled?: boolean;
  streak?: StreakProgress;
  /** Per-condition progress of all-of / any-of. */
  parts?: Progress[];
}

export interface StreakProgress {
  period: Period;
  /** Consecutive periods so far, the current one included when it is active. */
  length: number;
  activeThisPeriod: boolean;
  /** Matching events in the current period. */
  thisPeriodCount: number;
  /** The earliest instant the next mark can be reached (ms). */
  nextMarkAt?: number;
}

/**
 * A criterion compiled for one catalog, owning a fixed range of a citizen's slots. `apply` and
 * `advance` update the slots and return the instant progress moved at (for a closed window, its
 * end), or undefined when nothing changed. Events come in (time, id) order, and `advance(t)` runs
 * before `apply(…, t)`. The achievement is earned while `peak >= goal` (or a tier's target).
 */
export interface CriterionNode {
  /** Event types routed to `apply`. */
  readonly types: readonly string[];
  /** Achievements whose first unlock `onUnlock` counts. */
  readonly dependsOn: readonly string[];
  /** Whether it keeps windows that close with time, so `advance` must see every instant. */
  readonly closesWindows: boolean;
  /** When its open window closes (ms), or NaN when none is open. */
  closesAt(n: Slots): number;
  readonly goal: number;
  init(n: Slots): void;
  apply(n: Slots, event: AchievementEvent, t: number): number | undefined;
  advance(n: Slots, t: number): number | undefined;
  onUnlock(n: Slots, achievementId: string, t: number): number | undefined;
  /** The best measure reached so far; never decreases. */
  peak(n: Slots): number;
  progress(n: Slots, now: number, target: number): Progress;
}

/** Defaults for nodes that neither close windows nor count other achievements. */
export const passive = {
  dependsOn: [] as readonly string[],
  closesWindows: false,
  closesAt: (): number => NaN,
  advance: (): undefined => undefined,
  onUnlock: (): undefined => undefined,
};
