/** achievements (meta): other achievements earned, all of them or at least N. */
import type { Layout, Slots } from '../layout.ts';
import type { CriterionNode, Progress } from './node.ts';

export class MetaNode implements CriterionNode {
  readonly types: readonly string[] = [];
  readonly closesWindows = false;
  readonly dependsOn: readonly string[];
  readonly goal: number;
  /** One slot: how many of the listed achievements are earned. */
  readonly #at: number;

  constructor(ids: readonly string[], goal: number, layout: Layout) {
    this.dependsOn = ids;
    this.goal = goal;
    this.#at = layout.take(1);
  }

  closesAt(): number {
    return NaN;
  }

  init(n: Slots): void {
    n[this.#at] = 0;
  }

  apply(): undefined {
    return undefined;
  }

  advance(): undefined {
    return undefined;
  }

  onUnlock(n: Slots, achievementId: string, t: number): number | undefined {
    if (!this.dependsOn.includes(achievementId)) return undefined;
    n[this.#at]! += 1;
    return t;
  }

  peak(n: Slots): number {
    return n[this.#at]!;
  }

  progress(n: Slots, _now: number, target: number): Progress {
    return { current: Math.min(n[this.#at]!, target), target };
  }
}
