import { defineElement } from '../shared/define.ts';
import { ProgressRing } from './progress-ring.ts';

defineElement('progress-ring', ProgressRing);

declare global {
  interface HTMLElementTagNameMap {
    'progress-ring': ProgressRing;
  }
}
