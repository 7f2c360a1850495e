/** achievements (meta): other achievements earned, all of them or at least N. */
import type { CriterionNode, Progress } from './node.ts';

/** n: how many of the listed achievements are earned. */
export interface MetaState {
  n: number;
}

export class MetaNode implements CriterionNode<MetaState> {
  readonly types: readonly string[] = [];
  readonly closesWindows = false;
  readonly dependsOn: readonly string[];
  readonly goal: number;

  constructor(ids: readonly string[], goal: number) {
    this.dependsOn = ids;
    this.goal = goal;
  }

  init(): MetaState {
    return { n: 0 };
  }

  apply(): undefined {
    return undefined;
  }

  advance(): undefined {
    return undefined;
  }

  onUnlock(s: MetaState, achievementId: string, t: number): number | undefined {
    if (!this.dependsOn.includes(achievementId)) return undefined;
    s.n += 1;
    return t;
  }

  peak(s: MetaState): number {
    return s.n;
  }

  progress(s: MetaState, _now: number, target: number): Progress {
    return { current: Math.min(s.n, target), target };
  }
}
