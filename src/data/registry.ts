/**
 * One store per (endpoint, citizen, language) on a page: a provider and any standalone elements
 * that name the same endpoint and credentials share it, so a page makes one request, not one
 * per element.
 */
import type { TokenProvider } from './client.ts';
import type { Language, StoreOptions } from './store.ts';
import { AchievementStore } from './store.ts';

const stores = new Map<string, AchievementStore>();
const providerIds = new WeakMap<TokenProvider, number>();
let nextProviderId = 1;

/** Who signs in: the same token or the same provider function is the same citizen. */
function authKey(options: StoreOptions): string {
  if (options.tokenProvider) {
    let id = providerIds.get(options.tokenProvider);
    if (id === undefined) providerIds.set(options.tokenProvider, (id = nextProviderId++));
    return `provider:${id}`;
  }
  return options.token ? `token:${options.token}` : `cookie:${options.credentials ?? 'same-origin'}`;
}

/** The page's store for these options, made on first use. */
export function achievementStore(options: StoreOptions & { language?: Language }): AchievementStore {
  const endpoint = new URL(options.endpoint, document.baseURI).href.replace(/\/+$/, '');
  const key = `${endpoint}|${authKey(options)}|${options.language ?? 'ru'}`;
  let store = stores.get(key);
  if (!store) stores.set(key, (store = new AchievementStore({ ...options, endpoint })));
  return store;
}

/** Every store on the page forgets its citizen; those still in use start afresh once `cleared` settles. */
export function resetStores(cleared: Promise<unknown>): void {
  for (const store of stores.values()) store.reset(cleared);
}
