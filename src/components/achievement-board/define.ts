import { defineElement } from '../shared/define.ts';
import { AchievementBoard } from './achievement-board.ts';

defineElement('achievement-board', AchievementBoard);

declare global {
  interface HTMLElementTagNameMap {
    'achievement-board': AchievementBoard;
  }
}
