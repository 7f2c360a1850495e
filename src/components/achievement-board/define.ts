import { defineElement } from '../shared/define.ts';
import type { AchievementShareEvent } from './achievement-board.ts';
import { AchievementBoard } from './achievement-board.ts';

defineElement('achievement-board', AchievementBoard);

declare global {
  interface HTMLElementTagNameMap {
    'achievement-board': AchievementBoard;
  }
  interface HTMLElementEventMap {
    'achievement-share': AchievementShareEvent;
  }
}
