/** Numbers and dates through Intl, in the element's language (formatters are reused). */
import type { Language } from './plural.ts';

const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function formatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let made = formatters.get(key) as T | undefined;
  if (!made) formatters.set(key, (made = make()));
  return made;
}

export function formatNumber(language: Language, n: number): string {
  return formatter(`n|${language}`, () => new Intl.NumberFormat(language)).format(n);
}

/** «12 %» (ru, with a no-break space), «12%» (en): whole percent. */
export function percent(language: Language, share: number): string {
  return formatter(`p|${language}`, () => new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 })).format(share);
}

export type DateStyle = 'day' | 'date' | 'dateTime';

const DATE_OPTIONS: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  day: { day: 'numeric', month: 'long' },
  date: { day: 'numeric', month: 'long', year: 'numeric' },
  dateTime: { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' },
};

/** «31 декабря», «31 декабря 2026 г.»; in the catalog's time zone, so a Moscow day is a Moscow day. */
export function formatDate(language: Language, time: string | number, style: DateStyle = 'date', timeZone = 'Europe/Moscow'): string {
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) return '';
  return formatter(`d|${language}|${style}|${timeZone}`, () => new Intl.DateTimeFormat(language, { ...DATE_OPTIONS[style], timeZone })).format(date);
}
