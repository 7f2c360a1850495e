/**
 * `dist/civic-achievements-offline.js`: the opt-in service worker's registration, apart from the
 * SDK so that pages which never ask for it do not load workbox.
 */
export { registerAchievementWorker } from './data/worker/register.ts';
export type { RegisterWorkerOptions, RegisterWorkerResult } from './data/worker/register.ts';
