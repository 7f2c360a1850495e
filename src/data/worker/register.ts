/**
 * The page's side of the opt-in service worker. Nothing in the SDK registers it: a page author
 * who wants the widgets offline calls {@link registerAchievementWorker} with the URL where they
 * host `civic-achievements-sw.js`. It never throws into the page; `clearWorkerCache` (clear.ts)
 * empties what the worker keeps.
 */
import type { TrustedScriptURL } from 'trusted-types/lib';
import { Workbox } from 'workbox-window';
import { thisPage } from './this-page.ts';

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
    thisPage.registration = registration;
    return { ok: true, registration };
  } catch (error) {
    // A missing or non-JS script, a scope outside the script's directory, an opaque origin…
    return { ok: false, reason: `registration-failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}
