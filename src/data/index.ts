/** The widgets' data layer: what elements and page authors import. */
export { achievementStoreContext } from './context.ts';
export type {
  Campaign,
  Catalog,
  CatalogAchievement,
  Feedback,
  Leaderboard,
  MyAchievement,
  MyAchievements,
  Recommendation,
  Redemption,
  Reward,
  Rewards,
  Unlock,
} from './contract.ts';
export type { TokenProvider } from './client.ts';
export { achievementStore } from './registry.ts';
export type { Language, Result, Section, SectionName, Sections, StoreOptions, StoreSnapshot, StoreStatus } from './store.ts';
export { AchievementStore } from './store.ts';
export { clearCitizenData } from './clear.ts';
