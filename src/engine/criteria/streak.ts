/**
 * streak: consecutive calendar periods with activity (tenure months, daily logins). A period
 * without activity ends the run; so does a breaking event such as account.blocked.
 */
import type { CompiledFilter } from '../filter.ts';
import type { Layout, Slots } from '../layout.ts';
import type { Calendar } from '../time.ts';
import type { AchievementEvent, Period } from '../types.ts';
import type { CriterionNode, Progress } from './node.ts';
import { passive } from './node.ts';

// Slots: the last active period (NaN: none since the start or a break), the current run, the best run, activity in the last active period.
const LAST = 0;
const RUN = 1;
const BEST = 2;
const IN_PERIOD = 3;

export class StreakNode implements CriterionNode {
  readonly dependsOn = passive.dependsOn;
  readonly closesWindows = false;
  readonly closesAt = passive.closesAt;
  readonly advance = passive.advance;
  readonly onUnlock = passive.onUnlock;
  readonly types: readonly string[];
  readonly goal: number;
  readonly #activity: CompiledFilter;
  readonly #breaks: CompiledFilter | undefined;
  readonly #period: Period;
  readonly #calendar: Calendar;
  readonly #at: number;

  constructor(activity: CompiledFilter, period: Period, goal: number, breaks: CompiledFilter | undefined, calendar: Calendar, layout: Layout) {
    this.types = [...new Set([...activity.types, ...(breaks?.types ?? [])])];
    this.goal = goal;
    this.#activity = activity;
    this.#breaks = breaks;
    this.#period = period;
    this.#calendar = calendar;
    this.#at = layout.take(4);
  }

  init(n: Slots): void {
    n[this.#at + LAST] = NaN;
    n[this.#at + RUN] = 0;
    n[this.#at + BEST] = 0;
    n[this.#at + IN_PERIOD] = 0;
  }

  apply(n: Slots, event: AchievementEvent, t: number): number | undefined {
    const at = this.#at;
    if (this.#breaks?.matches(event)) {
      if (n[at + RUN] === 0 && Number.isNaN(n[at + LAST])) return undefined;
      n[at + LAST] = NaN;
      n[at + RUN] = 0;
      n[at + IN_PERIOD] = 0;
      return t;
    }
    if (!this.#activity.matches(event)) return undefined;
    const key = this.#calendar.key(this.#period, t);
    const last = n[at + LAST]!;
    if (last === key) {
      n[at + IN_PERIOD]! += 1;
      return t;
    }
    const run = last === key - 1 ? n[at + RUN]! + 1 : 1;
    n[at + LAST] = key;
    n[at + RUN] = run;
    n[at + IN_PERIOD] = 1;
    if (run > n[at + BEST]!) n[at + BEST] = run;
    return t;
  }

  peak(n: Slots): number {
    return n[this.#at + BEST]!;
  }

  progress(n: Slots, now: number, target: number): Progress {
    const calendar = this.#calendar;
    const period = this.#period;
    const last = n[this.#at + LAST]!;
    const nowKey = calendar.key(period, now);
    const alive = last >= nowKey - 1; // false for NaN
    const length = alive ? n[this.#at + RUN]! : 0;
    const activeThisPeriod = alive && last === nowKey;
    const streak: Progress['streak'] = {
      period,
      length,
      activeThisPeriod,
      thisPeriodCount: activeThisPeriod ? n[this.#at + IN_PERIOD]! : 0,
    };
    if (length < target) {
      // The mark is reached by activity in the period `target - length` periods after the last active one.
      const markKey = alive ? last + (target - length) : nowKey + target - 1;
      streak.nextMarkAt = calendar.start(period, markKey);
    }
    return { current: Math.min(length, target), target, streak };
  }
}
