/** The board's header: the citizen's level, points, the privileges it opens, and tenure. */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { Catalog, MyAchievements } from '../../data/contract.ts';
import type { BoardMessages } from '../../i18n/achievement-board.ts';

/** The id of the catalog's tenure achievement, whose streak is the citizen's tenure. */
const TENURE = 'tenure';

/** `headingAt`: the heading level of its two parts, privileges and tenure (those of the board's sections). */
export function renderHeader(state: MyAchievements, catalog: Catalog, text: BoardMessages, ring: TemplateResult, headingAt: number) {
  const { level, points } = state;
  const next = catalog.levels.find((l) => l.index === level.index + 1);
  const tenure = state.achievements.find((a) => a.id === TENURE);
  const streak = tenure?.streak;
  return html`<div part="header" class="header">
    <div part="level" class="level">
      ${ring}
      <div>
        <p class="level-title">${text.level(level.title)}</p>
        <p class="points">${text.points(points)}</p>
        <p class="muted">${level.nextMinPoints === undefined ? text.topLevel : text.toNextLevel(level.nextMinPoints - points, next?.title)}</p>
      </div>
    </div>
    <div part="privileges" class="privileges">
      <div role="heading" aria-level=${headingAt} class="subheading">${text.privileges}</div>
      ${level.privileges.length
        ? html`<ul>${level.privileges.map((p) => html`<li>${p.title}</li>`)}</ul>`
        : html`<p class="muted">${text.noPrivileges}</p>`}
    </div>
    ${streak
      ? html`<div part="tenure" class="tenure">
          <div role="heading" aria-level=${headingAt} class="subheading">${text.tenure(streak.length)}</div>
          ${tenure.nextTier && streak.daysToNextMark !== undefined ? html`<p class="muted">${text.nextMark(tenure.nextTier.target, streak.daysToNextMark)}</p>` : nothing}
          <p class="muted">${text.servicesThisMonth(streak.thisPeriodCount)}</p>
        </div>`
      : nothing}
  </div>`;
}
