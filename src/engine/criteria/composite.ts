/** allOf / anyOf: conditions combined. */
import type { Slots } from '../layout.ts';
import type { AchievementEvent } from '../types.ts';
import type { CriterionNode, Progress } from './node.ts';

const APPLY = 0;
const ADVANCE = 1;
const UNLOCK = 2;
type Step = typeof APPLY | typeof ADVANCE | typeof UNLOCK;

/** allOf / anyOf own no slots: each child has its own. */
export class CompositeNode implements CriterionNode {
  readonly types: readonly string[];
  readonly dependsOn: readonly string[];
  readonly closesWindows: boolean;
  readonly goal: number;
  readonly #children: readonly CriterionNode[];
  readonly #all: boolean;
  /** Each child's event types, by child index. */
  readonly #types: readonly Set<string>[];

  constructor(children: readonly CriterionNode[], all: boolean) {
    this.#children = children;
    this.#all = all;
    this.#types = children.map((child) => new Set(child.types));
    this.goal = all ? children.length : 1;
    this.types = [...new Set(children.flatMap((child) => child.types))];
    this.dependsOn = [...new Set(children.flatMap((child) => child.dependsOn))];
    this.closesWindows = children.some((child) => child.closesWindows);
  }

  init(n: Slots): void {
    for (const child of this.#children) child.init(n);
  }

  apply(n: Slots, event: AchievementEvent, t: number): number | undefined {
    return this.#walk(n, APPLY, t, event, '');
  }

  advance(n: Slots, t: number): number | undefined {
    return this.#walk(n, ADVANCE, t, undefined, '');
  }

  onUnlock(n: Slots, achievementId: string, t: number): number | undefined {
    return this.#walk(n, UNLOCK, t, undefined, achievementId);
  }

  /**
   * Passes an event, a time or an unlock to the children it concerns; answers when the last child
   * to become satisfied got there, else when progress last moved. A step code rather than a
   * callback: this runs for every routed event, and closures here were a measurable cost.
   */
  #walk(n: Slots, step: Step, t: number, event: AchievementEvent | undefined, achievementId: string): number | undefined {
    let moved: number | undefined;
    let satisfiedAt: number | undefined;
    for (let i = 0; i < this.#children.length; i++) {
      const child = this.#children[i]!;
      const concerned = step === APPLY ? this.#types[i]!.has(event!.type) : step === ADVANCE ? child.closesWindows : child.dependsOn.includes(achievementId);
      if (!concerned) continue;
      const was = child.peak(n) >= child.goal;
      const at = step === APPLY ? child.apply(n, event!, t) : step === ADVANCE ? child.advance(n, t) : child.onUnlock(n, achievementId, t);
      if (at === undefined) continue;
      moved = moved === undefined || at > moved ? at : moved;
      if (!was && child.peak(n) >= child.goal) satisfiedAt = satisfiedAt === undefined || at > satisfiedAt ? at : satisfiedAt;
    }
    return satisfiedAt ?? moved;
  }

  closesAt(n: Slots): number {
    let earliest = NaN; // NaN: no open window, and it never wins the comparison below
    for (const child of this.#children) {
      const at = child.closesAt(n);
      if (at < earliest || Number.isNaN(earliest)) earliest = at;
    }
    return earliest;
  }

  peak(n: Slots): number {
    let satisfied = 0;
    for (let i = 0; i < this.#children.length; i++) if (this.#children[i]!.peak(n) >= this.#children[i]!.goal) satisfied++;
    return this.#all ? satisfied : Math.min(satisfied, 1);
  }

  progress(n: Slots, now: number): Progress {
    const parts = this.#children.map((child) => child.progress(n, now, child.goal));
    if (this.#all) return { current: this.peak(n), target: this.goal, parts };
    // any-of: show the condition closest to done.
    const ratio = (p: Progress) => (p.target ? p.current / p.target : 0);
    const best = parts.reduce((a, b) => (ratio(b) > ratio(a) ? b : a));
    return { ...best, parts };
  }
}
