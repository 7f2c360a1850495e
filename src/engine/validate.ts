/**
 * Validation of events and catalogs (valibot for the shapes, then the rules shapes cannot say).
 * Every problem is reported with the path to the field: `events[3].occurredAt: …` for events,
 * `regular-user: criterion.count.within.period: …` for achievement definitions.
 */
import * as v from 'valibot';
import { MAX_DISTINCT } from './criteria/distinct.ts';
import { MAX_EVERY_VALUES } from './criteria/every.ts';
import { parseTime } from './time.ts';
import type { AchievementEvent, CatalogDefinition, Criterion } from './types.ts';
import { CHANNELS, DIFFICULTIES, PERIODS } from './types.ts';

export interface ValidationIssue {
  path: string;
  message: string;
}

export class ValidationError extends Error {
  readonly issues: ValidationIssue[];

  constructor(issues: ValidationIssue[]) {
    const [first] = issues;
    super(first ? `${first.path}: ${first.message}` : 'invalid input');
    this.name = 'ValidationError';
    this.issues = issues;
  }
}

export const MAX_BATCH = 1000;

// ── shared pieces ────────────────────────────────────────────────────────────────────────────

const text = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1, 'expected non-empty text'), v.maxLength(max, `expected at most ${max} characters`));
const slug = (max: number) =>
  v.pipe(v.string(), v.regex(/^[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*$/, 'expected lower-case letters, digits and . _ -'), v.maxLength(max, `expected at most ${max} characters`));
const positiveInteger = v.pipe(v.number(), v.integer('expected an integer'), v.minValue(1, 'expected at least 1'));
const points = v.pipe(v.number(), v.integer('expected an integer'), v.minValue(0, 'expected 0 or more'), v.maxValue(100_000, 'expected at most 100000'));
const rfc3339 = v.pipe(
  v.string(),
  v.check((value) => !Number.isNaN(parseTime(value)), 'expected an RFC 3339 date-time with an offset, e.g. 2025-03-31T22:30:00Z'),
);
const attributeValue = v.union(
  [v.pipe(v.string(), v.maxLength(256, 'expected at most 256 characters')), v.pipe(v.number(), v.finite('expected a finite number')), v.boolean()],
  'expected a string, number or boolean',
);
const attributeName = v.pipe(v.string(), v.regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'expected a name of letters, digits and _'));
/** Names valibot's record skips without a word (they lead to an object's prototype). */
const RESERVED_NAMES = ['__proto__', 'constructor', 'prototype'];
/**
 * A record of attributes that refuses the reserved names, each named like any field
 * (`events[0].attributes.__proto__`), instead of storing the record without them. Own keys of the
 * raw input: JSON.parse makes `__proto__` an own property.
 */
const attributeRecord = <T extends v.GenericSchema>(value: T) =>
  v.pipe(
    v.unknown(),
    v.rawCheck(({ dataset, addIssue }) => {
      const input = dataset.value;
      if (typeof input !== 'object' || input === null) return;
      for (const key of RESERVED_NAMES) {
        if (Object.hasOwn(input, key)) {
          const record = input as Record<string, unknown>;
          addIssue({ message: 'a reserved name, not allowed as an attribute', path: [{ type: 'object', origin: 'key', input: record, key, value: record[key] }] });
        }
      }
    }),
    v.record(attributeName, value),
  );
const oneOrMore = <T extends v.GenericSchema>(item: T) =>
  v.union([item, v.pipe(v.array(item), v.minLength(1, 'expected at least one'))], 'expected a value or a non-empty list');

// ── events ───────────────────────────────────────────────────────────────────────────────────

const identifier = v.pipe(
  v.string(),
  v.regex(/^[\x21-\x7e]{1,128}$/, 'expected 1 to 128 printable characters without spaces'),
);

const EventSchema = v.strictObject({
  id: identifier,
  userId: identifier,
  type: slug(64),
  occurredAt: rfc3339,
  channel: v.optional(v.picklist(CHANNELS)),
  attributes: v.optional(
    v.pipe(
      attributeRecord(attributeValue),
      v.check((value) => Object.keys(value).length <= 32, 'expected at most 32 attributes'),
    ),
  ),
});

const BatchSchema = v.strictObject({
  events: v.pipe(v.array(EventSchema), v.minLength(1, 'expected at least one event'), v.maxLength(MAX_BATCH, `expected at most ${MAX_BATCH} events`)),
});

// ── catalog ──────────────────────────────────────────────────────────────────────────────────

const FilterSchema = v.strictObject({
  type: oneOrMore(slug(64)),
  channel: v.optional(oneOrMore(v.picklist(CHANNELS))),
  attributes: v.optional(
    attributeRecord(
      v.lazy((input) => {
        if (typeof input !== 'object' || input === null) return attributeValue;
        if ('in' in input) return v.strictObject({ in: v.pipe(v.array(attributeValue), v.minLength(1, 'expected at least one value')) });
        return v.strictObject({ gte: v.optional(v.number()), lte: v.optional(v.number()) });
      }),
    ),
  ),
});

const PeriodWindow = v.strictObject({ period: v.picklist(PERIODS) });
const WindowSchema = v.lazy((input) =>
  typeof input === 'object' && input !== null && 'from' in input ? v.strictObject({ from: rfc3339, to: rfc3339 }) : PeriodWindow,
);

const KINDS = ['count', 'distinct', 'every', 'streak', 'share', 'sequence', 'achievements', 'allOf', 'anyOf'] as const;
const TIERABLE = new Set(['count', 'distinct', 'streak']);
const STEP_KINDS = new Set(['count', 'distinct', 'every']);

const criterionBodies: Record<(typeof KINDS)[number], () => v.GenericSchema> = {
  count: () => v.strictObject({ of: FilterSchema, atLeast: v.optional(positiveInteger), within: v.optional(WindowSchema) }),
  distinct: () =>
    v.strictObject({
      of: FilterSchema,
      attribute: attributeName,
      atLeast: v.optional(v.pipe(positiveInteger, v.maxValue(MAX_DISTINCT, `expected at most ${MAX_DISTINCT}`))),
      within: v.optional(WindowSchema),
    }),
  every: () =>
    v.strictObject({
      of: FilterSchema,
      attribute: attributeName,
      values: v.pipe(
        v.array(attributeValue),
        v.minLength(1, 'expected at least one value'),
        v.maxLength(MAX_EVERY_VALUES, `expected at most ${MAX_EVERY_VALUES} values`),
        v.check((values) => new Set(values).size === values.length, 'expected distinct values'),
      ),
      within: v.optional(WindowSchema),
    }),
  streak: () =>
    v.strictObject({ of: FilterSchema, period: v.picklist(PERIODS), atLeast: v.optional(positiveInteger), brokenBy: v.optional(FilterSchema) }),
  share: () =>
    v.strictObject({
      of: oneOrMore(FilterSchema),
      where: oneOrMore(FilterSchema),
      atLeast: v.pipe(v.number(), v.gtValue(0, 'expected a share above 0'), v.maxValue(1, 'expected a share of at most 1')),
      minCount: positiveInteger,
      within: PeriodWindow,
    }),
  sequence: () => v.strictObject({ stages: v.pipe(v.array(FilterSchema), v.minLength(1, 'expected at least one stage')) }),
  achievements: () =>
    v.strictObject({ ids: v.pipe(v.array(slug(64)), v.minLength(1, 'expected at least one id')), atLeast: v.optional(positiveInteger) }),
  allOf: () => v.pipe(v.array(CriterionSchema), v.minLength(1, 'expected at least one condition')),
  anyOf: () => v.pipe(v.array(CriterionSchema), v.minLength(1, 'expected at least one condition')),
};

const criterionKind = (input: unknown) => {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  const keys = Object.keys(input);
  return keys.length === 1 && (KINDS as readonly string[]).includes(keys[0]!) ? (keys[0] as (typeof KINDS)[number]) : undefined;
};

const CriterionSchema: v.GenericSchema = v.lazy((input) => {
  const kind = criterionKind(input);
  if (!kind) return v.custom(() => false, `expected an object with exactly one of ${KINDS.join('|')}`);
  return v.strictObject({ [kind]: criterionBodies[kind]() });
});

const LocalizedSchema = (max: number) => v.strictObject({ ru: text(max), en: text(max) });

const AchievementSchema = v.strictObject({
  id: slug(64),
  title: LocalizedSchema(80),
  description: LocalizedSchema(400),
  difficulty: v.picklist(DIFFICULTIES),
  category: slug(64),
  points: v.optional(points),
  icon: v.pipe(
    v.string(),
    v.regex(/^(?:https?:\/\/[^\s]+|[a-z0-9][a-z0-9_-]*(?:\/[a-z0-9][a-z0-9_-]*)*\.(?:svg|png))$/, 'expected an http(s) URL or a relative .svg/.png path'),
  ),
  hidden: v.optional(v.boolean()),
  tiers: v.optional(
    v.pipe(v.array(v.strictObject({ target: positiveInteger, points })), v.minLength(1, 'expected at least one tier'), v.maxLength(20, 'expected at most 20 tiers')),
  ),
  unit: v.optional(
    v.strictObject({
      ru: v.strictObject({ one: text(40), few: text(40), many: text(40) }),
      en: v.strictObject({ one: text(40), other: text(40) }),
    }),
  ),
  // Printable ASCII without spaces or backslashes ('/\host' is another host to a browser); a path must not start with '//'.
  link: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^(?:https?:\/\/[\x21-\x5b\x5d-\x7e]+|\/(?!\/)[\x21-\x5b\x5d-\x7e]*)$/, 'expected an http(s) URL or a path on the portal starting with /'),
      v.maxLength(500, 'expected at most 500 characters'),
    ),
  ),
  criterion: CriterionSchema,
});

const CatalogSchema = v.strictObject({
  version: positiveInteger,
  timeZone: v.optional(v.string()),
  verification: v.optional(v.strictObject({ type: slug(64), steps: v.optional(v.array(slug(64))) })),
  achievements: v.pipe(v.array(AchievementSchema), v.minLength(1, 'expected at least one achievement')),
  pointRules: v.optional(
    v.array(
      v.strictObject({
        id: slug(64),
        of: FilterSchema,
        points: positiveInteger,
        cap: v.optional(v.strictObject({ count: positiveInteger, per: v.picklist(PERIODS) })),
      }),
    ),
  ),
  levels: v.pipe(
    v.array(
      v.strictObject({
        id: slug(64),
        title: LocalizedSchema(80),
        minPoints: points,
        privileges: v.array(v.strictObject({ id: slug(64), title: LocalizedSchema(120) })),
      }),
    ),
    v.minLength(1, 'expected at least one level'),
  ),
});

// ── issue formatting ─────────────────────────────────────────────────────────────────────────

type PathItem = { key: unknown };

function joinPath(keys: readonly unknown[]): string {
  return keys.reduce<string>((path, key) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${String(key)}` : String(key)), '');
}

function describe(issue: v.BaseIssue<unknown>): string {
  if (issue.expected === 'never') return 'unknown field';
  if (issue.received === 'undefined') return 'required';
  if (issue.type === 'picklist') return `expected one of ${(issue.expected ?? '').replace(/[()" ]/g, '')}`;
  if (issue.message.startsWith('Invalid type: Expected ')) return `expected ${issue.expected}, received ${issue.received}`;
  return issue.message;
}

function issuesOf(issues: readonly v.BaseIssue<unknown>[], prefix: readonly unknown[] = []): { keys: unknown[]; message: string }[] {
  return issues.map((issue) => ({
    keys: [...prefix, ...((issue.path ?? []) as PathItem[]).map((item) => item.key)],
    message: describe(issue),
  }));
}

// ── events API ───────────────────────────────────────────────────────────────────────────────

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

export function validateEvent(input: unknown): Validated<AchievementEvent> {
  const result = v.safeParse(EventSchema, input);
  if (result.success) return { ok: true, value: result.output as AchievementEvent };
  return { ok: false, issues: issuesOf(result.issues).map(({ keys, message }) => ({ path: joinPath(keys) || 'event', message })) };
}

/** A batch `{ events: [...] }`; one invalid event rejects the whole batch, naming index and field. */
export function validateEventBatch(input: unknown): Validated<AchievementEvent[]> {
  const result = v.safeParse(BatchSchema, input);
  if (result.success) return { ok: true, value: result.output.events as AchievementEvent[] };
  return { ok: false, issues: issuesOf(result.issues).map(({ keys, message }) => ({ path: joinPath(keys) || 'body', message })) };
}

// ── catalog API ──────────────────────────────────────────────────────────────────────────────

/**
 * Names a path in a data file after the entry of `list` it is in, by the entry's id:
 * `regular-user: criterion.count.atLeast`, `fast-track: limit.period`; `whole` names the file.
 * The catalog, and the server's rewards and campaigns files, name their errors this way.
 */
export function entryPath(input: unknown, list: string, keys: readonly unknown[], whole: string = list): string {
  if (keys[0] === list && typeof keys[1] === 'number') {
    const entry = (input as Record<string, unknown[] | undefined> | undefined)?.[list]?.[keys[1]] as { id?: unknown } | undefined;
    const id = typeof entry?.id === 'string' && entry.id ? entry.id : `${list}[${keys[1]}]`;
    return keys.length > 2 ? `${id}: ${joinPath(keys.slice(2))}` : id;
  }
  return joinPath(keys) || whole;
}

/** valibot's issues for such a file, each named by `entryPath`. */
export function entryIssues(input: unknown, list: string, issues: readonly v.BaseIssue<unknown>[]): ValidationIssue[] {
  return issuesOf(issues).map(({ keys, message }) => ({ path: entryPath(input, list, keys), message }));
}

export function validateCatalog(input: unknown): Validated<CatalogDefinition> {
  const result = v.safeParse(CatalogSchema, input);
  const found = result.success ? semanticIssues(result.output as CatalogDefinition) : issuesOf(result.issues);
  if (!found.length) return { ok: true, value: result.output as CatalogDefinition };
  return { ok: false, issues: found.map(({ keys, message }) => ({ path: entryPath(input, 'achievements', keys, 'catalog'), message })) };
}

function semanticIssues(catalog: CatalogDefinition): { keys: unknown[]; message: string }[] {
  const issues: { keys: unknown[]; message: string }[] = [];
  const report = (keys: unknown[], message: string) => issues.push({ keys, message });

  if (catalog.timeZone !== undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: catalog.timeZone });
    } catch {
      report(['timeZone'], 'expected an IANA time zone such as Europe/Moscow');
    }
  }
  duplicates(catalog.achievements.map((a) => a.id)).forEach((i) => report(['achievements', i, 'id'], 'duplicate id'));
  duplicates((catalog.pointRules ?? []).map((r) => r.id)).forEach((i) => report(['pointRules', i, 'id'], 'duplicate id'));
  duplicates(catalog.levels.map((l) => l.id)).forEach((i) => report(['levels', i, 'id'], 'duplicate id'));
  catalog.levels.forEach((level, i) => {
    if (i === 0 && level.minPoints !== 0) report(['levels', 0, 'minPoints'], 'the first level must start at 0 points');
    if (i > 0 && level.minPoints <= catalog.levels[i - 1]!.minPoints) report(['levels', i, 'minPoints'], 'expected more points than the level before');
  });

  const ids = new Set(catalog.achievements.map((a) => a.id));
  catalog.achievements.forEach((achievement, i) => {
    const at = (...keys: unknown[]) => ['achievements', i, ...keys];
    const kind = criterionKind(achievement.criterion)!;
    if (achievement.tiers) {
      if (!TIERABLE.has(kind)) report(at('tiers'), 'tiers apply to count, distinct and streak criteria only');
      achievement.tiers.forEach((tier, j) => {
        if (j > 0 && tier.target <= achievement.tiers![j - 1]!.target) report(at('tiers', j, 'target'), 'expected a higher target than the tier before');
        if (kind === 'distinct' && tier.target > MAX_DISTINCT) report(at('tiers', j, 'target'), `expected at most ${MAX_DISTINCT}`);
      });
      if (achievement.points !== undefined) report(at('points'), 'a tiered achievement gives points per tier');
    } else if (achievement.points === undefined) {
      report(at('points'), 'required');
    }
    checkCriterion(achievement.criterion, at('criterion'), Boolean(achievement.tiers), achievement.id, ids, report);
  });
  cycles(catalog).forEach((i) => report(['achievements', i, 'criterion'], 'achievements depend on each other in a cycle'));
  catalog.verification?.steps?.forEach((id, j) => {
    const step = catalog.achievements.find((a) => a.id === id);
    if (!step) {
      report(['verification', 'steps', j], `unknown achievement "${id}"`);
      return;
    }
    // Before verification only a step's own events reach it: no windows close, nothing is earned.
    const kind = criterionKind(step.criterion)!;
    if (!STEP_KINDS.has(kind) || (step.criterion as Record<string, { within?: unknown }>)[kind]!.within !== undefined) report(['verification', 'steps', j], 'a verification step counts with count, distinct or every, without a window');
  });
  return issues;
}

function checkCriterion(
  criterion: Criterion,
  keys: unknown[],
  tiered: boolean,
  selfId: string,
  ids: Set<string>,
  report: (keys: unknown[], message: string) => void,
): void {
  const [kind, body] = Object.entries(criterion)[0] as [string, Record<string, unknown>];
  const at = (...more: unknown[]) => [...keys, kind, ...more];
  if (TIERABLE.has(kind)) {
    if (tiered && body.atLeast !== undefined) report(at('atLeast'), 'tiers set the targets; remove atLeast');
    if (!tiered && body.atLeast === undefined) report(at('atLeast'), 'required unless the achievement has tiers');
  }
  const within = body.within as { from?: string; to?: string } | undefined;
  if (within?.from && within.to && parseTime(within.from) >= parseTime(within.to)) report(at('within', 'to'), 'expected a time after from');
  if (kind === 'achievements') {
    const list = body.ids as string[];
    list.forEach((id, j) => {
      if (id === selfId) report(at('ids', j), 'an achievement cannot require itself');
      else if (!ids.has(id)) report(at('ids', j), `unknown achievement "${id}"`);
    });
    if (new Set(list).size !== list.length) report(at('ids'), 'expected distinct ids');
    if (typeof body.atLeast === 'number' && body.atLeast > list.length) report(at('atLeast'), `expected at most ${list.length}`);
  }
  if (kind === 'allOf' || kind === 'anyOf') {
    // Tiers apply to the top-level measure only: nested conditions always name their own target.
    (criterion as { allOf?: Criterion[]; anyOf?: Criterion[] })[kind]!.forEach((child, j) =>
      checkCriterion(child, [...keys, kind, j], false, selfId, ids, report),
    );
  }
}

function duplicates(values: string[]): number[] {
  const seen = new Set<string>();
  return values.flatMap((value, i) => (seen.has(value) ? [i] : (seen.add(value), [])));
}

/** Indexes of achievements on a dependency cycle through meta criteria. */
function cycles(catalog: CatalogDefinition): number[] {
  const deps = new Map(catalog.achievements.map((a) => [a.id, metaIds(a.criterion)]));
  const state = new Map<string, 'visiting' | 'done'>();
  const onCycle = new Set<string>();
  const visit = (id: string, stack: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      stack.slice(stack.indexOf(id)).forEach((member) => onCycle.add(member));
      return;
    }
    state.set(id, 'visiting');
    for (const dep of deps.get(id) ?? []) visit(dep, [...stack, id]);
    state.set(id, 'done');
  };
  for (const id of deps.keys()) visit(id, []);
  return catalog.achievements.flatMap((a, i) => (onCycle.has(a.id) ? [i] : []));
}

export function metaIds(criterion: Criterion): string[] {
  if ('achievements' in criterion) return criterion.achievements.ids;
  if ('allOf' in criterion) return criterion.allOf.flatMap(metaIds);
  if ('anyOf' in criterion) return criterion.anyOf.flatMap(metaIds);
  return [];
}
