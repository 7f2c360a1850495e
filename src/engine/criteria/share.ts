/**
 * share: within each calendar window, at least `minCount` qualifying operations making up at least
 * `atLeast` of all operations (every operation of a month in the mobile app; a month online without
 * an office visit). A window is judged when it closes, so its unlock time is the window's end.
 */
import type { CompiledFilter } from '../filter.ts';
import type { Calendar } from '../time.ts';
import type { AchievementEvent, Period } from '../types.ts';
import type { CriterionNode, Progress } from './node.ts';
import { passive } from './node.ts';

/**
 * k: open window key; e: its end (ms); n: operations in it; m: qualifying ones; b: 1 once a window
 * qualified. Null, not deleted, when no window is open: a stable shape keeps the hot path fast.
 */
export interface ShareState {
  k: number | null;
  e: number | null;
  n: number;
  m: number;
  b: number;
}

export class ShareNode implements CriterionNode<ShareState> {
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

  constructor(of: CompiledFilter, where: CompiledFilter, ratio: number, minCount: number, period: Period, calendar: Calendar) {
    this.types = [...new Set([...of.types, ...where.types])];
    this.#of = of;
    this.#where = where;
    this.#ratio = ratio;
    this.#minCount = minCount;
    this.#period = period;
    this.#calendar = calendar;
  }

  init(): ShareState {
    return { k: null, e: null, n: 0, m: 0, b: 0 };
  }

  #qualifies(s: ShareState): boolean {
    return s.m >= this.#minCount && s.m >= this.#ratio * s.n;
  }

  advance(s: ShareState, t: number): number | undefined {
    if (s.e === null || t < s.e) return undefined;
    const end = s.e;
    const rose = s.b === 0 && this.#qualifies(s);
    s.k = null;
    s.e = null;
    s.n = 0;
    s.m = 0;
    if (rose) s.b = 1;
    return end;
  }

  /** The engine calls `advance(t)` first, so the open window is the one containing t. */
  apply(s: ShareState, event: AchievementEvent, t: number): number | undefined {
    const qualifying = this.#where.matches(event);
    if (!qualifying && !this.#of.matches(event)) return undefined;
    if (s.k === null) {
      s.k = this.#calendar.key(this.#period, t);
      s.e = this.#calendar.end(this.#period, s.k);
    }
    s.n += 1;
    if (qualifying) s.m += 1;
    return t;
  }

  peak(s: ShareState): number {
    return s.b;
  }

  progress(s: ShareState, now: number): Progress {
    const nowKey = this.#calendar.key(this.#period, now);
    const open = s.k === nowKey;
    const progress: Progress = {
      current: open ? Math.min(s.m, this.#minCount) : 0,
      target: this.#minCount,
      windowEnd: this.#calendar.end(this.#period, nowKey),
    };
    if (open && s.m < this.#ratio * s.n) progress.spoiled = true;
    return progress;
  }
}
