/** How old the state shown is, in words: «Обновлено 5 минут назад», or «Данные от 3 декабря, 14:05». */
import type { BoardMessages } from '../../i18n/achievement-board.ts';
import { formatDate } from '../../i18n/format.ts';
import type { Language } from '../../i18n/plural.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export function ageOf(refreshedAt: number, now: number, language: Language, timeZone: string, text: BoardMessages): string {
  const age = Math.max(0, now - refreshedAt);
  if (age < MINUTE) return text.updatedJustNow;
  if (age < 24 * HOUR) {
    const relative = new Intl.RelativeTimeFormat(language);
    return text.updatedAgo(age < HOUR ? relative.format(-Math.floor(age / MINUTE), 'minute') : relative.format(-Math.floor(age / HOUR), 'hour'));
  }
  const time = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', timeZone }).format(refreshedAt);
  return text.dataFrom(formatDate(language, refreshedAt, 'day', timeZone), time);
}
