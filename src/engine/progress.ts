/**
 * The citizen's view of a state at an instant: for every achievement its state, progress and what
 * is left (the remaining count, when the window closes, the next tier, the streak's next mark),
 * plus points and level. Plain data; wording is the i18n layer's job.
 */
import type { Catalog, CompiledAchievement } from './catalog.ts';
import type { Progress } from './criteria/node.ts';
import { totalPoints } from './evaluate.ts';
import { VERIFIED } from './layout.ts';
import { formatTime } from './time.ts';
import type { AttributeValue, Level, Period, UserState } from './types.ts';

export type AchievementStatus = 'locked' | 'in_progress' | 'unlocked';

export interface ProgressView {
  current: number;
  target: number;
  remaining: number;
  /** When the window this progress counts in closes; progress there starts over after it. */
  windowEndsAt?: string;
  /** Values of a set still missing. */
  missing?: AttributeValue[];
  /** This window already has an operation that rules it out; the next window starts clean. */
  spoiled?: boolean;
  /** The fixed date range it counts in is over: only a late event dated inside it can still count. */
  ended?: boolean;
  /** Each condition of an all-of / any-of. */
  parts?: ProgressView[];
}

export interface StreakView {
  period: Period;
  /** Consecutive periods so far (tenure: months so far). */
  length: number;
  activeThisPeriod: boolean;
  /** Matching events this period (tenure: services used this month). */
  thisPeriodCount: number;
  /** The earliest time the next mark can be reached, and the calendar days until then. */
  nextMarkAt?: string;
  daysToNextMark?: number;
}

export interface AchievementView {
  id: string;
  state: AchievementStatus;
  /** Highest tier reached (1-based), for tiered achievements. */
  tier?: number;
  tiers?: number;
  /** When the highest tier (or the achievement) was reached. */
  unlockedAt?: string;
  /** Points earned from it so far. */
  points: number;
  progress: ProgressView;
  nextTier?: { tier: number; target: number; points: number };
  streak?: StreakView;
}

export interface LevelView {
  id: string;
  index: number;
  minPoints: number;
  /** Points the next level starts at; absent on the top level. */
  nextMinPoints?: number;
  level: Level;
}

export interface UserView {
  verified: boolean;
  points: number;
  level: LevelView;
  achievements: AchievementView[];
}

function progressView(progress: Progress, now: number): ProgressView {
  const view: ProgressView = { current: progress.current, target: progress.target, remaining: Math.max(0, progress.target - progress.current) };
  if (progress.windowEnd !== undefined) view.windowEndsAt = formatTime(progress.windowEnd);
  // A calendar window always ends after now; only a fixed range can be over.
  if (progress.windowEnd !== undefined && progress.windowEnd <= now) view.ended = true;
  if (progress.missing) view.missing = progress.missing;
  if (progress.spoiled) view.spoiled = true;
  if (progress.parts) view.parts = progress.parts.map((part) => progressView(part, now));
  return view;
}

export function describeAchievement(catalog: Catalog, state: UserState, achievement: CompiledAchievement, now: number): AchievementView {
  const { definition, node, targets, tierPoints, tiered, unlockAt } = achievement;
  const n = state.n;
  let reached = 0;
  while (reached < targets.length && !Number.isNaN(n[unlockAt + reached])) reached++;
  const done = reached >= targets.length;
  const target = targets[Math.min(reached, targets.length - 1)]!;
  const progress = node.progress(n, now, target);

  const view: AchievementView = {
    id: definition.id,
    state: reached > 0 ? 'unlocked' : progress.current > 0 ? 'in_progress' : 'locked',
    points: tierPoints.slice(0, reached).reduce((sum, p) => sum + p, 0),
    progress: done ? { current: progress.target, target: progress.target, remaining: 0 } : progressView(progress, now),
  };
  if (tiered) {
    view.tiers = targets.length;
    if (reached) view.tier = reached;
    if (!done) view.nextTier = { tier: reached + 1, target, points: tierPoints[reached]! };
  }
  if (reached) view.unlockedAt = formatTime(n[unlockAt + reached - 1]!);
  if (progress.streak) {
    const { nextMarkAt, ...streak } = progress.streak;
    view.streak = streak;
    if (nextMarkAt !== undefined && !done) {
      view.streak.nextMarkAt = formatTime(nextMarkAt);
      view.streak.daysToNextMark = Math.max(0, catalog.calendar.day(nextMarkAt) - catalog.calendar.day(now));
    }
  }
  return view;
}

export function levelFor(catalog: Catalog, points: number): LevelView {
  const levels = catalog.levels;
  let index = 0;
  while (index + 1 < levels.length && levels[index + 1]!.minPoints <= points) index += 1;
  const level = levels[index]!;
  const next = levels[index + 1];
  return { id: level.id, index, minPoints: level.minPoints, ...(next ? { nextMinPoints: next.minPoints } : {}), level };
}

export function describeUser(catalog: Catalog, state: UserState, now: number): UserView {
  const points = totalPoints(catalog, state);
  return {
    verified: catalog.verificationType === undefined || !Number.isNaN(state.n[VERIFIED]),
    points,
    level: levelFor(catalog, points),
    achievements: catalog.achievements.map((achievement) => describeAchievement(catalog, state, achievement, now)),
  };
}
