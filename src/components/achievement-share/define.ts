import { defineElement } from '../shared/define.ts';
import type { AchievementShareEvent } from './achievement-share.ts';
import { AchievementShare } from './achievement-share.ts';

defineElement('achievement-share', AchievementShare);

declare global {
  interface HTMLElementTagNameMap {
    'achievement-share': AchievementShare;
  }
  interface HTMLElementEventMap {
    'achievement-share': AchievementShareEvent;
  }
}
