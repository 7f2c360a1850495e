/** `dist/civic-achievements.js`: what a page without a bundler imports. The elements join it with their issue. */
export * from './data/index.ts';
