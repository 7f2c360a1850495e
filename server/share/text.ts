/**
 * The words of the public share page and image. Russian only: the page is read by messengers'
 * crawlers and people in Russia (og:locale ru_RU), whatever the sharer's own language.
 */
export const SHARE_TEXT = {
  language: 'ru',
  ogLocale: 'ru_RU',
  siteName: 'Госуслуги · Достижения',
  tagline: 'Достижение на портале госуслуг',
  /** «делится» has no gender, so it fits any name. */
  sharedBy: (name: string) => `${name} делится достижением на портале госуслуг`,
  earnedOn: 'Получено',
  toPortal: 'Перейти на портал госуслуг',
  withdrawn: { title: 'Ссылка отозвана', text: 'Тот, кто поделился этим достижением, закрыл доступ к нему.' },
  notFound: { title: 'Страница не найдена', text: 'Такой ссылки нет. Проверьте адрес.' },
} as const;
