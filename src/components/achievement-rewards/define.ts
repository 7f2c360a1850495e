import { defineElement } from '../shared/define.ts';
import type { AchievementRedeemEvent } from './achievement-rewards.ts';
import { AchievementRewards } from './achievement-rewards.ts';

defineElement('achievement-rewards', AchievementRewards);

declare global {
  interface HTMLElementTagNameMap {
    'achievement-rewards': AchievementRewards;
  }
  interface HTMLElementEventMap {
    'achievement-redeem': AchievementRedeemEvent;
    'achievement-preferences': CustomEvent<{ gamification: boolean }>;
  }
}
