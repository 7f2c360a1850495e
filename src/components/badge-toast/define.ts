import { defineElement } from '../shared/define.ts';
import type { BadgeToastCloseDetail, BadgeToastShowDetail } from './badge-toast.ts';
import { BadgeToast } from './badge-toast.ts';

defineElement('badge-toast', BadgeToast);

declare global {
  interface HTMLElementTagNameMap {
    'badge-toast': BadgeToast;
  }
  interface HTMLElementEventMap {
    'achievement-toast-show': CustomEvent<BadgeToastShowDetail>;
    'achievement-toast-close': CustomEvent<BadgeToastCloseDetail>;
  }
}
