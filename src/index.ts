/** `dist/civic-achievements.js`: every element defined, and the data layer, for a page without a bundler. */
import './components/achievement-board/define.ts';
import './components/achievement-provider/define.ts';
import './components/achievement-share/define.ts';
import './components/badge-toast/define.ts';
import './components/progress-ring/define.ts';

export * from './data/index.ts';
export { AchievementBoard } from './components/achievement-board/achievement-board.ts';
export { AchievementProvider } from './components/achievement-provider/achievement-provider.ts';
export { AchievementShare } from './components/achievement-share/achievement-share.ts';
export type { AchievementShareDetail, AchievementShareEvent, ShareChannel } from './components/achievement-share/achievement-share.ts';
export { BadgeToast } from './components/badge-toast/badge-toast.ts';
export type { BadgeToastCloseReason, BadgeToastContent, BadgeToastMessage } from './components/badge-toast/badge-toast.ts';
export { ProgressRing } from './components/progress-ring/progress-ring.ts';
