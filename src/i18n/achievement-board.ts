/** The texts of `<achievement-board>`; page authors replace any of them through its `messages`. */
import type { Language, PluralForms } from './plural.ts';
import { pluralCategory } from './plural.ts';
import { formatNumber, percent } from './format.ts';
import type { ProgressMessages } from './progress.ts';
import type { ShareMessages } from './achievement-share.ts';
import { progressMessages } from './progress.ts';
import { count, DAYS, POINTS } from './units.ts';

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
  /** An achievement whose fixed date range is over: the state, and until when it could be earned. */
  ended: string;
  endedOn(lastDay: string): string;
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
  retry: string;
  unauthenticated: string;
  offline: string;
  stale: string;
  /** «Данные от 3 декабря, 14:05»: a moment, not an age, so the live region never holds a stale «5 минут назад». */
  dataFrom(day: string, time: string): string;

  /** «есть у 12 % пользователей»; `share` is 0..1. */
  rarity(share: number): string;
  /** The recommendations' heading. */
  nextSteps: string;
  /** A recommendation's points: «+30 баллов». */
  plusPoints(n: number): string;
  /** The visible text of a recommendation's link; the achievement's title follows it for screen readers. */
  goToService: string;
  /** The campaigns' heading. */
  campaigns: string;
  /** «Идёт до 31 декабря включительно» (active), «Начнётся 1 декабря» (upcoming). */
  campaignDates(active: boolean, day: string): string;
  /** «Призы: 1 место: 500 баллов; 2–3 места: 200 баллов»; the list is the server's, in words. */
  prizes(list: string): string;
  /** What counts: points earned in the period, or actions. */
  scoreKind: Record<'points' | 'count', string>;
  /** A score: «120 баллов», «12 действий». */
  score(n: number, kind: 'points' | 'count'): string;
  /** «3-е место». */
  place(rank: number): string;
  /** «Ваше место: 3-е место, 120 баллов». */
  myPlace(place: string, score: string): string;
  /** Joined, with no score yet. */
  noPlaceYet: string;
  notEligible: string;
  /** Joining a campaign that has ended. */
  finished: string;
  join: string;
  /** The confirmation before joining: listed under a pseudonym only. */
  joinConfirm: string;
  confirmJoin: string;
  cancel: string;
  leave: string;
  /** After joining: «Вы участвуете под псевдонимом «Участник 4821».». */
  joined(displayName: string | undefined): string;
  left: string;
  /** An action failed; `reason` is technical (for a page's own text or its logs), not shown by default. */
  failed(reason: string): string;
  /** The leaderboard's disclosure. */
  leaderboard: string;
  /** After the citizen's own name on the leaderboard. */
  you: string;
  /** Nobody listed yet. */
  leaderboardEmpty: string;
  /** A section still loading. */
  loadingShort: string;
  /** The rating's question. */
  feedbackQuestion: string;
  /** The scale, said after the question. */
  feedbackScale: string;
  /** The disclosure's summary with the citizen's rating: «Ваша оценка: 4 из 5». */
  yourRating(rating: number): string;
  comment: string;
  saveRating: string;
  /** No rating chosen. */
  chooseRating: string;
  ratingSaved: string;
  /** The settings disclosure. */
  settings: string;
  /** What turning off does. */
  offExplained: string;
  turnOff: string;
  /** The board, and the rewards element, while off. */
  offMessage: string;
  turnOn: string;
  /** Said when switched. */
  turnedOff: string;
  turnedOn: string;
}

const MONTHS = {
  ru: { one: 'месяц', few: 'месяца', many: 'месяцев' },
  en: { one: 'month', other: 'months' },
};
const ACTIONS = {
  ru: { one: 'действие', few: 'действия', many: 'действий' },
  en: { one: 'action', other: 'actions' },
};
const ORDINAL: Partial<Record<Intl.LDMLPluralRule, string>> = { one: 'st', two: 'nd', few: 'rd' };

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
    ended: 'Срок истёк',
    endedOn: (day) => `Получить можно было до ${day} включительно`,
    unlockedOn: (date) => `Получено ${date}`,
    amount: (n, unit) => count('ru', n, unit),
    tier: (tier, tiers) => `Уровень ${formatNumber('ru', tier)} из ${formatNumber('ru', tiers)}`,
    nextTier: (target, points) => `Следующий уровень: ${target}, +${count('ru', points, POINTS.ru)}`,
    share: {},
    loading: 'Загрузка достижений…',
    error: 'Не удалось загрузить достижения.',
    retry: 'Повторить',
    unauthenticated: 'Войдите, чтобы увидеть свои достижения.',
    offline: 'Нет связи с сервером.',
    stale: 'Обновляем данные…',
    dataFrom: (day, time) => `Данные от ${day}, ${time}`,
    rarity: (share) => (share > 0 && share < 0.01 ? 'есть меньше чем у 1 % пользователей' : `есть у ${percent('ru', share)} пользователей`),
    nextSteps: 'Следующие шаги',
    plusPoints: (n) => `+${count('ru', n, POINTS.ru)}`,
    goToService: 'Перейти к услуге',
    campaigns: 'Турниры',
    campaignDates: (active, day) => (active ? `Идёт до ${day} включительно` : `Начнётся ${day}`),
    prizes: (list) => `Призы: ${list}`,
    scoreKind: { points: 'Считаются баллы за время турнира', count: 'Считаются действия за время турнира' },
    score: (n, kind) => count('ru', n, kind === 'points' ? POINTS.ru : ACTIONS.ru),
    place: (rank) => `${formatNumber('ru', rank)}-е место`,
    myPlace: (place, score) => `Ваше место: ${place}, ${score}`,
    noPlaceYet: 'Вы участвуете. Место появится, когда засчитается первое действие.',
    notEligible: 'Этот турнир пока вам недоступен.',
    finished: 'Этот турнир уже закончился.',
    join: 'Участвовать',
    joinConfirm: 'В таблице лидеров вас будет видно только под псевдонимом, без имени и данных профиля. Выйти можно в любой момент.',
    confirmJoin: 'Да, участвовать',
    cancel: 'Отмена',
    leave: 'Выйти из турнира',
    joined: (name) => (name ? `Вы участвуете под псевдонимом «${name}».` : 'Вы участвуете.'),
    left: 'Вы вышли из турнира и больше не видны в таблице лидеров.',
    failed: () => 'Не получилось. Попробуйте ещё раз чуть позже.',
    leaderboard: 'Таблица лидеров',
    you: '(вы)',
    leaderboardEmpty: 'В таблице пока никого нет.',
    loadingShort: 'Загрузка…',
    feedbackQuestion: 'Полезно ли это достижение?',
    feedbackScale: 'От 1 — бесполезно, до 5 — очень полезно',
    yourRating: (rating) => `Ваша оценка: ${formatNumber('ru', rating)} из 5`,
    comment: 'Комментарий, если хотите (до 500 знаков)',
    saveRating: 'Сохранить оценку',
    chooseRating: 'Выберите оценку от 1 до 5.',
    ratingSaved: 'Оценка сохранена. Спасибо!',
    settings: 'Настройки достижений',
    offExplained: 'Можно скрыть достижения, баллы, турниры и уведомления о них. Полученное не пропадёт.',
    turnOff: 'Не показывать достижения',
    offMessage: 'Вы скрыли достижения. Всё полученное сохранено, их можно вернуть в любой момент.',
    turnOn: 'Показывать достижения',
    turnedOff: 'Достижения скрыты.',
    turnedOn: 'Достижения снова показываются.',
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
    ended: 'Closed',
    endedOn: (day) => `Could be earned until ${day} inclusive`,
    unlockedOn: (date) => `Earned on ${date}`,
    amount: (n, unit) => count('en', n, unit),
    tier: (tier, tiers) => `Level ${formatNumber('en', tier)} of ${formatNumber('en', tiers)}`,
    nextTier: (target, points) => `Next level: ${target}, +${count('en', points, POINTS.en)}`,
    share: {},
    loading: 'Loading achievements…',
    error: 'Could not load the achievements.',
    retry: 'Try again',
    unauthenticated: 'Sign in to see your achievements.',
    offline: 'No connection to the server.',
    stale: 'Updating…',
    dataFrom: (day, time) => `Data as of ${day}, ${time}`,
    rarity: (share) => (share > 0 && share < 0.01 ? 'fewer than 1% of users have it' : `${percent('en', share)} of users have it`),
    nextSteps: 'Next steps',
    plusPoints: (n) => `+${count('en', n, POINTS.en)}`,
    goToService: 'Go to the service',
    campaigns: 'Campaigns',
    campaignDates: (active, day) => (active ? `Runs until ${day} inclusive` : `Starts on ${day}`),
    prizes: (list) => `Prizes: ${list}`,
    scoreKind: { points: 'Points earned during the campaign count', count: 'Actions during the campaign count' },
    score: (n, kind) => count('en', n, kind === 'points' ? POINTS.en : ACTIONS.en),
    place: (rank) => `${formatNumber('en', rank)}${ORDINAL[pluralCategory('en', rank, 'ordinal')] ?? 'th'} place`,
    myPlace: (place, score) => `Your position: ${place}, ${score}`,
    noPlaceYet: 'You are taking part. Your position appears once your first action counts.',
    notEligible: 'This campaign is not open to you yet.',
    finished: 'This campaign has ended.',
    join: 'Take part',
    joinConfirm: 'On the leaderboard you will appear only under a pseudonym, without your name or profile details. You can leave at any time.',
    confirmJoin: 'Yes, take part',
    cancel: 'Cancel',
    leave: 'Leave the campaign',
    joined: (name) => (name ? `You are taking part as “${name}”.` : 'You are taking part.'),
    left: 'You left the campaign and no longer appear on its leaderboard.',
    failed: () => 'That did not work. Please try again a little later.',
    leaderboard: 'Leaderboard',
    you: '(you)',
    leaderboardEmpty: 'Nobody is on the leaderboard yet.',
    loadingShort: 'Loading…',
    feedbackQuestion: 'Is this achievement useful?',
    feedbackScale: 'From 1, not useful, to 5, very useful',
    yourRating: (rating) => `Your rating: ${formatNumber('en', rating)} of 5`,
    comment: 'A comment, if you like (up to 500 characters)',
    saveRating: 'Save rating',
    chooseRating: 'Choose a rating from 1 to 5.',
    ratingSaved: 'Rating saved. Thank you!',
    settings: 'Achievement settings',
    offExplained: 'You can hide achievements, points, campaigns and their notifications. Nothing you earned is lost.',
    turnOff: 'Hide achievements',
    offMessage: 'You have hidden achievements. Everything you earned is kept; you can bring them back at any time.',
    turnOn: 'Show achievements',
    turnedOff: 'Achievements are hidden.',
    turnedOn: 'Achievements are shown again.',
  },
};
