/**
 * «Следующие шаги»: the next best actions for a citizen, from the engine's view of their state.
 *
 * Candidates are the achievements (or next tiers) not yet earned that an action can still bring:
 * not secret ones (no spoilers), not a window already ruled out (`spoiled`) or a range over (`ended`), not one only waiting
 * for its window to close; before verification, only verification and its steps. Each is
 * scored from 0 to 100:
 *
 *   score = 100 × closeness × (0.5 + 0.25·worth + 0.1·reach + 0.15·urgency)
 *
 * - closeness = ½·current/target + ½·1/remaining: how much is done and how few steps are left
 *   (0 of 1 is 0.5, 4 of 5 is 0.9, 0 of 101 almost 0); for all-of conditions, the mean over them
 *   (a condition met counts 1). Far goals stay low however much they are worth;
 * - worth = points / 100, at most 1 (the unlock's or next tier's points);
 * - reach = 1 when those points bring the next level within reach, or a reward the citizen cannot
 *   yet afford; else 0;
 * - urgency = 1 − days left / 31 for progress that counts in a window (0 beyond a month, 1 on its
 *   last day): a window that ends soon comes first.
 *
 * Ties go to fewer steps left, then catalog order. At most five. The reason is plain language
 * built from the catalog's unit plurals: «ещё 2 заявления до 31 декабря — и достижение
 * «Регулярный пользователь» ваше».
 */
import type { AchievementView, Catalog, CompiledAchievement, ProgressView, Unit, UserView } from '../src/engine/index.ts';
import type { Language } from './views.ts';

export const MAX_RECOMMENDATIONS = 5;

export interface Recommendation {
  achievementId: string;
  title: string;
  reason: string;
  link?: string;
  points: number;
  remaining: number;
  score: number;
}

export interface RecommendationOptions {
  lang: Language;
  now: number;
  /** Resolves a catalog link (a portal path) to an absolute URL. */
  link?: (link: string) => string;
  /** The citizen's balance and the costs of rewards, when a rewards store exists. */
  rewards?: { balance: number; costs: readonly number[] };
}

/** «шаг» when the catalog names no unit. */
const STEPS: Unit = { ru: { one: 'шаг', few: 'шага', many: 'шагов' }, en: { one: 'step', other: 'steps' } };
const DAY = 86_400_000;

const plurals = { ru: new Intl.PluralRules('ru'), en: new Intl.PluralRules('en') };

/** The unit's form for n: one/few/many in Russian (fractions read as many), one/other in English. */
export function unitFor(unit: Unit, n: number, lang: Language): string {
  const rule = plurals[lang].select(n);
  if (lang === 'ru') return rule === 'one' ? unit.ru.one : rule === 'few' ? unit.ru.few : unit.ru.many;
  return rule === 'one' ? unit.en.one : unit.en.other;
}

/** The last day of a window that ends (exclusively) at `end`: «31 декабря», "31 December"; the year when it is not this one. */
function lastDay(end: number, now: number, timeZone: string, lang: Language): string {
  const last = end - 1;
  const year = (ms: number) => new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(ms);
  const options: Intl.DateTimeFormatOptions = { timeZone, day: 'numeric', month: 'long', ...(year(last) !== year(now) ? { year: 'numeric' } : {}) };
  return new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', options).format(last).replace(/\s*г\.$/, '');
}

export interface ReasonParts {
  remaining: number;
  unit: Unit | undefined;
  title: string;
  /** Consecutive periods (a streak). */
  inARow: boolean;
  /** The window's last day, already formatted. */
  by?: string;
  /** A next tier (2 or more) of an achievement already earned. */
  nextTier: boolean;
}

/** «ещё 1 процедура — и достижение «Электронный подписант» ваше» (the noun keeps any title grammatical), "2 more applications by 31 December and “Regular user” is yours". */
export function reasonText(parts: ReasonParts, lang: Language): string {
  const { remaining, title, inARow, by, nextTier } = parts;
  const unit = unitFor(parts.unit ?? STEPS, remaining, lang);
  if (lang === 'ru') {
    const what = `ещё ${remaining} ${unit}${inARow ? ' подряд' : ''}${by ? ` до ${by}` : ''}`;
    return nextTier ? `${what} — и следующая ступень «${title}» ваша` : `${what} — и достижение «${title}» ваше`;
  }
  const what = `${remaining} more ${unit}${inARow ? ' in a row' : ''}${by ? ` by ${by}` : ''}`;
  return nextTier ? `${what} and the next tier of “${title}” is yours` : `${what} and “${title}” is yours`;
}

/** How close a progress is to done, 0..1 (see the header). */
export function closeness(progress: ProgressView): number {
  if (progress.parts?.length) return progress.parts.reduce((sum, part) => sum + closeness(part), 0) / progress.parts.length;
  if (progress.remaining <= 0) return 1;
  return 0.5 * (progress.target ? progress.current / progress.target : 0) + 0.5 / progress.remaining;
}

interface Candidate {
  recommendation: Recommendation;
  order: number;
}

function candidate(catalog: Catalog, achievement: CompiledAchievement, view: AchievementView, user: UserView, options: RecommendationOptions, order: number): Candidate | undefined {
  const d = achievement.definition;
  const done = view.state === 'unlocked' && (view.tier === undefined || view.tier >= (view.tiers ?? 1));
  if (done) return undefined;
  if (d.hidden && view.state !== 'unlocked') return undefined; // a secret stays one
  const progress = view.progress;
  if (progress.spoiled || progress.ended || progress.remaining <= 0) return undefined; // ruled out this window, over, or waiting for it to close
  const points = view.nextTier?.points ?? d.points ?? 0;
  const windowEnd = progress.windowEndsAt === undefined ? undefined : Date.parse(progress.windowEndsAt);
  const daysLeft = windowEnd === undefined ? undefined : Math.max(0, (windowEnd - options.now) / DAY);

  const urgency = daysLeft === undefined ? 0 : Math.max(0, 1 - daysLeft / 31);
  const worth = Math.min(1, points / 100);
  const toNextLevel = user.level.nextMinPoints === undefined ? undefined : user.level.nextMinPoints - user.points;
  const rewards = options.rewards;
  const reach =
    (toNextLevel !== undefined && points >= toNextLevel) || (rewards !== undefined && rewards.costs.some((cost) => cost > rewards.balance && cost <= rewards.balance + points)) ? 1 : 0;
  const score = Math.round(100 * closeness(progress) * (0.5 + 0.25 * worth + 0.1 * reach + 0.15 * urgency));

  const title = d.title[options.lang];
  const reason = reasonText(
    {
      remaining: progress.remaining,
      unit: d.unit,
      title,
      inARow: view.streak !== undefined,
      ...(windowEnd !== undefined ? { by: lastDay(windowEnd, options.now, catalog.calendar.timeZone, options.lang) } : {}),
      nextTier: (view.tier ?? 0) >= 1,
    },
    options.lang,
  );
  return {
    order,
    recommendation: {
      achievementId: d.id,
      title,
      reason,
      ...(d.link !== undefined ? { link: options.link ? options.link(d.link) : d.link } : {}),
      points,
      remaining: progress.remaining,
      score,
    },
  };
}

/** The citizen's next steps, best first, at most five. */
export function recommend(catalog: Catalog, user: UserView, options: RecommendationOptions): Recommendation[] {
  // Before verification nothing counts but verification and its own steps (filling the profile…).
  const allowed =
    !user.verified && catalog.verificationType !== undefined
      ? new Set([...(catalog.byType.get(catalog.verificationType) ?? []), ...catalog.verificationSteps].map((a) => a.definition.id))
      : undefined;
  const candidates = user.achievements.flatMap((view, order) => {
    if (allowed && !allowed.has(view.id)) return [];
    const found = candidate(catalog, catalog.byId.get(view.id)!, view, user, options, order);
    return found ? [found] : [];
  });
  return candidates
    .sort((a, b) => b.recommendation.score - a.recommendation.score || a.recommendation.remaining - b.recommendation.remaining || a.order - b.order)
    .slice(0, MAX_RECOMMENDATIONS)
    .map((c) => c.recommendation);
}
