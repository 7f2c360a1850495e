/**
 * Operators' metrics over a range of days in the catalog's time zone (Moscow by default), counted
 * by SQL from the event log, the unlocks, the feedback and the redemptions. Definitions (also in
 * the README):
 * - a participant has at least one unlock by the end of the period looked at;
 * - active on a day (in a month) = at least one event that day (month);
 * - achievements per participant in a month = unlocks that month of the participants active that
 *   month ÷ their number;
 * - 30-day retention: the cohort is everyone active in the first 30 days of the range, from their
 *   first event in it; retained = active again 30 to 60 days after that first event; participants =
 *   those with an unlock before the 30 days were over, the others are non-participants;
 * - per achievement: unlocks (tiers counted one by one) in the range; rarity and ratings as of now.
 * Months are clipped to the range.
 */
import { sql } from 'kysely';
import type { Catalog } from '../src/engine/index.ts';
import type { Db } from './db/open.ts';
import { invalidRequest } from './errors.ts';
import { countRarity, rarityOf, twoDecimals } from './rarity.ts';
import type { RewardSet } from './rewards/definition.ts';

const DAY = 86_400_000;
const DEFAULT_RANGE_DAYS = 90;
const MAX_RANGE_DAYS = 366;
const COHORT_DAYS = 30;
const RETENTION_FROM = 30 * DAY;
const RETENTION_TO = 60 * DAY;

export interface MetricsRange {
  /** Local day numbers (days since 1970-01-01 on the zone's wall clock), both included. */
  fromDay: number;
  toDay: number;
}

interface Period {
  label: string;
  start: number;
  end: number;
}

const dayLabel = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

function parseDay(name: 'from' | 'to', value: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const day = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY : NaN;
  if (!Number.isInteger(day) || dayLabel(day) !== value) {
    throw invalidRequest(name, 'expected a date YYYY-MM-DD');
  }
  return day;
}

/** `?from=&to=` (local days, both included); by default the last 90 days up to today. */
export function parseRange(catalog: Catalog, query: { from?: string | undefined; to?: string | undefined }, now: number): MetricsRange {
  const toDay = query.to === undefined ? catalog.calendar.day(now) : parseDay('to', query.to);
  const fromDay = query.from === undefined ? toDay - DEFAULT_RANGE_DAYS + 1 : parseDay('from', query.from);
  if (fromDay > toDay) throw invalidRequest('from', 'expected a day no later than to');
  if (toDay - fromDay + 1 > MAX_RANGE_DAYS) throw invalidRequest('from', `expected a range of at most ${MAX_RANGE_DAYS} days`);
  return { fromDay, toDay };
}

function days(catalog: Catalog, range: MetricsRange): Period[] {
  const out: Period[] = [];
  for (let day = range.fromDay; day <= range.toDay; day++) out.push({ label: dayLabel(day), start: catalog.calendar.start('day', day), end: catalog.calendar.end('day', day) });
  return out;
}

function months(catalog: Catalog, start: number, end: number): Period[] {
  const out: Period[] = [];
  for (let key = catalog.calendar.key('month', start); key <= catalog.calendar.key('month', end - 1); key++) {
    const label = `${Math.floor(key / 12)}-${String((key % 12) + 1).padStart(2, '0')}`;
    out.push({ label, start: Math.max(start, catalog.calendar.start('month', key)), end: Math.min(end, catalog.calendar.end('month', key)) });
  }
  return out;
}

/** The periods as a table `periods(label, start_at, end_at)` to join against. */
const periodsTable = (periods: readonly Period[]) => sql`periods(label, start_at, end_at) AS (VALUES ${sql.join(periods.map((p) => sql`(${p.label}, ${p.start}, ${p.end})`))})`;

/**
 * Per period: the participants active in it, and the unlocks those participants had in it (one
 * pass serves both the active counts and the averages).
 */
async function activity(db: Db, periods: readonly Period[]): Promise<Map<string, { participants: number; unlocks: number }>> {
  const { rows } = await sql<{ label: string; participants: number; unlocks: number }>`
    WITH ${periodsTable(periods)},
    active AS (
      SELECT DISTINCT p.label AS label, p.start_at AS start_at, p.end_at AS end_at, e.user_id AS user_id
      FROM periods p JOIN events e ON e.occurred_at >= p.start_at AND e.occurred_at < p.end_at
    )
    SELECT a.label AS label, COUNT(*) AS participants,
      SUM((SELECT COUNT(*) FROM unlocks u WHERE u.user_id = a.user_id AND u.unlocked_at >= a.start_at AND u.unlocked_at < a.end_at)) AS unlocks
    FROM active a
    WHERE EXISTS (SELECT 1 FROM unlocks u WHERE u.user_id = a.user_id AND u.unlocked_at < a.end_at)
    GROUP BY a.label`.execute(db);
  return new Map(rows.map((row) => [row.label, { participants: Number(row.participants), unlocks: Number(row.unlocks) }]));
}

async function retention(db: Db, cohortStart: number, cohortEnd: number) {
  const { rows } = await sql<{ participant: number; cohort: number; retained: number }>`
    WITH firsts AS (
      SELECT user_id, MIN(occurred_at) AS first_at FROM events
      WHERE occurred_at >= ${cohortStart} AND occurred_at < ${cohortEnd} GROUP BY user_id
    ),
    cohort AS (
      SELECT
        CASE WHEN EXISTS (SELECT 1 FROM unlocks u WHERE u.user_id = f.user_id AND u.unlocked_at < f.first_at + ${RETENTION_FROM}) THEN 1 ELSE 0 END AS participant,
        CASE WHEN EXISTS (
          SELECT 1 FROM events e WHERE e.user_id = f.user_id AND e.occurred_at >= f.first_at + ${RETENTION_FROM} AND e.occurred_at < f.first_at + ${RETENTION_TO}
        ) THEN 1 ELSE 0 END AS retained
      FROM firsts f
    )
    SELECT participant, COUNT(*) AS cohort, SUM(retained) AS retained FROM cohort GROUP BY participant`.execute(db);
  const group = (participant: number) => {
    const row = rows.find((r) => Number(r.participant) === participant);
    const cohort = Number(row?.cohort ?? 0);
    const retained = Number(row?.retained ?? 0);
    return { cohort, retained, rate: cohort ? twoDecimals(retained / cohort) : 0 };
  };
  return { participants: group(1), nonParticipants: group(0) };
}

export async function computeMetrics(db: Db, catalog: Catalog, rewards: RewardSet, range: MetricsRange) {
  const daily = days(catalog, range);
  const start = daily[0]!.start;
  const end = daily.at(-1)!.end;
  const monthly = months(catalog, start, end);
  const perDay = await activity(db, daily);
  const perMonth = await activity(db, monthly);

  const unlocks = await db
    .selectFrom('unlocks')
    .select((eb) => ['achievement_id', eb.fn.countAll<number>().as('n')])
    .where('unlocked_at', '>=', start)
    .where('unlocked_at', '<', end)
    .groupBy('achievement_id')
    .execute();
  const unlocksOf = new Map(unlocks.map((row) => [row.achievement_id, Number(row.n)]));
  const ratings = await db
    .selectFrom('feedback')
    .select((eb) => ['achievement_id', eb.fn.avg<number>('rating').as('average'), eb.fn.countAll<number>().as('n')])
    .groupBy('achievement_id')
    .execute();
  const ratingsOf = new Map(ratings.map((row) => [row.achievement_id, { average: Number(row.average), count: Number(row.n) }]));
  const rarity = await countRarity(db, catalog);

  const granted = await db
    .selectFrom('redemptions')
    .select((eb) => ['reward_id', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('cost').as('points')])
    .where('granted_at', '>=', start)
    .where('granted_at', '<', end)
    .groupBy('reward_id')
    .execute();
  const grantedOf = new Map(granted.map((row) => [row.reward_id, { count: Number(row.n), points: Number(row.points) }]));
  // The file's rewards in its order, then any no longer in it that were granted in the range.
  const rewardIds = [...new Set([...rewards.list.map((reward) => reward.id), ...[...grantedOf.keys()].sort()])];

  return {
    from: dayLabel(range.fromDay),
    to: dayLabel(range.toDay),
    activeParticipants: {
      daily: daily.map((day) => ({ day: day.label, count: perDay.get(day.label)?.participants ?? 0 })),
      monthly: monthly.map((month) => ({ month: month.label, count: perMonth.get(month.label)?.participants ?? 0 })),
    },
    achievementsPerParticipant: monthly.map((month) => {
      const activeIn = perMonth.get(month.label);
      return { month: month.label, average: activeIn ? twoDecimals(activeIn.unlocks / activeIn.participants) : 0 };
    }),
    retention30: await retention(db, start, Math.min(end, catalog.calendar.start('day', range.fromDay + COHORT_DAYS))),
    achievements: catalog.achievements.map(({ definition: { id } }) => {
      const rated = ratingsOf.get(id);
      return { id, unlocks: unlocksOf.get(id) ?? 0, rarity: rarityOf(rarity, id), ...(rated ? { averageRating: twoDecimals(rated.average) } : {}), ratings: rated?.count ?? 0 };
    }),
    redemptions: rewardIds.map((rewardId) => ({ rewardId, count: grantedOf.get(rewardId)?.count ?? 0, points: grantedOf.get(rewardId)?.points ?? 0 })),
  };
}
