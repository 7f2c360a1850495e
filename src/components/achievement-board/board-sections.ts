/** The board's sections from issue 7: «Следующие шаги» and the campaigns with their leaderboards. */
import { html, nothing } from 'lit';
import type { Campaign, Leaderboard, Recommendation } from '../../data/contract.ts';
import type { Section } from '../../data/store.ts';
import type { BoardMessages } from '../../i18n/achievement-board.ts';
import { formatDate } from '../../i18n/format.ts';
import type { Language } from '../../i18n/plural.ts';
import { safeUrl } from '../shared/safe-url.ts';
import { lastDayOf } from './board-model.ts';

/** What the citizen did in a section, by name and campaign id. */
export type BoardAction = 'join' | 'confirm' | 'cancel' | 'leave' | 'leaderboard';

export interface SectionsContext {
  text: BoardMessages;
  language: Language;
  timeZone: string;
  /** The sections' heading level; their items take the next. */
  level: number;
  /** The campaign whose joining awaits confirmation. */
  confirming: string | undefined;
  /** What the last action said, by campaign id. */
  notes: ReadonlyMap<string, string>;
  busy: ReadonlySet<string>;
  leaderboards: Record<string, Section<Leaderboard>>;
  act(action: BoardAction, id: string, event: Event): void;
}

export function renderNextSteps(recommendations: readonly Recommendation[], c: SectionsContext) {
  if (!recommendations.length) return nothing;
  const { text } = c;
  return html`<section part="next-steps" class="section" aria-labelledby="next-steps">
    <div role="heading" aria-level=${c.level} class="group-title" id="next-steps">${text.nextSteps}</div>
    <ul class="steps" role="list">
      ${recommendations.map((r) => {
        const link = safeUrl(r.link);
        return html`<li part="step" class="step">
          <p class="card-title">${r.title}</p>
          <p>${r.reason}</p>
          ${r.points ? html`<p class="points">${text.plusPoints(r.points)}</p>` : nothing}
          ${link ? html`<a part="step-link" href=${link}>${text.goToService}<span class="hidden">: ${r.title}</span></a>` : nothing}
        </li>`;
      })}
    </ul>
  </section>`;
}

export function renderCampaigns(campaigns: readonly Campaign[], c: SectionsContext) {
  // Finished ones are over for the citizen; the running ones first, then what is coming.
  const shown = campaigns.filter((campaign) => campaign.status !== 'finished').sort((a, b) => (a.status === b.status ? 0 : a.status === 'active' ? -1 : 1));
  if (!shown.length) return nothing;
  return html`<section part="campaigns" class="section" aria-labelledby="campaigns">
    <div role="heading" aria-level=${c.level} class="group-title" id="campaigns">${c.text.campaigns}</div>
    <ul class="steps" role="list">
      ${shown.map((campaign) => renderCampaign(campaign, c))}
    </ul>
  </section>`;
}

function renderCampaign(campaign: Campaign, c: SectionsContext) {
  const { text, language } = c;
  const { id, me, status } = campaign;
  const active = status === 'active';
  const day = formatDate(language, active ? lastDayOf(campaign.endsAt) : campaign.startsAt, 'day', c.timeZone);
  const score = (n: number) => text.score(n, campaign.score);
  const act = (action: BoardAction) => (event: Event) => c.act(action, id, event);
  const busy = c.busy.has(id) ? 'true' : nothing;
  let controls;
  if (c.confirming === id) {
    controls = html`<div role="group" class="confirm" aria-labelledby="confirm-${id}" @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && act('cancel')(e)}>
      <p id="confirm-${id}">${text.joinConfirm}</p>
      <div class="actions">
        <button type="button" class="primary" data-confirm=${id} aria-disabled=${busy} @click=${act('confirm')}>${text.confirmJoin}</button>
        <button type="button" @click=${act('cancel')}>${text.cancel}</button>
      </div>
    </div>`;
  } else if (me?.joined) {
    controls = html`<p>${me.rank ? text.myPlace(text.place(me.rank), score(me.score ?? 0)) : text.noPlaceYet}</p>
      <div class="actions"><button type="button" data-campaign=${id} aria-disabled=${busy} @click=${act('leave')}>${text.leave}</button></div>`;
  } else if (me && !me.eligible) {
    controls = html`<p class="muted">${text.notEligible}</p>`;
  } else if (me) {
    controls = html`<div class="actions"><button type="button" class="primary" data-campaign=${id} @click=${act('join')}>${text.join}</button></div>`;
  }
  const board = c.leaderboards[id];
  return html`<li part="campaign" class="step">
    <div role="heading" aria-level=${Math.min(c.level + 1, 6)} class="card-title">${campaign.title}</div>
    <p>${campaign.description}</p>
    <p class="muted">${text.campaignDates(active, day)}. ${text.scoreKind[campaign.score]}.</p>
    ${campaign.prizes?.length ? html`<p>${text.prizes(campaign.prizes.map((p) => p.label).join('; '))}</p>` : nothing}
    ${controls ?? nothing}
    <p role="status" class="note">${c.notes.get(id) ?? ''}</p>
    ${active
      ? html`<details part="leaderboard" @toggle=${(e: Event) => (e.target as HTMLDetailsElement).open && act('leaderboard')(e)}>
          <summary>${text.leaderboard}</summary>
          ${renderLeaderboard(board, score, text)}
        </details>`
      : nothing}
  </li>`;
}

function renderLeaderboard(board: Section<Leaderboard> | undefined, score: (n: number) => string, text: BoardMessages) {
  const value = board?.value;
  if (!value) return html`<p class="muted">${board?.status === 'error' ? text.failed(board.error ?? '') : text.loadingShort}</p>`;
  const mine = value.me;
  const listed = mine && value.top.some((row) => row.rank === mine.rank);
  return html`${value.top.length
      ? html`<ol class="leaders" role="list">
          ${value.top.map(
            (row) => html`<li class=${row.rank === mine?.rank ? 'me' : ''}>
              ${text.place(row.rank)}: ${row.displayName}${row.rank === mine?.rank ? ` ${text.you}` : ''} — ${score(row.score)}
            </li>`,
          )}
        </ol>`
      : html`<p class="muted">${text.leaderboardEmpty}</p>`}
    ${mine && !listed ? html`<p>${text.myPlace(text.place(mine.rank), score(mine.score))}</p>` : nothing}`;
}
