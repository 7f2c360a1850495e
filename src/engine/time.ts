/**
 * Time: RFC 3339 parsing and calendar periods in a time zone. Periods are numbered so that
 * consecutive periods have consecutive keys (a day, ISO week, month, quarter or year index),
 * which makes streaks and window roll-over integer arithmetic on the hot path.
 */
import type { Period } from './types.ts';

const DAY = 86_400_000;
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch, or NaN when the text is not an RFC 3339 date-time with an offset. */
export function parseTime(text: string): number {
  const m = RFC3339.exec(text);
  if (!m) return NaN;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > daysInMonth(y!, mo!) || h! > 23 || mi! > 59 || s! > 60) return NaN;
  return Date.parse(text);
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function formatTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** Days since 1970-01-01 → [year, month 1–12, day] (H. Hinnant's civil_from_days). */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

const OFFSET_BUCKET = 900_000; // zone transitions fall on quarter hours
const OFFSET_CACHE_LIMIT = 50_000;

/** Calendar arithmetic in one IANA time zone. */
export class Calendar {
  readonly timeZone: string;
  readonly #format: Intl.DateTimeFormat | undefined;
  readonly #offsets = new Map<number, number>();

  constructor(timeZone: string) {
    this.timeZone = timeZone;
    // Throws RangeError for an unknown zone, which catalog validation reports.
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    this.#format = timeZone === 'UTC' ? undefined : format;
  }

  /** The zone's offset from UTC (ms) at an instant. */
  offset(ms: number): number {
    if (!this.#format) return 0;
    const bucket = Math.floor(ms / OFFSET_BUCKET);
    let offset = this.#offsets.get(bucket);
    if (offset === undefined) {
      offset = this.#computeOffset(bucket * OFFSET_BUCKET);
      if (this.#offsets.size >= OFFSET_CACHE_LIMIT) this.#offsets.clear();
      this.#offsets.set(bucket, offset);
    }
    return offset;
  }

  #computeOffset(ms: number): number {
    const parts: Record<string, number> = {};
    for (const part of this.#format!.formatToParts(ms)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
    const local = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!);
    return local - Math.floor(ms / 60_000) * 60_000;
  }

  /** Local day index (days since 1970-01-01 on the zone's wall clock). */
  day(ms: number): number {
    return Math.floor((ms + this.offset(ms)) / DAY);
  }

  /** The number of the period containing an instant; consecutive periods differ by one. */
  key(period: Period, ms: number): number {
    const day = this.day(ms);
    switch (period) {
      case 'day':
        return day;
      case 'week':
        return Math.floor((day + 3) / 7); // weeks start on Monday; 1970-01-01 was a Thursday
      default: {
        const [year, month] = civilFromDays(day);
        if (period === 'year') return year;
        if (period === 'quarter') return year * 4 + Math.floor((month - 1) / 3);
        return year * 12 + month - 1;
      }
    }
  }

  /** The instant (ms) a period starts at, local midnight of its first day. */
  start(period: Period, key: number): number {
    let localDay: number;
    switch (period) {
      case 'day':
        localDay = key;
        break;
      case 'week':
        localDay = key * 7 - 3;
        break;
      case 'month':
        localDay = daysFromCivil(Math.floor(key / 12), (key % 12 + 12) % 12 + 1, 1);
        break;
      case 'quarter':
        localDay = daysFromCivil(Math.floor(key / 4), ((key % 4 + 4) % 4) * 3 + 1, 1);
        break;
      case 'year':
        localDay = daysFromCivil(key, 1, 1);
        break;
    }
    const local = localDay * DAY;
    return local - this.offset(local - this.offset(local));
  }

  /** The instant a period ends at (the next period's start, exclusive). */
  end(period: Period, key: number): number {
    return this.start(period, key + 1);
  }
}
