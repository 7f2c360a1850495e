/** What `<badge-toast>` says. */
import type { Language } from './plural.ts';
import { plural } from './plural.ts';
import { formatNumber } from './format.ts';
import type { ShareMessages } from './achievement-share.ts';

export interface BadgeToastMessages {
  /** The heading of an unlock: «Получено достижение: Первый запрос»; a tier is named after the title. */
  unlocked(title: string, tier?: number): string;
  /** The points an unlock brought: «+10 баллов». */
  points(n: number): string;
  /** The title when the catalog does not know the achievement (yet). */
  untitled: string;
  /** The close button's name. */
  close: string;
  /** The texts of an unlock's `<achievement-share>`. */
  share: Partial<ShareMessages>;
}

export const badgeToastMessages: Record<Language, BadgeToastMessages> = {
  ru: {
    unlocked: (title, tier) => `Получено достижение: ${title}${tier ? `, ступень ${formatNumber('ru', tier)}` : ''}`,
    points: (n) => `+${formatNumber('ru', n)} ${plural('ru', n, { one: 'балл', few: 'балла', many: 'баллов' })}`,
    untitled: 'Новое достижение',
    close: 'Закрыть уведомление',
    share: {},
  },
  en: {
    unlocked: (title, tier) => `Achievement unlocked: ${title}${tier ? `, tier ${formatNumber('en', tier)}` : ''}`,
    points: (n) => `+${formatNumber('en', n)} ${plural('en', n, { one: 'point', other: 'points' })}`,
    untitled: 'New achievement',
    close: 'Close notification',
    share: {},
  },
};
