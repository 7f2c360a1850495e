/**
 * The targets' icons: small original glyphs (a monogram in a circle, a paper plane, a link), not
 * the brands' artwork. Decorative: each sits next to the target's name and is hidden from
 * assistive technology by the element.
 */
import { svg } from 'lit';
import type { SVGTemplateResult } from 'lit';
import type { ShareAction } from './share-targets.ts';

const monogram = (letters: string) => svg`<circle cx="12" cy="12" r="11"></circle><text x="12" y="15.5" text-anchor="middle">${letters}</text>`;

export const SHARE_ICONS: Record<ShareAction, SVGTemplateResult> = {
  max: monogram('M'),
  vk: monogram('VK'),
  ok: monogram('OK'),
  telegram: svg`<circle cx="12" cy="12" r="11"></circle><path class="cut" d="M6 11.5l11-4.5-2 10-3.5-2.5-2 2v-3l5-4.5-6 3.5z"></path>`,
  whatsapp: monogram('W'),
  viber: monogram('V'),
  copy: svg`<path class="line" d="M10 14l4-4M9 11l-2 2a3 3 0 0 0 4 4l2-2M15 13l2-2a3 3 0 0 0-4-4l-2 2"></path>`,
};
