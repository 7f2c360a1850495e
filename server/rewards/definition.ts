/**
 * Rewards (privileges bought with points) as data: `server/rewards/default.json`, or an operator's
 * file named by ACH_REWARDS. Validated on load with errors that name the reward and the field
 * (`fast-track: limit.period: …`), as the catalog's are.
 */
import { resolve } from 'node:path';
import * as v from 'valibot';
import type { Catalog, LocalizedText, Period } from '../../src/engine/index.ts';
import { entryIssues, entryPath, PERIODS, ValidationError } from '../../src/engine/index.ts';
import type { ValidationIssue } from '../../src/engine/index.ts';
import { ROOT } from '../config.ts';
import { loadDataFile, localized, positive, slug } from '../data-file.ts';

export interface Quota {
  count: number;
  period: Period;
}

export interface RewardDefinition {
  id: string;
  title: LocalizedText;
  description: LocalizedText;
  cost: number;
  /** A level id of the catalog: the citizen's level (by points earned) must be this one or above. */
  minLevel?: string;
  /** Per citizen, per calendar period in the catalog's time zone. */
  limit?: Quota;
  /** For everyone together, per calendar period. */
  stock?: Quota;
  /** How long a granted privilege lasts. */
  validDays: number;
}

export interface Reward {
  readonly definition: RewardDefinition;
  readonly id: string;
  /** The index of `minLevel` in the catalog's levels (0: any level). */
  readonly minLevelIndex: number;
}

export interface RewardSet {
  readonly list: readonly Reward[];
  readonly byId: ReadonlyMap<string, Reward>;
}

const quota = v.strictObject({ count: positive(1_000_000), period: v.picklist(PERIODS) });

const RewardSchema = v.strictObject({
  id: slug,
  title: localized(80),
  description: localized(400),
  cost: positive(1_000_000),
  minLevel: v.optional(slug),
  limit: v.optional(quota),
  stock: v.optional(quota),
  validDays: positive(3660),
});

const FileSchema = v.strictObject({ rewards: v.array(RewardSchema) });

/** Validates a rewards file against the catalog it runs with (a `minLevel` must be one of its levels). */
export function compileRewards(input: unknown, catalog: Catalog): RewardSet {
  const result = v.safeParse(FileSchema, input);
  if (!result.success) {
    throw new ValidationError(entryIssues(input, 'rewards', result.issues));
  }
  const definitions = result.output.rewards as RewardDefinition[];
  const issues: ValidationIssue[] = [];
  const levels = catalog.levels.map((level) => level.id);
  const seen = new Set<string>();
  definitions.forEach((reward, i) => {
    if (seen.has(reward.id)) issues.push({ path: entryPath(input, 'rewards', ['rewards', i, 'id']), message: 'duplicate id' });
    seen.add(reward.id);
    if (reward.minLevel !== undefined && !levels.includes(reward.minLevel)) {
      issues.push({ path: entryPath(input, 'rewards', ['rewards', i, 'minLevel']), message: `unknown level "${reward.minLevel}"; the catalog has ${levels.join('|')}` });
    }
  });
  if (issues.length) throw new ValidationError(issues);
  const list = definitions.map((definition): Reward => ({
    definition,
    id: definition.id,
    minLevelIndex: definition.minLevel === undefined ? 0 : levels.indexOf(definition.minLevel),
  }));
  return { list, byId: new Map(list.map((reward) => [reward.id, reward])) };
}

export const DEFAULT_REWARDS = resolve(ROOT, 'server/rewards/default.json');

/** Reads and validates the rewards file (the built-in one when `path` is undefined). */
export function loadRewards(path: string | undefined, catalog: Catalog): RewardSet {
  return loadDataFile('rewards', path, DEFAULT_REWARDS, (input) => compileRewards(input, catalog));
}
