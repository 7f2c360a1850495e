/** allOf / anyOf: conditions combined; each child keeps its own state in an array. */
import type { AchievementEvent } from '../types.ts';
import type { CriterionNode, Progress } from './node.ts';

type Step = (child: CriterionNode, state: unknown) => number | undefined;

export class CompositeNode implements CriterionNode<unknown[]> {
  readonly types: readonly string[];
  readonly dependsOn: readonly string[];
  readonly closesWindows: boolean;
  readonly goal: number;
  readonly #children: readonly CriterionNode[];
  readonly #all: boolean;

  constructor(children: readonly CriterionNode[], all: boolean) {
    this.#children = children;
    this.#all = all;
    this.goal = all ? children.length : 1;
    this.types = [...new Set(children.flatMap((child) => child.types))];
    this.dependsOn = [...new Set(children.flatMap((child) => child.dependsOn))];
    this.closesWindows = children.some((child) => child.closesWindows);
  }

  init(): unknown[] {
    return this.#children.map((child) => child.init());
  }

  #satisfied(child: CriterionNode, state: unknown): boolean {
    return child.peak(state) >= child.goal;
  }

  /** Runs a step on each child; the result is when the last newly satisfied child got there. */
  #each(s: unknown[], step: Step, relevant: (child: CriterionNode) => boolean): number | undefined {
    let moved: number | undefined;
    let satisfiedAt: number | undefined;
    this.#children.forEach((child, i) => {
      if (!relevant(child)) return;
      const was = this.#satisfied(child, s[i]);
      const at = step(child, s[i]);
      if (at === undefined) return;
      moved = moved === undefined ? at : Math.max(moved, at);
      if (!was && this.#satisfied(child, s[i])) satisfiedAt = satisfiedAt === undefined ? at : Math.max(satisfiedAt, at);
    });
    return satisfiedAt ?? moved;
  }

  apply(s: unknown[], event: AchievementEvent, t: number): number | undefined {
    return this.#each(s, (child, state) => child.apply(state, event, t), (child) => child.types.includes(event.type));
  }

  advance(s: unknown[], t: number): number | undefined {
    return this.#each(s, (child, state) => child.advance(state, t), (child) => child.closesWindows);
  }

  onUnlock(s: unknown[], achievementId: string, t: number): number | undefined {
    return this.#each(s, (child, state) => child.onUnlock(state, achievementId, t), (child) => child.dependsOn.includes(achievementId));
  }

  peak(s: unknown[]): number {
    const satisfied = this.#children.filter((child, i) => this.#satisfied(child, s[i])).length;
    return this.#all ? satisfied : Math.min(satisfied, 1);
  }

  progress(s: unknown[], now: number): Progress {
    const parts = this.#children.map((child, i) => child.progress(s[i], now, child.goal));
    if (this.#all) return { current: this.peak(s), target: this.goal, parts };
    // any-of: show the condition closest to done.
    const ratio = (p: Progress) => (p.target ? p.current / p.target : 0);
    const best = parts.reduce((a, b) => (ratio(b) > ratio(a) ? b : a));
    return { ...best, parts };
  }
}
