/** every: each value of a set seen for an attribute (all notification kinds, every certificate). */
import type { CompiledFilter } from '../filter.ts';
import type { AchievementEvent, AttributeValue } from '../types.ts';
import type { CriterionNode, Progress } from './node.ts';
import { passive } from './node.ts';
import type { CompiledWindow } from './window.ts';

/** m: bit mask of values seen in the current window; k: window key; b: best window count. */
export interface EveryState {
  m: number;
  k?: number | null;
  b?: number;
}

/** Values in a set are limited so that the mask fits a 32-bit integer. */
export const MAX_EVERY_VALUES = 30;

function bitCount(mask: number): number {
  let count = 0;
  for (let m = mask; m; m &= m - 1) count += 1;
  return count;
}

export class EveryNode implements CriterionNode<EveryState> {
  readonly dependsOn = passive.dependsOn;
  readonly closesWindows = false;
  readonly advance = passive.advance;
  readonly onUnlock = passive.onUnlock;
  readonly types: readonly string[];
  readonly goal: number;
  readonly #filter: CompiledFilter;
  readonly #attribute: string;
  readonly #values: readonly AttributeValue[];
  readonly #bits: Map<AttributeValue, number>;
  readonly #window: CompiledWindow | undefined;

  constructor(filter: CompiledFilter, attribute: string, values: readonly AttributeValue[], window: CompiledWindow | undefined) {
    this.types = filter.types;
    this.goal = values.length;
    this.#filter = filter;
    this.#attribute = attribute;
    this.#values = values;
    this.#bits = new Map(values.map((value, i) => [value, 1 << i]));
    this.#window = window;
  }

  init(): EveryState {
    return this.#window?.rolls ? { m: 0, k: null, b: 0 } : { m: 0 };
  }

  apply(s: EveryState, event: AchievementEvent, t: number): number | undefined {
    const window = this.#window;
    const raw = event.attributes?.[this.#attribute];
    const bit = raw === undefined ? undefined : this.#bits.get(raw);
    if (bit === undefined || !this.#filter.matches(event) || (window && !window.admits(t))) return undefined;
    if (window?.rolls) {
      const key = window.key(t);
      if (key !== s.k) {
        s.k = key;
        s.m = 0;
      }
    }
    if (s.m & bit) return undefined;
    s.m |= bit;
    if (window?.rolls) s.b = Math.max(s.b ?? 0, bitCount(s.m));
    return t;
  }

  peak(s: EveryState): number {
    return this.#window?.rolls ? (s.b ?? 0) : bitCount(s.m);
  }

  progress(s: EveryState, now: number, target: number): Progress {
    const window = this.#window;
    const mask = !window?.rolls || window.key(now) === s.k ? s.m : 0;
    const missing = this.#values.filter((_, i) => !(mask & (1 << i)));
    const progress: Progress = { current: Math.min(bitCount(mask), target), target, missing };
    if (window) progress.windowEnd = window.end(now);
    return progress;
  }
}
