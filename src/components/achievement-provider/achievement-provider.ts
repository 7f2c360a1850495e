import { ContextProvider } from '@lit/context';
import { css, html, LitElement } from 'lit';
import type { PropertyValues } from 'lit';
import { achievementStoreContext } from '../../data/context.ts';
import { achievementStore } from '../../data/registry.ts';
import { languageOf } from '../../i18n/language.ts';
import { StoreSourceMixin } from '../shared/store-controller.ts';

/**
 * Holds the citizen's achievements for every element inside it: one store, one request, one live
 * stream, whatever the number of boards, rings and toasts. It renders nothing of its own.
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

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('endpoint') || changed.has('token') || changed.has('tokenProvider') || changed.has('credentials')) this.#provide();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#provide();
  }

  #provide(): void {
    const { endpoint, token, tokenProvider, credentials } = this;
    const store = endpoint ? achievementStore({ endpoint, token, tokenProvider, credentials, language: languageOf(this) }) : undefined;
    if (store !== this.#provider.value) this.#provider.setValue(store);
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
