import { html, LitElement, nothing, svg } from 'lit';
import type { ShareMessages } from '../../i18n/achievement-share.ts';
import { shareMessages } from '../../i18n/achievement-share.ts';
import { languageOf } from '../../i18n/language.ts';
import { safeUrl } from '../shared/safe-url.ts';
import { gamificationOn, StoreController, StoreSourceMixin } from '../shared/store-controller.ts';
import { hiddenStyles } from '../shared/hidden.styles.ts';
import { themeStyles } from '../shared/theme.styles.ts';
import { achievementShareStyles } from './achievement-share.styles.ts';
import { SHARE_ICONS } from './share-icons.ts';
import type { ShareAction } from './share-targets.ts';
import { DEFAULT_TARGETS, SHARE_SCHEMES, shareActions } from './share-targets.ts';

/** How the citizen shared: a target, the copy, or the system share sheet. */
export type ShareChannel = ShareAction | 'system';

/** What `achievement-share` carries. */
export interface AchievementShareDetail {
  /** The achievement shared; absent when the page shared its own `url`. */
  achievementId: string | undefined;
  channel: ShareChannel;
  url: string;
}
export type AchievementShareEvent = CustomEvent<AchievementShareDetail>;

/** Phones and tablets, where app-only links have an app to open. */
const isMobile = () =>
  (navigator as Navigator & { userAgentData?: { mobile?: boolean } }).userAgentData?.mobile ?? /Android|iPhone|iPad|Mobile/i.test(navigator.userAgent);

/**
 * Shares an earned achievement: asks the server for its public page (a link with a preview for
 * messengers, and no personal data), then opens the system share sheet where the browser has one,
 * or a menu of messengers and a copy button. The link is asked for when the citizen shows intent
 * (pointer over, focus, touch), so that the share sheet usually opens right within the click; on a
 * first tap that comes before the link, the sheet opens once the link arrives while the tap still
 * counts as the citizen's activation, and the menu opens only when it no longer does.
 *
 * With `achievement`, it shows only once that achievement is earned (and not while the citizen has
 * turned gamification off), and takes the store of the
 * enclosing `<achievement-provider>` (or its own with `endpoint`). With `url`, it shares that
 * address instead and needs no store.
 *
 * @summary A share button for an earned achievement: the share sheet or a menu of messengers.
 * @tagname achievement-share
 * @fires {AchievementShareEvent} achievement-share - The citizen shared: `detail: { achievementId, channel, url }`; channel is a target, `copy` or `system`.
 * @csspart button - «Поделиться», which opens the share sheet or the menu.
 * @csspart menu - The menu of targets.
 * @csspart target - One target: a link to a messenger, or the copy button.
 * @csspart icon - A target's icon (decorative).
 * @csspart link - The link itself, shown selected when the clipboard refused it.
 * @csspart status - The polite status line: preparing, copied, failed.
 * @cssprop [--achievement-share-icon-size=1.5em] - A target's icon size.
 */
export class AchievementShare extends StoreSourceMixin(LitElement) {
  static override properties = {
    achievement: { type: String },
    url: { type: String },
    text: { type: String },
    targets: { type: String },
    theme: { type: String, reflect: true },
    messages: { attribute: false },
  };
  static override styles = [themeStyles, hiddenStyles, achievementShareStyles];

  /** The id of the earned achievement to share. */
  declare achievement: string | undefined;
  /** A page's own address to share instead of an achievement's page (http(s) only). */
  declare url: string | undefined;
  /** The text that goes with the link; by default «Достижение «…» на портале госуслуг». */
  declare text: string | undefined;
  /** Targets in order, by name: `max vk ok telegram whatsapp viber copy` (default `max vk ok telegram copy`). */
  declare targets: string;
  /** `light`, `dark`, or `auto` (the system's preference); by default the page's color-scheme. */
  declare theme: 'light' | 'dark' | 'auto' | undefined;
  /** Replaces any of the element's texts. */
  declare messages: Partial<ShareMessages> | undefined;

  readonly #store = new StoreController(this);
  #open = false;
  #link: { achievement: string; url: string } | undefined;
  /** The link being asked for, shared by intent and click. */
  #pending: { achievement: string; link: Promise<string | undefined> } | undefined;
  #status = '';
  #copyFailed = false;

  constructor() {
    super();
    this.targets = DEFAULT_TARGETS;
  }

  #text(): ShareMessages {
    return { ...shareMessages[languageOf(this)], ...this.messages };
  }

  /** The achievement as the citizen has it: its title (a secret's own, once earned) and whether it is earned. */
  #achievement(): { title: string | undefined; earned: boolean } {
    const { achievements, catalog } = this.#store.snapshot ?? {};
    const mine = achievements?.achievements.find((a) => a.id === this.achievement);
    const title = mine?.title ?? catalog?.achievements.find((a) => a.id === this.achievement)?.title;
    return { title, earned: mine !== undefined && (mine.state === 'unlocked' || (mine.tier ?? 0) > 0) };
  }

  /** What is shared: the link when known, with its text. */
  #shared(title: string | undefined) {
    const text = this.text || (title ? this.#text().shareText(title) : document.title);
    const url = this.url ? safeUrl(this.url) : this.#link?.achievement === this.achievement ? this.#link?.url : undefined;
    return { title: title ?? document.title, text, url };
  }

  /**
   * Asks for the achievement's public page (the store asks the server once), one request at a time;
   * a page's own `url` needs no asking. Resolves to the link, or undefined when it cannot be had
   * (the status then says why).
   */
  #prepare(): Promise<string | undefined> {
    const known = this.#shared(undefined).url;
    const { achievement } = this;
    const store = this.#store.store;
    if (known || this.url || !store || !achievement) return Promise.resolve(known);
    if (this.#pending?.achievement === achievement) return this.#pending.link;
    const link = store.shareLink(achievement).then((outcome) => {
      if (this.#pending?.link === link) this.#pending = undefined;
      if (achievement !== this.achievement) return undefined;
      const url = outcome.ok ? safeUrl(outcome.value) : undefined;
      if (!url) {
        this.#say(this.#text().failed(outcome.ok ? 'not an http(s) link' : outcome.reason));
        return undefined;
      }
      this.#link = { achievement, url };
      this.#say(this.#status === this.#text().preparing ? '' : this.#status);
      return url;
    });
    this.#pending = { achievement, link };
    return link;
  }

  #say(status: string): void {
    this.#status = status;
    this.requestUpdate();
  }

  // Asked for as the press begins (pointer down, Enter or Space), so the click usually finds the link
  // known; never on hover or focus, which would publish a page the citizen did not choose to share.
  readonly #onPress = () => void this.#prepare();
  readonly #onKeyPress = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') this.#onPress();
  };

  readonly #onButton = () => {
    const { title } = this.#achievement();
    const data = this.#shared(title);
    if (typeof navigator.share !== 'function') return this.#toggle(!this.#open);
    // The link is known (asked for as the press began): the sheet opens within the click, nothing awaited.
    if (data.url) return this.#systemShare({ ...data, url: data.url });
    // A first tap that beat the link: wait for it, and open the sheet while the tap still counts as
    // the citizen's activation (browsers allow a few seconds); the menu only once it does not.
    this.#say(this.#text().preparing);
    void this.#prepare().then((url) => {
      if (!url) return this.#toggle(true, false); // the status says why; the next click asks again
      const activation = (navigator as Partial<Navigator>).userActivation;
      if (activation && !activation.isActive) return this.#toggle(true);
      this.#say('');
      this.#systemShare({ ...data, url });
    });
  };

  /** The system share sheet where it takes this data; the menu where it does not or refuses. */
  #systemShare(data: ShareData & { url: string }): void {
    if (navigator.canShare?.(data) === false) return this.#toggle(!this.#open);
    const { url } = data;
    navigator.share(data).then(
      () => this.#done('system', url),
      (error: unknown) => {
        // Cancelled by the citizen: nothing to say. Refused (policy, no activation): the menu instead.
        if ((error as Error | undefined)?.name !== 'AbortError') this.#toggle(true);
      },
    );
  }

  /** Opens or closes the menu; opening without the link asks for it, unless `ask` is false (it just failed). */
  #toggle(open: boolean, ask = true): void {
    this.#open = open;
    this.#copyFailed = false;
    if (open && ask && !this.#shared(undefined).url) {
      this.#say(this.#text().preparing);
      void this.#prepare();
    }
    this.requestUpdate();
  }

  #done(channel: ShareChannel, url: string): void {
    const detail: AchievementShareDetail = { achievementId: this.url ? undefined : this.achievement, channel, url };
    this.dispatchEvent(new CustomEvent('achievement-share', { detail, bubbles: true, composed: true }));
  }

  async #copy(url: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(url);
      this.#copyFailed = false;
      this.#say(this.#text().copied);
      this.#done('copy', url);
    } catch {
      // No clipboard (an insecure page, a refused permission): the link, selected, to copy by hand.
      this.#copyFailed = true;
      this.#say(this.#text().copyFailed);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('[part="link"]')?.select();
    }
  }

  readonly #onKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !this.#open) return;
    event.stopPropagation(); // one Esc closes the menu, not also the toast around it
    this.#toggle(false);
    this.renderRoot.querySelector<HTMLButtonElement>('[part="button"]')?.focus();
  };

  #renderTarget(action: ShareAction, link: { title: string; text: string; url: string }, text: ShareMessages) {
    const icon = html`<svg part="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${SHARE_ICONS[action]}</svg>`;
    if (action === 'copy') {
      return html`<button type="button" part="target" @click=${() => void this.#copy(link.url)}>${icon}${text.copy}</button>`;
    }
    const { appOnly } = SHARE_SCHEMES[action];
    return html`<a
      part="target"
      href=${SHARE_SCHEMES[action].build(link)}
      target=${appOnly ? nothing : '_blank'}
      rel="noopener noreferrer"
      @click=${() => {
        this.#done(action, link.url);
        this.#toggle(false);
        this.renderRoot.querySelector<HTMLButtonElement>('[part="button"]')?.focus();
      }}
      >${icon}<span class="hidden">${text.via[action]}</span>${text.targets[action]}${appOnly ? nothing : html`<span class="hidden">${text.newWindow}</span>`}</a
    >`;
  }

  protected override render() {
    const text = this.#text();
    const { title, earned } = this.#achievement();
    // Nothing to share: an achievement not (yet) earned, or a page's address that is no http(s) link.
    if (this.url ? !safeUrl(this.url) : !earned || !gamificationOn(this.#store.snapshot)) return nothing;
    const shared = this.#shared(title);
    const url = shared.url;
    const actions = shareActions(this.targets ?? DEFAULT_TARGETS, isMobile());
    // With Web Share the button opens the system sheet: it is a menu button only while the menu is open.
    const menuButton = typeof navigator.share !== 'function' || this.#open;
    return html`<div class="share" @keydown=${this.#onKeydown}>
      <button
        type="button"
        part="button"
        aria-expanded=${menuButton ? String(this.#open) : nothing}
        aria-controls=${menuButton ? 'menu' : nothing}
        aria-label=${title ? text.shareLabel(title) : nothing}
        @pointerdown=${this.#onPress}
        @keydown=${this.#onKeyPress}
        @click=${this.#onButton}
      >
        <svg part="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${svg`<path class="line" d="M12 15V4M7.5 8.5L12 4l4.5 4.5M5 13v6h14v-6"></path>`}</svg>${text.share}
      </button>
      <div id="menu" part="menu" ?hidden=${!this.#open}>
        ${url ? html`<ul role="list">${actions.map((action) => html`<li>${this.#renderTarget(action, { ...shared, url }, text)}</li>`)}</ul>` : nothing}
        ${url && this.#copyFailed ? html`<input part="link" readonly .value=${url} aria-label=${text.copy} />` : nothing}
      </div>
      <p role="status" part="status" class="status">${this.#status}</p>
    </div>`;
  }
}
