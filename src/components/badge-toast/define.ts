import { defineElement } from '../shared/define.ts';
import type { BadgeToastCloseReason, BadgeToastContent } from './badge-toast.ts';
import { BadgeToast } from './badge-toast.ts';

defineElement('badge-toast', BadgeToast);

declare global {
  interface HTMLElementTagNameMap {
    'badge-toast': BadgeToast;
  }
  interface HTMLElementEventMap {
    'achievement-toast-show': CustomEvent<{ toast: BadgeToastContent }>;
    'achievement-toast-close': CustomEvent<{ toast: BadgeToastContent; reason: BadgeToastCloseReason }>;
  }
}
