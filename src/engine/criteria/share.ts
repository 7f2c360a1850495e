/**
 * share: within each calendar window, at least `minCount` qualifying operations making up at least
 * `atLeast` of all operations (every operation of a month in the mobile app; a month online without
 * an office visit). A window is judged when it closes, so its unlock time is the window's end.
 */
import type { CompiledFilter } from '../filter.ts';
import type { Layout, Slots } from '../layout.ts';
import type { Calendar } from '../time.ts';
import type { AchievementEvent, Period } from '../types.ts';
import type { CriterionNode, Progress } from './node.ts';
import { passive } from './node.ts';

// Slots: the open window's key and end (NaN: none open), its operations, the qualifying ones, 1 once a window qualified.
const KEY = 0;
const END = 1;
const ALL = 2;
const QUALIFYING = 3;
const DONE = 4;

export class ShareNode implements CriterionNode {
  readonly dependsOn = passive.dependsOn;
  readonly onUnlock = passive.onUnlock;
  readonly closesWindows = true;
  readonly goal = 1;
  readonly types: readonly string[];
  readonly #of: CompiledFilter;
  readonly #where: CompiledFilter;
  readonly #ratio: number;
  readonly #minCount: number;
  readonly #period: Period;
  readonly #calendar: Calendar;
  readonly #at: number;

  constructor(of: CompiledFilter, where: CompiledFilter, ratio: number, minCount: number, period: Period, calendar: Calendar, layout: Layout) {
    this.types = [...new Set([...of.types, ...where.types])];
    this.#of = of;
    this.#where = where;
    this.#ratio = ratio;
    this.#minCount = minCount;
    this.#period = period;
    this.#calendar = calendar;
    this.#at = layout.take(5);
  }

  init(n: Slots): void {
    const at = this.#at;
    n[at + KEY] = NaN;
    n[at + END] = NaN;
    n[at + ALL] = 0;
    n[at + QUALIFYING] = 0;
    n[at + DONE] = 0;
  }

  closesAt(n: Slots): number {
    return n[this.#at + END]!;
  }

  advance(n: Slots, t: number): number | undefined {
    const at = this.#at;
    const end = n[at + END]!;
    if (!(t >= end)) return undefined; // also when no window is open (NaN)
    const qualifying = n[at + QUALIFYING]!;
    const rose = n[at + DONE] === 0 && qualifying >= this.#minCount && qualifying >= this.#ratio * n[at + ALL]!;
    n[at + KEY] = NaN;
    n[at + END] = NaN;
    n[at + ALL] = 0;
    n[at + QUALIFYING] = 0;
    if (rose) n[at + DONE] = 1;
    return end;
  }

  apply(n: Slots, event: AchievementEvent, t: number): number | undefined {
    const at = this.#at;
    // Earned: no more windows, so nothing progresses and the sweep has no month's end to wake for.
    if (n[at + DONE] === 1) return undefined;
    const qualifying = this.#where.matches(event);
    if (!qualifying && !this.#of.matches(event)) return undefined;
    if (Number.isNaN(n[at + KEY])) {
      const key = this.#calendar.key(this.#period, t);
      n[at + KEY] = key;
      n[at + END] = this.#calendar.end(this.#period, key);
    }
    n[at + ALL]! += 1;
    if (qualifying) n[at + QUALIFYING]! += 1;
    return t;
  }

  peak(n: Slots): number {
    return n[this.#at + DONE]!;
  }

  progress(n: Slots, now: number): Progress {
    const at = this.#at;
    const nowKey = this.#calendar.key(this.#period, now);
    const open = n[at + KEY] === nowKey;
    const qualifying = open ? n[at + QUALIFYING]! : 0;
    const progress: Progress = {
      current: Math.min(qualifying, this.#minCount),
      target: this.#minCount,
      windowEnd: this.#calendar.end(this.#period, nowKey),
    };
    // Ruled out only when every operation must qualify: below that, more qualifying ones raise the share.
    if (open && this.#ratio >= 1 && qualifying < n[at + ALL]!) progress.spoiled = true;
    return progress;
  }
}
