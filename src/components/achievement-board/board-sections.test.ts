/**
 * The board's issue 7 parts in Chromium, over msw: «Следующие шаги», campaigns (join with a
 * confirmation, leave, the leaderboard), rarity on cards, the 1–5 rating on earned cards, and the
 * switch that turns gamification off and back on; each by keyboard, with axe in light and dark.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import '../achievement-provider/define.ts';
import { responseCache } from '../../data/cache.ts';
import type { Campaigns, Catalog, MyAchievements } from '../../data/contract.ts';
import { AchievementStore } from '../../data/store.ts';
import type { AchievementBoard } from './achievement-board.ts';
import './define.ts';
import { campaigns, catalog, ENDPOINT, feedbackList, leaderboard, myAchievements, recommendations, until } from '../../../test/browser/data/fixtures.ts';
import { expectAccessible } from '../../../test/support/accessible.ts';
import '../../../test/support/store-host.ts';

const worker = setupWorker();
let stores = 0;

function testCatalog(): Catalog {
  const base = catalog();
  const rarity = [0.12, 0.004, undefined];
  return { ...base, achievements: base.achievements.map((a, i) => ({ ...a, icon: `/icons/${a.id}.svg`, ...(rarity[i] === undefined ? {} : { rarity: rarity[i] }) })) };
}

interface Mock {
  state?: () => MyAchievements;
  campaigns?: () => Campaigns | Response;
  recommendations?: () => object | Response;
}

function serve(mock: Mock = {}) {
  const requests: Array<{ method: string; path: string; body: unknown }> = [];
  worker.events.on('request:start', async ({ request }) => {
    const path = new URL(request.url).pathname.slice(ENDPOINT.length);
    if (request.method === 'GET') return;
    const entry = { method: request.method, path, body: undefined as unknown };
    requests.push(entry);
    entry.body = await request.clone().text().then((t) => (t ? JSON.parse(t) : undefined));
  });
  const json = (answer: object | Response) => (answer instanceof Response ? answer : HttpResponse.json(answer));
  worker.use(
    http.get(`${ENDPOINT}/catalog`, () => HttpResponse.json(testCatalog())),
    http.get(`${ENDPOINT}/me/achievements`, () => HttpResponse.json(mock.state?.() ?? { ...myAchievements(), gamification: true })),
    http.get(`${ENDPOINT}/campaigns`, () => json(mock.campaigns?.() ?? campaigns())),
    http.get(`${ENDPOINT}/me/recommendations`, () => json(mock.recommendations?.() ?? recommendations())),
    http.get(`${ENDPOINT}/me/feedback`, () => HttpResponse.json(feedbackList())),
  );
  return requests;
}

async function mount(lang = 'ru'): Promise<AchievementBoard> {
  stores += 1;
  const store = new AchievementStore({ endpoint: ENDPOINT, token: `sections-${stores}`, retries: 0, live: false, cache: responseCache({ indexedDB: null, name: `sections-${stores}` }) });
  const host = await fixture(html`<div lang=${lang}><store-test-host .store=${store}><achievement-board theme="auto"></achievement-board></store-test-host></div>`);
  return host.querySelector('achievement-board')!;
}

const root = (board: AchievementBoard) => board.shadowRoot!;
const say = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const part = (board: AchievementBoard, name: string) => root(board).querySelector<HTMLElement>(`[part="${name}"]`);
const parts = (board: AchievementBoard, name: string) => [...root(board).querySelectorAll<HTMLElement>(`[part="${name}"]`)];
const cardOf = (board: AchievementBoard, title: string) => parts(board, 'card').find((card) => say(card.querySelector('[part="card-title"]')) === title)!;
const focused = (board: AchievementBoard) => root(board).activeElement as HTMLElement | null;
const ready = (board: AchievementBoard) => until(() => parts(board, 'card').length > 0, 8000, 'the cards');

async function accessibleInBothSchemes(board: AchievementBoard): Promise<void> {
  await expectAccessible(board);
  await emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(board);
  await emulateMedia({ colorScheme: 'light' });
}

describe('<achievement-board>: next steps, campaigns, rarity, ratings, gamification off', () => {
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  after(() => worker.stop());
  afterEach(async () => {
    worker.resetHandlers();
    worker.events.removeAllListeners();
    await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
  });

  it('shows «Следующие шаги» with reasons, points and safe links, campaigns and rarity, and passes axe', async () => {
    serve();
    const board = await mount();
    await until(() => part(board, 'next-steps') !== null && part(board, 'campaigns') !== null, 8000, 'the sections');
    const steps = parts(board, 'step');
    expect(say(part(board, 'next-steps')!.querySelector('[role="heading"]'))).to.equal('Следующие шаги');
    expect(say(steps[0])).to.equal('Электронный подписант ещё 1 процедура — и достижение «Электронный подписант» ваше +30 баллов Перейти к услуге: Электронный подписант');
    const links = parts(board, 'step-link') as HTMLAnchorElement[];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['https://www.gosuslugi.ru/sign', new URL('/services/applications', document.baseURI).href]);
    expect(say(steps[1]!.querySelector('p:nth-child(3)'))).to.equal('+21 балл');
    // Campaigns: the running one first, then the coming one; the finished one is not shown.
    const items = parts(board, 'campaign');
    expect(items.map((item) => say(item.querySelector('[role="heading"]')))).to.deep.equal(['Зимний марафон', 'Весенний старт']);
    expect(say(items[0])).to.contain('Идёт до 31 декабря включительно. Считаются баллы за время турнира. Призы: 1 место: 500 баллов и «Приоритетная запись»; 2–3 места: 200 баллов');
    expect(say(items[1])).to.contain('Начнётся 1 марта. Считаются действия за время турнира.').and.contain('Этот турнир пока вам недоступен.');
    expect(items[1]!.querySelector('button, [part="leaderboard"]')).to.equal(null);
    expect(say(cardOf(board, 'Первый запрос').querySelector('[part="rarity"]'))).to.equal('есть у 12 % пользователей');
    expect(say(cardOf(board, 'Регулярный пользователь').querySelector('[part="rarity"]'))).to.equal('есть меньше чем у 1 % пользователей');
    expect(cardOf(board, 'Электронный подписант').querySelector('[part="rarity"]')).to.equal(null);
    expect(root(board).querySelectorAll('[style]').length).to.equal(0);
    await accessibleInBothSchemes(board);
  });

  it('renders hostile strings as text and drops links that are not http(s)', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    serve({
      recommendations: () => ({ recommendations: [{ achievementId: 'e-signer', title: hostile, reason: hostile, link: 'javascript:alert(1)', points: 0, remaining: 1 }] }),
      campaigns: () => {
        const answer = campaigns();
        answer.campaigns[0] = { ...answer.campaigns[0]!, title: hostile, description: hostile };
        return answer;
      },
    });
    const board = await mount();
    await until(() => part(board, 'step') !== null && part(board, 'campaign') !== null, 8000, 'the sections');
    expect(say(part(board, 'step'))).to.equal(`${hostile} ${hostile}`);
    expect(part(board, 'step-link')).to.equal(null);
    expect(say(part(board, 'campaign')!.querySelector('[role="heading"]'))).to.equal(hostile);
    expect(root(board).querySelector('img[src="x"]')).to.equal(null);
  });

  it('leaves out a section that is empty, failed or malformed, and shows the rest', async () => {
    serve({ recommendations: () => ({ recommendations: [] }), campaigns: () => HttpResponse.json({ error: { code: 'internal', message: 'boom' } }, { status: 500 }) });
    const board = await mount();
    await ready(board);
    await until(() => !!part(board, 'feedback'), 5000, 'the ratings');
    expect(part(board, 'next-steps')).to.equal(null);
    expect(part(board, 'campaigns')).to.equal(null);
    expect(say(part(board, 'status'))).to.equal('');
    worker.resetHandlers();
    serve({ campaigns: () => ({ campaigns: [{ id: 'x', title: 'Без дат' }] }) as unknown as Campaigns });
    const second = await mount();
    await ready(second);
    await until(() => !!part(second, 'next-steps'), 5000, 'the next steps');
    expect(part(second, 'campaigns')).to.equal(null);
  });

  it('joins a campaign by keyboard after a confirmation that names the pseudonym, then leaves it', async () => {
    let joined = false;
    const requests = serve({ campaigns: () => campaigns({ joined, eligible: true, ...(joined ? { rank: 3, score: 40 } : {}) }) });
    worker.use(
      http.post(`${ENDPOINT}/me/campaigns/:id/participation`, () => ((joined = true), HttpResponse.json({ joined: true, displayName: 'Участник 77' }))),
      http.delete(`${ENDPOINT}/me/campaigns/:id/participation`, () => ((joined = false), new HttpResponse(null, { status: 204 }))),
    );
    const board = await mount();
    await until(() => !!part(board, 'campaign')?.querySelector('[data-campaign]'), 8000, 'the campaign');
    const item = () => part(board, 'campaign')!;
    (item().querySelector('[data-campaign]') as HTMLElement).focus();
    expect(say(focused(board))).to.equal('Участвовать');
    await sendKeys({ press: 'Enter' });
    await until(() => focused(board)?.hasAttribute('data-confirm') === true, 3000, 'focus on the confirmation');
    const group = item().querySelector('[role="group"]')!;
    expect(say(group)).to.contain('В таблице лидеров вас будет видно только под псевдонимом, без имени и данных профиля.');
    expect(root(board).getElementById(group.getAttribute('aria-labelledby')!)).to.not.equal(null);
    await expectAccessible(board);
    // Esc cancels, and focus returns to «Участвовать».
    await sendKeys({ press: 'Escape' });
    await until(() => say(focused(board)) === 'Участвовать', 3000, 'focus back');
    expect(requests).to.deep.equal([]);
    await sendKeys({ press: 'Enter' });
    await until(() => focused(board)?.hasAttribute('data-confirm') === true, 3000, 'the confirmation again');
    // Heard on the document: it bubbles out of the board and crosses shadow roots.
    const fired = oneEvent(document, 'achievement-campaign');
    await sendKeys({ press: 'Enter' });
    const campaignEvent = await fired;
    expect(campaignEvent.detail).to.deep.equal({ campaignId: 'winter', joined: true });
    expect([campaignEvent.target, campaignEvent.bubbles, campaignEvent.composed]).to.deep.equal([board, true, true]);
    await until(() => say(focused(board)) === 'Выйти из турнира', 5000, 'focus on «Выйти из турнира»');
    expect(say(item().querySelector('[role="status"]'))).to.equal('Вы участвуете под псевдонимом «Участник 77».');
    await until(() => say(item()).includes('Ваше место: 3-е место, 40 баллов'), 5000, 'the place');
    await sendKeys({ press: 'Enter' });
    await until(() => say(focused(board)) === 'Участвовать', 5000, 'focus on «Участвовать»');
    expect(say(item().querySelector('[role="status"]'))).to.equal('Вы вышли из турнира и больше не видны в таблице лидеров.');
    expect(requests.map((r) => `${r.method} ${r.path}`)).to.deep.equal(['POST /me/campaigns/winter/participation', 'DELETE /me/campaigns/winter/participation']);
    await accessibleInBothSchemes(board);
  });

  it('says a refused join in words', async () => {
    serve();
    worker.use(http.post(`${ENDPOINT}/me/campaigns/:id/participation`, () => HttpResponse.json({ error: { code: 'not_eligible', message: 'level' } }, { status: 403 })));
    const board = await mount();
    await until(() => !!part(board, 'campaign')?.querySelector('[data-campaign]'), 8000, 'the campaign');
    (part(board, 'campaign')!.querySelector('[data-campaign]') as HTMLButtonElement).click();
    await until(() => !!root(board).querySelector('[data-confirm]'), 3000, 'the confirmation');
    root(board).querySelector<HTMLButtonElement>('[data-confirm]')!.click();
    await until(() => say(part(board, 'campaign')!.querySelector('[role="status"]')) !== '', 5000, 'the note');
    expect(say(part(board, 'campaign')!.querySelector('[role="status"]'))).to.equal('Этот турнир пока вам недоступен.');
  });

  it('opens the leaderboard by keyboard: the top, the citizen marked, and their place beyond the top', async () => {
    let me: { rank: number; score: number; displayName: string } = { rank: 2, score: 120, displayName: 'Участник 1107' };
    serve({ campaigns: () => campaigns({ joined: true, eligible: true, rank: me.rank, score: me.score }) });
    worker.use(http.get(`${ENDPOINT}/campaigns/:id/leaderboard`, () => HttpResponse.json(leaderboard(me))));
    const board = await mount();
    await until(() => !!part(board, 'leaderboard'), 8000, 'the leaderboard disclosure');
    const details = part(board, 'leaderboard') as HTMLDetailsElement;
    details.querySelector('summary')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => details.querySelectorAll('li').length === 2, 5000, 'the rows');
    expect([...details.querySelectorAll('li')].map(say)).to.deep.equal(['1-е место: Участник 4821 — 340 баллов', '2-е место: Участник 1107 (вы) — 120 баллов']);
    expect(details.querySelector('li.me')).to.equal(details.querySelectorAll('li')[1]);
    await accessibleInBothSchemes(board);
    me = { rank: 15, score: 4, displayName: 'Участник 77' };
    details.open = false;
    await new Promise((resolve) => setTimeout(resolve, 20));
    details.open = true;
    await until(() => say(details).includes('Ваше место: 15-е место, 4 балла'), 5000, 'the place beyond the top');
  });

  it('rates an earned achievement by keyboard: the current rating, the radio group, a comment, a polite result', async () => {
    const requests = serve();
    worker.use(
      http.put(`${ENDPOINT}/me/feedback/:id`, async ({ request, params }) =>
        HttpResponse.json({ achievementId: params.id, ...((await request.json()) as object), updatedAt: '2026-12-03T09:00:00.000Z' }),
      ),
    );
    const board = await mount();
    await until(() => !!part(board, 'feedback'), 8000, 'the rating');
    const card = cardOf(board, 'Первый запрос');
    const details = card.querySelector<HTMLDetailsElement>('[part="feedback"]')!;
    expect(say(details.querySelector('summary'))).to.equal('Ваша оценка: 4 из 5');
    expect(cardOf(board, 'Регулярный пользователь').querySelector('[part="feedback"]'), 'only on earned cards').to.equal(null);
    details.querySelector('summary')!.focus();
    await sendKeys({ press: 'Enter' });
    expect(details.open).to.equal(true);
    expect(say(details.querySelector('legend'))).to.equal('От 1 — бесполезно, до 5 — очень полезно');
    await sendKeys({ press: 'Tab' });
    expect((focused(board) as HTMLInputElement).value).to.equal('4');
    await sendKeys({ press: 'ArrowRight' });
    expect((focused(board) as HTMLInputElement).checked).to.equal(true);
    expect((focused(board) as HTMLInputElement).value).to.equal('5');
    await sendKeys({ press: 'Tab' });
    expect((focused(board) as HTMLInputElement).value).to.equal('Понятно');
    await sendKeys({ press: 'End' });
    await sendKeys({ type: ' <b>и полезно</b>' });
    // Heard on the document: it bubbles out of the board and crosses shadow roots.
    const fired = oneEvent(document, 'achievement-rate');
    await sendKeys({ press: 'Enter' });
    const rateEvent = await fired;
    expect(rateEvent.detail).to.deep.equal({ achievementId: 'first-request', rating: 5 });
    expect([rateEvent.target, rateEvent.bubbles, rateEvent.composed]).to.deep.equal([board, true, true]);
    await until(() => say(details.querySelector('[role="status"]')) === 'Оценка сохранена. Спасибо!', 5000, 'the result');
    expect(say(details.querySelector('summary'))).to.equal('Ваша оценка: 5 из 5');
    expect(requests).to.deep.equal([{ method: 'PUT', path: '/me/feedback/first-request', body: { rating: 5, comment: 'Понятно <b>и полезно</b>' } }]);
    expect(details.querySelector('b')).to.equal(null);
    await accessibleInBothSchemes(board);
  });

  it('asks for a rating before saving, and says a failure in words', async () => {
    serve({ state: () => ({ ...myAchievements(), achievements: myAchievements().achievements.map((a) => (a.id === 'regular-user' ? { ...a, state: 'unlocked' as const } : a)) }) });
    worker.use(http.put(`${ENDPOINT}/me/feedback/:id`, () => HttpResponse.json({ error: { code: 'internal', message: 'boom' } }, { status: 500 })));
    const board = await mount();
    await until(() => !!cardOf(board, 'Регулярный пользователь')?.querySelector('[part="feedback"]'), 8000, 'the rating');
    const form = cardOf(board, 'Регулярный пользователь').querySelector('form')!;
    form.requestSubmit();
    await until(() => say(form.querySelector('[role="status"]')) === 'Выберите оценку от 1 до 5.', 3000, 'the hint');
    form.querySelector<HTMLInputElement>('input[value="2"]')!.click();
    form.requestSubmit();
    await until(() => say(form.querySelector('[role="status"]')).startsWith('Не получилось'), 5000, 'the failure');
    expect(say(form.querySelector('[role="status"]'))).to.equal('Не получилось. Попробуйте ещё раз чуть позже.');
  });

  it('turns gamification off and back on by keyboard, with focus kept and the result said', async () => {
    let gamification = true;
    const requests = serve({ state: () => ({ ...myAchievements(), gamification }) });
    worker.use(
      http.put(`${ENDPOINT}/me/preferences`, async ({ request }) => {
        ({ gamification } = (await request.json()) as { gamification: boolean });
        return HttpResponse.json({ gamification });
      }),
    );
    const board = await mount();
    await ready(board);
    const settings = part(board, 'settings') as HTMLDetailsElement;
    settings.querySelector('summary')!.focus();
    await sendKeys({ press: 'Space' });
    expect(settings.open).to.equal(true);
    expect(say(settings)).to.contain('Можно скрыть достижения, баллы, турниры и уведомления о них. Полученное не пропадёт.');
    await sendKeys({ press: 'Tab' });
    expect(say(focused(board))).to.equal('Не показывать достижения');
    // Heard on the document: it bubbles out of the board and crosses shadow roots.
    const off = oneEvent(document, 'achievement-preferences');
    await sendKeys({ press: 'Enter' });
    const offEvent = await off;
    expect(offEvent.detail).to.deep.equal({ gamification: false });
    expect([offEvent.target, offEvent.bubbles, offEvent.composed]).to.deep.equal([board, true, true]);
    await until(() => focused(board)?.getAttribute('part') === 'turn-on', 5000, 'focus on the way back');
    expect(say(part(board, 'status'))).to.equal('Достижения скрыты.');
    expect(say(part(board, 'base'))).to.equal('Мои достижения Достижения скрыты. Вы скрыли достижения. Всё полученное сохранено, их можно вернуть в любой момент. Показывать достижения');
    expect(root(board).querySelector('[part="card"], [part="header"], [part="campaigns"], [part="next-steps"], progress-ring')).to.equal(null);
    await accessibleInBothSchemes(board);
    await sendKeys({ press: 'Enter' });
    await until(() => focused(board)?.getAttribute('part') === 'title', 5000, 'focus on the board');
    expect(say(part(board, 'status'))).to.equal('Достижения снова показываются.');
    await ready(board);
    expect(requests.map((r) => r.body)).to.deep.equal([{ gamification: false }, { gamification: true }]);
  });

  it('shows nothing but the way back when the server says gamification is off', async () => {
    serve({ state: () => ({ ...myAchievements(), gamification: false }) });
    const board = await mount('en');
    await until(() => !!part(board, 'turn-on'), 8000, 'the way back');
    expect(say(part(board, 'base'))).to.equal('My achievements You have hidden achievements. Everything you earned is kept; you can bring them back at any time. Show achievements');
  });

  it('speaks English: rarity, places, ratings', async () => {
    serve({ campaigns: () => campaigns({ joined: true, eligible: true, rank: 22, score: 1 }) });
    const board = await mount('en');
    await until(() => !!part(board, 'campaign') && !!part(board, 'feedback'), 8000, 'the sections');
    expect(say(cardOf(board, 'Первый запрос').querySelector('[part="rarity"]'))).to.equal('12% of users have it');
    expect(say(part(board, 'campaign'))).to.contain('Your position: 22nd place, 1 point');
    expect(say(part(board, 'feedback')!.querySelector('summary'))).to.equal('Your rating: 4 of 5');
  });

  it('fits 320 px with every section open', async () => {
    serve({ campaigns: () => campaigns({ joined: true, eligible: true, rank: 2, score: 120 }) });
    worker.use(http.get(`${ENDPOINT}/campaigns/:id/leaderboard`, () => HttpResponse.json(leaderboard({ rank: 2, score: 120, displayName: 'Участник 1107' }))));
    const board = await mount();
    board.closest('div')!.style.width = '320px';
    expect(board.getBoundingClientRect().width).to.equal(320);
    await until(() => !!part(board, 'campaign') && !!part(board, 'feedback') && !!part(board, 'step'), 8000, 'the sections');
    for (const details of root(board).querySelectorAll('details')) details.open = true;
    await until(() => (part(board, 'leaderboard')?.querySelectorAll('li').length ?? 0) > 0, 5000, 'the leaderboard');
    const base = part(board, 'base')!;
    expect(base.scrollWidth).to.be.at.most(base.clientWidth);
    const right = board.getBoundingClientRect().right;
    for (const node of root(board).querySelectorAll('[part="step"], [part="campaign"], [part="feedback"], [part="settings"], button, input')) {
      expect(node.getBoundingClientRect().right, node.getAttribute('part') ?? node.tagName).to.be.at.most(right + 0.5);
    }
  });
});
