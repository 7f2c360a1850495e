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
import { Layout, hashValue } from './layout.ts';
import { Calendar } from './time.ts';
import type { AchievementDefinition, CatalogDefinition, Criterion, Level, Period, PointRule } from './types.ts';
import { ValidationError, validateCatalog } from './validate.ts';

export const DEFAULT_TIME_ZONE = 'Europe/Moscow';

export interface CompiledAchievement {
  readonly definition: AchievementDefinition;
  readonly node: CriterionNode;
  /** Where its unlock times start in a citizen's slots: one per tier, NaN until reached. */
  readonly unlockAt: number;
  /** The measure each tier needs; a non-tiered achievement has one entry. */
  readonly targets: readonly number[];
  readonly tierPoints: readonly number[];
  readonly tiered: boolean;
}

export interface CompiledPointRule {
  readonly id: string;
  /** Its window's slots: the period key and the events counted in it. */
  readonly at: number;
  readonly filter: CompiledFilter;
  readonly points: number;
  readonly cap?: { count: number; per: Period };
}

export interface Catalog {
  readonly definition: CatalogDefinition;
  /** Identifies the slot layout: a state built for another layout must be rebuilt by a replay. */
  readonly layoutId: string;
  /** Slots per citizen. */
  readonly slots: number;
  readonly calendar: Calendar;
  readonly achievements: readonly CompiledAchievement[];
  readonly byId: ReadonlyMap<string, CompiledAchievement>;
  /** Achievements whose criterion listens to an event type. */
  readonly byType: ReadonlyMap<string, readonly CompiledAchievement[]>;
  /** Achievements counting another one's first unlock. */
  readonly dependents: ReadonlyMap<string, readonly CompiledAchievement[]>;
  /** Achievements with windows that close with time. */
  readonly closers: readonly CompiledAchievement[];
  readonly pointRules: readonly CompiledPointRule[];
  readonly pointRulesByType: ReadonlyMap<string, readonly CompiledPointRule[]>;
  readonly verificationType: string | undefined;
  /** The achievements for the steps of verification: counted before it, earned at it. */
  readonly verificationSteps: ReadonlySet<CompiledAchievement>;
  readonly levels: readonly Level[];
}

function compileNode(criterion: Criterion, calendar: Calendar, layout: Layout, goal?: number): CriterionNode {
  if ('count' in criterion) {
    const { of, atLeast, within } = criterion.count;
    return new CountNode(compileFilter(of), goal ?? atLeast!, compileWindow(within, calendar), layout);
  }
  if ('distinct' in criterion) {
    const { of, attribute, atLeast, within } = criterion.distinct;
    return new DistinctNode(compileFilter(of), attribute, goal ?? atLeast!, compileWindow(within, calendar), layout);
  }
  if ('every' in criterion) {
    const { of, attribute, values, within } = criterion.every;
    return new EveryNode(compileFilter(of), attribute, values, compileWindow(within, calendar), layout);
  }
  if ('streak' in criterion) {
    const { of, period, atLeast, brokenBy } = criterion.streak;
    return new StreakNode(compileFilter(of), period, goal ?? atLeast!, brokenBy && compileFilter(brokenBy), calendar, layout);
  }
  if ('share' in criterion) {
    const { of, where, atLeast, minCount, within } = criterion.share;
    return new ShareNode(compileFilters(of), compileFilters(where), atLeast, minCount, within.period, calendar, layout);
  }
  if ('sequence' in criterion) return new SequenceNode(criterion.sequence.stages.map(compileFilter), layout);
  if ('achievements' in criterion) {
    const { ids, atLeast } = criterion.achievements;
    return new MetaNode(ids, atLeast ?? ids.length, layout);
  }
  if ('allOf' in criterion) return new CompositeNode(criterion.allOf.map((c) => compileNode(c, calendar, layout)), true);
  return new CompositeNode(criterion.anyOf.map((c) => compileNode(c, calendar, layout)), false);
}

function compileAchievement(definition: AchievementDefinition, calendar: Calendar, layout: Layout): CompiledAchievement {
  const tiers = definition.tiers;
  const unlockAt = layout.take(tiers?.length ?? 1);
  const node = compileNode(definition.criterion, calendar, layout, tiers?.at(-1)?.target);
  return {
    definition,
    node,
    unlockAt,
    targets: tiers ? tiers.map((tier) => tier.target) : [node.goal],
    tierPoints: tiers ? tiers.map((tier) => tier.points) : [definition.points ?? 0],
    tiered: Boolean(tiers),
  };
}

/**
 * A short hash of what decides the layout and the stored state. Texts and achievements' points do
 * not (points are summed when read); a point rule's points do, since the state keeps their sum: a
 * change must replay every citizen, or one history would give two totals.
 */
function layoutIdOf(definition: CatalogDefinition): string {
  const { timeZone, verification, pointRules, achievements } = definition;
  const decisive = JSON.stringify([timeZone, verification, pointRules?.map((r) => [r.id, r.of, r.cap, r.points]), achievements.map((a) => [a.id, a.tiers?.map((t) => t.target), a.criterion])]);
  return Math.floor(hashValue(decisive)).toString(36);
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
  const layout = new Layout();
  const pointRules: CompiledPointRule[] = (definition.pointRules ?? []).map((rule: PointRule) => ({
    id: rule.id,
    at: layout.take(2),
    filter: compileFilter(rule.of),
    points: rule.points,
    ...(rule.cap ? { cap: rule.cap } : {}),
  }));
  const achievements = definition.achievements.map((a) => compileAchievement(a, calendar, layout));
  return {
    definition,
    layoutId: layoutIdOf(definition),
    slots: layout.size,
    calendar,
    achievements,
    byId: new Map(achievements.map((a) => [a.definition.id, a])),
    byType: groupBy(achievements, (a) => a.node.types),
    dependents: groupBy(achievements, (a) => a.node.dependsOn),
    closers: achievements.filter((a) => a.node.closesWindows),
    pointRules,
    pointRulesByType: groupBy(pointRules, (rule) => rule.filter.types),
    verificationType: definition.verification?.type,
    verificationSteps: new Set(achievements.filter((a) => definition.verification?.steps?.includes(a.definition.id))),
    levels: definition.levels,
  };
}
