import { html, LitElement, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { BoardFilter, BoardMessages } from '../../i18n/achievement-board.ts';
import { boardMessages } from '../../i18n/achievement-board.ts';
import { languageOf } from '../../i18n/language.ts';
import { StoreController, StoreSourceMixin } from '../shared/store-controller.ts';
import { themeStyles } from '../shared/theme.styles.ts';
import '../achievement-share/define.ts';
import '../progress-ring/define.ts';
import { achievementBoardStyles } from './achievement-board.styles.ts';
import { renderCard } from './board-card.ts';
import type { CardContext } from './board-card.ts';
import { renderHeader } from './board-header.ts';
import type { BoardItem } from './board-model.ts';
import { boardGroups, boardItems, filterCounts, FILTERS } from './board-model.ts';
import { ageOf } from './board-status.ts';

const SKELETON_CARDS = [0, 1, 2];
const headingLevel = (n: number) => Math.min(Math.max(Math.trunc(n) || 2, 1), 6);

/**
 * «Мои достижения»: the citizen's level, points, privileges and tenure, then every achievement as
 * a card, grouped by difficulty, with a filter by state. Each card says its state in words, the
 * progress and what is left, points, the unlock date and tiers; secret ones stay secret until
 * earned, and earned ones offer `<achievement-share>`. Loading, error (with a retry), signed-out, offline
 * and stale states each say what is going on in a polite status line.
 *
 * The board's title is an `<h2>`-level heading by default; set `heading-level` to fit the page's
 * outline (groups and cards take the next two levels).
 *
 * @summary The citizen's achievements board.
 * @tagname achievement-board
 * @fires {AchievementShareEvent} achievement-share - From a card's `<achievement-share>`: the citizen shared an earned achievement.
 * @slot signin - Shown to a signed-out citizen under the sign-in sentence, e.g. a link to sign in.
 * @csspart base - The board.
 * @csspart title - The board's heading.
 * @csspart status - The polite status line (loading, stale, offline, error).
 * @csspart header - The level, privileges and tenure.
 * @csspart level - The level with its ring.
 * @csspart ring - The ring of progress to the next level.
 * @csspart privileges - The privileges the level opens.
 * @csspart tenure - Tenure: months so far, the next mark, services this month.
 * @csspart filters - The filter buttons' group.
 * @csspart filter - One filter button.
 * @csspart group - One difficulty group.
 * @csspart group-title - A group's heading.
 * @csspart card - One achievement's card.
 * @csspart card-title - A card's title.
 * @csspart state - A card's state in words.
 * @csspart bar - A card's progress bar.
 * @csspart points - A card's points.
 * @csspart share - A card's `<achievement-share>`.
 * @csspart retry - The retry button.
 * @cssprop [--achievement-board-background] - The board's background (default: `--ach-color-surface`).
 * @cssprop [--achievement-board-card-background] - A card's background (default: `--ach-color-surface`).
 * @cssprop [--achievement-board-card-min-width=16rem] - The narrowest a card gets before the grid takes fewer columns.
 * @cssprop [--achievement-board-gap=1rem] - The space between cards and sections.
 * @cssprop [--achievement-board-icon-size=3rem] - The size of a card's icon.
 * @cssprop [--achievement-board-ring-size=5em] - The size of the level ring.
 */
export class AchievementBoard extends StoreSourceMixin(LitElement) {
  static override properties = {
    filter: { type: String, reflect: true },
    headingLevel: { type: Number, attribute: 'heading-level' },
    theme: { type: String, reflect: true },
    messages: { attribute: false },
  };
  static override styles = [themeStyles, achievementBoardStyles];

  /** Which cards show: `all` (default), `unlocked`, `in_progress` or `locked`. */
  declare filter: BoardFilter;
  /** The level of the board's heading, 1–6 (2 by default); groups and cards take the next levels. */
  declare headingLevel: number;
  /** `light`, `dark`, or `auto` (the system's preference); by default the page's color-scheme. */
  declare theme: 'light' | 'dark' | 'auto' | undefined;
  /** Replaces any of the board's texts, e.g. `{ title: 'Достижения' }`. */
  declare messages: Partial<BoardMessages> | undefined;

  readonly #store = new StoreController(this);

  constructor() {
    super();
    this.filter = 'all';
    this.headingLevel = 2;
  }

  #retry = () => void this.#store.store?.refresh();

  #filterButtons(): HTMLButtonElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLButtonElement>('[data-filter]')];
  }

  /** Arrow keys, Home and End move between the filter buttons; Space and Enter press them. */
  #onFilterKey = (event: KeyboardEvent) => {
    const buttons = this.#filterButtons();
    const at = buttons.indexOf(event.target as HTMLButtonElement);
    const moves: Record<string, number> = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 };
    const to = moves[event.key];
    if (at < 0 || to === undefined) return;
    event.preventDefault();
    buttons[(to + buttons.length) % buttons.length]?.focus();
  };

  #renderFilters(text: BoardMessages, items: readonly BoardItem[], active: BoardFilter) {
    const counts = filterCounts(items);
    return html`<div role="group" part="filters" class="filters" aria-label=${text.filterLabel} @keydown=${this.#onFilterKey}>
      ${FILTERS.map(
        (filter) => html`<button type="button" part="filter" data-filter=${filter} aria-pressed=${active === filter ? 'true' : 'false'} @click=${() => (this.filter = filter)}>
          ${text.filters[filter]} <span class="count">${counts[filter]}</span>
        </button>`,
      )}
    </div>`;
  }

  #renderList(text: BoardMessages, items: readonly BoardItem[], filter: BoardFilter, card: CardContext, level: number) {
    const groups = boardGroups(items, filter);
    if (!groups.length) return html`<p class="empty">${text.empty[filter]}</p>`;
    return repeat(
      groups,
      (group) => group.difficulty,
      (group) => html`<section part="group" class="group" aria-labelledby="group-${group.difficulty}">
        <div role="heading" aria-level=${level} part="group-title" class="group-title" id="group-${group.difficulty}">${text.groups[group.difficulty]}</div>
        <ul class="grid" role="list">${repeat(group.items, (item) => item.mine.id, (item) => renderCard(item, card))}</ul>
      </section>`,
    );
  }

  protected override render() {
    const language = languageOf(this);
    const text = { ...boardMessages[language], ...this.messages };
    const { status = 'loading', achievements, catalog, refreshedAt, error } = this.#store.snapshot ?? {};
    const level = headingLevel(this.headingLevel);
    const data = status !== 'unauthenticated' && achievements && catalog ? { achievements, catalog } : undefined;
    const timeZone = catalog?.timeZone ?? 'Europe/Moscow';
    const age = data && refreshedAt !== undefined ? ageOf(refreshedAt, Date.now(), language, timeZone, text) : '';
    const said: Partial<Record<typeof status, string>> = {
      loading: data ? '' : text.loading,
      stale: `${text.stale} ${age}`,
      offline: `${text.offline} ${age}`,
      error: `${text.error} ${age}`,
    };
    const problem =
      status === 'error' || status === 'offline'
        ? html`<div class="problem">
            ${error ? html`<p class="muted reason">${text.reason}: ${error}</p>` : nothing}
            <button type="button" part="retry" class="retry" @click=${this.#retry}>${text.retry}</button>
          </div>`
        : nothing;
    let body;
    if (status === 'unauthenticated') body = html`<p class="message">${text.unauthenticated}</p><slot name="signin"></slot>`;
    else if (!data) body = status === 'error' || status === 'offline' ? problem : this.#renderSkeleton();
    else {
      const items = boardItems(data.achievements.achievements, data.catalog);
      const ring = html`<progress-ring
        part="ring"
        level
        label=${text.levelRingLabel}
        .endpoint=${this.endpoint}
        .token=${this.token}
        .tokenProvider=${this.tokenProvider}
        .credentials=${this.credentials}
      ></progress-ring>`;
      const filter = FILTERS.includes(this.filter) ? this.filter : 'all';
      const card: CardContext = { text, language, timeZone, level: Math.min(level + 2, 6), source: this };
      body = html`${problem} ${renderHeader(data.achievements, data.catalog, text, ring)} ${this.#renderFilters(text, items, filter)}
        <div class="list">${this.#renderList(text, items, filter, card, Math.min(level + 1, 6))}</div>`;
    }
    return html`<section part="base" class="board" aria-labelledby="title">
      <div role="heading" aria-level=${level} part="title" class="title" id="title">${text.title}</div>
      <p role="status" part="status" class="status">${said[status]?.trim() ?? ''}</p>
      ${body}
    </section>`;
  }

  #renderSkeleton() {
    return html`<div class="list" aria-busy="true">
      <ul class="grid" aria-hidden="true">
        ${SKELETON_CARDS.map(() => html`<li class="card skeleton"><div class="icon"></div><div class="body"><span></span><span></span><span></span></div></li>`)}
      </ul>
    </div>`;
  }
}
