/**
 * The page's side of the opt-in service worker. Nothing in the SDK registers it: a page author
 * who wants the widgets offline calls {@link registerAchievementWorker} with the URL where they
 * host `civic-achievements-sw.js`. Neither function throws into the page.
 */
import type { TrustedScriptURL } from 'trusted-types/lib';
import { messageSW, Workbox } from 'workbox-window';
import { sleep } from '../backoff.ts';
import { CACHE_PREFIX, CLEAR_MESSAGE, CLEARED_MESSAGE, isMessage } from './protocol.ts';

export interface RegisterWorkerOptions {
  /** The pages the worker serves; default: the script's directory. */
  scope?: string;
  /**
   * The built file is a classic script (the default). `module` is for serving the worker from
   * its TypeScript source, as the tests do.
   */
  type?: WorkerType;
}

export type RegisterWorkerResult = { ok: true; registration: ServiceWorkerRegistration } | { ok: false; reason: string };

/** How long a sign-out waits for the worker's answer before deleting the caches itself. */
const CLEAR_TIMEOUT_MS = 3_000;

/** The registration this page made, for {@link clearWorkerCache}. */
let registered: ServiceWorkerRegistration | undefined;

/**
 * Registers the SDK's service worker through workbox-window (after the page's `load`, so it does
 * not compete with the page). Resolves once the browser accepted the registration; the worker
 * installs and starts serving in the background. A page with Trusted Types enforced must pass a
 * `TrustedScriptURL`.
 */
export async function registerAchievementWorker(scriptUrl: string | URL | TrustedScriptURL, options: RegisterWorkerOptions = {}): Promise<RegisterWorkerResult> {
  try {
    if (!globalThis.isSecureContext) return { ok: false, reason: 'insecure-context: service workers need https or localhost' };
    if (!globalThis.navigator?.serviceWorker) return { ok: false, reason: 'unsupported: no navigator.serviceWorker' };
    const url = scriptUrl instanceof URL ? scriptUrl.href : scriptUrl;
    const registerOptions: RegistrationOptions = { ...(options.scope ? { scope: options.scope } : {}), ...(options.type ? { type: options.type } : {}) };
    const registration = await new Workbox(url, registerOptions).register();
    if (!registration) return { ok: false, reason: 'registration-failed: no registration' };
    registered = registration;
    return { ok: true, registration };
  } catch (error) {
    // A missing or non-JS script, a scope outside the script's directory, an opaque origin…
    return { ok: false, reason: `registration-failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * Empties the worker's caches (for sign-out): asks the worker this page registered, which also
 * stops it from storing answers already on the wire; when there is none, or it does not answer in
 * time, deletes the caches from the page. Resolves when done; never rejects.
 */
export async function clearWorkerCache(): Promise<void> {
  const worker = registered?.active;
  if (worker && (await askToClear(worker))) return;
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
