import { html, LitElement, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import type { StoreStatus } from '../../data/store.ts';
import { formatNumber } from '../../i18n/format.ts';
import { languageOf } from '../../i18n/language.ts';
import type { ProgressMessages } from '../../i18n/progress.ts';
import { progressMessages } from '../../i18n/progress.ts';
import { gamificationOn, StoreController, StoreSourceMixin } from '../shared/store-controller.ts';
import { themeStyles } from '../shared/theme.styles.ts';
import { progressRingStyles } from './progress-ring.styles.ts';

interface Reading {
  value: number;
  max: number;
  valueText: string;
}

/** Why a ring that follows the store has nothing to show, by the store's status when it holds no state (none while it loads). */
type Problem = 'failed' | 'signedOut' | 'offline' | 'missing';
const PROBLEMS: Partial<Record<StoreStatus, Problem>> = { error: 'failed', unauthenticated: 'signedOut', offline: 'offline' };

/**
 * A ring that shows how far along something is, with the number in text beside the graphic
 * and the same in words for screen readers («3 из 5 заявлений»). It shows either `value` of `max`,
 * or the progress of one achievement (`achievement="<id>"`) or of the citizen's level (`level`)
 * from the store. Without a value it is indeterminate, and its spin stops after 4.8 s (nothing moves
 * for longer than 5 s on its own; none at all under reduced motion). Following the store, it says
 * in words, inside a still ring, why it has nothing to show when the store has no state: the
 * server failed («Не удалось загрузить»), no citizen is signed in («Вход не выполнен»), the server
 * cannot be reached («Нет связи»), or the state has no such achievement («Нет данных»). It shows
 * nothing while the citizen has turned gamification off.
 *
 * @summary Progress as a ring, with the number in text and in words.
 * @tagname progress-ring
 * @csspart base - The progressbar: the graphic and the label.
 * @csspart track - The ring's background circle.
 * @csspart indicator - The ring's filled arc.
 * @csspart label - The visible number, or the problem in words.
 * @cssprop [--progress-ring-size=4.5em] - The ring's width and height.
 * @cssprop [--progress-ring-stroke-width=10] - The ring's thickness, in units of a 100-unit ring.
 * @cssprop [--progress-ring-track-color] - The background circle (default: `--ach-color-track`).
 * @cssprop [--progress-ring-indicator-color] - The filled arc (default: `--ach-color-accent`).
 * @cssprop [--progress-ring-font-size=1em] - The label's size.
 * @cssprop [--progress-ring-transition-duration=0.4s] - How long the arc takes to move (none under reduced motion).
 */
export class ProgressRing extends StoreSourceMixin(LitElement) {
  static override properties = {
    value: { type: Number },
    max: { type: Number },
    label: { type: String },
    achievement: { type: String },
    level: { type: Boolean },
    theme: { type: String, reflect: true },
    indeterminate: { type: Boolean, reflect: true },
    messages: { attribute: false },
  };
  static override styles = [themeStyles, progressRingStyles];

  /** How far along, from 0 to `max`. Without it (and without `achievement` or `level`) the ring is indeterminate. */
  declare value: number | undefined;
  /** The whole; 100 by default. */
  declare max: number;
  /** The ring's accessible name, e.g. «Регулярный пользователь». */
  declare label: string | undefined;
  /** Follow this achievement's progress from the store. */
  declare achievement: string | undefined;
  /** Follow the progress to the citizen's next level from the store. */
  declare level: boolean;
  /** `light`, `dark`, or `auto` (the system's preference); by default the page's color-scheme. */
  declare theme: 'light' | 'dark' | 'auto' | undefined;
  /** Set while there is no value to show (reflected, for styling). */
  declare indeterminate: boolean;
  /** Replaces any of the element's texts, e.g. `{ progressLabel: 'Выполнено' }`. */
  declare messages: Partial<ProgressMessages> | undefined;

  readonly #store = new StoreController(this);

  constructor() {
    super();
    this.max = 100;
    this.level = false;
    this.indeterminate = true;
  }

  /** What the ring shows: a reading, a problem that keeps it from having one, or nothing yet (indeterminate). */
  #state(): Reading | Problem | undefined {
    const text = { ...progressMessages[languageOf(this)], ...this.messages };
    if (this.achievement || this.level) {
      const { status, achievements, catalog } = this.#store.snapshot ?? {};
      if (!achievements) return status && PROBLEMS[status];
      if (this.level) {
        const { level, points } = achievements;
        if (level.nextMinPoints === undefined) return { value: 100, max: 100, valueText: level.title }; // the top level: «100 %», not «1/1»
        const span = level.nextMinPoints - level.minPoints;
        return { value: points - level.minPoints, max: span, valueText: text.progress(points - level.minPoints, span) };
      }
      const mine = achievements.achievements.find((a) => a.id === this.achievement);
      // The citizen's state is there and has no such achievement: nothing is coming.
      if (!mine) return 'missing';
      const unit = catalog?.achievements.find((a) => a.id === this.achievement)?.unit;
      const { current, target } = mine.progress;
      return { value: Math.min(current, target), max: target, valueText: text.progress(current, target, unit) };
    }
    // Not a finite number (none, null, NaN): indeterminate.
    if (!Number.isFinite(this.value)) return undefined;
    const max = Number.isFinite(this.max) && this.max > 0 ? this.max : 100;
    const value = Math.min(Math.max(this.value as number, 0), max);
    return { value, max, valueText: text.progress(value, max) };
  }

  /** «60 %» of a hundred, «3/5» of anything else. */
  #visible(language: 'ru' | 'en', reading: Reading, share: number): string {
    if (reading.max === 100) return `${formatNumber(language, Math.round(share * 100))}\u00a0%`;
    return `${formatNumber(language, reading.value)}/${formatNumber(language, reading.max)}`;
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    this.indeterminate = this.#state() === undefined;
  }

  protected override render() {
    // The citizen turned gamification off: a ring that follows the store shows nothing (one given a value is the page's own).
    if ((this.achievement || this.level) && !gamificationOn(this.#store.snapshot)) return nothing;
    const language = languageOf(this);
    const text = { ...progressMessages[language], ...this.messages };
    const state = this.#state();
    const reading = typeof state === 'object' ? state : undefined;
    // A problem is said in words, inside an empty ring that does not move.
    const problem = typeof state === 'string' ? text[state] : undefined;
    const share = reading && reading.max > 0 ? reading.value / reading.max : 0;
    // The arc's length as a presentation attribute (pathLength 100): no style attribute, so a strict CSP allows it.
    const arc = reading ? `${(share * 100).toFixed(2)} 100` : '25 100';
    return html`
      <div
        part="base"
        role="progressbar"
        aria-label=${this.label || text.progressLabel}
        aria-valuemin=${reading ? 0 : nothing}
        aria-valuemax=${reading ? reading.max : nothing}
        aria-valuenow=${reading ? reading.value : nothing}
        aria-valuetext=${reading ? reading.valueText : (problem ?? text.loading)}
      >
        <svg viewBox="0 0 120 120" aria-hidden="true" focusable="false">
          <circle part="track" cx="60" cy="60" r="50"></circle>
          ${problem ? nothing : html`<circle part="indicator" cx="60" cy="60" r="50" pathLength="100" stroke-dasharray=${arc}></circle>`}
        </svg>
        <span part="label" aria-hidden="true">${reading ? this.#visible(language, reading, share) : (problem ?? '')}</span>
      </div>
    `;
  }
}
