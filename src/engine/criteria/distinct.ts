/** distinct: at least N different values of an attribute among matching events. */
import type { CompiledFilter } from '../filter.ts';
import type { Layout, Slots } from '../layout.ts';
import { hashValue } from '../layout.ts';
import type { AchievementEvent } from '../types.ts';
import type { CriterionNode, Progress } from './node.ts';
import { passive } from './node.ts';
import type { CompiledWindow } from './window.ts';

/** Sets are kept up to the goal, so the goal bounds a citizen's state. */
export const MAX_DISTINCT = 100;

// Slots: how many values are in the current window's set, the window key, the best window, then the set (hashes).
const SIZE = 0;
const KEY = 1;
const BEST = 2;
const VALUES = 3;

export class DistinctNode implements CriterionNode {
  readonly dependsOn = passive.dependsOn;
  readonly closesWindows = false;
  readonly closesAt = passive.closesAt;
  readonly advance = passive.advance;
  readonly onUnlock = passive.onUnlock;
  readonly types: readonly string[];
  readonly goal: number;
  readonly #filter: CompiledFilter;
  readonly #attribute: string;
  readonly #window: CompiledWindow | undefined;
  readonly #at: number;

  constructor(filter: CompiledFilter, attribute: string, goal: number, window: CompiledWindow | undefined, layout: Layout) {
    this.types = filter.types;
    this.goal = goal;
    this.#filter = filter;
    this.#attribute = attribute;
    this.#window = window;
    this.#at = layout.take(VALUES + goal);
  }

  init(n: Slots): void {
    n[this.#at + SIZE] = 0;
    n[this.#at + KEY] = NaN;
    n[this.#at + BEST] = 0;
  }

  apply(n: Slots, event: AchievementEvent, t: number): number | undefined {
    const at = this.#at;
    const window = this.#window;
    const raw = event.attributes?.[this.#attribute];
    if (raw === undefined || !this.#filter.matches(event) || (window && !window.admits(t))) return undefined;
    if (window?.rolls) {
      const key = window.key(t);
      if (n[at + KEY] !== key) {
        n[at + KEY] = key;
        n[at + SIZE] = 0;
      }
    }
    const size = n[at + SIZE]!;
    if (size >= this.goal) return undefined;
    const hash = hashValue(raw);
    for (let i = 0; i < size; i++) if (n[at + VALUES + i] === hash) return undefined;
    n[at + VALUES + size] = hash;
    n[at + SIZE] = size + 1;
    if (size + 1 > n[at + BEST]!) n[at + BEST] = size + 1;
    return t;
  }

  peak(n: Slots): number {
    return n[this.#at + BEST]!;
  }

  progress(n: Slots, now: number, target: number): Progress {
    const window = this.#window;
    const size = n[this.#at + SIZE]!;
    if (!window) return { current: Math.min(size, target), target };
    const current = !window.rolls || window.key(now) === n[this.#at + KEY] ? size : 0;
    return { current: Math.min(current, target), target, windowEnd: window.end(now) };
  }
}
