/** The widgets' data layer: what elements and page authors import. */
export { achievementStoreContext } from './context.ts';
export type { Catalog, CatalogAchievement, MyAchievement, MyAchievements, Unlock } from './contract.ts';
export type { TokenProvider } from './client.ts';
export { achievementStore } from './registry.ts';
export type { Language, StoreOptions, StoreSnapshot, StoreStatus } from './store.ts';
export { AchievementStore } from './store.ts';
export { clearCitizenData } from './clear.ts';
