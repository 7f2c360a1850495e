/** When the state shown was current, in words: «Данные от 3 декабря, 14:05». */
import type { BoardMessages } from '../../i18n/achievement-board.ts';
import { formatDate } from '../../i18n/format.ts';
import type { Language } from '../../i18n/plural.ts';

export function asOf(refreshedAt: number, language: Language, timeZone: string, text: BoardMessages): string {
  const time = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', timeZone }).format(refreshedAt);
  return text.dataFrom(formatDate(language, refreshedAt, 'day', timeZone), time);
}
