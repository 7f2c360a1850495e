/** Types of find-chrome.mjs, for the TypeScript that uses it (bench:data). */
export function findChrome(): string;
