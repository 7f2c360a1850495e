/**
 * What the API returns: the engine's views as contract v1 JSON, localized for Accept-Language
 * (Russian by default). Hidden achievements keep their secret until the citizen earns them.
 */
import type { AchievementView, Catalog, CompiledAchievement, UserState } from '../src/engine/index.ts';
import { describeAchievement, describeUser, levelFor, totalPoints } from '../src/engine/index.ts';

export type Language = 'ru' | 'en';

/** The first of ru/en the client prefers, by q-value; Russian when it names neither. */
export function languageOf(acceptLanguage: string | undefined): Language {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? 1);
      return { lang: tag.split('-')[0], q: Number.isFinite(q) ? q : 0, order };
    })
    .filter((entry) => (entry.lang === 'ru' || entry.lang === 'en') && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  return (ranked[0]?.lang as Language | undefined) ?? 'ru';
}

const SECRET = {
  ru: { title: 'Секретное достижение', description: 'Откроется, когда вы его получите.' },
  en: { title: 'Secret achievement', description: 'Revealed once you earn it.' },
} as const;

/** The icon file names GET /api/v1/icons/{file} serves: one folder, no paths. */
export const ICON_FILE = /^[a-z0-9][a-z0-9_-]*\.(svg|png)$/;

export function iconUrl(publicUrl: string, icon: string): string {
  return /^https?:\/\//.test(icon) ? icon : `${publicUrl}/api/v1/${icon}`;
}

/** The portal's base URL (ACH_PORTAL_URL, else the root of ACH_PUBLIC_URL). */
export function portalUrlOf(config: { portalUrl: string | undefined; publicUrl: string }): string {
  return config.portalUrl ?? `${config.publicUrl}/`;
}

/** A catalog link as an absolute URL: a path ('/services/…') is resolved against the portal. */
export function portalLink(portalUrl: string, link: string): string {
  if (/^https?:\/\//.test(link)) return link;
  // No absolute portal address (the server is reached through the page's own origin): the path stays.
  return URL.canParse(portalUrl) ? new URL(link, portalUrl).href : link;
}

/** One catalog entry for display; hidden ones show only that they exist. */
function catalogEntry(achievement: CompiledAchievement, lang: Language, publicUrl: string, portalUrl: string) {
  const d = achievement.definition;
  const secret = d.hidden === true;
  return {
    id: d.id,
    title: secret ? SECRET[lang].title : d.title[lang],
    description: secret ? SECRET[lang].description : d.description[lang],
    difficulty: d.difficulty,
    category: d.category,
    hidden: secret,
    icon: iconUrl(publicUrl, d.icon),
    ...(d.tiers ? { tiers: d.tiers.map((t, i) => ({ tier: i + 1, target: t.target, points: t.points })) } : { points: d.points ?? 0 }),
    ...(d.unit && !secret ? { unit: d.unit[lang] } : {}),
    ...(d.link && !secret ? { link: portalLink(portalUrl, d.link) } : {}),
  };
}

/** `portalUrl`: what relative links resolve against (portalUrlOf). */
export function catalogJson(catalog: Catalog, lang: Language, publicUrl: string, portalUrl: string) {
  return {
    language: lang,
    timeZone: catalog.calendar.timeZone,
    achievements: catalog.achievements.map((a) => catalogEntry(a, lang, publicUrl, portalUrl)),
    levels: catalog.levels.map((level, index) => ({
      id: level.id,
      index,
      title: level.title[lang],
      minPoints: level.minPoints,
      privileges: level.privileges.map((p) => ({ id: p.id, title: p.title[lang] })),
    })),
  };
}

function achievementJson(catalog: Catalog, view: AchievementView, lang: Language) {
  const d = catalog.byId.get(view.id)!.definition;
  // id, state and progress first, then the rest in the view's order; one object per achievement
  // (this runs for every achievement on every GET /me/achievements).
  const json: AchievementView & { title?: string; description?: string } = Object.assign({ id: view.id, state: view.state, progress: view.progress }, view);
  if (d.hidden && view.state === 'unlocked') {
    // The secret is the citizen's once earned.
    json.title = d.title[lang];
    json.description = d.description[lang];
  }
  return json;
}

function levelJson(catalog: Catalog, points: number, lang: Language) {
  const { level, ...rest } = levelFor(catalog, points);
  return { ...rest, title: level.title[lang], privileges: catalog.levels.slice(0, rest.index + 1).flatMap((l) => l.privileges.map((p) => ({ id: p.id, title: p.title[lang] }))) };
}

export function meJson(catalog: Catalog, userId: string, state: UserState, updatedAt: number | undefined, now: number, lang: Language) {
  const view = describeUser(catalog, state, now);
  return {
    userId,
    verified: view.verified,
    points: view.points,
    level: levelJson(catalog, view.points, lang),
    achievements: view.achievements.map((a) => achievementJson(catalog, a, lang)),
    updatedAt: new Date(updatedAt ?? 0).toISOString(),
  };
}

/** The live `progress` event: the achievements that moved, as the citizen would now see them. */
export function progressPayload(catalog: Catalog, state: UserState, ids: readonly string[], now: number) {
  const points = totalPoints(catalog, state);
  return {
    points,
    level: { id: levelFor(catalog, points).id },
    achievements: ids.map((id) => describeAchievement(catalog, state, catalog.byId.get(id)!, now)),
  };
}
