import { defineElement } from '../shared/define.ts';
import { AchievementBoard } from './achievement-board.ts';

defineElement('achievement-board', AchievementBoard);

declare global {
  interface HTMLElementTagNameMap {
    'achievement-board': AchievementBoard;
  }
  interface HTMLElementEventMap {
    'achievement-rate': CustomEvent<{ achievementId: string; rating: number }>;
    'achievement-campaign': CustomEvent<{ campaignId: string; joined: boolean }>;
    'achievement-preferences': CustomEvent<{ gamification: boolean }>;
  }
}
