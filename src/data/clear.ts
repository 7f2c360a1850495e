/**
 * For the page's sign-out (or a change of citizen on the same browser): nothing of the last
 * citizen's may be painted again, so the IndexedDB cache and the service worker's copies go, and
 * the page's stores forget them.
 */
import { clearAchievementCache } from './cache.ts';
import { resetStores } from './registry.ts';
import { clearWorkerCache } from './worker/clear.ts';

export async function clearCitizenData(): Promise<void> {
  const cleared = Promise.all([clearAchievementCache(), clearWorkerCache()]);
  // The page's stores stop at once: a state in flight is not shown or written back after the clear.
  resetStores(cleared);
  await cleared;
}
