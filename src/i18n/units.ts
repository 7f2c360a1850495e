/** Words counted in more than one element's texts, and «5 баллов» put together. */
import { formatNumber } from './format.ts';
import type { Language, PluralForms } from './plural.ts';
import { plural } from './plural.ts';

export const POINTS = {
  ru: { one: 'балл', few: 'балла', many: 'баллов' },
  en: { one: 'point', other: 'points' },
};
export const DAYS = {
  ru: { one: 'день', few: 'дня', many: 'дней' },
  en: { one: 'day', other: 'days' },
};

/** «5 баллов»; without forms, the number. */
export const count = (language: Language, n: number, forms?: PluralForms) => `${formatNumber(language, n)}${forms ? ` ${plural(language, n, forms)}` : ''}`;
