import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { delay, http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import type { ResponseCache } from '../../data/cache.ts';
import { responseCache } from '../../data/cache.ts';
import type { Catalog, MyAchievements } from '../../data/contract.ts';
import { AchievementStore } from '../../data/store.ts';
import { boardMessages } from '../../i18n/achievement-board.ts';
import { ENDPOINT, until } from '../../../test/browser/data/fixtures.ts';
import '../achievement-provider/define.ts';
import type { ProgressRing } from '../progress-ring/progress-ring.ts';
import { defineElement } from '../shared/define.ts';
import { AchievementBoard } from './achievement-board.ts';
import './define.ts';
import { expectAccessible } from '../../../test/support/accessible.ts';
import '../../../test/support/store-host.ts';

const worker = setupWorker();
let stores = 0;

const unit = (one: string, few: string, many: string) => ({ one, few, many });

function testCatalog(overrides: Partial<Catalog> = {}): Catalog {
  const entry = (id: string, title: string, difficulty: 'simple' | 'medium' | 'complex', extra: object = {}) => ({
    id,
    title,
    description: `${title}: описание`,
    difficulty,
    category: 'services',
    hidden: false,
    icon: `/icons/${id}.svg`,
    points: 10,
    ...extra,
  });
  return {
    language: 'ru',
    timeZone: 'Europe/Moscow',
    achievements: [
      entry('registered', 'Регистрация', 'simple', { points: 1 }),
      entry('contacts-confirmed', 'Контакты подтверждены', 'simple', { points: 2 }),
      entry('first-request', 'Первый запрос', 'simple', { points: 5, unit: unit('заявление', 'заявления', 'заявлений') }),
      entry('regular-user', 'Регулярный пользователь', 'medium', { points: 21, unit: unit('заявление', 'заявления', 'заявлений') }),
      entry('e-signer', 'Электронный подписант', 'medium', { unit: unit('процедура', 'процедуры', 'процедур') }),
      entry('night-owl', 'Секретное достижение', 'complex', { hidden: true }),
      entry('early-bird', 'Секретное достижение', 'complex', { hidden: true }),
      entry('tenure', 'Стаж на портале', 'complex', {
        points: undefined,
        tiers: [3, 6, 12, 24].map((target, i) => ({ tier: i + 1, target, points: target * 10 })),
        unit: unit('месяц', 'месяца', 'месяцев'),
      }),
    ],
    levels: [
      { id: 'newcomer', index: 0, title: 'Новичок', minPoints: 0, privileges: [] },
      { id: 'active', index: 1, title: 'Активный пользователь', minPoints: 100, privileges: [{ id: 'recommendations', title: 'Персональные рекомендации по услугам' }] },
      { id: 'experienced', index: 2, title: 'Опытный пользователь', minPoints: 300, privileges: [] },
    ],
    ...overrides,
  };
}

function testState(overrides: Partial<MyAchievements> = {}): MyAchievements {
  const progress = (current: number, target: number, extra: object = {}) => ({ current, target, remaining: target - current, ...extra });
  return {
    userId: 'citizen-board',
    verified: true,
    points: 120,
    level: { id: 'active', index: 1, title: 'Активный пользователь', minPoints: 100, nextMinPoints: 300, privileges: [{ id: 'recommendations', title: 'Персональные рекомендации по услугам' }] },
    achievements: [
      { id: 'registered', state: 'unlocked', progress: progress(1, 1), points: 1, unlockedAt: '2026-11-01T09:00:00.000Z' },
      { id: 'contacts-confirmed', state: 'locked', progress: progress(0, 1), points: 0 },
      { id: 'first-request', state: 'unlocked', progress: progress(1, 1), points: 5, unlockedAt: '2026-11-20T09:00:00.000Z' },
      { id: 'regular-user', state: 'in_progress', progress: progress(1, 3, { windowEndsAt: '2026-12-31T21:00:00.000Z' }), points: 0 },
      { id: 'e-signer', state: 'in_progress', progress: progress(4, 5), points: 0 },
      { id: 'night-owl', state: 'in_progress', progress: progress(1, 2), points: 0 },
      { id: 'early-bird', state: 'unlocked', progress: progress(1, 1), points: 10, unlockedAt: '2026-10-01T09:00:00.000Z', title: 'Ранняя пташка', description: 'Заявление до 7 утра' },
      {
        id: 'tenure',
        state: 'in_progress',
        progress: progress(2, 3),
        points: 0,
        tiers: 4,
        nextTier: { tier: 1, target: 3, points: 30 },
        streak: { period: 'month', length: 2, activeThisPeriod: true, thisPeriodCount: 1, nextMarkAt: '2026-12-31T21:00:00.000Z', daysToNextMark: 28 },
      },
    ],
    updatedAt: '2026-12-03T09:00:00.000Z',
    ...overrides,
  };
}

/** A cache that already holds this citizen's state and the catalog, stored at `storedAt`. */
function cacheWith(state: MyAchievements, catalog: Catalog, storedAt: number): ResponseCache {
  return {
    kind: 'memory',
    get: async (key) => (key.endsWith('|me') ? { value: state, storedAt } : key.endsWith('|catalog') ? { value: catalog, storedAt } : undefined),
    put: async () => {},
    clear: async () => {},
  };
}

function testStore(cache?: ResponseCache): AchievementStore {
  stores += 1;
  return new AchievementStore({
    endpoint: ENDPOINT,
    token: `board-token-${stores}`,
    retries: 0,
    backoff: { base: 5, cap: 20 },
    live: false,
    cache: cache ?? responseCache({ indexedDB: null, name: `board-test-${stores}` }),
  });
}

const serve = (state: () => MyAchievements | Response, catalog: () => Catalog = testCatalog) =>
  worker.use(
    http.get(`${ENDPOINT}/catalog`, () => HttpResponse.json(catalog())),
    http.get(`${ENDPOINT}/me/achievements`, () => {
      const answer = state();
      return answer instanceof Response ? answer : HttpResponse.json(answer);
    }),
  );
const never = () => worker.use(http.get(`${ENDPOINT}/*`, () => delay('infinite')));

async function mount(store: AchievementStore, attributes: { lang?: string; headingLevel?: number } = {}): Promise<AchievementBoard> {
  const host = await fixture(html`<div lang=${attributes.lang ?? 'ru'}>
    <store-test-host .store=${store}><achievement-board theme="auto" heading-level=${attributes.headingLevel ?? 2}></achievement-board></store-test-host>
  </div>`);
  return host.querySelector('achievement-board')!;
}

const root = (board: AchievementBoard) => board.shadowRoot!;
const statusLine = (board: AchievementBoard) => root(board).querySelector('[role="status"]')!.textContent!.trim();
const say = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const cardsOf = (board: AchievementBoard) => [...root(board).querySelectorAll('[part="card"]')];
const titles = (board: AchievementBoard) => cardsOf(board).map((card) => say(card.querySelector('[part="card-title"]')));
const cardOf = (board: AchievementBoard, title: string) => cardsOf(board).find((card) => say(card.querySelector('[part="card-title"]')) === title)!;
const filterButton = (board: AchievementBoard, filter: string) => root(board).querySelector<HTMLButtonElement>(`[data-filter="${filter}"]`)!;
const ready = (board: AchievementBoard) => until(() => cardsOf(board).length > 0, 8000, 'the cards');

/** Axe in light, then in dark (the system's preference, with theme="auto"). */
async function accessibleInBothSchemes(board: AchievementBoard): Promise<void> {
  await expectAccessible(board);
  await emulateMedia({ colorScheme: 'dark' });
  expect(getComputedStyle(root(board).querySelector('[part="title"]')!).color).to.equal('rgb(236, 239, 244)');
  await expectAccessible(board);
  await emulateMedia({ colorScheme: 'light' });
}

describe('<achievement-board>', () => {
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  after(() => worker.stop());
  afterEach(async () => {
    worker.resetHandlers();
    await emulateMedia({ reducedMotion: 'no-preference', colorScheme: 'light' });
  });

  it('shows a busy skeleton while loading, still under reduced motion, and passes axe', async () => {
    never();
    await emulateMedia({ reducedMotion: 'reduce' });
    const board = await mount(testStore());
    await board.updateComplete;
    expect(root(board).querySelector('[aria-busy="true"]')).not.to.equal(null);
    expect(statusLine(board)).to.equal('Загрузка достижений…');
    expect(root(board).querySelector('.skeleton span')).not.to.equal(null);
    expect(getComputedStyle(root(board).querySelector('.skeleton span')!).animationName).to.equal('none');
    await accessibleInBothSchemes(board);
  });

  it('animates the skeleton without reduced motion', async () => {
    never();
    const board = await mount(testStore());
    await board.updateComplete;
    expect(getComputedStyle(root(board).querySelector('.skeleton span')!).animationName).to.equal('pulse');
  });

  it('shows the level, points, ring, privileges and tenure, and passes axe', async () => {
    serve(testState);
    const board = await mount(testStore());
    await ready(board);
    const header = root(board).querySelector('[part="header"]')!;
    expect(say(header.querySelector('.level-title'))).to.equal('Уровень: Активный пользователь');
    expect(say(header.querySelector('[part="level"]'))).to.contain('120 баллов').and.contain('ещё 180 баллов до уровня «Опытный пользователь»');
    expect(say(header.querySelector('[part="privileges"]'))).to.contain('Персональные рекомендации по услугам');
    expect(say(header.querySelector('[part="tenure"]'))).to.equal('Стаж: 2 месяца без перерывов до отметки 3 месяца — 28 дней услуг в этом месяце: 1');
    const ring = header.querySelector<ProgressRing>('progress-ring')!;
    await until(() => !ring.indeterminate, 5000, 'the level ring');
    const bar = ring.shadowRoot!.querySelector('[role="progressbar"]')!;
    expect(bar.getAttribute('aria-valuetext')).to.equal('20 из 200');
    expect(bar.getAttribute('aria-label')).to.equal('До следующего уровня');
    expect(statusLine(board)).to.equal('');
    await accessibleInBothSchemes(board);
  });

  it('groups by difficulty in order, in progress closest to done first, and says each state in words', async () => {
    serve(testState);
    const board = await mount(testStore());
    await ready(board);
    const groups = [...root(board).querySelectorAll('[part="group-title"]')].map(say);
    expect(groups).to.deep.equal(['Простые', 'Средние', 'Сложные']);
    expect(titles(board)).to.deep.equal([
      'Первый запрос', 'Регистрация', 'Контакты подтверждены',
      'Электронный подписант', 'Регулярный пользователь',
      'Стаж на портале', 'Секретное достижение', 'Ранняя пташка',
    ]);
    const regular = cardOf(board, 'Регулярный пользователь');
    expect(say(regular.querySelector('[part="state"]'))).to.equal('В процессе');
    expect(say(regular)).to.contain('1 из 3 заявлений').and.contain('ещё 2 заявления до 31 декабря').and.contain('21 балл');
    const first = cardOf(board, 'Первый запрос');
    expect(say(first.querySelector('[part="state"]'))).to.equal('Получено');
    expect(say(first)).to.contain('5 баллов').and.contain('Получено 20 ноября 2026 г.');
    expect(say(cardOf(board, 'Регистрация').querySelector('[part="points"]'))).to.equal('1 балл');
    const contacts = cardOf(board, 'Контакты подтверждены');
    expect(say(contacts.querySelector('[part="state"]'))).to.equal('Не начато');
    expect(say(contacts.querySelector('[part="points"]'))).to.equal('2 балла');
    const tenure = cardOf(board, 'Стаж на портале');
    expect(say(tenure)).to.contain('2 из 3 месяцев').and.contain('Уровень 0 из 4').and.contain('Следующий уровень: 3 месяца, +30 баллов');
    expect(first.querySelector('img')!.getAttribute('src')).to.equal(new URL('/icons/first-request.svg', document.baseURI).href);
    expect(first.querySelector('img')!.getAttribute('alt')).to.equal('');
    expect(root(board).querySelectorAll('[style]').length).to.equal(0);
    expect(() => defineElement('achievement-board', class extends AchievementBoard {})).to.not.throw();
    const heading = regular.querySelector('[part="card-title"]')!;
    expect([heading.getAttribute('role'), heading.getAttribute('aria-level')]).to.deep.equal(['heading', '4']);
  });

  it('keeps a secret until it is earned, and then reveals it', async () => {
    serve(testState);
    const board = await mount(testStore());
    await ready(board);
    const secret = cardOf(board, 'Секретное достижение');
    expect(say(secret)).to.contain('Откроется, когда вы его получите.').and.contain('В процессе');
    expect(secret.querySelector('img, progress, [part="share"]')).to.equal(null);
    expect(say(secret)).not.to.contain('1 из 2');
    const earned = cardOf(board, 'Ранняя пташка');
    expect(say(earned)).to.contain('Заявление до 7 утра');
    expect(earned.querySelector('img')).not.to.equal(null);
  });

  it('says an achievement whose date range is over is closed, until when it could be earned (with the year), and not what is left', async () => {
    const state = testState();
    const regular = state.achievements.find((a) => a.id === 'regular-user')!;
    regular.progress = { current: 1, target: 3, remaining: 2, windowEndsAt: '2026-02-28T21:00:00.000Z', ended: true };
    serve(() => state);
    const board = await mount(testStore());
    await ready(board);
    const card = cardOf(board, 'Регулярный пользователь');
    expect(say(card.querySelector('[part="state"]'))).to.equal('Срок истёк');
    expect(say(card)).to.contain('1 из 3 заявлений').and.contain('Получить можно было до 28 февраля 2026 г. включительно');
    expect(say(card)).not.to.match(/ещё \d/);
    await accessibleInBothSchemes(board);
  });

  it('offers <achievement-share> on earned cards only, and shares from a card by keyboard', async () => {
    serve(testState);
    const asked: unknown[] = [];
    worker.use(
      http.post(`${ENDPOINT}/me/shares`, async ({ request }) => {
        asked.push(await request.json());
        return HttpResponse.json({ url: 'https://achievements.example/s/abc' });
      }),
    );
    const board = await mount(testStore());
    await ready(board);
    expect(cardOf(board, 'Регулярный пользователь').querySelector('achievement-share')).to.equal(null);
    const share = cardOf(board, 'Первый запрос').querySelector('achievement-share')!;
    expect(share.getAttribute('achievement')).to.equal('first-request');
    await share.updateComplete;
    const button = share.shadowRoot!.querySelector<HTMLButtonElement>('[part="button"]')!;
    expect(button.getAttribute('aria-label')).to.equal('Поделиться: Первый запрос');
    button.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => share.shadowRoot!.querySelector('[part="target"]') !== null, 5000, 'the menu');
    expect(asked).to.deep.equal([{ achievementId: 'first-request' }]);
    const telegram = [...share.shadowRoot!.querySelectorAll<HTMLAnchorElement>('a[part="target"]')].find((a) => a.href.startsWith('https://t.me/'))!;
    telegram.addEventListener('click', (event) => event.preventDefault()); // no new window in the test
    const fired = oneEvent(document, 'achievement-share');
    telegram.focus();
    await sendKeys({ press: 'Enter' });
    const event = await fired;
    expect(event.detail).to.deep.equal({ achievementId: 'first-request', channel: 'telegram', url: 'https://achievements.example/s/abc' });
    expect([event.bubbles, event.composed]).to.deep.equal([true, true]);
    await expectAccessible(board);
  });

  it('filters by keyboard only, with counts, and keeps focus on the filter', async () => {
    serve(testState);
    const host = await fixture(html`<div><button>before</button><store-test-host .store=${testStore()}><achievement-board></achievement-board></store-test-host></div>`);
    const board = host.querySelector('achievement-board')!;
    await ready(board);
    host.querySelector('button')!.focus();
    await sendKeys({ press: 'Tab' });
    const focused = () => root(board).activeElement?.getAttribute('data-filter');
    expect(focused()).to.equal('all');
    expect(root(board).querySelector('[part="filters"]')!.getAttribute('role')).to.equal('group');
    expect(say(filterButton(board, 'all'))).to.equal('Все 8');
    expect(say(filterButton(board, 'unlocked'))).to.equal('Получены 3');
    expect(filterButton(board, 'all').getAttribute('aria-pressed')).to.equal('true');
    await sendKeys({ press: 'ArrowRight' });
    expect(focused()).to.equal('unlocked');
    await sendKeys({ press: 'Enter' });
    await board.updateComplete;
    expect(board.filter).to.equal('unlocked');
    expect(filterButton(board, 'unlocked').getAttribute('aria-pressed')).to.equal('true');
    expect(filterButton(board, 'all').getAttribute('aria-pressed')).to.equal('false');
    expect(titles(board)).to.deep.equal(['Первый запрос', 'Регистрация', 'Ранняя пташка']);
    expect(focused()).to.equal('unlocked');
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Space' });
    await board.updateComplete;
    expect(titles(board)).to.deep.equal(['Электронный подписант', 'Регулярный пользователь', 'Стаж на портале', 'Секретное достижение']);
    expect(focused()).to.equal('in_progress');
    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'Enter' });
    await board.updateComplete;
    expect(titles(board)).to.deep.equal(['Контакты подтверждены']);
    await sendKeys({ press: 'ArrowRight' });
    expect(focused()).to.equal('all');
  });

  it('says so when a filter leaves nothing, and passes axe', async () => {
    serve(() => testState({ achievements: testState().achievements.filter((a) => a.state !== 'unlocked') }));
    const board = await mount(testStore());
    await ready(board);
    filterButton(board, 'unlocked').click();
    await board.updateComplete;
    expect(cardsOf(board)).to.have.length(0);
    expect(say(root(board).querySelector('.empty'))).to.equal('Полученных достижений пока нет.');
    await accessibleInBothSchemes(board);
  });

  it('shows the cached state while refreshing, with the time of its data in the status line', async () => {
    never();
    const board = await mount(testStore(cacheWith(testState(), testCatalog(), Date.parse('2026-12-04T06:40:00Z'))));
    await ready(board);
    // A moment, not an age: it does not go stale on screen, and is not re-announced as minutes pass.
    expect(statusLine(board)).to.equal('Обновляем данные… Данные от 4 декабря, 09:40');
    await accessibleInBothSchemes(board);
  });

  it('offline, shows the cached state with its date and a retry, and passes axe', async () => {
    worker.use(http.get(`${ENDPOINT}/*`, () => HttpResponse.error()));
    const board = await mount(testStore(cacheWith(testState(), testCatalog(), Date.parse('2026-11-03T11:05:00Z'))));
    await until(() => statusLine(board).startsWith('Нет связи'), 8000, 'offline');
    expect(statusLine(board)).to.equal('Нет связи с сервером. Данные от 3 ноября, 14:05');
    expect(cardsOf(board).length).to.equal(8);
    expect(root(board).querySelector('[part="retry"]')).not.to.equal(null);
    await accessibleInBothSchemes(board);
  });

  it('says it failed in words with nothing technical, says each retry again, and after one that works puts focus on the title', async () => {
    let failing = true;
    serve(() => (failing ? HttpResponse.json({ error: { code: 'internal', message: 'boom' } }, { status: 500 }) : testState()));
    const board = await mount(testStore());
    await until(() => root(board).querySelector('[part="retry"]') !== null, 8000, 'the error');
    expect(statusLine(board)).to.equal('Не удалось загрузить достижения.');
    expect(say(root(board).querySelector('[part="base"]'))).to.equal('Мои достижения Не удалось загрузить достижения. Повторить');
    await accessibleInBothSchemes(board);
    const said: string[] = [];
    new MutationObserver(() => said.at(-1) !== statusLine(board) && said.push(statusLine(board))).observe(root(board).querySelector('[part="status"]')!, { childList: true, characterData: true, subtree: true });
    root(board).querySelector<HTMLButtonElement>('[part="retry"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => said.length === 2, 8000, 'the second failure');
    expect(said, 'a polite region speaks only when its text changes').to.deep.equal(['Загрузка достижений…', 'Не удалось загрузить достижения.']);
    failing = false;
    expect(root(board).activeElement?.getAttribute('part')).to.equal('retry');
    await sendKeys({ press: 'Enter' });
    await ready(board);
    await until(() => root(board).activeElement?.getAttribute('part') === 'title', 2000, 'focus on the title, not lost to the page');
    expect(root(board).querySelector('[part="retry"]')).to.equal(null);
    expect(statusLine(board)).to.equal('');
  });

  it('asks a signed-out citizen to sign in, and passes axe', async () => {
    serve(() => HttpResponse.json({ error: { code: 'unauthorized', message: 'no token' } }, { status: 401 }));
    const board = await mount(testStore());
    await until(() => root(board).querySelector('.message') !== null, 8000, 'the sign-in sentence');
    expect(say(root(board).querySelector('.message'))).to.equal('Войдите, чтобы увидеть свои достижения.');
    expect(root(board).querySelector('slot[name="signin"]')).not.to.equal(null);
    await accessibleInBothSchemes(board);
  });

  it('renders hostile strings from the server as text and drops script URLs', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const catalog = testCatalog();
    catalog.achievements[2] = { ...catalog.achievements[2]!, title: hostile, description: hostile, icon: 'javascript:alert(1)' };
    serve(testState, () => catalog);
    const board = await mount(testStore());
    await ready(board);
    const card = cardOf(board, hostile);
    expect(say(card.querySelector('.description'))).to.equal(hostile);
    expect(card.querySelector('img')).to.equal(null);
    expect(root(board).querySelector('img[src="x"]')).to.equal(null);
    expect([...root(board).querySelectorAll('img')].every((img) => img.src.startsWith('http'))).to.equal(true);
  });

  it('speaks English under lang="en"', async () => {
    serve(testState);
    const board = await mount(testStore(), { lang: 'en' });
    await ready(board);
    expect(say(root(board).querySelector('[part="title"]'))).to.equal('My achievements');
    expect(say(filterButton(board, 'unlocked'))).to.equal('Earned 3');
    const first = cardOf(board, 'Первый запрос');
    expect(say(first.querySelector('[part="state"]'))).to.equal('Earned');
    expect(say(first.querySelector('[part="points"]'))).to.equal('5 points');
    expect(say(cardOf(board, 'Регистрация').querySelector('[part="points"]'))).to.equal('1 point');
    expect(say(cardOf(board, 'Регулярный пользователь'))).to.contain('by December 31');
  });

  it('says points in every Russian plural form, and takes the page author’s texts', async () => {
    const points = boardMessages.ru.points;
    expect([0, 1, 2, 4, 5, 11, 12, 21, 22, 25, 101, 111].map(points)).to.deep.equal([
      '0 баллов', '1 балл', '2 балла', '4 балла', '5 баллов', '11 баллов', '12 баллов', '21 балл', '22 балла', '25 баллов', '101 балл', '111 баллов',
    ]);
    serve(testState);
    const board = await mount(testStore());
    await ready(board);
    board.messages = { title: 'Достижения', share: { share: 'Отправить' } };
    await board.updateComplete;
    expect(say(root(board).querySelector('[part="title"]'))).to.equal('Достижения');
    const share = cardOf(board, 'Первый запрос').querySelector('achievement-share')!;
    await share.updateComplete;
    expect(say(share.shadowRoot!.querySelector('[part="button"]'))).to.equal('Отправить');
  });

  it('alone with a tokenProvider, shares one store with its level ring and share buttons: one request for the state', async () => {
    let asked = 0;
    worker.use(
      http.get(`${ENDPOINT}/catalog`, () => HttpResponse.json(testCatalog())),
      http.get(`${ENDPOINT}/me/achievements`, () => {
        asked += 1;
        return HttpResponse.json(testState());
      }),
    );
    const tokenProvider = () => 'standalone-board-token';
    const host = await fixture(html`<div lang="ru"><achievement-board endpoint=${ENDPOINT} .tokenProvider=${tokenProvider}></achievement-board></div>`);
    const board = host.querySelector('achievement-board')!;
    await ready(board);
    await until(() => root(board).querySelectorAll('achievement-share').length === 3, 8000, 'the share buttons of the earned cards');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(asked).to.equal(1);
  });

  it('fits its headings into the page outline with heading-level', async () => {
    serve(testState);
    const board = await mount(testStore(), { headingLevel: 3 });
    await ready(board);
    const level = (selector: string) => root(board).querySelector(selector)!.getAttribute('aria-level');
    expect([level('[part="title"]'), level('[part="group-title"]'), level('[part="card-title"]')]).to.deep.equal(['3', '4', '5']);
    // The header's two parts are headings too, at the sections' level, for a screen reader's heading list.
    const parts = [...root(board).querySelectorAll('[part="privileges"] [role="heading"], [part="tenure"] [role="heading"]')];
    expect(parts.map((heading) => [say(heading), heading.getAttribute('aria-level')])).to.deep.equal([
      ['Открытые привилегии', '4'],
      ['Стаж: 2 месяца без перерывов', '4'],
    ]);
  });

  it('fits 320 px without horizontal scroll', async () => {
    serve(testState);
    const board = await mount(testStore());
    board.parentElement!.parentElement!.style.width = '320px';
    await ready(board);
    const base = root(board).querySelector<HTMLElement>('[part="base"]')!;
    expect(board.getBoundingClientRect().width).to.equal(320);
    expect(base.scrollWidth).to.be.at.most(base.clientWidth);
    const right = board.getBoundingClientRect().right;
    for (const card of cardsOf(board)) expect(card.getBoundingClientRect().right).to.be.at.most(right);
  });

  it('touches only the card whose progress changed', async () => {
    let state = testState();
    serve(() => state);
    const store = testStore();
    const board = await mount(store);
    await ready(board);
    const before = cardsOf(board);
    const touched = new Set<Element>();
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        const target = record.target instanceof Element ? record.target : record.target.parentElement;
        touched.add(target?.closest('[part="card"]') ?? root(board).host);
      }
    });
    observer.observe(root(board), { subtree: true, childList: true, characterData: true, attributes: true });
    state = { ...state, achievements: state.achievements.map((a) => (a.id === 'regular-user' ? { ...a, progress: { ...a.progress, current: 2, remaining: 1 } } : a)) };
    await store.refresh();
    await board.updateComplete;
    observer.disconnect();
    const regular = cardOf(board, 'Регулярный пользователь');
    expect(say(regular)).to.contain('2 из 3 заявлений');
    expect([...touched]).to.deep.equal([regular]);
    expect(cardsOf(board).every((card, i) => card === before[i])).to.equal(true);
  });

  it('renders 200 achievements, one card each', async () => {
    const base = testCatalog();
    const difficulties = ['simple', 'medium', 'complex'] as const;
    const many = Array.from({ length: 200 }, (_, i) => ({ ...base.achievements[0]!, id: `a-${i}`, title: `Достижение ${i}`, difficulty: difficulties[i % 3]! }));
    const state = testState({ achievements: many.map((a, i) => ({ id: a.id, state: 'in_progress' as const, progress: { current: i % 10, target: 10, remaining: 10 - (i % 10) }, points: 0 })) });
    serve(() => state, () => ({ ...base, achievements: many }));
    const board = await mount(testStore());
    await until(() => cardsOf(board).length === 200, 8000, '200 cards');
    expect(say(filterButton(board, 'all'))).to.equal('Все 200');
    expect(titles(board).slice(0, 2)).to.deep.equal(['Достижение 9', 'Достижение 39']);
  });

  it('shows a real citizen’s level and tenure from the reference server', async () => {
    const sub = `board-${Date.now()}`;
    const token = await executeServerCommand<string, { sub: string }>('ach-token', { sub });
    const at = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    const events = [
      { id: `${sub}-v`, userId: sub, type: 'profile.verified', occurredAt: at(20) },
      { id: `${sub}-a1`, userId: sub, type: 'application.submitted', occurredAt: at(15), attributes: { service: 'passport', category: 'documents', documentType: 'passport', complete: true } },
      { id: `${sub}-a2`, userId: sub, type: 'application.submitted', occurredAt: at(10), attributes: { service: 'tax', category: 'taxes', documentType: 'declaration', complete: true } },
      { id: `${sub}-l`, userId: sub, type: 'app.login', occurredAt: at(5) },
    ];
    await executeServerCommand('ach-ingest', { events });
    const provider = await fixture(html`<achievement-provider endpoint="/api/v1" .token=${token}><achievement-board theme="auto"></achievement-board></achievement-provider>`);
    const board = provider.querySelector('achievement-board')!;
    await until(() => cardsOf(board).length > 10 && statusLine(board) === '', 8000, 'the real state');
    const header = root(board).querySelector('[part="header"]')!;
    expect(say(header.querySelector('.level-title'))).to.equal('Уровень: Новичок');
    expect(say(header.querySelector('[part="level"]'))).to.match(/\d+ балл/);
    expect(say(header.querySelector('[part="privileges"]'))).to.equal('Открытые привилегии Привилегии откроются на следующих уровнях.');
    expect(say(header.querySelector('[part="tenure"]'))).to.match(/^Стаж: 1 месяц без перерывов до отметки 3 месяца — \d+ (день|дня|дней) услуг в этом месяце: 2$/);
    const ring = header.querySelector<ProgressRing>('progress-ring')!;
    await until(() => !ring.indeterminate, 8000, 'the level ring');
    expect(ring.shadowRoot!.querySelector('[role="progressbar"]')!.getAttribute('aria-valuetext')).to.match(/^\d+ из \d+$/);
    expect(say(cardOf(board, 'Первый запрос').querySelector('[part="state"]'))).to.equal('Получено');
    await accessibleInBothSchemes(board);
  });
});
