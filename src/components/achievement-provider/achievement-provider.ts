import { ContextProvider } from '@lit/context';
import { css, html, LitElement } from 'lit';
import type { PropertyValues } from 'lit';
import { achievementStoreContext } from '../../data/context.ts';
import { achievementStore } from '../../data/registry.ts';
import { languageOf } from '../../i18n/language.ts';
import type { Language } from '../../i18n/plural.ts';
import { StoreSourceMixin } from '../shared/store-controller.ts';

/**
 * Holds the citizen's achievements for every element inside it: one store, one request, one live
 * stream, whatever the number of boards, rings and toasts. It renders nothing of its own.
 *
 * Its language is its own `lang`, else the nearest ancestor's, else `<html lang>`, and it follows a
 * change of any of them (a portal's language switch): the elements inside then get the store of
 * that language, with the catalog's texts in it, and speak it.
 *
 * @summary Provides one citizen's achievements to the elements inside it.
 * @tagname achievement-provider
 * @slot - The page content, with the achievement elements anywhere inside.
 */
export class AchievementProvider extends StoreSourceMixin(LitElement) {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  readonly #provider = new ContextProvider(this, { context: achievementStoreContext });
  /** Watches `lang` on the provider and its ancestors, in the document and in any shadow root around it. */
  readonly #languageWatch = new MutationObserver(() => {
    if (languageOf(this) !== this.#language) this.#provide();
  });
  #language: Language | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('endpoint') || changed.has('token') || changed.has('tokenProvider') || changed.has('credentials')) this.#provide();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const watch = { attributes: true, attributeFilter: ['lang'], subtree: true };
    this.#languageWatch.observe(document.documentElement, watch);
    for (let root = this.getRootNode(); root instanceof ShadowRoot; root = root.host.getRootNode()) this.#languageWatch.observe(root, watch);
    this.#provide();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#languageWatch.disconnect();
  }

  #provide(): void {
    const { endpoint, token, tokenProvider, credentials } = this;
    const language = (this.#language = languageOf(this));
    const store = endpoint ? achievementStore({ endpoint, token, tokenProvider, credentials, language }) : undefined;
    if (store !== this.#provider.value) this.#provider.setValue(store);
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
