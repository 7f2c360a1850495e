import { html, LitElement, nothing } from 'lit';
import type { Redemption, Reward } from '../../data/contract.ts';
import type { RewardProblem, RewardsMessages } from '../../i18n/achievement-rewards.ts';
import { rewardsMessages } from '../../i18n/achievement-rewards.ts';
import { formatDate } from '../../i18n/format.ts';
import { languageOf } from '../../i18n/language.ts';
import type { Language } from '../../i18n/plural.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { gamificationOn, StoreController, StoreSourceMixin } from '../shared/store-controller.ts';
import { headingLevel } from '../shared/heading.ts';
import { Retry } from '../shared/retry.ts';
import { hiddenStyles } from '../shared/hidden.styles.ts';
import { themeStyles } from '../shared/theme.styles.ts';
import { achievementRewardsStyles } from './achievement-rewards.styles.ts';

/** What `achievement-redeem` carries: the privilege granted and the balance left. */
export interface AchievementRedeemDetail {
  redemption: Redemption;
  balance: number;
}
export type AchievementRedeemEvent = CustomEvent<AchievementRedeemDetail>;

const PROBLEMS = new Set<string>(['insufficient_points', 'level_too_low', 'limit_reached', 'sold_out', 'not_found', 'offline', 'unauthenticated']);

/**
 * Privileges for points: the citizen's balance, each privilege with its cost, the level it needs,
 * its limit per citizen, what is left of its stock, how long it lasts, and — when it cannot be had
 * now — why, in words. «Получить» asks for a confirmation that names the cost and what will be
 * left, then redeems it (each intent once: a retry after a lost answer is never a second grant).
 * Below: the citizen's privileges, active until a date or expired. Results and errors are said in
 * a polite status beside the privilege.
 *
 * It takes the store of the enclosing `<achievement-provider>`, or its own with `endpoint`. While
 * the citizen has turned gamification off, it shows only a sentence and a button to turn it back on.
 *
 * @summary The citizen's privileges for points: balance, what each costs, redeeming, and what they have.
 * @tagname achievement-rewards
 * @fires {AchievementRedeemEvent} achievement-redeem - A privilege was granted: `detail: { redemption, balance }`.
 * @fires {CustomEvent<{ gamification: boolean }>} achievement-preferences - The citizen turned gamification back on (saved).
 * @slot signin - Shown to a signed-out citizen under the sign-in sentence, e.g. a link to sign in.
 * @csspart base - The element's section.
 * @csspart title - Its heading.
 * @csspart status - The polite status line (loading, error).
 * @csspart balance - «Можно потратить: 340 баллов».
 * @csspart reward - One privilege's card.
 * @csspart cost - A privilege's cost.
 * @csspart problem - Why a privilege cannot be had now.
 * @csspart redeem - The «Получить» button.
 * @csspart confirm - The confirmation step.
 * @csspart redemptions - The citizen's privileges.
 * @csspart redemption - One of them.
 * @csspart retry - The retry button.
 * @csspart turn-on - The button that turns gamification back on.
 * @cssprop [--achievement-rewards-card-min-width=16rem] - The narrowest a card gets before the grid takes fewer columns.
 * @cssprop [--achievement-rewards-gap=1rem] - The space between cards and sections.
 */
export class AchievementRewards extends StoreSourceMixin(LitElement) {
  static override properties = {
    headingLevel: { type: Number, attribute: 'heading-level' },
    theme: { type: String, reflect: true },
    messages: { attribute: false },
  };
  static override styles = [themeStyles, controlStyles, hiddenStyles, achievementRewardsStyles];

  /** The level of the heading, 1–6 (2 by default); privileges and «Мои привилегии» take the next. */
  declare headingLevel: number;
  /** `light`, `dark`, or `auto` (the system's preference); by default the page's color-scheme. */
  declare theme: 'light' | 'dark' | 'auto' | undefined;
  /** Replaces any of the element's texts, e.g. `{ title: 'Привилегии' }`. */
  declare messages: Partial<RewardsMessages> | undefined;

  readonly #store = new StoreController(this, undefined, ['rewards', 'redemptions']);
  readonly #retry = new Retry(this, () => this.#store.store);
  #confirming: string | undefined;
  readonly #busy = new Set<string>();
  readonly #notes = new Map<string, string>();

  constructor() {
    super();
    this.headingLevel = 2;
  }

  #text(): RewardsMessages {
    return { ...rewardsMessages[languageOf(this)], ...this.messages };
  }

  async #focus(selector: string): Promise<void> {
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** Opens (or cancels) the confirmation, and moves focus to its first button (or back to «Получить»). */
  #ask(rewardId: string, confirming: boolean): void {
    this.#confirming = confirming ? rewardId : undefined;
    this.#notes.delete(rewardId);
    this.#notes.delete('');
    const id = CSS.escape(rewardId);
    void this.#focus(confirming ? `[data-confirm="${id}"]` : `[data-reward="${id}"]`);
  }

  async #redeem(reward: Reward, language: Language, timeZone: string): Promise<void> {
    const store = this.#store.store;
    if (!store || this.#busy.has(reward.id)) return;
    this.#busy.add(reward.id);
    this.requestUpdate();
    const result = await store.redeem(reward.id);
    this.#busy.delete(reward.id);
    this.#confirming = undefined;
    const text = this.#text();
    if (result.ok) {
      const { redemption, balance } = result.value;
      this.#notes.set(reward.id, text.redeemed(redemption.title, formatDate(language, redemption.expiresAt, 'date', timeZone)));
      this.dispatchEvent(new CustomEvent<AchievementRedeemDetail>('achievement-redeem', { detail: { redemption, balance }, bubbles: true, composed: true }));
    } else {
      const code = result.code ?? '';
      this.#notes.set(reward.id, PROBLEMS.has(code) ? text.problem(code as RewardProblem, this.#detail(reward)) : text.failed(result.reason));
    }
    // The buttons pressed are gone, and «Получить» may go with the reload: focus goes to the privilege itself.
    await this.#focus(`[data-title="${CSS.escape(reward.id)}"]`);
  }

  async #turnOn(): Promise<void> {
    const store = this.#store.store;
    if (!store || this.#busy.has('on')) return;
    this.#busy.add('on');
    const result = await store.setGamification(true);
    this.#busy.delete('on');
    const text = this.#text();
    if (result.ok) this.dispatchEvent(new CustomEvent('achievement-preferences', { detail: { gamification: true }, bubbles: true, composed: true }));
    this.#notes.set('', result.ok ? text.turnedOn : text.failed(result.reason));
    // The button pressed is gone: focus goes to the top of what came back.
    if (result.ok) await this.#focus('[part="title"]');
    else this.requestUpdate();
  }

  /** The points lacking and the level needed, for the words of a problem. */
  #detail(reward: Reward) {
    const balance = this.#balance();
    return { missing: balance === undefined ? undefined : Math.max(reward.cost - balance, 0) || undefined, level: reward.minLevel?.title };
  }

  /** The balance as last heard: the privileges' answer, the redemptions', or the state's. */
  #balance(): number | undefined {
    const { sections, achievements } = this.#store.snapshot ?? {};
    return sections?.rewards?.value?.balance ?? sections?.redemptions?.value?.balance ?? achievements?.balance;
  }

  #renderReward(reward: Reward, text: RewardsMessages, level: number, language: Language, timeZone: string) {
    const { id, availability } = reward;
    const balance = this.#balance();
    const reason = availability && !availability.available ? (availability.reason ?? 'insufficient_points') : undefined;
    let action;
    if (this.#confirming === id) {
      action = html`<div part="confirm" role="group" aria-labelledby="confirm" @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.#ask(id, false)}>
        <p id="confirm">${text.confirm(reward.title, reward.cost, balance === undefined ? undefined : balance - reward.cost)}</p>
        <div class="actions">
          <button type="button" class="primary" data-confirm=${id} aria-disabled=${this.#busy.has(id) ? 'true' : nothing} @click=${() => this.#redeem(reward, language, timeZone)}>
            ${text.confirmRedeem}
          </button>
          <button type="button" @click=${() => this.#ask(id, false)}>${text.cancel}</button>
        </div>
      </div>`;
    } else if (reason) {
      action = html`<p part="problem" class="problem">${text.problem(reason, this.#detail(reward))}</p>`;
    } else {
      action = html`<div class="actions">
        <button type="button" class="primary" part="redeem" data-reward=${id} @click=${() => this.#ask(id, true)}>
          ${text.redeem}<span class="hidden">: ${reward.title}</span>
        </button>
      </div>`;
    }
    return html`<li part="reward" class="card">
      <div role="heading" aria-level=${level} class="card-title" data-title=${id} tabindex="-1">${reward.title}</div>
      <p>${reward.description}</p>
      <p part="cost" class="cost">${text.cost(reward.cost)}</p>
      <ul class="terms muted" role="list">
        ${reward.minLevel ? html`<li>${text.minLevel(reward.minLevel.title)}</li>` : nothing}
        ${reward.limit ? html`<li>${text.limit(reward.limit.count, reward.limit.period)}</li>` : nothing}
        ${reward.stock ? html`<li>${text.stock(reward.stock.remaining, reward.stock.count, reward.stock.period)}</li>` : nothing}
        <li>${text.validDays(reward.validDays)}</li>
      </ul>
      ${action}
      <p role="status" class="note">${this.#notes.get(id) ?? ''}</p>
    </li>`;
  }

  #renderRedemptions(list: readonly Redemption[] | undefined, text: RewardsMessages, level: number, language: Language, timeZone: string) {
    if (!list) return nothing;
    return html`<section part="redemptions" class="section" aria-labelledby="mine">
      <div role="heading" aria-level=${level} class="subtitle" id="mine">${text.mine}</div>
      ${list.length
        ? html`<ul class="terms" role="list">
            ${list.map(
              (r) => html`<li part="redemption" class="redemption" data-status=${r.status}>
                <span class="card-title">${r.title}</span>
                <span class=${r.status === 'active' ? '' : 'muted'}>
                  ${r.status === 'active' ? text.activeUntil(formatDate(language, r.expiresAt, 'date', timeZone)) : text.expiredOn(formatDate(language, r.expiresAt, 'date', timeZone))}
                </span>
              </li>`,
            )}
          </ul>`
        : html`<p class="muted">${text.noRedemptions}</p>`}
    </section>`;
  }

  protected override render() {
    const text = this.#text();
    const language = languageOf(this);
    const snapshot = this.#store.snapshot;
    const { status = 'loading', sections, catalog } = snapshot ?? {};
    const timeZone = catalog?.timeZone ?? 'Europe/Moscow';
    const level = headingLevel(this.headingLevel);
    const rewards = sections?.rewards;
    const redemptions = sections?.redemptions?.value?.redemptions;
    const balance = this.#balance();
    let said = '';
    let body;
    if (status === 'unauthenticated') body = html`<p>${text.unauthenticated}</p><slot name="signin"></slot>`;
    else if (!gamificationOn(snapshot)) {
      body = html`<p>${text.offMessage}</p>
        <div class="actions"><button type="button" class="primary" part="turn-on" @click=${() => this.#turnOn()}>${text.turnOn}</button></div>`;
    } else if (rewards?.value) {
      const list = rewards.value.rewards;
      body = html`${balance === undefined ? nothing : html`<p part="balance" class="balance">${text.balance(balance)}</p>`}
        ${list.length
          ? html`<ul class="grid" role="list">${list.map((reward) => this.#renderReward(reward, text, Math.min(level + 1, 6), language, timeZone))}</ul>`
          : html`<p class="muted">${text.empty}</p>`}
        ${this.#renderRedemptions(redemptions, text, Math.min(level + 1, 6), language, timeZone)}`;
    } else if (rewards?.status === 'error' || status === 'error' || status === 'offline') {
      said = this.#retry.running ? text.loading : text.error;
      body = html`<div class="actions">
        <button type="button" part="retry" @click=${this.#retry.run}>${text.retry}</button>
      </div>`;
    } else {
      said = text.loading;
      body = html`<div class="skeleton" aria-busy="true" aria-hidden="true"><span></span><span></span><span></span></div>`;
    }
    // «Достижения снова показываются.» stays through the loading that follows it, not past a failure.
    if (said && said !== text.loading) this.#notes.delete('');
    return html`<section part="base" class="rewards" aria-labelledby="title">
      <div role="heading" aria-level=${level} part="title" class="title" id="title" tabindex="-1">${text.title}</div>
      <p role="status" part="status" class="status">${this.#notes.get('') || said}</p>
      ${body}
    </section>`;
  }
}
