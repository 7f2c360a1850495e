/**
 * For the page's sign-out (or a change of citizen on the same browser): nothing of the last
 * citizen's may be painted again, so the IndexedDB cache and the service worker's copies go.
 */
import { clearAchievementCache } from './cache.ts';
import { clearWorkerCache } from './worker/clear.ts';

export async function clearCitizenData(): Promise<void> {
  await Promise.all([clearAchievementCache(), clearWorkerCache()]);
}
