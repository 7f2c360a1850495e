/**
 * Test harness: ingestion as the server does it. The log is keyed by event id (first wins);
 * in-order events are folded incrementally, a late one triggers a replay of the log with the
 * current unlocks kept.
 */
import catalogJson from '../../../src/engine/catalog/default.json' with { type: 'json' };
import type { AchievementDefinition, AchievementEvent, AchievementView, Catalog, CatalogDefinition, Changes, Channel, Criterion, UserState } from '../../../src/engine/index.ts';
import { compileCatalog, createUserState, describeUser, evaluateEvent, parseTime, replayEvents, unlocksOf } from '../../../src/engine/index.ts';

export const defaultCatalog = compileCatalog(catalogJson);
export { catalogJson };

export interface Ingested {
  status: 'applied' | 'duplicate' | 'replayed';
  changes: Changes;
}

export class Ledger {
  readonly catalog: Catalog;
  readonly log = new Map<string, AchievementEvent>();
  state: UserState;
  replays = 0;

  constructor(catalog: Catalog = defaultCatalog) {
    this.catalog = catalog;
    this.state = createUserState(catalog);
  }

  ingest(event: AchievementEvent): Ingested {
    const none: Changes = { unlocked: [], progressed: [], points: 0 };
    if (this.log.has(event.id)) return { status: 'duplicate', changes: none };
    this.log.set(event.id, event);
    const result = evaluateEvent(this.catalog, this.state, event);
    if (result.status === 'applied') return { status: 'applied', changes: result.changes };
    if (result.status === 'duplicate') return { status: 'duplicate', changes: none };
    this.replays += 1;
    const replayed = replayEvents(this.catalog, this.log.values(), { previous: this.state });
    this.state = replayed.state;
    return { status: 'replayed', changes: replayed.changes };
  }
}

interface Options {
  channel?: Channel;
  attributes?: Record<string, string | number | boolean>;
  id?: string;
}

/** A citizen telling their story: `at` is Moscow wall-clock time unless it has an offset. */
export class Citizen {
  readonly ledger: Ledger;
  readonly userId: string;
  #next = 0;

  constructor(userId = 'citizen-1', catalog?: Catalog) {
    this.userId = userId;
    this.ledger = new Ledger(catalog);
  }

  static time(at: string): string {
    return /(?:Z|[+-]\d\d:\d\d)$/.test(at) ? at : `${at}+03:00`;
  }

  event(type: string, at: string, options: Options = {}): AchievementEvent {
    const { id, ...rest } = options;
    return { id: id ?? `${this.userId}-${++this.#next}`, userId: this.userId, type, occurredAt: Citizen.time(at), ...rest };
  }

  do(type: string, at: string, options: Options = {}): Changes {
    return this.ledger.ingest(this.event(type, at, options)).changes;
  }

  /** Registered and verified: nothing counts before verification. */
  verified(at = '2025-01-10T12:00:00'): this {
    this.do('profile.registered', at);
    this.do('profile.verified', at);
    return this;
  }

  view(now: string) {
    return describeUser(this.ledger.catalog, this.ledger.state, parseTime(Citizen.time(now)));
  }

  achievement(id: string, now: string): AchievementView {
    const found = this.view(now).achievements.find((a) => a.id === id);
    if (!found) throw new Error(`no achievement ${id}`);
    return found;
  }
}

/** Unlock times per achievement (ms, by tier). */
export function unlockTimes(catalog: Catalog, state: UserState): Map<string, number[]> {
  const times = new Map<string, number[]>();
  for (const unlock of unlocksOf(catalog, state)) times.set(unlock.achievementId, [...(times.get(unlock.achievementId) ?? []), Date.parse(unlock.unlockedAt)]);
  return times;
}

export const unlockedIds = (changes: Changes) => changes.unlocked.map((u) => (u.tier ? `${u.achievementId}#${u.tier}` : u.achievementId));

/** One achievement definition for a small test catalog: the texts and icon are filler. */
export function definition(id: string, criterion: Criterion, extra: Partial<AchievementDefinition> = {}): AchievementDefinition {
  return {
    id,
    title: { ru: id, en: id },
    description: { ru: id, en: id },
    difficulty: 'simple',
    category: 'test',
    points: 10,
    icon: 'icons/registered.svg',
    criterion,
    ...extra,
  };
}

/** A small catalog (Moscow time, no verification gate unless given, one level) as plain data. */
export function smallCatalog(achievements: AchievementDefinition[], extra: Partial<CatalogDefinition> = {}): CatalogDefinition {
  return {
    version: 1,
    timeZone: 'Europe/Moscow',
    achievements,
    levels: [{ id: 'newcomer', title: { ru: 'Новичок', en: 'Newcomer' }, minPoints: 0, privileges: [] }],
    ...extra,
  };
}
