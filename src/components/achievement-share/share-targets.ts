/**
 * Where a link can be shared, as URLs: every messenger's share scheme in one table. Each value is
 * encoded once, on its own (`encodeURIComponent`), never the whole URL; the targets that take
 * only text get the link inside the text. No DOM here.
 */
import type { ShareTarget } from '../../i18n/achievement-share.ts';

export interface SharedLink {
  url: string;
  text: string;
}

interface TargetScheme {
  build(link: SharedLink): string;
  /** Opens an installed app only (no web fallback): pointless where there is none (desktop). */
  appOnly?: true;
}

const query = (values: Record<string, string>) =>
  Object.entries(values)
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join('&');

/** The text and the link as one message, for targets that take nothing else. */
const message = ({ url, text }: SharedLink) => `${text}\n${url}`;

export const SHARE_SCHEMES: Record<ShareTarget, TargetScheme> = {
  max: { build: (link) => `https://max.ru/:share?${query({ text: message(link) })}` },
  // VK takes its title and picture from the page's Open Graph tags: a `title` here would override them.
  vk: { build: ({ url }) => `https://vk.com/share.php?${query({ url })}` },
  ok: { build: ({ url, text }) => `https://connect.ok.ru/offer?${query({ url, title: text })}` },
  telegram: { build: ({ url, text }) => `https://t.me/share/url?${query({ url, text })}` },
  whatsapp: { build: (link) => `https://wa.me/?${query({ text: message(link) })}` },
  viber: { build: (link) => `viber://forward?${query({ text: message(link) })}`, appOnly: true },
};

/** What a page shows by default (WhatsApp and Viber only when the page author asks for them). */
export const DEFAULT_TARGETS = 'max vk ok telegram copy';

export type ShareAction = ShareTarget | 'copy';

/**
 * The page author's list (`targets="telegram vk copy"`, spaces or commas), in their order: unknown
 * names and repeats are dropped, and app-only targets where no app can answer.
 */
export function shareActions(list: string, mobile: boolean): ShareAction[] {
  const actions: ShareAction[] = [];
  for (const name of list.toLowerCase().split(/[\s,]+/)) {
    const known = name === 'copy' || Object.hasOwn(SHARE_SCHEMES, name);
    if (!known || actions.includes(name as ShareAction)) continue;
    if (name !== 'copy' && SHARE_SCHEMES[name as ShareTarget].appOnly && !mobile) continue;
    actions.push(name as ShareAction);
  }
  return actions;
}
