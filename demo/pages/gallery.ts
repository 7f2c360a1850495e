/** The gallery: each element in each state, built with the DOM API (the page runs under a strict CSP). */
import '../../src/index.ts';

const gallery = document.querySelector('#gallery')!;

function section(title: string, ...children: Element[]): void {
  const box = document.createElement('section');
  box.className = 'portal-panel';
  const heading = document.createElement('h2');
  heading.textContent = title;
  box.append(heading, ...children);
  gallery.append(box);
}

function element(tag: string, attributes: Record<string, string>, lang?: string): Element {
  const made = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) made.setAttribute(name, value);
  if (lang) made.setAttribute('lang', lang);
  return made;
}

const rings = (theme?: string) =>
  [
    element('progress-ring', { value: '0', max: '5', label: 'Не начато' }),
    element('progress-ring', { value: '3', max: '5', label: 'В процессе' }),
    element('progress-ring', { value: '100', label: 'Готово' }),
    element('progress-ring', { label: 'Загрузка' }),
    element('progress-ring', { value: '2', max: '3', label: 'Progress' }, 'en'),
  ].map((ring) => (theme && ring.setAttribute('theme', theme), ring));

section('<progress-ring>: не начато, в процессе, готово, без значения, English', ...rings());
section('<progress-ring>, тёмная тема', ...rings('dark'));

const boards: Array<[string, Record<string, string>]> = [
  ['загрузка', { endpoint: '/gallery-api/loading/v1' }],
  ['сервер недоступен', { endpoint: '/gallery-api/error/v1' }],
  ['испорченный ответ', { endpoint: '/gallery-api/malformed/v1' }],
  ['не выполнен вход', { endpoint: '/api/v1', credentials: 'omit' }],
  ['данные гражданина (войдите на главной странице)', { endpoint: '/api/v1' }],
];
for (const [state, attributes] of boards) section(`<achievement-board>: ${state}`, element('achievement-board', attributes));

const toast = element('badge-toast', { duration: 'persistent' });
const show = document.createElement('button');
show.type = 'button';
show.textContent = 'Показать уведомление';
show.addEventListener('click', () => (toast as Element & { show?: (message: { title: string; description?: string }) => void }).show?.({ title: 'Пример уведомления', description: 'Так выглядит полученное достижение.' }));
section('<badge-toast>', show, toast);
