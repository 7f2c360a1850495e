/**
 * The achievements engine: pure TypeScript, no DOM and no I/O, the same in Node and the browser.
 * The reference server is its authority; the widgets only display what it decided.
 */
export * from './types.ts';
export { compileCatalog, DEFAULT_TIME_ZONE } from './catalog.ts';
export type { Catalog, CompiledAchievement } from './catalog.ts';
export { createUserState, evaluateEvent, advanceTime, nextWindowClose, replayEvents, totalPoints, unlocksOf, encodeState, decodeState } from './evaluate.ts';
export type { ReplayOptions } from './evaluate.ts';
export { describeUser, describeAchievement, levelFor } from './progress.ts';
export type { AchievementStatus, AchievementView, LevelView, ProgressView, StreakView, UserView } from './progress.ts';
export { validateEvent, validateEventBatch, validateCatalog, ValidationError, MAX_BATCH, entryIssues, entryPath } from './validate.ts';
export type { ValidationIssue, Validated } from './validate.ts';
export { parseTime, formatTime, Calendar } from './time.ts';
