/**
 * The gallery: each element in each state, built with the DOM API (the page runs under the
 * portal's strict CSP with Trusted Types). Every state is the element's real behaviour: the
 * failing ones come from the stand-in portal's `/gallery-api/` endpoints (demo/portal.ts), which
 * never answer, answer with an error, send broken JSON, or answer once and then drop the
 * connection; the ready ones from the reference server, for demo citizens the portal signs in.
 */
import { achievementStore } from '../../src/index.ts';

const gallery = document.querySelector('#gallery')!;

type Attributes = Record<string, string>;

function element(tag: string, attributes: Attributes = {}, text?: string): HTMLElement {
  const made = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) made.setAttribute(name, value);
  if (text !== undefined) made.textContent = text;
  return made;
}

/** A panel with a heading, a sentence on how the state comes about, and the element(s). */
function section(title: string, note: string, ...children: Node[]): HTMLElement {
  const box = element('section', { class: 'portal-panel' });
  box.append(element('h2', {}, title), element('p', { class: 'gallery-note' }, note), ...children);
  gallery.append(box);
  return box;
}

function button(text: string, onClick: () => void): HTMLButtonElement {
  const made = element('button', { type: 'button' }, text) as HTMLButtonElement;
  made.addEventListener('click', onClick);
  return made;
}

// ── <progress-ring> ─────────────────────────────────────────────────────────────────────────

/** A row of elements side by side. */
function row(...children: Node[]): HTMLElement {
  const made = element('div', { class: 'gallery-row' });
  made.append(...children);
  return made;
}

const rings = (theme: 'light' | 'dark') =>
  row(
    element('progress-ring', { value: '0', max: '5', label: 'Не начато', theme }),
    element('progress-ring', { value: '3', max: '5', label: 'В процессе', theme }),
    element('progress-ring', { value: '100', label: 'Готово', theme }),
    element('progress-ring', { label: 'Загрузка', theme }),
    element('progress-ring', { value: '2', max: '3', label: 'Progress', lang: 'en', theme }),
  );
section('<progress-ring>: светлая тема', 'Не начато, в процессе, готово, без значения (неопределённое) и по-английски (lang="en").', rings('light'));
section('<progress-ring>: тёмная тема', 'Те же состояния с theme="dark".', rings('dark'));

/** The first demo citizen, whom the portal signs in for these endpoints; and a citizen with no events. */
const DEMO = '/gallery-api/citizen/demo/v1';
const NEWCOMER = '/gallery-api/citizen/newcomer/v1';

const dataRings = row(
  element('progress-ring', { endpoint: DEMO, achievement: 'e-signer', label: 'Электронный подписант' }),
  element('progress-ring', { endpoint: DEMO, level: '', label: 'До следующего уровня' }),
  element('progress-ring', { endpoint: DEMO, achievement: 'e-signer', label: 'Электронный подписант', theme: 'dark' }),
  element('progress-ring', { endpoint: DEMO, achievement: 'e-signer', label: 'Electronic signer', lang: 'en' }),
);
section('<progress-ring> с данными гражданина', 'achievement="e-signer" и level: прогресс демо-гражданина с сервера, в светлой и тёмной теме и по-английски.', dataRings);

// ── <achievement-board> ─────────────────────────────────────────────────────────────────────

const board = (attributes: Attributes, ...children: Node[]) => {
  const made = element('achievement-board', { 'heading-level': '3', ...attributes });
  made.append(...children);
  return made;
};

section(
  '<achievement-board>: загрузка',
  'Сервер не отвечает. Каждая попытка ждёт 10 с; после четырёх попыток (около 45 с) доска скажет «Нет связи с сервером».',
  board({ endpoint: '/gallery-api/loading/v1' }),
);
section('<achievement-board>: ошибка сервера', 'Сервер отвечает 503. После трёх повторов — ошибка с причиной и кнопкой «Повторить».', board({ endpoint: '/gallery-api/error/v1' }));
section('<achievement-board>: испорченный ответ', 'Сервер присылает оборванный JSON: ответ вне контракта — ошибка с причиной и кнопкой «Повторить».', board({ endpoint: '/gallery-api/malformed/v1' }));
section(
  '<achievement-board>: вход не выполнен',
  'Запрос без cookie (credentials="omit"): сервер отвечает 401. В слоте signin — ссылка на вход.',
  board({ endpoint: '/api/v1', credentials: 'omit' }, element('a', { slot: 'signin', href: '/' }, 'Войти в личный кабинет')),
);

// Offline with the data it had: the endpoint answers once for this view of the page, then the
// connection is dropped. The store's next refresh (the next poll would do the same, 30 s later)
// finds the server unreachable; the board keeps the state and says how old it is.
const ONCE = '/gallery-api/once/v1';
section(
  '<achievement-board>: нет связи, показаны сохранённые данные',
  'Сервер ответил один раз, потом связь пропала. Доска показывает последние данные, их возраст и кнопку «Повторить». При повторном открытии, до первого ответа, доска рисует данные из кэша (IndexedDB).',
  board({ endpoint: ONCE }),
);
const onceStore = achievementStore({ endpoint: ONCE });
let refreshedOnce = false;
onceStore.subscribe(({ status }) => {
  if (status !== 'ready' || refreshedOnce) return;
  refreshedOnce = true;
  setTimeout(() => void onceStore.refresh(), 0); // after the refresh that just ended
});

section('<achievement-board>: пустой фильтр', 'Гражданин без единого события, фильтр «Получены» (filter="unlocked"): сказано, что полученных пока нет.', board({ endpoint: NEWCOMER, filter: 'unlocked' }));
section('<achievement-board>: данные демо-гражданина', 'Год событий демо-гражданина с сервера: уровень, привилегии, стаж, группы, фильтры, карточки. Обновляется вживую.', board({ endpoint: DEMO }));
section('<achievement-board>: тёмная тема', 'Тот же гражданин с theme="dark".', board({ endpoint: DEMO, theme: 'dark' }));
section('<achievement-board lang="en">', 'The same citizen in English: titles, levels and privileges come from the server in English.', board({ endpoint: DEMO, lang: 'en' }));

// ── <achievement-rewards> ───────────────────────────────────────────────────────────────────

const rewardsElement = (attributes: Attributes, ...children: Node[]) => {
  const made = element('achievement-rewards', { 'heading-level': '3', ...attributes });
  made.append(...children);
  return made;
};
section('<achievement-rewards>: загрузка', 'Сервер не отвечает: заглушка и «Загрузка привилегий…»; после четырёх попыток — «Нет связи с сервером» и «Повторить».', rewardsElement({ endpoint: '/gallery-api/loading/v1' }));
section('<achievement-rewards>: ошибка сервера', 'Сервер отвечает 503: причина и кнопка «Повторить».', rewardsElement({ endpoint: '/gallery-api/error/v1' }));
section(
  '<achievement-rewards>: вход не выполнен',
  'Запрос без cookie (credentials="omit"): сервер отвечает 401. В слоте signin — ссылка на вход.',
  rewardsElement({ endpoint: '/api/v1', credentials: 'omit' }, element('a', { slot: 'signin', href: '/' }, 'Войти в личный кабинет')),
);
section(
  '<achievement-rewards>: гражданин, вошедший в личном кабинете',
  'Баланс, стоимость каждой привилегии, лимиты и остаток, и почему привилегия сейчас недоступна; «Получить» с подтверждением; свои привилегии со сроком. Если в личном кабинете (на главной странице) никто не вошёл, элемент просит войти. Когда гражданин скрыл достижения, здесь только фраза и кнопка, чтобы вернуть их.',
  rewardsElement({ endpoint: '/api/v1' }, element('a', { slot: 'signin', href: '/' }, 'Войти в личный кабинет')),
);
section('<achievement-rewards>: тёмная тема', 'Тот же гражданин с theme="dark".', rewardsElement({ endpoint: '/api/v1', theme: 'dark' }, element('a', { slot: 'signin', href: '/' }, 'Войти в личный кабинет')));
section('<achievement-rewards lang="en">', 'The same citizen in English.', rewardsElement({ endpoint: '/api/v1', lang: 'en' }, element('a', { slot: 'signin', href: '/' }, 'Sign in')));

// ── <badge-toast> ───────────────────────────────────────────────────────────────────────────

interface ToastElement extends HTMLElement {
  show(message: { title: string; description?: string; icon?: string }): boolean;
}

const TOAST_TEXT = {
  ru: {
    message: 'Сообщение страницы',
    sample: 'Пример: получено достижение',
    page: { title: 'Заявление отправлено', description: 'Ответ придёт в личный кабинет.' },
    unlock: { title: 'Получено достижение: Первый запрос', description: 'Отправьте первую заявку на услугу через личный кабинет.', icon: '/api/v1/icons/first-request.svg' },
  },
  en: {
    message: 'Page message',
    sample: 'Example: achievement unlocked',
    page: { title: 'Application sent', description: 'The answer will come to your personal account.' },
    unlock: { title: 'Achievement unlocked: First request', description: 'Submit your first application for a service through your personal account.', icon: '/api/v1/icons/first-request.svg' },
  },
};

/** A toast and the buttons that call its show(); `place` puts it in a corner of its own. */
function toastSection(title: string, note: string, attributes: Attributes, lang: 'ru' | 'en', place: string): void {
  const text = TOAST_TEXT[lang];
  const toast = element('badge-toast', { class: place, ...attributes, ...(lang === 'en' ? { lang } : {}) }) as ToastElement;
  const said = element('p', { role: 'status', class: 'gallery-note' });
  const call = (message: { title: string; description?: string; icon?: string }) => () => {
    const shown = toast.show(message);
    said.textContent = shown ? '' : lang === 'en' ? 'show() returned false: the toast is off, nothing is shown or announced.' : 'show() вернул false: уведомления выключены, ничего не показано и не озвучено.';
  };
  const actions = element('div', { class: 'portal-actions' });
  actions.append(button(text.message, call(text.page)), button(text.sample, call(text.unlock)));
  section(title, note, actions, said, toast);
}

toastSection(
  '<badge-toast>: светлая тема',
  'Сообщения страницы через show(). Уведомление держится не меньше 6 с (дольше для длинного текста), замирает под указателем и при фокусе, закрывается кнопкой и Esc; новые ждут в очереди. Настоящее получение достижения приходит из хранилища, с баллами и кнопкой «Поделиться»: его видно в личном кабинете.',
  { theme: 'light' },
  'ru',
  'gallery-toast-end',
);
toastSection('<badge-toast>: тёмная тема, до закрытия', 'theme="dark" и duration="persistent": уведомление остаётся, пока его не закроют.', { theme: 'dark', duration: 'persistent' }, 'ru', 'gallery-toast-start');
toastSection('<badge-toast lang="en">', 'The same in English: the close button is «Close notification».', {}, 'en', 'gallery-toast-top');
toastSection('<badge-toast off>', 'Уведомления выключены (off): show() ничего не показывает и не озвучивает.', { off: '' }, 'ru', 'gallery-toast-end');
