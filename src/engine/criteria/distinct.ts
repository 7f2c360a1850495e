/** distinct: at least N different values of an attribute among matching events. */
import type { CompiledFilter } from '../filter.ts';
import type { AchievementEvent } from '../types.ts';
import type { CriterionNode, Progress } from './node.ts';
import { passive } from './node.ts';
import type { CompiledWindow } from './window.ts';

/** v: values seen in the current window (at most the goal); k: window key; b: best window size. */
export interface DistinctState {
  v: string[];
  k?: number | null;
  b?: number;
}

export class DistinctNode implements CriterionNode<DistinctState> {
  readonly dependsOn = passive.dependsOn;
  readonly closesWindows = false;
  readonly advance = passive.advance;
  readonly onUnlock = passive.onUnlock;
  readonly types: readonly string[];
  readonly goal: number;
  readonly #filter: CompiledFilter;
  readonly #attribute: string;
  readonly #window: CompiledWindow | undefined;

  constructor(filter: CompiledFilter, attribute: string, goal: number, window: CompiledWindow | undefined) {
    this.types = filter.types;
    this.goal = goal;
    this.#filter = filter;
    this.#attribute = attribute;
    this.#window = window;
  }

  init(): DistinctState {
    return this.#window?.rolls ? { v: [], k: null, b: 0 } : { v: [] };
  }

  apply(s: DistinctState, event: AchievementEvent, t: number): number | undefined {
    const window = this.#window;
    const raw = event.attributes?.[this.#attribute];
    if (raw === undefined || !this.#filter.matches(event) || (window && !window.admits(t))) return undefined;
    if (window?.rolls) {
      const key = window.key(t);
      if (key !== s.k) {
        s.k = key;
        s.v = [];
      }
    }
    const value = String(raw);
    if (s.v.length >= this.goal || s.v.includes(value)) return undefined;
    s.v.push(value);
    if (window?.rolls && s.v.length > (s.b ?? 0)) s.b = s.v.length;
    return t;
  }

  peak(s: DistinctState): number {
    return this.#window?.rolls ? (s.b ?? 0) : s.v.length;
  }

  progress(s: DistinctState, now: number, target: number): Progress {
    const window = this.#window;
    if (!window) return { current: Math.min(s.v.length, target), target };
    const current = !window.rolls || window.key(now) === s.k ? s.v.length : 0;
    return { current: Math.min(current, target), target, windowEnd: window.end(now) };
  }
}
