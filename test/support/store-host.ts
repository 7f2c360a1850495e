/**
 * `<store-test-host .store=${store}>`: provides a given store to the elements inside it, as
 * `<achievement-provider>` would, for component tests that build the store themselves.
 */
import { ContextProvider } from '@lit/context';
import { html, LitElement } from 'lit';
import { achievementStoreContext } from '../../src/data/context.ts';
import type { AchievementStore } from '../../src/data/store.ts';

export class StoreTestHost extends LitElement {
  static override properties = { store: { attribute: false } };
  declare store: AchievementStore | undefined;
  readonly #provider = new ContextProvider(this, { context: achievementStoreContext });
  protected override willUpdate(): void {
    this.#provider.setValue(this.store);
  }
  protected override render() {
    return html`<slot></slot>`;
  }
}
customElements.define('store-test-host', StoreTestHost);

declare global {
  interface HTMLElementTagNameMap {
    'store-test-host': StoreTestHost;
  }
}
