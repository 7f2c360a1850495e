/**
 * Connects an element to its store: its own (when it names an `endpoint`) or the one that
 * `<achievement-provider>` provides. It keeps `snapshot` current and re-renders the host; the
 * store does the fetching, never the element.
 */
import { ContextConsumer, ContextRoot } from '@lit/context';
import type { LitElement, PropertyDeclarations, ReactiveController, ReactiveElement } from 'lit';
import { achievementStoreContext } from '../../data/context.ts';
import type { TokenProvider } from '../../data/client.ts';
import type { Unlock } from '../../data/contract.ts';
import type { AchievementStore, SectionName, StoreSnapshot } from '../../data/store.ts';
import { languageOf } from '../../i18n/language.ts';

// An element may upgrade before the provider around it (the order of definitions, or a lazily
// loaded module): a ContextRoot on the document replays its request once a provider appears. One
// per page, whichever copy of the SDK attaches it.
const CONTEXT_ROOT = Symbol.for('civic-achievements-context-root');
if (typeof document !== 'undefined' && !(CONTEXT_ROOT in document)) {
  new ContextRoot().attach(document.documentElement);
  Object.defineProperty(document, CONTEXT_ROOT, { value: true });
}

/** The data attributes every element that loads state takes (DESIGN.md). */
export interface StoreSource {
  endpoint?: string | undefined;
  token?: string | undefined;
  tokenProvider?: TokenProvider | undefined;
  credentials?: RequestCredentials | undefined;
}


export class StoreController implements ReactiveController {
  snapshot: StoreSnapshot | undefined;
  store: AchievementStore | undefined;
  readonly #host: ReactiveElement & StoreSource;
  readonly #onUnlock: ((unlock: Unlock) => void) | undefined;
  readonly #sections: readonly SectionName[];
  #provided: AchievementStore | undefined;
  #detach: (() => void) | undefined;
  #source: unknown[] = [];

  /** `sections`: the parts of issue 7 the host shows, loaded while it is connected. */
  constructor(host: ReactiveElement & StoreSource, onUnlock?: (unlock: Unlock) => void, sections: readonly SectionName[] = []) {
    this.#host = host;
    this.#onUnlock = onUnlock;
    this.#sections = sections;
    host.addController(this);
    new ContextConsumer(host, {
      context: achievementStoreContext,
      subscribe: true,
      callback: (store) => {
        this.#provided = store;
        this.#attach();
      },
    });
  }

  hostConnected(): void {
    this.#attach();
  }

  hostDisconnected(): void {
    this.#detach?.();
    this.#detach = undefined;
    this.store = undefined;
  }

  /** An attribute that names the source changed: follow it. */
  hostUpdate(): void {
    const source = this.#currentSource();
    if (source.some((value, i) => value !== this.#source[i])) this.#attach();
  }

  #currentSource(): unknown[] {
    const { endpoint, token, tokenProvider, credentials } = this.#host;
    return [endpoint, token, tokenProvider, credentials, languageOf(this.#host)];
  }

  #attach(): void {
    if (!this.#host.isConnected) return;
    const source = (this.#source = this.#currentSource());
    const { endpoint, token, tokenProvider, credentials } = this.#host;
    if (!endpoint) return this.#use(this.#provided);
    // The data layer is loaded only by an element that fetches on its own, so an element under a
    // provider (or a ring that is given its value) costs no more than itself.
    void import('../../data/registry.ts').then(({ achievementStore }) => {
      if (this.#source === source && this.#host.isConnected) this.#use(achievementStore({ endpoint, token, tokenProvider, credentials, language: languageOf(this.#host) }));
    });
  }

  #use(store: AchievementStore | undefined): void {
    if (store === this.store) return;
    this.#detach?.();
    this.store = store;
    this.snapshot = store?.snapshot;
    if (!store) {
      this.#detach = undefined;
      this.#host.requestUpdate();
      return;
    }
    const unsubscribe = store.subscribe((snapshot) => {
      this.snapshot = snapshot;
      this.#host.requestUpdate();
    });
    const stopUnlocks = this.#onUnlock ? store.onUnlock(this.#onUnlock) : undefined;
    const release = store.connect(this.#sections);
    this.#detach = () => {
      unsubscribe();
      stopUnlocks?.();
      release();
    };
  }
}

/** False while the citizen has turned gamification off: the elements then show only a way back. */
export const gamificationOn = (snapshot: StoreSnapshot | undefined) => snapshot?.achievements?.gamification !== false;

type LitConstructor = abstract new (...args: any[]) => LitElement; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The data attributes, for an element that loads state (its store is its own when `endpoint` is set). */
export function StoreSourceMixin<T extends LitConstructor>(Base: T) {
  abstract class StoreSourceElement extends Base implements StoreSource {
    static properties: PropertyDeclarations = {
      endpoint: { type: String },
      token: { type: String },
      tokenProvider: { attribute: false },
      credentials: { type: String },
    };

    /** The API base, e.g. `/api/v1`; without it, the store of the enclosing `<achievement-provider>`. */
    declare endpoint: string | undefined;
    /** The citizen's token, sent as `Authorization: Bearer`; without it, the cookie signs in. */
    declare token: string | undefined;
    /** A function that returns the token (sync or async); asked again once after a 401. */
    declare tokenProvider: TokenProvider | undefined;
    /** fetch's credentials mode: `same-origin` by default, `include` for a cookie on another origin. */
    declare credentials: RequestCredentials | undefined;
  }
  return StoreSourceElement;
}
