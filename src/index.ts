/** `dist/civic-achievements.js`: every element defined, and the data layer, for a page without a bundler. */
// The order is for size only (each element defines itself whatever the order): the provider's
// imports bring the data layer in before the elements, which keeps related code within the 32 KB
// that gzip looks back over (scripts/budget.mjs measured about 0.8 KB less).
import './components/achievement-provider/define.ts';
export * from './data/index.ts';
import './components/achievement-board/define.ts';
import './components/achievement-rewards/define.ts';
import './components/achievement-share/define.ts';
import './components/badge-toast/define.ts';
import './components/progress-ring/define.ts';

export { AchievementBoard } from './components/achievement-board/achievement-board.ts';
export { AchievementProvider } from './components/achievement-provider/achievement-provider.ts';
export { AchievementRewards } from './components/achievement-rewards/achievement-rewards.ts';
export type { AchievementRedeemDetail, AchievementRedeemEvent } from './components/achievement-rewards/achievement-rewards.ts';
export { AchievementShare } from './components/achievement-share/achievement-share.ts';
export type { AchievementShareDetail, AchievementShareEvent, ShareChannel } from './components/achievement-share/achievement-share.ts';
export { BadgeToast } from './components/badge-toast/badge-toast.ts';
export type { BadgeToastCloseReason, BadgeToastContent, BadgeToastMessage } from './components/badge-toast/badge-toast.ts';
export { ProgressRing } from './components/progress-ring/progress-ring.ts';
