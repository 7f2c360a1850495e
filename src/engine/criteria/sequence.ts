/** sequence: stages reached in order (a stage's event counts only once the previous one is done). */
import type { CompiledFilter } from '../filter.ts';
import type { AchievementEvent } from '../types.ts';
import type { CriterionNode, Progress } from './node.ts';
import { passive } from './node.ts';

/** i: the number of stages done. */
export interface SequenceState {
  i: number;
}

export class SequenceNode implements CriterionNode<SequenceState> {
  readonly dependsOn = passive.dependsOn;
  readonly closesWindows = false;
  readonly advance = passive.advance;
  readonly onUnlock = passive.onUnlock;
  readonly types: readonly string[];
  readonly goal: number;
  readonly #stages: readonly CompiledFilter[];

  constructor(stages: readonly CompiledFilter[]) {
    this.types = [...new Set(stages.flatMap((stage) => stage.types))];
    this.goal = stages.length;
    this.#stages = stages;
  }

  init(): SequenceState {
    return { i: 0 };
  }

  apply(s: SequenceState, event: AchievementEvent, t: number): number | undefined {
    const stage = this.#stages[s.i];
    if (!stage?.matches(event)) return undefined;
    s.i += 1;
    return t;
  }

  peak(s: SequenceState): number {
    return s.i;
  }

  progress(s: SequenceState, _now: number, target: number): Progress {
    return { current: Math.min(s.i, target), target };
  }
}
