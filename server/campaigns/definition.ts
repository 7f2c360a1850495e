/**
 * Campaigns (турниры) as data: `server/campaigns/default.json`, or an operator's file named by
 * ACH_CAMPAIGNS. Validated on load with errors that name the campaign and the field
 * (`winter-sprint: prizes[1].places: …`). The event filter of a `count` score is the engine's own,
 * validated by the engine's catalog validation and matched by its compiled filter.
 */
import { resolve } from 'node:path';
import * as v from 'valibot';
import type { Catalog, EventFilter, LocalizedText } from '../../src/engine/index.ts';
import { entryIssues, entryPath, parseTime, ValidationError, validateCatalog } from '../../src/engine/index.ts';
import type { ValidationIssue } from '../../src/engine/index.ts';
import type { CompiledFilter } from '../../src/engine/filter.ts';
import { compileFilter } from '../../src/engine/filter.ts';
import { ROOT } from '../config.ts';
import { loadDataFile, localized, positive, slug } from '../data-file.ts';

export type CampaignStatus = 'upcoming' | 'active' | 'finished';

export interface PrizeDefinition {
  /** Places from and to, inclusive (1-based). */
  places: [number, number];
  points?: number;
  rewardId?: string;
}

export interface CampaignDefinition {
  id: string;
  title: LocalizedText;
  description: LocalizedText;
  /** RFC 3339 with an offset (Moscow time in the default file). */
  startsAt: string;
  endsAt: string;
  score: { points: true } | { count: EventFilter };
  eligibility?: { minLevel?: string; verified?: true };
  prizes: PrizeDefinition[];
  leaderboardSize?: number;
}

export interface Campaign {
  readonly definition: CampaignDefinition;
  readonly id: string;
  readonly start: number;
  readonly end: number;
  readonly kind: 'points' | 'count';
  /** The count score's filter (engine semantics). */
  readonly filter: CompiledFilter | undefined;
  /** Points the eligibility's minimum level starts at (0: any level). */
  readonly minPoints: number;
  readonly leaderboardSize: number;
}

export interface CampaignSet {
  readonly list: readonly Campaign[];
  readonly byId: ReadonlyMap<string, Campaign>;
}

/** The status an instant gives: upcoming before the start, active until the end (exclusive), then finished. */
export function statusAt(campaign: Campaign, now: number): CampaignStatus {
  return now < campaign.start ? 'upcoming' : now < campaign.end ? 'active' : 'finished';
}

export const DEFAULT_LEADERBOARD_SIZE = 10;

const rfc3339 = v.pipe(v.string(), v.check((value) => !Number.isNaN(parseTime(value)), 'expected an RFC 3339 date-time with an offset, e.g. 2026-12-01T00:00:00+03:00'));
const place = v.pipe(v.number(), v.integer('expected an integer'), v.minValue(1, 'expected at least 1'));

const ScoreSchema = v.lazy((input) =>
  typeof input === 'object' && input !== null && 'count' in input
    ? v.strictObject({ count: v.custom<EventFilter>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), 'expected an event filter { type, channel?, attributes? }') })
    : v.strictObject({ points: v.literal(true, 'expected true') }),
);

const CampaignSchema = v.strictObject({
  id: slug,
  title: localized(80),
  description: localized(400),
  startsAt: rfc3339,
  endsAt: rfc3339,
  score: ScoreSchema,
  eligibility: v.optional(v.strictObject({ minLevel: v.optional(slug), verified: v.optional(v.literal(true, 'expected true (only verified citizens take part)')) })),
  prizes: v.array(
    v.strictObject({
      places: v.pipe(v.tuple([place, place], 'expected [from, to]'), v.check(([from, to]) => from <= to, 'expected from ≤ to')),
      points: v.optional(positive(1_000_000)),
      rewardId: v.optional(slug),
    }),
  ),
  leaderboardSize: v.optional(positive(100)),
});

const FileSchema = v.strictObject({ campaigns: v.array(CampaignSchema) });

/** Checks an event filter with the engine's own catalog validation: its issues, with paths under `score.count`. */
function filterIssues(filter: EventFilter): Array<{ path: string; message: string }> {
  const probe = {
    version: 1,
    achievements: [{ id: 'probe', title: { ru: 'x', en: 'x' }, description: { ru: 'x', en: 'x' }, difficulty: 'simple', category: 'probe', points: 0, icon: 'probe.svg', criterion: { count: { of: filter, atLeast: 1 } } }],
    levels: [{ id: 'probe', title: { ru: 'x', en: 'x' }, minPoints: 0, privileges: [] }],
  };
  const result = validateCatalog(probe);
  if (result.ok) return [];
  return result.issues.map((issue) => ({ path: issue.path.replace(/^probe: criterion\.count\.of\.?/, 'score.count.').replace(/\.$/, ''), message: issue.message }));
}

/**
 * Validates a campaigns file against the catalog it runs with (levels named must exist; reward ids,
 * when `rewardIds` is given, must too). Returns the compiled campaigns or throws a ValidationError.
 */
export function compileCampaigns(input: unknown, catalog: Catalog, rewardIds?: ReadonlySet<string>): CampaignSet {
  const result = v.safeParse(FileSchema, input);
  if (!result.success) {
    throw new ValidationError(entryIssues(input, 'campaigns', result.issues));
  }
  const definitions = result.output.campaigns as CampaignDefinition[];
  const issues: ValidationIssue[] = [];
  const report = (index: number, field: string, message: string) => issues.push({ path: entryPath(input, 'campaigns', ['campaigns', index, ...(field ? [field] : [])]), message });
  const seen = new Set<string>();
  const levels = new Map(catalog.levels.map((level) => [level.id, level.minPoints]));
  definitions.forEach((campaign, i) => {
    if (seen.has(campaign.id)) report(i, 'id', 'duplicate id');
    seen.add(campaign.id);
    if (parseTime(campaign.endsAt) <= parseTime(campaign.startsAt)) report(i, 'endsAt', 'expected a time after startsAt');
    if ('count' in campaign.score) for (const issue of filterIssues(campaign.score.count)) report(i, issue.path, issue.message);
    const minLevel = campaign.eligibility?.minLevel;
    if (minLevel !== undefined && !levels.has(minLevel)) report(i, 'eligibility.minLevel', `unknown level "${minLevel}"; the catalog has ${[...levels.keys()].join('|')}`);
    const taken: Array<[number, number]> = [];
    campaign.prizes.forEach((prize, j) => {
      const [from, to] = prize.places;
      if (prize.points === undefined && prize.rewardId === undefined) report(i, `prizes[${j}]`, 'expected points, a rewardId or both');
      if (taken.some(([a, b]) => from <= b && a <= to)) report(i, `prizes[${j}].places`, 'overlaps the places of another prize');
      taken.push([from, to]);
      if (prize.rewardId !== undefined && rewardIds && !rewardIds.has(prize.rewardId)) report(i, `prizes[${j}].rewardId`, `unknown reward "${prize.rewardId}"`);
    });
  });
  if (issues.length) throw new ValidationError(issues);
  const list = definitions.map((definition): Campaign => ({
    definition,
    id: definition.id,
    start: parseTime(definition.startsAt),
    end: parseTime(definition.endsAt),
    kind: 'count' in definition.score ? 'count' : 'points',
    filter: 'count' in definition.score ? compileFilter(definition.score.count) : undefined,
    minPoints: definition.eligibility?.minLevel === undefined ? 0 : levels.get(definition.eligibility.minLevel)!,
    leaderboardSize: definition.leaderboardSize ?? DEFAULT_LEADERBOARD_SIZE,
  }));
  return { list, byId: new Map(list.map((campaign) => [campaign.id, campaign])) };
}

export const DEFAULT_CAMPAIGNS = resolve(ROOT, 'server/campaigns/default.json');

/** Reads and validates the campaigns file (the built-in one when `path` is undefined). */
export function loadCampaigns(path: string | undefined, catalog: Catalog, rewardIds?: ReadonlySet<string>): CampaignSet {
  return loadDataFile('campaigns', path, DEFAULT_CAMPAIGNS, (input) => compileCampaigns(input, catalog, rewardIds));
}
