import { html, LitElement, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import type { Unlock } from '../../data/contract.ts';
import type { BadgeToastMessages } from '../../i18n/badge-toast.ts';
import { badgeToastMessages } from '../../i18n/badge-toast.ts';
import { languageOf } from '../../i18n/language.ts';
import { safeUrl } from '../shared/safe-url.ts';
import { gamificationOn, StoreController, StoreSourceMixin } from '../shared/store-controller.ts';
import { themeStyles } from '../shared/theme.styles.ts';
import '../achievement-share/define.ts';
import { badgeToastStyles } from './badge-toast.styles.ts';

/** A page author's own message for `show()`. */
export interface BadgeToastMessage {
  title: string;
  description?: string | undefined;
  /** An image URL (http(s) or relative; anything else is dropped). Decorative. */
  icon?: string | undefined;
}

/** What a toast showed: the texts as shown, and for an unlock its achievement, tier and points. */
export interface BadgeToastContent {
  title: string;
  description?: string | undefined;
  icon?: string | undefined;
  achievementId?: string | undefined;
  tier?: number | undefined;
  points?: number | undefined;
}

/** Why a toast went: its time ran out, the close button, Esc, or the element was turned `off`. */
export type BadgeToastCloseReason = 'timeout' | 'button' | 'escape' | 'off';

/** `achievement-toast-show`'s detail. */
export interface BadgeToastShowDetail {
  toast: BadgeToastContent;
}

/** `achievement-toast-close`'s detail. */
export interface BadgeToastCloseDetail {
  toast: BadgeToastContent;
  reason: BadgeToastCloseReason;
}

/** Time as the toast counts it; a test replaces it to run the countdown without waiting. */
export interface ToastClock {
  now(): number;
  /** Runs `run` after `ms`; returns the cancel. */
  after(ms: number, run: () => void): () => void;
}

const realClock: ToastClock = {
  now: () => performance.now(),
  after: (ms, run) => {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  },
};

/** At least 6 s (WCAG 2.2.1), and 60 ms more per character: about the pace of slow reading. */
const MIN_MS = 6000;
const MS_PER_CHARACTER = 60;
/** A secret's real title comes with the refresh that follows its unlock: it is worth a short wait. */
const SECRET_WAIT_MS = 3000;

type Pending = { message: BadgeToastMessage } | { unlock: Unlock; at: number };

/**
 * Announces the citizen's new achievements as they are earned (from the store: the enclosing
 * `<achievement-provider>`'s, or its own with `endpoint`), and a page author's own messages
 * through `show()`. Each toast is written into a polite live region (`role="status"`) that is on
 * the page, empty, from the start, so screen readers announce it; focus never moves to it.
 *
 * One toast at a time, the rest queued in order: a stack of live text would be read as one long
 * interruption, and would cover more of a small screen. A toast stays 6 s plus 60 ms for each
 * character of its text, and its countdown pauses while the pointer is over it or focus is in it.
 * The close button or Esc (with focus in the toast) closes it. For a citizen who wants no moving
 * content (Decree 102), the page offers `duration="persistent"` (kept until closed) and `off`
 * (nothing shown or announced). Each unlock (achievement and tier) is shown once. While the citizen
 * has turned gamification off, it shows and announces nothing, as with `off`.
 *
 * @summary Announces new achievements, one polite toast at a time.
 * @tagname badge-toast
 * @fires {CustomEvent<BadgeToastShowDetail>} achievement-toast-show - A toast appeared.
 * @fires {CustomEvent<BadgeToastCloseDetail>} achievement-toast-close - A toast went, and why.
 * @fires {AchievementShareEvent} achievement-share - From an unlock's `<achievement-share>`: the citizen shared it.
 * @csspart toast - The card, fixed at a corner of the viewport (empty and invisible between toasts).
 * @csspart message - The live region: icon, title, description and points.
 * @csspart icon - The achievement's image (decorative).
 * @csspart title - «Получено достижение: …», or a page author's title.
 * @csspart description - The description.
 * @csspart points - «+10 баллов».
 * @csspart share - An unlock's `<achievement-share>`.
 * @csspart close-button - «Закрыть уведомление».
 * @cssprop [--badge-toast-inset-block-start=auto] - Distance from the top of the viewport.
 * @cssprop [--badge-toast-inset-block-end=1rem] - Distance from the bottom of the viewport.
 * @cssprop [--badge-toast-inset-inline-start=auto] - Distance from the start (left) edge.
 * @cssprop [--badge-toast-inset-inline-end=1rem] - Distance from the end (right) edge.
 * @cssprop [--badge-toast-width=24rem] - The card's width (never wider than the viewport less 2rem).
 * @cssprop [--badge-toast-z-index=1000] - The card's stacking order on the page.
 * @cssprop [--badge-toast-icon-size=3rem] - The icon's width and height.
 * @cssprop [--badge-toast-animation-duration=0.2s] - How long the card takes to appear (none under reduced motion).
 */
export class BadgeToast extends StoreSourceMixin(LitElement) {
  static override properties = {
    duration: { type: String, reflect: true },
    off: { type: Boolean, reflect: true },
    theme: { type: String, reflect: true },
    messages: { attribute: false },
  };
  static override styles = [themeStyles, badgeToastStyles];

  /** `auto`: each toast goes after 6 s plus 60 ms per character; `persistent`: toasts stay until closed. */
  declare duration: 'auto' | 'persistent';
  /** Shows and announces nothing: new unlocks and `show()` are dropped, and a toast shown goes. */
  declare off: boolean;
  /** `light`, `dark`, or `auto` (the system's preference); by default the page's color-scheme. */
  declare theme: 'light' | 'dark' | 'auto' | undefined;
  /** Replaces any of the element's texts, e.g. `{ share: 'Рассказать' }`. */
  declare messages: Partial<BadgeToastMessages> | undefined;

  /** The countdown's time source. */
  protected clock: ToastClock = realClock;

  readonly #store = new StoreController(this, (unlock) => this.#onUnlock(unlock));
  readonly #seen = new Set<string>();
  #queue: Pending[] = [];
  #current: BadgeToastContent | undefined;
  #announced: BadgeToastContent | undefined;
  #remaining = 0;
  #resumedAt = 0;
  #cancelTimer: (() => void) | undefined;
  #hovered = false;
  #focused = false;
  #touched = false;
  #returnFocus: HTMLElement | undefined;

  constructor() {
    super();
    this.duration = 'auto';
    this.off = false;
  }

  /** Queues a message of the page's own; false (and nothing shown) when the element is `off`, the citizen turned gamification off, or there is no title. */
  show(message: BadgeToastMessage): boolean {
    if (this.#silent() || !message?.title) return false;
    this.#queue.push({ message });
    this.requestUpdate();
    return true;
  }

  #onUnlock(unlock: Unlock): void {
    const key = `${unlock.achievementId}#${unlock.tier ?? 1}`;
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    if (this.#silent()) return;
    this.#queue.push({ unlock, at: this.clock.now() });
    this.clock.after(SECRET_WAIT_MS, () => this.requestUpdate());
    this.requestUpdate();
  }

  #text(): BadgeToastMessages {
    return { ...badgeToastMessages[languageOf(this)], ...this.messages };
  }

  /** The state's own title (a secret's, once earned) before the catalog's. */
  #fromUnlock(unlock: Unlock, force: boolean): BadgeToastContent | undefined {
    const { achievements, catalog } = this.#store.snapshot ?? {};
    const mine = achievements?.achievements.find((a) => a.id === unlock.achievementId);
    const entry = catalog?.achievements.find((a) => a.id === unlock.achievementId);
    if (!force && (!entry || (entry.hidden && !mine?.title))) return undefined;
    const { achievementId, tier, points } = unlock;
    const title = this.#text().unlocked(mine?.title ?? entry?.title ?? this.#text().untitled, tier);
    return { title, description: mine?.description ?? entry?.description, icon: safeUrl(entry?.icon), achievementId, tier, points };
  }

  /** The next toast, when none is shown; an unlock waits (briefly) until its titles are known. */
  #advance(): void {
    const next = this.#queue[0];
    if (this.#current || !next) return;
    const toast =
      'message' in next
        ? { title: String(next.message.title), description: next.message.description, icon: safeUrl(next.message.icon) }
        : this.#fromUnlock(next.unlock, this.clock.now() - next.at >= SECRET_WAIT_MS);
    if (!toast) return;
    this.#queue.shift();
    this.#current = toast;
    const characters = [toast.title, toast.description, toast.points ? this.#text().points(toast.points) : ''].join('').length;
    this.#remaining = MIN_MS + MS_PER_CHARACTER * characters;
  }

  /** Runs the countdown while a toast is shown, timed, on the page, neither hovered nor focused, and not touched. */
  #sync(): void {
    const run = !!this.#current && this.isConnected && this.duration !== 'persistent' && !this.#hovered && !this.#focused && !this.#touched;
    if (run && !this.#cancelTimer) {
      this.#resumedAt = this.clock.now();
      this.#cancelTimer = this.clock.after(this.#remaining, () => this.#close('timeout'));
    } else if (!run && this.#cancelTimer) {
      this.#cancelTimer();
      this.#cancelTimer = undefined;
      this.#remaining -= this.clock.now() - this.#resumedAt;
    }
  }

  #close(reason: BadgeToastCloseReason): void {
    const toast = this.#current;
    if (!toast) return;
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    // The focused button is about to go: focus goes back to where the citizen came from.
    if (this.#focused) this.#returnFocus?.focus();
    this.#current = undefined;
    this.#hovered = this.#focused = this.#touched = false;
    this.requestUpdate();
    // Each event is dispatched under its own name, so the manifest's analyzer lists exactly these.
    this.dispatchEvent(new CustomEvent<BadgeToastCloseDetail>('achievement-toast-close', { detail: { toast, reason }, bubbles: true, composed: true }));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#listenForEscape(!!this.#current);
    this.#sync();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#listenForEscape(false);
    this.#sync();
  }

  /** `off`, or the citizen turned gamification off. */
  #silent(): boolean {
    return this.off || !gamificationOn(this.#store.snapshot);
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    if (this.#silent()) {
      this.#queue = [];
      this.#close('off');
    }
    this.#advance();
  }

  protected override updated(_changed: PropertyValues<this>): void {
    const toast = this.#current;
    if (toast && toast !== this.#announced) this.dispatchEvent(new CustomEvent<BadgeToastShowDetail>('achievement-toast-show', { detail: { toast }, bubbles: true, composed: true }));
    this.#announced = toast;
    this.#listenForEscape(!!toast && this.isConnected);
    this.#sync();
  }

  readonly #onPointer = (event: PointerEvent) => {
    this.#hovered = event.type === 'pointerenter';
    this.#sync();
  };

  readonly #onFocus = (event: FocusEvent) => {
    const from = event.relatedTarget as HTMLElement | null;
    this.#focused = event.type === 'focusin';
    // Where focus came from, outside the toast: it goes back there when the toast goes.
    if (this.#focused && !(event.currentTarget as HTMLElement).contains(from)) this.#returnFocus = from ?? undefined;
    this.#sync();
  };

  // A touch's hover ends when the finger lifts, and a phone's screen reader may not move focus: a
  // toast the citizen pressed (its share menu, say) stays until they close it.
  readonly #onPress = () => {
    if (!this.#current) return; // the close button's click, bubbling after it closed
    this.#touched = true;
    this.#sync();
  };

  /** Esc closes the toast wherever focus is, since it may cover the focused control (WCAG 2.4.11). */
  readonly #onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.#current) this.#close('escape');
  };

  #listenForEscape(on: boolean): void {
    if (on) document.addEventListener('keydown', this.#onKeydown);
    else document.removeEventListener('keydown', this.#onKeydown);
  }

  protected override render() {
    const text = this.#text();
    const toast = this.#current;
    const { achievementId } = toast ?? {};
    return html`<div
      part="toast"
      class=${toast ? 'open' : ''}
      @pointerenter=${this.#onPointer}
      @pointerleave=${this.#onPointer}
      @focusin=${this.#onFocus}
      @focusout=${this.#onFocus}
      @pointerdown=${this.#onPress}
      @click=${this.#onPress}
    >
      <div part="message" role="status" aria-live="polite" aria-atomic="true">
        ${toast
          ? html`${toast.icon ? html`<img part="icon" src=${toast.icon} alt="" />` : nothing}
              <div>
                <p part="title">${toast.title}</p>
                ${toast.description ? html`<p part="description">${toast.description}</p>` : nothing}
                ${toast.points ? html`<p part="points">${text.points(toast.points)}</p>` : nothing}
              </div>`
          : nothing}
      </div>
      ${toast
        ? html`${achievementId
              ? html`<achievement-share
                  part="share"
                  achievement=${achievementId}
                  .endpoint=${this.endpoint}
                  .token=${this.token}
                  .tokenProvider=${this.tokenProvider}
                  .credentials=${this.credentials}
                  .messages=${text.share}
                ></achievement-share>`
              : nothing}
            <button part="close-button" type="button" aria-label=${text.close} @click=${() => this.#close('button')}>
              <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path d="M3 3l10 10M13 3L3 13" /></svg>
            </button>`
        : nothing}
    </div>`;
  }
}
