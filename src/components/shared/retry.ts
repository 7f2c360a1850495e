/**
 * The «Повторить» of an element that failed to load: while the retry runs, `running` is true (the
 * status says «Загрузка…», so a second failure is announced again); when the retry button that had
 * focus goes away (it worked, now or once a section arrives), focus goes to the element's title
 * rather than to the page.
 */
import type { LitElement, ReactiveController } from 'lit';
import type { AchievementStore } from '../../data/store.ts';

export class Retry implements ReactiveController {
  running = false;
  readonly #host: LitElement;
  readonly #store: () => AchievementStore | undefined;
  /** The retry button had focus when pressed, and still has it. */
  #refocus = false;

  constructor(host: LitElement, store: () => AchievementStore | undefined) {
    this.#host = host;
    this.#store = store;
    host.addController(this);
  }

  readonly run = async (): Promise<void> => {
    this.#refocus = this.#focusedPart() === 'retry';
    this.running = true;
    this.#host.requestUpdate();
    await this.#store()?.refresh();
    this.running = false;
    this.#host.requestUpdate();
  };

  hostUpdated(): void {
    if (!this.#refocus) return;
    const root = this.#host.renderRoot as ShadowRoot;
    if (root.querySelector('[part="retry"]')) {
      this.#refocus = this.#focusedPart() === 'retry';
      return;
    }
    this.#refocus = false;
    root.querySelector<HTMLElement>('[part="title"]')?.focus();
  }

  #focusedPart(): string | null | undefined {
    return (this.#host.renderRoot as ShadowRoot).activeElement?.getAttribute('part');
  }
}
