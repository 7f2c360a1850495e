/**
 * streak: consecutive calendar periods with activity (tenure months, daily logins). A period
 * without activity ends the run; so does a breaking event such as account.blocked.
 */
import type { CompiledFilter } from '../filter.ts';
import type { Calendar } from '../time.ts';
import type { AchievementEvent, Period } from '../types.ts';
import type { CriterionNode, Progress } from './node.ts';
import { passive } from './node.ts';

/** p: last active period (null: none since the start or a break); r: current run; b: best run; c: activity count in period p. */
export interface StreakState {
  p: number | null;
  r: number;
  b: number;
  c: number;
}

export class StreakNode implements CriterionNode<StreakState> {
  readonly dependsOn = passive.dependsOn;
  readonly closesWindows = false;
  readonly advance = passive.advance;
  readonly onUnlock = passive.onUnlock;
  readonly types: readonly string[];
  readonly goal: number;
  readonly #activity: CompiledFilter;
  readonly #breaks: CompiledFilter | undefined;
  readonly #period: Period;
  readonly #calendar: Calendar;

  constructor(activity: CompiledFilter, period: Period, goal: number, breaks: CompiledFilter | undefined, calendar: Calendar) {
    this.types = [...new Set([...activity.types, ...(breaks?.types ?? [])])];
    this.goal = goal;
    this.#activity = activity;
    this.#breaks = breaks;
    this.#period = period;
    this.#calendar = calendar;
  }

  init(): StreakState {
    return { p: null, r: 0, b: 0, c: 0 };
  }

  apply(s: StreakState, event: AchievementEvent, t: number): number | undefined {
    if (this.#breaks?.matches(event)) {
      if (s.r === 0 && s.p === null) return undefined;
      s.r = 0;
      s.c = 0;
      s.p = null;
      return t;
    }
    if (!this.#activity.matches(event)) return undefined;
    const key = this.#calendar.key(this.#period, t);
    if (s.p === key) {
      s.c += 1;
      return t;
    }
    s.r = s.p === key - 1 ? s.r + 1 : 1;
    s.p = key;
    s.c = 1;
    if (s.r > s.b) s.b = s.r;
    return t;
  }

  peak(s: StreakState): number {
    return s.b;
  }

  progress(s: StreakState, now: number, target: number): Progress {
    const calendar = this.#calendar;
    const period = this.#period;
    const nowKey = calendar.key(period, now);
    const alive = s.p !== null && s.p >= nowKey - 1;
    const length = alive ? s.r : 0;
    const activeThisPeriod = alive && s.p === nowKey;
    const streak: Progress['streak'] = {
      period,
      length,
      activeThisPeriod,
      thisPeriodCount: activeThisPeriod ? s.c : 0,
    };
    if (length < target) {
      // The mark is reached by activity in the period `target - length` periods after the last active one.
      const markKey = alive && s.p !== null ? s.p + (target - length) : nowKey + target - 1;
      streak.nextMarkAt = calendar.start(period, markKey);
    }
    return { current: Math.min(length, target), target, streak };
  }
}
