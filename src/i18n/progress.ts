/** How progress is said, by every element that shows it. */
import type { Language, PluralForms } from './plural.ts';
import { plural, pluralGenitive } from './plural.ts';
import { formatNumber } from './format.ts';

export interface ProgressMessages {
  /** «3 из 5 заявлений»; without a unit, «3 из 5». */
  progress(current: number, target: number, unit?: PluralForms): string;
  /** «ещё 2 заявления». */
  remaining(n: number, unit?: PluralForms): string;
  /** A ring's name when the page gives none. */
  progressLabel: string;
  /** What an indeterminate ring says. */
  loading: string;
  /** What a ring that follows the store says when the server failed and nothing is cached. */
  failed: string;
  /** … when no citizen is signed in (or the token was refused). */
  signedOut: string;
  /** … when the server cannot be reached and nothing is cached. */
  offline: string;
  /** … when the citizen's state has no such achievement. */
  missing: string;
}

export const progressMessages: Record<Language, ProgressMessages> = {
  ru: {
    progress: (current, target, unit) => `${formatNumber('ru', current)} из ${formatNumber('ru', target)}${unit ? ` ${pluralGenitive('ru', target, unit)}` : ''}`,
    remaining: (n, unit) => `ещё ${formatNumber('ru', n)}${unit ? ` ${plural('ru', n, unit)}` : ''}`,
    progressLabel: 'Прогресс',
    loading: 'Загрузка',
    failed: 'Не удалось загрузить',
    signedOut: 'Вход не выполнен',
    offline: 'Нет связи',
    missing: 'Нет данных',
  },
  en: {
    progress: (current, target, unit) => `${formatNumber('en', current)} of ${formatNumber('en', target)}${unit ? ` ${pluralGenitive('en', target, unit)}` : ''}`,
    remaining: (n, unit) => `${formatNumber('en', n)} more${unit ? ` ${plural('en', n, unit)}` : ''}`,
    progressLabel: 'Progress',
    loading: 'Loading',
    failed: 'Could not load',
    signedOut: 'Not signed in',
    offline: 'No connection',
    missing: 'No data',
  },
};
