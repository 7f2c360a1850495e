/** sequence: stages reached in order (a stage's event counts only once the previous one is done). */
import type { CompiledFilter } from '../filter.ts';
import type { Layout, Slots } from '../layout.ts';
import type { AchievementEvent } from '../types.ts';
import type { CriterionNode, Progress } from './node.ts';
import { passive } from './node.ts';

export class SequenceNode implements CriterionNode {
  readonly dependsOn = passive.dependsOn;
  readonly closesWindows = false;
  readonly closesAt = passive.closesAt;
  readonly advance = passive.advance;
  readonly onUnlock = passive.onUnlock;
  readonly types: readonly string[];
  readonly goal: number;
  readonly #stages: readonly CompiledFilter[];
  /** One slot: the number of stages done. */
  readonly #at: number;

  constructor(stages: readonly CompiledFilter[], layout: Layout) {
    this.types = [...new Set(stages.flatMap((stage) => stage.types))];
    this.goal = stages.length;
    this.#stages = stages;
    this.#at = layout.take(1);
  }

  init(n: Slots): void {
    n[this.#at] = 0;
  }

  apply(n: Slots, event: AchievementEvent, t: number): number | undefined {
    const done = n[this.#at]!;
    if (!this.#stages[done]?.matches(event)) return undefined;
    n[this.#at] = done + 1;
    return t;
  }

  peak(n: Slots): number {
    return n[this.#at]!;
  }

  progress(n: Slots, _now: number, target: number): Progress {
    return { current: Math.min(n[this.#at]!, target), target };
  }
}
