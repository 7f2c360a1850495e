/** The texts of `<achievement-board>`; page authors replace any of them through its `messages`. */
import type { Language, PluralForms } from './plural.ts';
import { plural } from './plural.ts';
import { formatNumber } from './format.ts';
import type { ProgressMessages } from './progress.ts';
import type { ShareMessages } from './achievement-share.ts';
import { progressMessages } from './progress.ts';

export type BoardFilter = 'all' | 'unlocked' | 'in_progress' | 'locked';
export type AchievementState = 'unlocked' | 'in_progress' | 'locked';
export type Difficulty = 'simple' | 'medium' | 'complex';

export interface BoardMessages extends Pick<ProgressMessages, 'progress' | 'remaining'> {
  /** The board's heading. */
  title: string;
  /** «Уровень: Новичок». */
  level(title: string): string;
  /** «10 баллов». */
  points(n: number): string;
  /** «ещё 30 баллов до уровня «Опытный пользователь»». */
  toNextLevel(points: number, nextTitle: string | undefined): string;
  /** Said on the top level instead. */
  topLevel: string;
  /** The level ring's name. */
  levelRingLabel: string;
  /** The heading of the privileges list. */
  privileges: string;
  /** When the level opens none yet. */
  noPrivileges: string;
  /** «Стаж: 2 месяца без перерывов». */
  tenure(months: number): string;
  /** «до отметки 3 месяца — 28 дней». */
  nextMark(months: number, days: number): string;
  /** «услуг в этом месяце: 1». */
  servicesThisMonth(n: number): string;
  /** Headings of the groups by difficulty. */
  groups: Record<Difficulty, string>;
  /** The filter's name. */
  filterLabel: string;
  filters: Record<BoardFilter, string>;
  /** A card's state in words. */
  states: Record<AchievementState, string>;
  /** When a filter leaves nothing to show. */
  empty: Record<BoardFilter, string>;
  secretTitle: string;
  secretDescription: string;
  /** «ещё 2 заявления до 31 декабря»: what is left, and the last day of the window. */
  until(remaining: string, lastDay: string): string;
  /** «Получено 2 ноября 2026 г.». */
  unlockedOn(date: string): string;
  /** «6 месяцев»; without a unit, the number. */
  amount(n: number, unit?: PluralForms): string;
  /** «Уровень 2 из 4». */
  tier(tier: number, tiers: number): string;
  /** «Следующий уровень: 6 месяцев, +60 баллов». */
  nextTier(target: string, points: number): string;
  /** The texts of the cards' `<achievement-share>`. */
  share: Partial<ShareMessages>;
  loading: string;
  error: string;
  /** The technical reason's label. */
  reason: string;
  retry: string;
  unauthenticated: string;
  offline: string;
  stale: string;
  /** «Данные от 3 декабря, 14:05». */
  dataFrom(day: string, time: string): string;
  /** «Обновлено 5 минут назад»; `ago` is Intl.RelativeTimeFormat's «5 минут назад». */
  updatedAgo(ago: string): string;
  /** Under a minute. */
  updatedJustNow: string;
}

const POINTS = {
  ru: { one: 'балл', few: 'балла', many: 'баллов' },
  en: { one: 'point', other: 'points' },
};
const MONTHS = {
  ru: { one: 'месяц', few: 'месяца', many: 'месяцев' },
  en: { one: 'month', other: 'months' },
};
const DAYS = {
  ru: { one: 'день', few: 'дня', many: 'дней' },
  en: { one: 'day', other: 'days' },
};
const count = (language: Language, n: number, forms?: PluralForms) => `${formatNumber(language, n)}${forms ? ` ${plural(language, n, forms)}` : ''}`;

export const boardMessages: Record<Language, BoardMessages> = {
  ru: {
    progress: progressMessages.ru.progress,
    remaining: progressMessages.ru.remaining,
    title: 'Мои достижения',
    level: (title) => `Уровень: ${title}`,
    points: (n) => count('ru', n, POINTS.ru),
    toNextLevel: (n, next) => `ещё ${count('ru', n, POINTS.ru)} до ${next ? `уровня «${next}»` : 'следующего уровня'}`,
    topLevel: 'Это высший уровень',
    levelRingLabel: 'До следующего уровня',
    privileges: 'Открытые привилегии',
    noPrivileges: 'Привилегии откроются на следующих уровнях.',
    tenure: (months) => `Стаж: ${count('ru', months, MONTHS.ru)} без перерывов`,
    nextMark: (months, days) => `до отметки ${count('ru', months, MONTHS.ru)} — ${count('ru', days, DAYS.ru)}`,
    servicesThisMonth: (n) => `услуг в этом месяце: ${formatNumber('ru', n)}`,
    groups: { simple: 'Простые', medium: 'Средние', complex: 'Сложные' },
    filterLabel: 'Показать достижения',
    filters: { all: 'Все', unlocked: 'Получены', in_progress: 'В процессе', locked: 'Не начаты' },
    states: { unlocked: 'Получено', in_progress: 'В процессе', locked: 'Не начато' },
    empty: {
      all: 'Достижений пока нет.',
      unlocked: 'Полученных достижений пока нет.',
      in_progress: 'Сейчас нет достижений в процессе.',
      locked: 'Все достижения уже начаты.',
    },
    secretTitle: 'Секретное достижение',
    secretDescription: 'Откроется, когда вы его получите.',
    until: (remaining, day) => `${remaining} до ${day}`,
    unlockedOn: (date) => `Получено ${date}`,
    amount: (n, unit) => count('ru', n, unit),
    tier: (tier, tiers) => `Уровень ${formatNumber('ru', tier)} из ${formatNumber('ru', tiers)}`,
    nextTier: (target, points) => `Следующий уровень: ${target}, +${count('ru', points, POINTS.ru)}`,
    share: {},
    loading: 'Загрузка достижений…',
    error: 'Не удалось загрузить достижения.',
    reason: 'Причина',
    retry: 'Повторить',
    unauthenticated: 'Войдите, чтобы увидеть свои достижения.',
    offline: 'Нет связи с сервером.',
    stale: 'Обновляем данные…',
    dataFrom: (day, time) => `Данные от ${day}, ${time}`,
    updatedAgo: (ago) => `Обновлено ${ago}`,
    updatedJustNow: 'Обновлено только что',
  },
  en: {
    progress: progressMessages.en.progress,
    remaining: progressMessages.en.remaining,
    title: 'My achievements',
    level: (title) => `Level: ${title}`,
    points: (n) => count('en', n, POINTS.en),
    toNextLevel: (n, next) => `${count('en', n, POINTS.en)} more to ${next ? `“${next}”` : 'the next level'}`,
    topLevel: 'This is the top level',
    levelRingLabel: 'To the next level',
    privileges: 'Privileges unlocked',
    noPrivileges: 'Privileges open at the next levels.',
    tenure: (months) => `Tenure: ${count('en', months, MONTHS.en)} without a break`,
    nextMark: (months, days) => `${count('en', days, DAYS.en)} to the ${count('en', months, MONTHS.en)} mark`,
    servicesThisMonth: (n) => `services this month: ${formatNumber('en', n)}`,
    groups: { simple: 'Simple', medium: 'Medium', complex: 'Complex' },
    filterLabel: 'Show achievements',
    filters: { all: 'All', unlocked: 'Earned', in_progress: 'In progress', locked: 'Not started' },
    states: { unlocked: 'Earned', in_progress: 'In progress', locked: 'Not started' },
    empty: {
      all: 'No achievements yet.',
      unlocked: 'No achievements earned yet.',
      in_progress: 'No achievements in progress right now.',
      locked: 'Every achievement has been started.',
    },
    secretTitle: 'Secret achievement',
    secretDescription: 'Revealed once you earn it.',
    until: (remaining, day) => `${remaining} by ${day}`,
    unlockedOn: (date) => `Earned on ${date}`,
    amount: (n, unit) => count('en', n, unit),
    tier: (tier, tiers) => `Level ${formatNumber('en', tier)} of ${formatNumber('en', tiers)}`,
    nextTier: (target, points) => `Next level: ${target}, +${count('en', points, POINTS.en)}`,
    share: {},
    loading: 'Loading achievements…',
    error: 'Could not load the achievements.',
    reason: 'Reason',
    retry: 'Try again',
    unauthenticated: 'Sign in to see your achievements.',
    offline: 'No connection to the server.',
    stale: 'Updating…',
    dataFrom: (day, time) => `Data as of ${day}, ${time}`,
    updatedAgo: (ago) => `Updated ${ago}`,
    updatedJustNow: 'Updated just now',
  },
};
