/**
 * Rarity: the share of participants — citizens with a verified profile and gamification on — who
 * earned each achievement (any tier). Counting it takes a pass over the citizens and the unlocks
 * (about 0.3 s for 100 000 citizens), so it is computed at start and then every RARITY_REFRESH_MS
 * in the background and kept in memory; GET /catalog only reads the cache. The public figure is withheld below RARITY_FLOOR participants, where it could
 * point at someone, and for hidden achievements, whose existence alone is public.
 */
import type { Catalog } from '../src/engine/index.ts';
import type { Db } from './db/open.ts';

export const RARITY_FLOOR = 20;
export const RARITY_REFRESH_MS = 10 * 60_000;

export interface RarityCounts {
  participants: number;
  /** Participants who earned it, per achievement id (absent: none). */
  earned: Map<string, number>;
}

/** Two decimals, as the API shows shares. */
export const twoDecimals = (value: number) => Math.round(value * 100) / 100;

/**
 * Participants' ids, one row each: citizens with a state, verified (when the catalog verifies) and
 * not switched off. Verification is looked up per citizen through the log's index by citizen, so
 * ingestion pays for no index by event type.
 */
function participants(db: Db, catalog: Catalog) {
  const query = db
    .selectFrom('user_states')
    .select('user_states.user_id')
    .where('user_states.user_id', 'not in', db.selectFrom('preferences').select('user_id').where('gamification', '=', 0));
  const type = catalog.verificationType;
  if (type === undefined) return query;
  return query.where(({ exists, selectFrom }) =>
    exists(selectFrom('events').select('events.seq').whereRef('events.user_id', '=', 'user_states.user_id').where('events.type', '=', type)),
  );
}

export async function countRarity(db: Db, catalog: Catalog): Promise<RarityCounts> {
  const total = await db
    .selectFrom(participants(db, catalog).as('p'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('unlocks')
    .select((eb) => ['achievement_id', eb.fn.count<number>('user_id').distinct().as('n')])
    .where('user_id', 'in', participants(db, catalog))
    .groupBy('achievement_id')
    .execute();
  return { participants: Number(total.n), earned: new Map(rows.map((row) => [row.achievement_id, Number(row.n)])) };
}

/** The share who earned `achievementId`, two decimals (0 when nobody takes part). */
export function rarityOf(counts: RarityCounts, achievementId: string): number {
  return counts.participants ? twoDecimals((counts.earned.get(achievementId) ?? 0) / counts.participants) : 0;
}

/** The public figures GET /catalog shows, refreshed in the background. */
export class RarityCache {
  readonly #db: Db;
  readonly #catalog: Catalog;
  #public = new Map<string, number>();

  constructor(db: Db, catalog: Catalog) {
    this.#db = db;
    this.#catalog = catalog;
  }

  /** The public rarity of an achievement, or undefined where it is withheld. */
  get(achievementId: string): number | undefined {
    return this.#public.get(achievementId);
  }

  async refresh(): Promise<void> {
    const counts = await countRarity(this.#db, this.#catalog);
    const next = new Map<string, number>();
    if (counts.participants >= RARITY_FLOOR) {
      for (const { definition } of this.#catalog.achievements) if (!definition.hidden) next.set(definition.id, rarityOf(counts, definition.id));
    }
    this.#public = next;
  }
}
