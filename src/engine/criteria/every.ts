/** every: each value of a set seen for an attribute (all notification kinds, every certificate). */
import type { CompiledFilter } from '../filter.ts';
import type { Layout, Slots } from '../layout.ts';
import type { AchievementEvent, AttributeValue } from '../types.ts';
import type { CriterionNode, Progress } from './node.ts';
import { passive } from './node.ts';
import type { CompiledWindow } from './window.ts';

/** Values in a set are limited so that the mask fits a 32-bit integer. */
export const MAX_EVERY_VALUES = 30;

// Slots: bit mask of the values seen in the current window, the window key, the best window's count.
const MASK = 0;
const KEY = 1;
const BEST = 2;

function bitCount(mask: number): number {
  let count = 0;
  for (let m = mask; m; m &= m - 1) count += 1;
  return count;
}

export class EveryNode implements CriterionNode {
  readonly dependsOn = passive.dependsOn;
  readonly closesWindows = false;
  readonly closesAt = passive.closesAt;
  readonly advance = passive.advance;
  readonly onUnlock = passive.onUnlock;
  readonly types: readonly string[];
  readonly goal: number;
  readonly #filter: CompiledFilter;
  readonly #attribute: string;
  readonly #values: readonly AttributeValue[];
  readonly #bits: Map<AttributeValue, number>;
  readonly #window: CompiledWindow | undefined;
  readonly #at: number;

  constructor(filter: CompiledFilter, attribute: string, values: readonly AttributeValue[], window: CompiledWindow | undefined, layout: Layout) {
    this.types = filter.types;
    this.goal = values.length;
    this.#filter = filter;
    this.#attribute = attribute;
    this.#values = values;
    this.#bits = new Map(values.map((value, i) => [value, 1 << i]));
    this.#window = window;
    this.#at = layout.take(3);
  }

  init(n: Slots): void {
    n[this.#at + MASK] = 0;
    n[this.#at + KEY] = NaN;
    n[this.#at + BEST] = 0;
  }

  apply(n: Slots, event: AchievementEvent, t: number): number | undefined {
    const at = this.#at;
    const window = this.#window;
    const raw = event.attributes?.[this.#attribute];
    const bit = raw === undefined ? undefined : this.#bits.get(raw);
    if (bit === undefined || !this.#filter.matches(event) || (window && !window.admits(t))) return undefined;
    if (window?.rolls) {
      const key = window.key(t);
      if (n[at + KEY] !== key) {
        n[at + KEY] = key;
        n[at + MASK] = 0;
      }
    }
    const mask = n[at + MASK]!;
    if (mask & bit) return undefined;
    n[at + MASK] = mask | bit;
    n[at + BEST] = Math.max(n[at + BEST]!, bitCount(mask | bit));
    return t;
  }

  peak(n: Slots): number {
    return n[this.#at + BEST]!;
  }

  progress(n: Slots, now: number, target: number): Progress {
    const window = this.#window;
    const mask = !window?.rolls || window.key(now) === n[this.#at + KEY] ? n[this.#at + MASK]! : 0;
    const missing = this.#values.filter((_, i) => !(mask & (1 << i)));
    const progress: Progress = { current: Math.min(bitCount(mask), target), target, missing };
    if (window) progress.windowEnd = window.end(now);
    return progress;
  }
}
