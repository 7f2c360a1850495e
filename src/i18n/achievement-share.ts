/** What `<achievement-share>` says; page authors replace any of it through its `messages`. */
import type { Language } from './plural.ts';

/** The messengers and networks a link can go to (the copy action aside). */
export type ShareTarget = 'max' | 'vk' | 'ok' | 'telegram' | 'whatsapp' | 'viber';

export interface ShareMessages {
  /** The button that opens the share sheet or the menu. */
  share: string;
  /** The button's name with what it shares: «Поделиться: Первый запрос». */
  shareLabel(title: string): string;
  /** The text that goes with the link: «Достижение «Первый запрос» на портале госуслуг». */
  shareText(title: string): string;
  /** A target's visible name: «Одноклассники». */
  targets: Record<ShareTarget, string>;
  /**
   * Read before the visible name, so the whole name is a sentence and still contains what is
   * seen: «Поделиться в соцсети » + «Одноклассники».
   */
  via: Record<ShareTarget, string>;
  /**
   * Read after a target that opens in a new window. It starts with a space: browsers may add one
   * before it anyway (Chromium does around the hidden text), and a comma would then read «MAX ,».
   */
  newWindow: string;
  /** The copy button's text. */
  copy: string;
  /** While the server makes the link. */
  preparing: string;
  /** The link could not be had; `reason` is technical (for a page's own text or its logs), not shown by default. */
  failed(reason: string): string;
  /** After the copy. */
  copied: string;
  /** When the clipboard refused: the link is shown to copy by hand. */
  copyFailed: string;
}

export const shareMessages: Record<Language, ShareMessages> = {
  ru: {
    share: 'Поделиться',
    shareLabel: (title) => `Поделиться: ${title}`,
    shareText: (title) => `Достижение «${title}» на портале госуслуг`,
    targets: { max: 'MAX', vk: 'ВКонтакте', ok: 'Одноклассники', telegram: 'Telegram', whatsapp: 'WhatsApp', viber: 'Viber' },
    via: {
      max: 'Поделиться в мессенджере ',
      vk: 'Поделиться в соцсети ',
      ok: 'Поделиться в соцсети ',
      telegram: 'Поделиться в ',
      whatsapp: 'Поделиться в ',
      viber: 'Поделиться в ',
    },
    newWindow: ' (откроется в новом окне)',
    copy: 'Скопировать ссылку',
    preparing: 'Готовим ссылку…',
    failed: () => 'Не удалось получить ссылку. Попробуйте ещё раз.',
    copied: 'Ссылка скопирована',
    copyFailed: 'Не удалось скопировать. Ссылка выделена — скопируйте её сами.',
  },
  en: {
    share: 'Share',
    shareLabel: (title) => `Share: ${title}`,
    shareText: (title) => `Achievement “${title}” on the public services portal`,
    targets: { max: 'MAX', vk: 'VK', ok: 'Odnoklassniki', telegram: 'Telegram', whatsapp: 'WhatsApp', viber: 'Viber' },
    via: { max: 'Share to ', vk: 'Share to ', ok: 'Share to ', telegram: 'Share to ', whatsapp: 'Share to ', viber: 'Share to ' },
    newWindow: ' (opens in a new window)',
    copy: 'Copy link',
    preparing: 'Preparing the link…',
    failed: () => 'Could not get the link. Please try again.',
    copied: 'Link copied',
    copyFailed: 'Could not copy. The link is selected: copy it yourself.',
  },
};
