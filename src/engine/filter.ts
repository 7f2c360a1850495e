/** Event filters compiled to predicates: type and channel sets, attribute values and ranges. */
import type { AchievementEvent, AttributeMatch, AttributeValue, EventFilter } from './types.ts';

export type Predicate = (event: AchievementEvent) => boolean;

export interface CompiledFilter {
  /** The event types it can match: the engine routes events by type. */
  types: string[];
  matches: Predicate;
}

const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

function attributeTest(match: AttributeMatch): (value: AttributeValue | undefined) => boolean {
  if (typeof match !== 'object') return (value) => value === match;
  if ('in' in match) {
    const allowed = new Set<AttributeValue>(match.in);
    return (value) => value !== undefined && allowed.has(value);
  }
  const { gte = -Infinity, lte = Infinity } = match;
  return (value) => typeof value === 'number' && value >= gte && value <= lte;
}

export function compileFilter(filter: EventFilter): CompiledFilter {
  const types = asList(filter.type);
  const typeSet = new Set(types);
  const channels = filter.channel === undefined ? undefined : new Set(asList(filter.channel));
  const attributes = Object.entries(filter.attributes ?? {}).map(([name, match]) => [name, attributeTest(match)] as const);
  return {
    types,
    matches: (event) => {
      if (!typeSet.has(event.type)) return false;
      if (channels && (event.channel === undefined || !channels.has(event.channel))) return false;
      for (const [name, test] of attributes) if (!test(event.attributes?.[name])) return false;
      return true;
    },
  };
}

/** Any of several filters. */
export function compileFilters(filters: EventFilter | EventFilter[]): CompiledFilter {
  const compiled = asList(filters).map(compileFilter);
  if (compiled.length === 1) return compiled[0]!;
  return {
    types: [...new Set(compiled.flatMap((f) => f.types))],
    matches: (event) => compiled.some((f) => f.matches(event)),
  };
}
