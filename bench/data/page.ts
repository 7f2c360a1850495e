/**
 * The page of `npm run bench:data`: an element that shows a citizen's achievements from the
 * page's store, and records the time from its connection to the first frame painted with content.
 * `?token=` names the citizen; `?clear` empties the cache first (the cold run).
 */
import { html, LitElement } from 'lit';
import type { StoreSnapshot } from '../../src/data/index.ts';
import { achievementStore, clearCitizenData } from '../../src/data/index.ts';

declare global {
  interface Window {
    firstContent?: { ms: number; status: string };
  }
}

const params = new URLSearchParams(location.search);

class FirstContent extends LitElement {
  static override properties = { snapshot: { state: true } };
  declare snapshot: StoreSnapshot | undefined;
  #connectedAt = 0;
  #painted = false;
  #release: (() => void) | undefined;

  override connectedCallback(): void {
    this.#connectedAt = performance.now();
    super.connectedCallback();
    const store = achievementStore({ endpoint: '/api/v1', token: params.get('token') ?? undefined, live: false });
    store.subscribe((snapshot) => (this.snapshot = snapshot));
    this.#release = store.connect();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#release?.();
  }

  override render() {
    const { achievements, catalog } = this.snapshot ?? {};
    if (!achievements || !catalog) return html`<p>…</p>`;
    const titles = new Map(catalog.achievements.map((a) => [a.id, a.title]));
    return html`<ul>${achievements.achievements.map((a) => html`<li>${titles.get(a.id)}: ${a.state}</li>`)}</ul>`;
  }

  override updated(): void {
    if (this.#painted || !this.snapshot?.achievements || !this.snapshot.catalog) return;
    this.#painted = true;
    const status = this.snapshot.status;
    // The frame after this update is the one that shows it.
    requestAnimationFrame(() => setTimeout(() => (window.firstContent = { ms: performance.now() - this.#connectedAt, status })));
  }
}
customElements.define('first-content', FirstContent);

if (params.has('clear')) await clearCitizenData();
document.body.append(document.createElement('first-content'));
