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
}

export const progressMessages: Record<Language, ProgressMessages> = {
  ru: {
    progress: (current, target, unit) => `${formatNumber('ru', current)} из ${formatNumber('ru', target)}${unit ? ` ${pluralGenitive('ru', target, unit)}` : ''}`,
    remaining: (n, unit) => `ещё ${formatNumber('ru', n)}${unit ? ` ${plural('ru', n, unit)}` : ''}`,
    progressLabel: 'Прогресс',
    loading: 'Загрузка',
  },
  en: {
    progress: (current, target, unit) => `${formatNumber('en', current)} of ${formatNumber('en', target)}${unit ? ` ${pluralGenitive('en', target, unit)}` : ''}`,
    remaining: (n, unit) => `${formatNumber('en', n)} more${unit ? ` ${plural('en', n, unit)}` : ''}`,
    progressLabel: 'Progress',
    loading: 'Loading',
  },
};
