/** Public shapes of the engine: events in, definitions as data, state and changes out. */

export const CHANNELS = ['web', 'mobile', 'office', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

export const PERIODS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type Period = (typeof PERIODS)[number];

export const DIFFICULTIES = ['simple', 'medium', 'complex'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export type AttributeValue = string | number | boolean;

/** One fact about a citizen's action, as the portal reports it. */
export interface AchievementEvent {
  id: string;
  userId: string;
  type: string;
  /** RFC 3339 date-time with an offset. */
  occurredAt: string;
  channel?: Channel;
  attributes?: Record<string, AttributeValue>;
}

export interface LocalizedText {
  ru: string;
  en: string;
}

/** Matches an attribute: a value, one of several, or a numeric range. */
export type AttributeMatch = AttributeValue | { in: AttributeValue[] } | { gte?: number; lte?: number };

export interface EventFilter {
  type: string | string[];
  channel?: Channel | Channel[];
  attributes?: Record<string, AttributeMatch>;
}

/** A calendar window in the catalog's time zone, or a fixed date range [from, to). */
export type Window = { period: Period } | { from: string; to: string };

export type Criterion =
  | { count: { of: EventFilter; atLeast?: number; within?: Window } }
  | { distinct: { of: EventFilter; attribute: string; atLeast?: number; within?: Window } }
  | { every: { of: EventFilter; attribute: string; values: AttributeValue[]; within?: Window } }
  | { streak: { of: EventFilter; period: Period; atLeast?: number; brokenBy?: EventFilter } }
  | {
      share: {
        of: EventFilter | EventFilter[];
        where: EventFilter | EventFilter[];
        atLeast: number;
        minCount: number;
        within: { period: Period };
      };
    }
  | { sequence: { stages: EventFilter[] } }
  | { achievements: { ids: string[]; atLeast?: number } }
  | { allOf: Criterion[] }
  | { anyOf: Criterion[] };

export interface Tier {
  target: number;
  points: number;
}

/** The noun a progress count is in, with the plural forms each language needs. */
export interface Unit {
  ru: { one: string; few: string; many: string };
  en: { one: string; other: string };
}

export interface AchievementDefinition {
  id: string;
  title: LocalizedText;
  description: LocalizedText;
  difficulty: Difficulty;
  category: string;
  /** Points for a non-tiered achievement; tiered ones give points per tier. */
  points?: number;
  icon: string;
  hidden?: boolean;
  tiers?: Tier[];
  unit?: Unit;
  /** Where on the portal to earn it: an http(s) URL, or a path on the portal starting with '/'. */
  link?: string;
  criterion: Criterion;
}

export interface PointRule {
  id: string;
  of: EventFilter;
  points: number;
  /** At most this many events score per calendar period (no farming). */
  cap?: { count: number; per: Period };
}

export interface Privilege {
  id: string;
  title: LocalizedText;
}

export interface Level {
  id: string;
  title: LocalizedText;
  minPoints: number;
  privileges: Privilege[];
}

export interface CatalogDefinition {
  version: number;
  timeZone?: string;
  /**
   * Events before the first event of this type earn nothing (the account is not verified yet),
   * except those of the `steps`: achievements for the steps of verification itself (filling the
   * profile, confirming contacts), which count before it and are earned at the verification.
   */
  verification?: { type: string; steps?: string[] };
  achievements: AchievementDefinition[];
  pointRules?: PointRule[];
  levels: Level[];
}

/**
 * A citizen's evaluated state: a fixed-size buffer laid out by the catalog (see layout.ts), plus
 * the id of the last event applied. Small and bounded whatever the number of events; treat it as
 * opaque outside the engine, and store it with `encodeState`.
 */
export interface UserState {
  /** The catalog layout it was built for (`Catalog.layoutId`). */
  readonly layout: string;
  readonly n: Float64Array;
  /** The id of the last event applied: with the watermark time, the order events are folded in. */
  w: string;
}

export interface Unlock {
  achievementId: string;
  /** 1-based tier for tiered achievements. */
  tier?: number;
  unlockedAt: string;
  points: number;
}

export interface Changes {
  unlocked: readonly Unlock[];
  /** Achievements whose progress moved (unlocked ones included). */
  progressed: readonly string[];
  /** Points gained. */
  points: number;
}

export type EvaluateResult =
  | { status: 'applied'; changes: Changes }
  | { status: 'duplicate' }
  /** Earlier than the state's watermark: replay the citizen's log with this event included. */
  | { status: 'late' }
  /** The state was built for another catalog: replay the citizen's log. */
  | { status: 'outdated' };
