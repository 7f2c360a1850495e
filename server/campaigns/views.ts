/** Campaigns as the API shows them: localized texts, prizes in words, pseudonyms. */
import type { Language } from '../views.ts';
import type { Campaign, CampaignStatus, PrizeDefinition } from './definition.ts';

const plural = (lang: Language, n: number, forms: { one: string; few?: string; many?: string; other?: string }) => {
  const rule = new Intl.PluralRules(lang).select(n);
  if (lang === 'ru') return rule === 'one' ? forms.one : rule === 'few' ? forms.few! : forms.many!;
  return rule === 'one' ? forms.one : forms.other!;
};

/** «Участник 4821» / "Participant 4821": a random number, never the citizen's name or id. */
export function displayName(tag: number, lang: Language): string {
  return `${lang === 'ru' ? 'Участник' : 'Participant'} ${tag}`;
}

/** A reward's title in a language, if the rewards know it. */
export type RewardTitle = (rewardId: string, lang: Language) => string | undefined;

/** «1 место: 500 баллов и «Приоритетная запись»», "Places 2–3: 200 points". */
export function prizeLabel(prize: PrizeDefinition, lang: Language, rewardTitle: RewardTitle = () => undefined): string {
  const [from, to] = prize.places;
  const range = from === to ? String(from) : `${from}–${to}`;
  const places =
    lang === 'ru' ? `${range} ${plural('ru', to, { one: 'место', few: 'места', many: 'мест' })}` : `${from === to ? 'Place' : 'Places'} ${range}`;
  const title = prize.rewardId === undefined ? undefined : (rewardTitle(prize.rewardId, lang) ?? prize.rewardId);
  const points = prize.points === undefined ? undefined : `${prize.points} ${plural(lang, prize.points, { one: lang === 'ru' ? 'балл' : 'point', few: 'балла', many: 'баллов', other: 'points' })}`;
  const reward = title === undefined ? undefined : lang === 'ru' ? `«${title}»` : `“${title}”`;
  const what = [points, reward].filter(Boolean).join(lang === 'ru' ? ' и ' : ' and ');
  return `${places}: ${what}`;
}

export function prizeJson(prize: PrizeDefinition, lang: Language, rewardTitle: RewardTitle = () => undefined) {
  const title = prize.rewardId === undefined ? undefined : rewardTitle(prize.rewardId, lang);
  return {
    places: prize.places,
    ...(prize.points !== undefined ? { points: prize.points } : {}),
    ...(prize.rewardId !== undefined ? { rewardId: prize.rewardId } : {}),
    ...(title !== undefined ? { rewardTitle: title } : {}),
    label: prizeLabel(prize, lang, rewardTitle),
  };
}

export interface MyCampaign {
  joined: boolean;
  eligible: boolean;
  rank?: number;
  score?: number;
}

export function campaignJson(campaign: Campaign, status: CampaignStatus, lang: Language, me?: MyCampaign, rewardTitle?: RewardTitle) {
  const d = campaign.definition;
  return {
    id: d.id,
    title: d.title[lang],
    description: d.description[lang],
    startsAt: d.startsAt,
    endsAt: d.endsAt,
    status,
    score: campaign.kind,
    prizes: d.prizes.map((prize) => prizeJson(prize, lang, rewardTitle)),
    ...(me ? { me } : {}),
  };
}
