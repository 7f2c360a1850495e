/** count: at least N matching events, all-time, in a calendar window, or in a fixed range. */
import type { CompiledFilter } from '../filter.ts';
import type { AchievementEvent } from '../types.ts';
import type { CriterionNode, Progress } from './node.ts';
import { passive } from './node.ts';
import type { CompiledWindow } from './window.ts';

/** n: count in the current window (or overall); k: window key; b: best window count. */
export interface CountState {
  n: number;
  k?: number | null;
  b?: number;
}

export class CountNode implements CriterionNode<CountState> {
  readonly dependsOn = passive.dependsOn;
  readonly closesWindows = false;
  readonly advance = passive.advance;
  readonly onUnlock = passive.onUnlock;
  readonly types: readonly string[];
  readonly goal: number;
  readonly #filter: CompiledFilter;
  readonly #window: CompiledWindow | undefined;

  constructor(filter: CompiledFilter, goal: number, window: CompiledWindow | undefined) {
    this.types = filter.types;
    this.goal = goal;
    this.#filter = filter;
    this.#window = window;
  }

  init(): CountState {
    return this.#window?.rolls ? { n: 0, k: null, b: 0 } : { n: 0 };
  }

  apply(s: CountState, event: AchievementEvent, t: number): number | undefined {
    const window = this.#window;
    if (!this.#filter.matches(event) || (window && !window.admits(t))) return undefined;
    if (window?.rolls) {
      const key = window.key(t);
      if (key !== s.k) {
        s.k = key;
        s.n = 0;
      }
      if (s.n >= this.goal) return undefined; // counting past the goal changes nothing
      s.n += 1;
      if (s.n > (s.b ?? 0)) s.b = s.n;
      return t;
    }
    if (s.n >= this.goal) return undefined;
    s.n += 1;
    return t;
  }

  peak(s: CountState): number {
    return this.#window?.rolls ? (s.b ?? 0) : s.n;
  }

  progress(s: CountState, now: number, target: number): Progress {
    const window = this.#window;
    if (!window) return { current: Math.min(s.n, target), target };
    const current = !window.rolls || window.key(now) === s.k ? s.n : 0;
    return { current: Math.min(current, target), target, windowEnd: window.end(now) };
  }
}
