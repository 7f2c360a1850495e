import { defineElement } from '../shared/define.ts';
import { AchievementProvider } from './achievement-provider.ts';

defineElement('achievement-provider', AchievementProvider);

declare global {
  interface HTMLElementTagNameMap {
    'achievement-provider': AchievementProvider;
  }
}
