/**
 * Time: RFC 3339 parsing and calendar periods in a time zone. Periods are numbered so that
 * consecutive periods have consecutive keys (a day, ISO week, month, quarter or year index),
 * which makes streaks and window roll-over integer arithmetic on the hot path.
 */
import type { Period } from './types.ts';

const DAY = 86_400_000;
/** Milliseconds since the epoch, or NaN when the text is not an RFC 3339 date-time with an offset. */
export function parseTime(text: string): number {
  // Hand-parsed: this runs once per event on the ingestion hot path, where a regex and
  // Date.parse were a fifth of the engine's time.
  const n = text.length;
  if (n < 20 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || (text.charCodeAt(10) | 32) !== 116) return NaN;
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return NaN;
  const year = two(text, 0) * 100 + two(text, 2);
  const month = two(text, 5);
  const day = two(text, 8);
  const hour = two(text, 11);
  const minute = two(text, 14);
  const second = two(text, 17);
  // NaN fails every comparison, so a non-digit anywhere above ends up rejected here.
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59)) return NaN;
  let i = 19;
  let ms = 0;
  if (text.charCodeAt(i) === 46) {
    const start = ++i;
    for (let scale = 100; i < n && isDigit(text.charCodeAt(i)); i++, scale /= 10) {
      if (i - start === 9) return NaN;
      if (scale >= 1) ms += (text.charCodeAt(i) - 48) * scale;
    }
    if (i === start) return NaN;
  }
  let offset: number;
  const sign = text.charCodeAt(i);
  if ((sign | 32) === 122 && i + 1 === n) offset = 0;
  else if ((sign === 43 || sign === 45) && i + 6 === n && text.charCodeAt(i + 3) === 58) {
    const hours = two(text, i + 1);
    const minutes = two(text, i + 4);
    if (!(hours <= 23 && minutes <= 59)) return NaN;
    offset = (sign === 43 ? 1 : -1) * (hours * 60 + minutes) * 60_000;
  } else return NaN;
  return daysFromCivil(year, month, day) * DAY + ((hour * 60 + minute) * 60 + second) * 1000 + ms - offset;
}

const isDigit = (code: number) => code >= 48 && code <= 57;

/** The two-digit number at `start`, or NaN. */
function two(text: string, start: number): number {
  const tens = text.charCodeAt(start) - 48;
  const units = text.charCodeAt(start + 1) - 48;
  return tens >= 0 && tens <= 9 && units >= 0 && units <= 9 ? tens * 10 + units : NaN;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** RFC 3339 in UTC with milliseconds, as Date#toISOString writes it, without making a Date. */
export function formatTime(ms: number): string {
  const days = Math.floor(ms / DAY);
  const month = monthIndex(days);
  const year = Math.floor(month / 12);
  const day = days - daysFromCivil(year, month - year * 12 + 1, 1) + 1;
  const rest = ms - days * DAY;
  const yearText = year >= 0 && year <= 9999 ? pad(year, 4) : (year < 0 ? '-' : '+') + pad(Math.abs(year), 6);
  return `${yearText}-${pad(month - year * 12 + 1, 2)}-${pad(day, 2)}T${pad(Math.floor(rest / 3_600_000), 2)}:${pad(Math.floor(rest / 60_000) % 60, 2)}:${pad(Math.floor(rest / 1000) % 60, 2)}.${pad(rest % 1000, 3)}Z`;
}

/** Days since 1970-01-01 → months since year 0 (year × 12 + month − 1); H. Hinnant's civil_from_days. */
function monthIndex(days: number): number {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return (yoe + era * 400 + (month <= 2 ? 1 : 0)) * 12 + month - 1;
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
const VARIES = 1e15; // marks a UTC day with a transition: look up its quarter hours instead

/** Calendar arithmetic in one IANA time zone. */
export class Calendar {
  readonly timeZone: string;
  readonly #format: Intl.DateTimeFormat | undefined;
  /** Offsets by UTC day (most days have one), and by quarter hour on transition days. */
  readonly #days = new Map<number, number>();
  readonly #quarters = new Map<number, number>();
  #lastInstant = NaN;
  #lastDay = 0;
  #monthDay = NaN;
  #month = 0;

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
    const day = Math.floor(ms / DAY);
    let offset = this.#days.get(day);
    if (offset === undefined) {
      const start = this.#computeOffset(day * DAY);
      offset = start === this.#computeOffset(day * DAY + DAY - OFFSET_BUCKET) ? start : VARIES;
      remember(this.#days, day, offset);
    }
    if (offset !== VARIES) return offset;
    const bucket = Math.floor(ms / OFFSET_BUCKET);
    let exact = this.#quarters.get(bucket);
    if (exact === undefined) remember(this.#quarters, bucket, (exact = this.#computeOffset(bucket * OFFSET_BUCKET)));
    return exact;
  }

  #computeOffset(ms: number): number {
    const parts: Record<string, number> = {};
    for (const part of this.#format!.formatToParts(ms)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
    const local = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!);
    return local - Math.floor(ms / 60_000) * 60_000;
  }

  /** Local day index (days since 1970-01-01 on the zone's wall clock). */
  day(ms: number): number {
    // One event asks for several periods of the same instant: remember the last answer.
    if (ms === this.#lastInstant) return this.#lastDay;
    this.#lastInstant = ms;
    return (this.#lastDay = Math.floor((ms + this.offset(ms)) / DAY));
  }

  /** The number of the period containing an instant; consecutive periods differ by one. */
  key(period: Period, ms: number): number {
    const day = this.day(ms);
    if (period === 'day') return day;
    if (period === 'week') return Math.floor((day + 3) / 7); // weeks start on Monday; 1970-01-01 was a Thursday
    if (day !== this.#monthDay) {
      this.#monthDay = day;
      this.#month = monthIndex(day);
    }
    const month = this.#month;
    if (period === 'month') return month;
    const year = Math.floor(month / 12);
    return period === 'year' ? year : year * 4 + Math.floor((month - year * 12) / 3);
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
    const instant = local - this.offset(local - this.offset(local));
    // Where clocks jump forward at midnight (Santiago, Asunción, Havana), that midnight does not
    // exist: the day starts at the jump, which the other reading of the offset gives.
    return this.key(period, instant) === key ? instant : local - this.offset(local);
  }

  /** The instant a period ends at (the next period's start, exclusive). */
  end(period: Period, key: number): number {
    return this.start(period, key + 1);
  }
}

function remember(cache: Map<number, number>, key: number, value: number): void {
  if (cache.size >= OFFSET_CACHE_LIMIT) cache.clear();
  cache.set(key, value);
}
