/** The texts of `<achievement-rewards>`; page authors replace any of them through its `messages`. */
import { formatNumber } from './format.ts';
import type { Language } from './plural.ts';
import { count, DAYS, POINTS } from './units.ts';

export type Period = 'day' | 'week' | 'month' | 'quarter' | 'year';
/** Why a privilege cannot be had: the server's availability reasons and error codes, and the network's. */
export type RewardProblem = 'insufficient_points' | 'level_too_low' | 'limit_reached' | 'sold_out' | 'not_found' | 'offline' | 'unauthenticated';

export interface RewardsMessages {
  /** The element's heading. */
  title: string;
  /** «Можно потратить: 340 баллов». */
  balance(n: number): string;
  /** «Стоимость: 300 баллов». */
  cost(n: number): string;
  /** «Доступна с уровня «Опытный пользователь»». */
  minLevel(title: string): string;
  /** «Лимит: 1 раз в месяц». */
  limit(count: number, period: Period): string;
  /** «Осталось 5 из 20 в этом месяце». */
  stock(remaining: number, count: number, period: Period): string;
  /** «Действует 30 дней после получения». */
  validDays(n: number): string;
  /** Why a privilege cannot be had now, in words; `missing` is the points lacking, when known. */
  problem(problem: RewardProblem, detail: { missing?: number | undefined; level?: string | undefined }): string;
  redeem: string;
  /** The confirmation: «Получить «…» за 300 баллов? Останется 40 баллов.». */
  confirm(title: string, cost: number, left: number | undefined): string;
  confirmRedeem: string;
  cancel: string;
  /** After the grant: «Готово: «…» действует до 31 декабря 2026 г.». */
  redeemed(title: string, until: string): string;
  /** Any other failure; `reason` is technical (for a page's own text or its logs), not shown by default. */
  failed(reason: string): string;
  /** The heading of the citizen's redemptions. */
  mine: string;
  activeUntil(date: string): string;
  expiredOn(date: string): string;
  noRedemptions: string;
  /** No privileges offered at all. */
  empty: string;
  loading: string;
  error: string;
  retry: string;
  unauthenticated: string;
  /** While the citizen has turned gamification off. */
  offMessage: string;
  turnOn: string;
  turnedOn: string;
}

const TIMES = { ru: { one: 'раз', few: 'раза', many: 'раз' }, en: { one: 'time', other: 'times' } };

const PER = {
  ru: { day: 'в день', week: 'в неделю', month: 'в месяц', quarter: 'в квартал', year: 'в год' },
  en: { day: 'a day', week: 'a week', month: 'a month', quarter: 'a quarter', year: 'a year' },
};
const THIS = {
  ru: { day: 'сегодня', week: 'на этой неделе', month: 'в этом месяце', quarter: 'в этом квартале', year: 'в этом году' },
  en: { day: 'today', week: 'this week', month: 'this month', quarter: 'this quarter', year: 'this year' },
};

export const rewardsMessages: Record<Language, RewardsMessages> = {
  ru: {
    title: 'Привилегии за баллы',
    balance: (n) => `Можно потратить: ${count('ru', n, POINTS.ru)}`,
    cost: (n) => `Стоимость: ${count('ru', n, POINTS.ru)}`,
    minLevel: (title) => `Доступна с уровня «${title}»`,
    limit: (n, period) => `Лимит: ${count('ru', n, TIMES.ru)} ${PER.ru[period]}`,
    stock: (remaining, n, period) => `Осталось ${formatNumber('ru', remaining)} из ${formatNumber('ru', n)} ${THIS.ru[period]}`,
    validDays: (n) => `Действует ${count('ru', n, DAYS.ru)} после получения`,
    problem: (problem, { missing, level }) =>
      ({
        insufficient_points: missing ? `Не хватает ${count('ru', missing, POINTS.ru)}.` : 'Не хватает баллов.',
        level_too_low: level ? `Откроется на уровне «${level}».` : 'Откроется на следующих уровнях.',
        limit_reached: 'Вы уже получили её столько раз, сколько можно за этот период.',
        sold_out: 'На этот период все привилегии этого вида уже получены. Загляните позже.',
        not_found: 'Этой привилегии больше нет.',
        offline: 'Нет связи с сервером. Попробуйте ещё раз — дважды баллы не спишутся.',
        unauthenticated: 'Войдите, чтобы получить привилегию.',
      })[problem],
    redeem: 'Получить',
    confirm: (title, cost, left) => `Получить «${title}» за ${count('ru', cost, POINTS.ru)}?${left === undefined ? '' : ` Останется ${count('ru', left, POINTS.ru)}.`}`,
    confirmRedeem: 'Да, получить',
    cancel: 'Отмена',
    redeemed: (title, until) => `Готово: «${title}» действует до ${until}${until.endsWith('.') ? '' : '.'}`,
    failed: () => 'Не получилось. Попробуйте ещё раз чуть позже.',
    mine: 'Мои привилегии',
    activeUntil: (date) => `Действует до ${date}`,
    expiredOn: (date) => `Срок истёк ${date}`,
    noRedemptions: 'Вы ещё не получали привилегий.',
    empty: 'Привилегий пока нет.',
    loading: 'Загрузка привилегий…',
    error: 'Не удалось загрузить привилегии.',
    retry: 'Повторить',
    unauthenticated: 'Войдите, чтобы увидеть привилегии и свои баллы.',
    offMessage: 'Вы скрыли достижения, поэтому баллы и привилегии не показываются. Полученное сохранено.',
    turnOn: 'Показывать достижения',
    turnedOn: 'Достижения снова показываются.',
  },
  en: {
    title: 'Privileges for points',
    balance: (n) => `Available to spend: ${count('en', n, POINTS.en)}`,
    cost: (n) => `Cost: ${count('en', n, POINTS.en)}`,
    minLevel: (title) => `From the “${title}” level`,
    limit: (n, period) => `Limit: ${count('en', n, TIMES.en)} ${PER.en[period]}`,
    stock: (remaining, n, period) => `${formatNumber('en', remaining)} of ${formatNumber('en', n)} left ${THIS.en[period]}`,
    validDays: (n) => `Valid for ${count('en', n, DAYS.en)} once received`,
    problem: (problem, { missing, level }) =>
      ({
        insufficient_points: missing ? `${count('en', missing, POINTS.en)} short.` : 'Not enough points.',
        level_too_low: level ? `Opens at the “${level}” level.` : 'Opens at a higher level.',
        limit_reached: 'You have had it as many times as this period allows.',
        sold_out: 'All of these have been taken for this period. Check back later.',
        not_found: 'This privilege is no longer offered.',
        offline: 'No connection to the server. Try again: your points are never spent twice.',
        unauthenticated: 'Sign in to get a privilege.',
      })[problem],
    redeem: 'Get it',
    confirm: (title, cost, left) => `Get “${title}” for ${count('en', cost, POINTS.en)}?${left === undefined ? '' : ` You will have ${count('en', left, POINTS.en)} left.`}`,
    confirmRedeem: 'Yes, get it',
    cancel: 'Cancel',
    redeemed: (title, until) => `Done: “${title}” is valid until ${until}.`,
    failed: () => 'That did not work. Please try again a little later.',
    mine: 'My privileges',
    activeUntil: (date) => `Valid until ${date}`,
    expiredOn: (date) => `Expired on ${date}`,
    noRedemptions: 'You have not had any privileges yet.',
    empty: 'No privileges are offered yet.',
    loading: 'Loading privileges…',
    error: 'Could not load the privileges.',
    retry: 'Try again',
    unauthenticated: 'Sign in to see the privileges and your points.',
    offMessage: 'You have hidden achievements, so points and privileges are not shown. Everything you earned is kept.',
    turnOn: 'Show achievements',
    turnedOn: 'Achievements are shown again.',
  },
};
