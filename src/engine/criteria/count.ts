/** count: at least N matching events, all-time, in a calendar window, or in a fixed range. */
import type { CompiledFilter } from '../filter.ts';
import type { Layout, Slots } from '../layout.ts';
import type { AchievementEvent } from '../types.ts';
import type { CriterionNode, Progress } from './node.ts';
import { passive } from './node.ts';
import type { CompiledWindow } from './window.ts';

// Slots: count in the current window (or overall); for rolling windows also its key and the best window.
const COUNT = 0;
const KEY = 1;
const BEST = 2;

export class CountNode implements CriterionNode {
  readonly dependsOn = passive.dependsOn;
  readonly closesWindows = false;
  readonly closesAt = passive.closesAt;
  readonly advance = passive.advance;
  readonly onUnlock = passive.onUnlock;
  readonly types: readonly string[];
  readonly goal: number;
  readonly #filter: CompiledFilter;
  readonly #window: CompiledWindow | undefined;
  readonly #rolls: boolean;
  readonly #at: number;

  constructor(filter: CompiledFilter, goal: number, window: CompiledWindow | undefined, layout: Layout) {
    this.types = filter.types;
    this.goal = goal;
    this.#filter = filter;
    this.#window = window;
    this.#rolls = window?.rolls ?? false;
    this.#at = layout.take(this.#rolls ? 3 : 1);
  }

  init(n: Slots): void {
    n[this.#at + COUNT] = 0;
    if (this.#rolls) {
      n[this.#at + KEY] = NaN;
      n[this.#at + BEST] = 0;
    }
  }

  apply(n: Slots, event: AchievementEvent, t: number): number | undefined {
    const at = this.#at;
    const window = this.#window;
    if (!this.#filter.matches(event) || (window && !window.admits(t))) return undefined;
    if (this.#rolls) {
      const key = window!.key(t);
      if (n[at + KEY] !== key) {
        n[at + KEY] = key;
        n[at + COUNT] = 0;
      }
    }
    if (n[at + COUNT]! >= this.goal) return undefined; // counting past the goal changes nothing
    const count = ++n[at + COUNT]!;
    if (this.#rolls && count > n[at + BEST]!) n[at + BEST] = count;
    return t;
  }

  peak(n: Slots): number {
    return n[this.#at + (this.#rolls ? BEST : COUNT)]!;
  }

  progress(n: Slots, now: number, target: number): Progress {
    const window = this.#window;
    const count = n[this.#at + COUNT]!;
    if (!window) return { current: Math.min(count, target), target };
    const current = !window.rolls || window.key(now) === n[this.#at + KEY] ? count : 0;
    return { current: Math.min(current, target), target, windowEnd: window.end(now) };
  }
}
