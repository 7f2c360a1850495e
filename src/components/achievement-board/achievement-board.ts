import { html, LitElement, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { BoardFilter, BoardMessages } from '../../i18n/achievement-board.ts';
import { boardMessages } from '../../i18n/achievement-board.ts';
import { languageOf } from '../../i18n/language.ts';
import type { Result } from '../../data/store.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { gamificationOn, StoreController, StoreSourceMixin } from '../shared/store-controller.ts';
import { headingLevel } from '../shared/heading.ts';
import { Retry } from '../shared/retry.ts';
import { hiddenStyles } from '../shared/hidden.styles.ts';
import { themeStyles } from '../shared/theme.styles.ts';
import '../achievement-share/define.ts';
import '../progress-ring/define.ts';
import { achievementBoardStyles } from './achievement-board.styles.ts';
import { renderCard } from './board-card.ts';
import type { CardContext } from './board-card.ts';
import { renderHeader } from './board-header.ts';
import type { BoardItem } from './board-model.ts';
import { boardGroups, boardItems, filterCounts, FILTERS } from './board-model.ts';
import { asOf } from './board-status.ts';
import type { BoardAction, SectionsContext } from './board-sections.ts';
import { renderCampaigns, renderNextSteps } from './board-sections.ts';

const SKELETON_CARDS = [0, 1, 2];

/**
 * «Мои достижения»: the citizen's level, points, privileges and tenure, then every achievement as
 * a card, grouped by difficulty, with a filter by state. Each card says its state in words, the
 * progress and what is left, points, the unlock date, tiers and how rare it is; secret ones stay
 * secret until earned, and earned ones offer `<achievement-share>` and a 1–5 rating («Полезно ли
 * это достижение?»). Loading, error (with a retry), signed-out, offline and stale states each say
 * what is going on in a polite status line.
 *
 * Between the header and the cards: «Следующие шаги» (what to do next, with a link to each
 * service) and the running campaigns, with the citizen's place, joining (after a confirmation that
 * they are listed under a pseudonym only), leaving, and the leaderboard. «Настройки достижений»
 * turns gamification off for the citizen; the board then shows only a sentence and a button to
 * turn it back on, and every other element shows nothing.
 *
 * The board's title is an `<h2>`-level heading by default; set `heading-level` to fit the page's
 * outline (groups and cards take the next two levels).
 *
 * @summary The citizen's achievements board.
 * @tagname achievement-board
 * @fires {AchievementShareEvent} achievement-share - From a card's `<achievement-share>`: the citizen shared an earned achievement.
 * @fires {CustomEvent<{ achievementId: string; rating: number }>} achievement-rate - The citizen's rating of an achievement was saved.
 * @fires {CustomEvent<{ campaignId: string; joined: boolean }>} achievement-campaign - The citizen joined or left a campaign.
 * @fires {CustomEvent<{ gamification: boolean }>} achievement-preferences - The citizen turned gamification off or on (saved).
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
 * @csspart rarity - A card's «есть у 12 % пользователей».
 * @csspart feedback - A card's rating disclosure.
 * @csspart next-steps - «Следующие шаги».
 * @csspart step - One recommendation.
 * @csspart step-link - A recommendation's link to its service.
 * @csspart campaigns - The campaigns.
 * @csspart campaign - One campaign.
 * @csspart leaderboard - A campaign's leaderboard disclosure.
 * @csspart settings - «Настройки достижений».
 * @csspart turn-on - The button that turns gamification back on.
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
  static override styles = [themeStyles, controlStyles, hiddenStyles, achievementBoardStyles];

  /** Which cards show: `all` (default), `unlocked`, `in_progress` or `locked`. */
  declare filter: BoardFilter;
  /** The level of the board's heading, 1–6 (2 by default); groups and cards take the next levels. */
  declare headingLevel: number;
  /** `light`, `dark`, or `auto` (the system's preference); by default the page's color-scheme. */
  declare theme: 'light' | 'dark' | 'auto' | undefined;
  /** Replaces any of the board's texts, e.g. `{ title: 'Достижения' }`. */
  declare messages: Partial<BoardMessages> | undefined;

  readonly #store = new StoreController(this, undefined, ['recommendations', 'campaigns', 'feedback']);
  /** The campaign whose joining awaits confirmation. */
  #confirming: string | undefined;
  /** What the last action said: by campaign id, by achievement id (ratings), and for the board. */
  readonly #notes = new Map<string, string>();
  readonly #busy = new Set<string>();

  constructor() {
    super();
    this.filter = 'all';
    this.headingLevel = 2;
  }

  readonly #retry = new Retry(this, () => this.#store.store);

  #text(): BoardMessages {
    return { ...boardMessages[languageOf(this)], ...this.messages };
  }

  /** Notes, then focus on what stands where the pressed control was. */
  async #after(key: string, note: string, focus?: string): Promise<void> {
    this.#notes.set(key, note);
    this.requestUpdate();
    await this.updateComplete;
    if (focus) this.renderRoot.querySelector<HTMLElement>(focus)?.focus();
  }

  /** Runs one action per key at a time; a failure is said in words. */
  async #run<T>(key: string, action: (store: NonNullable<StoreController['store']>) => Promise<Result<T>>): Promise<Result<T> | undefined> {
    const store = this.#store.store;
    if (!store || this.#busy.has(key)) return undefined;
    this.#busy.add(key);
    this.requestUpdate();
    const result = await action(store);
    this.#busy.delete(key);
    return result;
  }

  readonly #act = async (action: BoardAction, id: string, event: Event) => {
    const text = this.#text();
    const focus = `[data-campaign="${CSS.escape(id)}"]`;
    if (action === 'leaderboard') return this.#store.store?.leaderboard(id);
    if (action === 'join' || action === 'cancel') {
      event.stopPropagation();
      this.#confirming = action === 'join' ? id : undefined;
      return this.#after(id, '', action === 'join' ? `[data-confirm="${CSS.escape(id)}"]` : focus);
    }
    const join = action === 'confirm';
    const result = await this.#run(id, (store) => store.participate(id, join));
    if (!result) return;
    if (join) this.#confirming = undefined;
    if (result.ok) this.dispatchEvent(new CustomEvent('achievement-campaign', { detail: { campaignId: id, joined: join }, bubbles: true, composed: true }));
    const note = result.ok
      ? join
        ? text.joined(result.value?.displayName)
        : text.left
      : result.code === 'not_eligible'
        ? text.notEligible
        : result.code === 'campaign_finished'
          ? text.finished
          : text.failed(result.reason);
    await this.#after(id, note, focus);
  };

  readonly #rate = async (id: string, event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const rating = Number(form.get('rating'));
    const text = this.#text();
    if (!rating) return this.#after(`rate:${id}`, text.chooseRating);
    const result = await this.#run(`rate:${id}`, (store) => store.rate(id, rating, String(form.get('comment') ?? '')));
    if (!result) return;
    if (result.ok) this.dispatchEvent(new CustomEvent('achievement-rate', { detail: { achievementId: id, rating }, bubbles: true, composed: true }));
    await this.#after(`rate:${id}`, result.ok ? text.ratingSaved : text.failed(result.reason));
  };

  async #setGamification(on: boolean): Promise<void> {
    const result = await this.#run('gamification', (store) => store.setGamification(on));
    if (!result) return;
    const text = this.#text();
    if (result.ok) this.dispatchEvent(new CustomEvent('achievement-preferences', { detail: { gamification: on }, bubbles: true, composed: true }));
    // The control pressed is gone: focus goes to the one that undoes it, or, back on, to the top of the board.
    await this.#after('board', result.ok ? (on ? text.turnedOn : text.turnedOff) : text.failed(result.reason), result.ok ? (on ? '[part="title"]' : '[part="turn-on"]') : undefined);
  }

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
    const text = this.#text();
    const snapshot = this.#store.snapshot;
    const { status = 'loading', achievements, catalog, refreshedAt, sections, leaderboards = {} } = snapshot ?? {};
    const level = headingLevel(this.headingLevel);
    const data = status !== 'unauthenticated' && achievements && catalog ? { achievements, catalog } : undefined;
    const timeZone = catalog?.timeZone ?? 'Europe/Moscow';
    const age = data && refreshedAt !== undefined ? asOf(refreshedAt, language, timeZone, text) : '';
    const said: Partial<Record<typeof status, string>> = {
      loading: data ? '' : text.loading,
      stale: `${text.stale} ${age}`,
      offline: `${text.offline} ${age}`,
      error: `${text.error} ${age}`,
    };
    const problem =
      status === 'error' || status === 'offline'
        ? html`<div class="problem">
            <button type="button" part="retry" class="retry" @click=${this.#retry.run}>${text.retry}</button>
          </div>`
        : nothing;
    let body;
    const busy = this.#busy.has('gamification') ? 'true' : nothing;
    if (status === 'unauthenticated') body = html`<p class="message">${text.unauthenticated}</p><slot name="signin"></slot>`;
    else if (!data) body = status === 'error' || status === 'offline' ? problem : this.#renderSkeleton();
    else if (!gamificationOn(snapshot)) {
      body = html`${problem}<p class="message">${text.offMessage}</p>
        <div class="actions"><button type="button" class="primary" part="turn-on" aria-disabled=${busy} @click=${() => this.#setGamification(true)}>${text.turnOn}</button></div>`;
    } else {
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
      const feedback = sections?.feedback?.value;
      const card: CardContext = {
        text,
        language,
        timeZone,
        level: Math.min(level + 2, 6),
        source: this,
        feedback: feedback && new Map(feedback.feedback.map((f) => [f.achievementId, f])),
        notes: this.#notes,
        rate: this.#rate,
      };
      const c: SectionsContext = { text, language, timeZone, level: Math.min(level + 1, 6), confirming: this.#confirming, notes: this.#notes, busy: this.#busy, leaderboards, act: this.#act };
      const recommendations = sections?.recommendations?.value?.recommendations;
      const campaigns = sections?.campaigns?.value?.campaigns;
      body = html`${problem} ${renderHeader(data.achievements, data.catalog, text, ring, c.level)}
        ${recommendations ? renderNextSteps(recommendations, c) : nothing} ${campaigns ? renderCampaigns(campaigns, c) : nothing}
        ${this.#renderFilters(text, items, filter)}
        <div class="list">${this.#renderList(text, items, filter, card, Math.min(level + 1, 6))}</div>
        <details part="settings" class="settings">
          <summary>${text.settings}</summary>
          <p>${text.offExplained}</p>
          <div class="actions"><button type="button" aria-disabled=${busy} @click=${() => this.#setGamification(false)}>${text.turnOff}</button></div>
        </details>`;
    }
    // The store's own news replaces the last action's note for good: it is not said again after it.
    const line = (this.#retry.running && (status === 'error' || status === 'offline') ? text.loading : said[status])?.trim();
    if (line) this.#notes.delete('board');
    return html`<section part="base" class="board" aria-labelledby="title">
      <div role="heading" aria-level=${level} part="title" class="title" id="title" tabindex="-1">${text.title}</div>
      <p role="status" part="status" class="status">${line || this.#notes.get('board') || ''}</p>
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
