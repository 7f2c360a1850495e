/**
 * What the page and the service worker agree on. Both sides import it; the built worker file
 * carries its own copy (it is bundled), so a change here needs a new worker build.
 */

/** Every cache the worker owns is named with this prefix, followed by its version. */
export const CACHE_PREFIX = 'civic-achievements-sw-';

/** Asks the worker to empty its caches (sign-out). It answers with {@link CLEARED_MESSAGE}. */
export const CLEAR_MESSAGE = { type: 'civic-achievements:clear' } as const;

/** The worker's answer to {@link CLEAR_MESSAGE}, once every cache is gone. */
export const CLEARED_MESSAGE = { type: 'civic-achievements:cleared' } as const;

/** `true` for a message whose `type` is the given one's. */
export function isMessage(data: unknown, expected: { type: string }): boolean {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === expected.type;
}
