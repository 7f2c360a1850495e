/** One achievement's card: everything in words, the colour only repeats it. */
import { html, nothing } from 'lit';
import type { Feedback } from '../../data/contract.ts';
import type { BoardMessages } from '../../i18n/achievement-board.ts';
import { formatDate } from '../../i18n/format.ts';
import type { Language, PluralForms } from '../../i18n/plural.ts';
import { safeUrl } from '../shared/safe-url.ts';
import type { StoreSource } from '../shared/store-controller.ts';
import type { BoardItem } from './board-model.ts';
import { lastDayOf } from './board-model.ts';

export interface CardContext {
  text: BoardMessages;
  language: Language;
  timeZone: string;
  /** The card titles' heading level. */
  level: number;
  /** The board's own store, if it has one, for the share control to use the same. */
  source: StoreSource;
  /** The citizen's ratings by achievement, once known (no rating control before). */
  feedback: ReadonlyMap<string, Feedback> | undefined;
  /** What the last rating said, by achievement id. */
  notes: ReadonlyMap<string, string>;
  rate(achievementId: string, event: SubmitEvent): void;
}

const RATINGS = [1, 2, 3, 4, 5];

/** «Полезно ли это достижение?»: a disclosure with a 1–5 radio group and a short comment, saved with PUT. */
function renderFeedback(id: string, c: CardContext) {
  const { text } = c;
  const mine = c.feedback?.get(id);
  return html`<details part="feedback" class="feedback">
    <summary>${mine ? text.yourRating(mine.rating) : text.feedbackQuestion}</summary>
    <form class="field" @submit=${(event: SubmitEvent) => c.rate(id, event)}>
      <fieldset>
        <legend>${text.feedbackScale}</legend>
        <div class="actions">
          ${RATINGS.map((n) => html`<label><input type="radio" name="rating" value=${n} .checked=${mine?.rating === n} />${n}</label>`)}
        </div>
      </fieldset>
      <label class="field">${text.comment}<input type="text" name="comment" maxlength="500" .value=${mine?.comment ?? ''} /></label>
      <div class="actions"><button type="submit">${text.saveRating}</button></div>
      <p role="status" class="note muted">${c.notes.get(`rate:${id}`) ?? ''}</p>
    </form>
  </details>`;
}

export function renderCard({ mine, entry }: BoardItem, c: CardContext) {
  const { text, language } = c;
  const earned = mine.state === 'unlocked';
  // A secret stays one until earned: no title, description, icon or progress that would give it away.
  const secret = entry.hidden && !earned;
  const title = secret ? text.secretTitle : (mine.title ?? entry.title);
  const icon = secret ? undefined : safeUrl(entry.icon);
  const unit = entry.unit as PluralForms | undefined;
  const { current, target, remaining, windowEndsAt } = mine.progress;
  // A fixed date range that is over: nothing more can be earned from it.
  const ended = Boolean(mine.progress.ended) && !secret;
  // An earned tiered achievement still shows the way to its next tier; a one-step one has no way to show.
  const moving = !secret && target > 1 && (!earned || mine.nextTier !== undefined);
  const left = moving && remaining > 0 && !ended ? text.remaining(remaining, unit) : '';
  const lastDay = (left || ended) && windowEndsAt ? formatDate(language, lastDayOf(windowEndsAt), ended ? 'date' : 'day', c.timeZone) : undefined;
  const points = earned ? mine.points : (mine.nextTier?.points ?? entry.points);
  return html`<li part="card" class="card" data-state=${mine.state}>
    <div class="icon" aria-hidden="true">${icon ? html`<img src=${icon} alt="" width="48" height="48" loading="lazy" decoding="async" />` : secret ? '?' : nothing}</div>
    <div class="body">
      <div role="heading" aria-level=${c.level} part="card-title" class="card-title">${title}</div>
      <p class="description">${secret ? text.secretDescription : (mine.description ?? entry.description)}</p>
      <p part="state" class="state"><span class="mark" aria-hidden="true"></span>${ended && !earned ? text.ended : text.states[mine.state]}</p>
      ${moving
        ? html`<div class="progress">
            <progress part="bar" max=${Math.max(target, 1)} .value=${Math.min(current, target)} aria-hidden="true"></progress>
            <p>${text.progress(current, target, unit)}</p>
            ${left ? html`<p class="muted">${lastDay ? text.until(left, lastDay) : left}</p>` : nothing}
          </div>`
        : nothing}
      ${ended && !earned && lastDay ? html`<p class="muted">${text.endedOn(lastDay)}</p>` : nothing}
      ${mine.tiers ? html`<p class="muted">${text.tier(mine.tier ?? 0, mine.tiers)}</p>` : nothing}
      ${mine.nextTier && !secret && !ended ? html`<p class="muted">${text.nextTier(text.amount(mine.nextTier.target, unit), mine.nextTier.points)}</p>` : nothing}
      ${points ? html`<p part="points" class="points">${text.points(points)}</p>` : nothing}
      ${earned && mine.unlockedAt ? html`<p class="muted">${text.unlockedOn(formatDate(language, mine.unlockedAt, 'date', c.timeZone))}</p>` : nothing}
      ${entry.rarity !== undefined && !secret ? html`<p part="rarity" class="muted">${text.rarity(entry.rarity)}</p>` : nothing}
      ${earned
        ? html`<achievement-share
            part="share"
            achievement=${mine.id}
            .endpoint=${c.source.endpoint}
            .token=${c.source.token}
            .tokenProvider=${c.source.tokenProvider}
            .credentials=${c.source.credentials}
            .messages=${text.share}
          ></achievement-share>`
        : nothing}
      ${earned && c.feedback ? renderFeedback(mine.id, c) : nothing}
    </div>
  </li>`;
}
