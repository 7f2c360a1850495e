/** A validated catalog compiled for evaluation: criterion nodes, routing by event type, levels. */
import { CompositeNode } from './criteria/composite.ts';
import { CountNode } from './criteria/count.ts';
import { DistinctNode } from './criteria/distinct.ts';
import { EveryNode } from './criteria/every.ts';
import { MetaNode } from './criteria/meta.ts';
import type { CriterionNode } from './criteria/node.ts';
import { SequenceNode } from './criteria/sequence.ts';
import { ShareNode } from './criteria/share.ts';
import { StreakNode } from './criteria/streak.ts';
import { compileWindow } from './criteria/window.ts';
import type { CompiledFilter } from './filter.ts';
import { compileFilter, compileFilters } from './filter.ts';
import { Calendar } from './time.ts';
import type { AchievementDefinition, CatalogDefinition, Criterion, Level, Period, PointRule } from './types.ts';
import { ValidationError, validateCatalog } from './validate.ts';

export const DEFAULT_TIME_ZONE = 'Europe/Moscow';

export interface CompiledAchievement {
  readonly definition: AchievementDefinition;
  readonly node: CriterionNode;
  /** The measure each tier needs; a non-tiered achievement has one entry. */
  readonly targets: readonly number[];
  readonly tierPoints: readonly number[];
  readonly tiered: boolean;
}

export interface CompiledPointRule {
  readonly id: string;
  readonly filter: CompiledFilter;
  readonly points: number;
  readonly cap?: { count: number; per: Period };
}

export interface Catalog {
  readonly definition: CatalogDefinition;
  readonly calendar: Calendar;
  readonly achievements: readonly CompiledAchievement[];
  readonly byId: ReadonlyMap<string, CompiledAchievement>;
  /** Achievements whose criterion listens to an event type. */
  readonly byType: ReadonlyMap<string, readonly CompiledAchievement[]>;
  /** Achievements counting another one's first unlock. */
  readonly dependents: ReadonlyMap<string, readonly CompiledAchievement[]>;
  /** Achievements with windows that close with time. */
  readonly closers: readonly CompiledAchievement[];
  readonly pointRulesByType: ReadonlyMap<string, readonly CompiledPointRule[]>;
  readonly verificationType: string | undefined;
  readonly levels: readonly Level[];
}

function compileNode(criterion: Criterion, calendar: Calendar, goal?: number): CriterionNode {
  if ('count' in criterion) {
    const { of, atLeast, within } = criterion.count;
    return new CountNode(compileFilter(of), goal ?? atLeast!, compileWindow(within, calendar));
  }
  if ('distinct' in criterion) {
    const { of, attribute, atLeast, within } = criterion.distinct;
    return new DistinctNode(compileFilter(of), attribute, goal ?? atLeast!, compileWindow(within, calendar));
  }
  if ('every' in criterion) {
    const { of, attribute, values, within } = criterion.every;
    return new EveryNode(compileFilter(of), attribute, values, compileWindow(within, calendar));
  }
  if ('streak' in criterion) {
    const { of, period, atLeast, brokenBy } = criterion.streak;
    return new StreakNode(compileFilter(of), period, goal ?? atLeast!, brokenBy && compileFilter(brokenBy), calendar);
  }
  if ('share' in criterion) {
    const { of, where, atLeast, minCount, within } = criterion.share;
    return new ShareNode(compileFilters(of), compileFilters(where), atLeast, minCount, within.period, calendar);
  }
  if ('sequence' in criterion) return new SequenceNode(criterion.sequence.stages.map(compileFilter));
  if ('achievements' in criterion) {
    const { ids, atLeast } = criterion.achievements;
    return new MetaNode(ids, atLeast ?? ids.length);
  }
  if ('allOf' in criterion) return new CompositeNode(criterion.allOf.map((c) => compileNode(c, calendar)), true);
  return new CompositeNode(criterion.anyOf.map((c) => compileNode(c, calendar)), false);
}

function compileAchievement(definition: AchievementDefinition, calendar: Calendar): CompiledAchievement {
  const tiers = definition.tiers;
  const node = compileNode(definition.criterion, calendar, tiers?.at(-1)?.target);
  return {
    definition,
    node,
    targets: tiers ? tiers.map((tier) => tier.target) : [node.goal],
    tierPoints: tiers ? tiers.map((tier) => tier.points) : [definition.points ?? 0],
    tiered: Boolean(tiers),
  };
}

function groupBy<T>(items: readonly T[], keys: (item: T) => readonly string[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) for (const key of keys(item)) groups.set(key, [...(groups.get(key) ?? []), item]);
  return groups;
}

/** Validates a catalog (throws ValidationError naming the id and field) and compiles it. */
export function compileCatalog(input: unknown): Catalog {
  const validated = validateCatalog(input);
  if (!validated.ok) throw new ValidationError(validated.issues);
  const definition = validated.value;
  const calendar = new Calendar(definition.timeZone ?? DEFAULT_TIME_ZONE);
  const achievements = definition.achievements.map((a) => compileAchievement(a, calendar));
  const pointRules: CompiledPointRule[] = (definition.pointRules ?? []).map((rule: PointRule) => ({
    id: rule.id,
    filter: compileFilter(rule.of),
    points: rule.points,
    ...(rule.cap ? { cap: rule.cap } : {}),
  }));
  return {
    definition,
    calendar,
    achievements,
    byId: new Map(achievements.map((a) => [a.definition.id, a])),
    byType: groupBy(achievements, (a) => a.node.types),
    dependents: groupBy(achievements, (a) => a.node.dependsOn),
    closers: achievements.filter((a) => a.node.closesWindows),
    pointRulesByType: groupBy(pointRules, (rule) => rule.filter.types),
    verificationType: definition.verification?.type,
    levels: definition.levels,
  };
}
