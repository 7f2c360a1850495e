/**
 * Sign-out's side of the opt-in service worker, apart from its registration so that the SDK's
 * bundle does not carry workbox's registration code for pages that never register the worker.
 */
import { messageSW } from 'workbox-window/messageSW.js';
import { sleep } from '../backoff.ts';
import { CACHE_PREFIX, CLEAR_MESSAGE, CLEARED_MESSAGE, isMessage } from './protocol.ts';
import { thisPage } from './this-page.ts';

/** How long a sign-out waits for the worker's answer before deleting the caches itself. */
const CLEAR_TIMEOUT_MS = 3_000;

/** The worker file as shipped (`civic-achievements-sw.js`), however the page names its folder. */
const WORKER_FILE = /\/civic-achievements-sw[^/]*\.js$/;

/** The worker this page registered, or (when another bundle registered it) any under the shipped file name. */
async function ourWorkers(): Promise<ServiceWorker[]> {
  const recorded = thisPage.registration?.active;
  if (recorded) return [recorded];
  try {
    const registrations = (await globalThis.navigator?.serviceWorker?.getRegistrations()) ?? [];
    return registrations.flatMap(({ active }) => (active && WORKER_FILE.test(new URL(active.scriptURL).pathname) ? [active] : []));
  } catch {
    return [];
  }
}

/**
 * Empties the worker's caches (for sign-out): asks the worker this page registered, which also
 * stops it from storing answers already on the wire; when there is none, or it does not answer in
 * time, deletes the caches from the page. Resolves when done; never rejects.
 */
export async function clearWorkerCache(): Promise<void> {
  const workers = await ourWorkers();
  const answers = await Promise.all(workers.map(askToClear));
  if (workers.length && answers.every(Boolean)) return;
  try {
    const storage = globalThis.caches; // absent in insecure contexts
    if (!storage) return;
    const names = (await storage.keys()).filter((name) => name.startsWith(CACHE_PREFIX));
    await Promise.all(names.map((name) => storage.delete(name)));
  } catch {
    // Storage refused (e.g. blocked by the browser's settings): there is nothing to delete then.
  }
}

async function askToClear(worker: ServiceWorker): Promise<boolean> {
  const stopWaiting = new AbortController();
  const timeout = sleep(CLEAR_TIMEOUT_MS, stopWaiting.signal).catch(() => undefined);
  try {
    const answer: unknown = await Promise.race([messageSW(worker, CLEAR_MESSAGE), timeout]);
    return isMessage(answer, CLEARED_MESSAGE);
  } catch {
    return false;
  } finally {
    stopWaiting.abort();
  }
}
