/**
 * <achievement-rewards> in Chromium over msw: every state (loading, ready, empty, error, signed
 * out, gamification off), each reason a privilege is unavailable in words, the redemption with its
 * confirmation by keyboard, the server's 409/422/500 in words, hostile strings, axe in light and
 * dark, reduced motion, 320 px.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { delay, http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { responseCache } from '../../data/cache.ts';
import type { MyAchievements, Redemption, Rewards } from '../../data/contract.ts';
import { AchievementStore } from '../../data/store.ts';
import { defineElement } from '../shared/define.ts';
import { AchievementRewards } from './achievement-rewards.ts';
import './define.ts';
import { catalog, ENDPOINT, myAchievements, redemption, redemptions, rewards, until } from '../../../test/browser/data/fixtures.ts';
import { expectAccessible } from '../../../test/support/accessible.ts';
import '../../../test/support/store-host.ts';

const worker = setupWorker();
let stores = 0;

interface Mock {
  state?: () => MyAchievements | Response;
  rewards?: () => Rewards | Response;
  redemptions?: () => object | Response;
}

function serve(mock: Mock = {}) {
  const json = (answer: object | Response) => (answer instanceof Response ? answer : HttpResponse.json(answer));
  worker.use(
    http.get(`${ENDPOINT}/catalog`, () => HttpResponse.json(catalog())),
    http.get(`${ENDPOINT}/me/achievements`, () => json(mock.state?.() ?? { ...myAchievements(), balance: 340, gamification: true })),
    http.get(`${ENDPOINT}/rewards`, () => json(mock.rewards?.() ?? rewards())),
    http.get(`${ENDPOINT}/me/redemptions`, () => json(mock.redemptions?.() ?? redemptions())),
  );
}

async function mount(lang = 'ru'): Promise<AchievementRewards> {
  stores += 1;
  const store = new AchievementStore({ endpoint: ENDPOINT, token: `rewards-${stores}`, retries: 0, live: false, cache: responseCache({ indexedDB: null, name: `rewards-${stores}` }) });
  const host = await fixture(html`<div lang=${lang}><store-test-host .store=${store}><achievement-rewards theme="auto"><a slot="signin" href="/login">Войти</a></achievement-rewards></store-test-host></div>`);
  return host.querySelector('achievement-rewards')!;
}

const root = (el: AchievementRewards) => el.shadowRoot!;
const say = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const part = (el: AchievementRewards, name: string) => root(el).querySelector<HTMLElement>(`[part="${name}"]`);
const parts = (el: AchievementRewards, name: string) => [...root(el).querySelectorAll<HTMLElement>(`[part="${name}"]`)];
const card = (el: AchievementRewards, title: string) => parts(el, 'reward').find((c) => say(c.querySelector('.card-title')) === title)!;
const focused = (el: AchievementRewards) => root(el).activeElement as HTMLElement | null;
const ready = (el: AchievementRewards) => until(() => parts(el, 'reward').length > 0, 8000, 'the privileges');

async function accessibleInBothSchemes(el: AchievementRewards): Promise<void> {
  await expectAccessible(el);
  await emulateMedia({ colorScheme: 'dark' });
  expect(getComputedStyle(part(el, 'title')!).color).to.equal('rgb(236, 239, 244)');
  await expectAccessible(el);
  await emulateMedia({ colorScheme: 'light' });
}

describe('<achievement-rewards>', () => {
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  after(() => worker.stop());
  afterEach(async () => {
    worker.resetHandlers();
    await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
  });

  it('shows a busy placeholder while loading, still under reduced motion, and passes axe', async () => {
    worker.use(http.get(`${ENDPOINT}/*`, () => delay('infinite')));
    await emulateMedia({ reducedMotion: 'reduce' });
    const el = await mount();
    await el.updateComplete;
    expect(say(part(el, 'status'))).to.equal('Загрузка привилегий…');
    expect(root(el).querySelector('[aria-busy="true"]')).to.not.equal(null);
    expect(getComputedStyle(root(el).querySelector('.skeleton span')!).animationName).to.equal('none');
    await accessibleInBothSchemes(el);
  });

  it('stops pulsing by itself within 5 s without reduced motion', async () => {
    worker.use(http.get(`${ENDPOINT}/*`, () => delay('infinite')));
    await emulateMedia({ reducedMotion: 'no-preference' });
    const el = await mount();
    await el.updateComplete;
    const animations = root(el).getAnimations();
    expect(animations.length).to.be.greaterThan(0);
    for (const animation of animations) expect(animation.effect!.getComputedTiming().endTime as number).to.be.at.most(5000);
  });

  it('shows the balance, each privilege’s terms, and why one is unavailable, in words; passes axe', async () => {
    serve();
    const el = await mount();
    await ready(el);
    expect(say(part(el, 'title'))).to.equal('Привилегии за баллы');
    expect(say(part(el, 'balance'))).to.equal('Можно потратить: 340 баллов');
    expect(say(card(el, 'Приоритетная запись'))).to.equal(
      'Приоритетная запись Запись на приём в первую очередь. Стоимость: 100 баллов Лимит: 1 раз в месяц Действует 30 дней после получения Получить: Приоритетная запись',
    );
    expect(say(card(el, 'Ускоренное рассмотрение').querySelector('[part="problem"]'))).to.equal('Не хватает 360 баллов.');
    expect(say(card(el, 'Личный консультант'))).to.contain('Доступна с уровня «Опытный пользователь»').and.contain('Откроется на уровне «Опытный пользователь».');
    const soldOut = card(el, 'Персональные рекомендации');
    expect(say(soldOut)).to.contain('Осталось 0 из 20 в этом месяце').and.contain('На этот период все привилегии этого вида уже получены.');
    expect(soldOut.querySelector('button')).to.equal(null);
    expect(parts(el, 'redeem')).to.have.length(1);
    await until(() => !!part(el, 'redemptions'), 5000, 'the redemptions');
    expect(say(part(el, 'redemptions'))).to.equal('Мои привилегии Приоритетная запись Срок истёк 1 октября 2026 г.');
    expect(root(el).querySelectorAll('[style]').length).to.equal(0);
    expect(() => defineElement('achievement-rewards', class extends AchievementRewards {})).to.not.throw();
    await accessibleInBothSchemes(el);
  });

  it('redeems by keyboard after a confirmation; Esc cancels; the result is said and the list and balance follow', async () => {
    let balance = 340;
    let list: Redemption[] = [];
    const keys: string[] = [];
    serve({
      rewards: () => ({ ...rewards(balance), rewards: rewards(balance).rewards.map((r) => (r.id === 'priority-slot' && list.length ? { ...r, availability: { available: false, reason: 'limit_reached' as const } } : r)) }),
      redemptions: () => redemptions(balance, list),
    });
    worker.use(
      http.post(`${ENDPOINT}/me/redemptions`, ({ request }) => {
        keys.push(request.headers.get('Idempotency-Key')!);
        balance = 240;
        list = [redemption({ id: 'r-5', expiresAt: '2026-12-31T12:00:00.000Z' })];
        return HttpResponse.json({ redemption: list[0], balance }, { status: 201 });
      }),
    );
    const el = await mount();
    await ready(el);
    await until(() => !!part(el, 'redemptions'), 5000, 'the redemptions');
    expect(say(part(el, 'redemptions'))).to.equal('Мои привилегии Вы ещё не получали привилегий.');
    part(el, 'redeem')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => focused(el)?.hasAttribute('data-confirm') === true, 3000, 'focus on the confirmation');
    expect(say(part(el, 'confirm'))).to.equal('Получить «Приоритетная запись» за 100 баллов? Останется 240 баллов. Да, получить Отмена');
    await accessibleInBothSchemes(el);
    await sendKeys({ press: 'Escape' });
    await until(() => focused(el)?.getAttribute('part') === 'redeem', 3000, 'focus back on «Получить»');
    expect(keys).to.deep.equal([]);
    await sendKeys({ press: 'Space' });
    await until(() => focused(el)?.hasAttribute('data-confirm') === true, 3000, 'the confirmation again');
    const fired = oneEvent(el, 'achievement-redeem');
    await sendKeys({ press: 'Enter' });
    const event = await fired;
    expect(event.detail.balance).to.equal(240);
    expect([event.bubbles, event.composed]).to.deep.equal([true, true]);
    const slot = () => card(el, 'Приоритетная запись');
    await until(() => say(slot().querySelector('[role="status"]')) !== '', 5000, 'the result');
    expect(say(slot().querySelector('[role="status"]'))).to.equal('Готово: «Приоритетная запись» действует до 31 декабря 2026 г.');
    expect(say(part(el, 'balance'))).to.equal('Можно потратить: 240 баллов');
    expect(say(part(el, 'redemptions'))).to.equal('Мои привилегии Приоритетная запись Действует до 31 декабря 2026 г.');
    await until(() => say(slot().querySelector('[part="problem"]')) !== '', 5000, 'the limit');
    expect(say(slot().querySelector('[part="problem"]'))).to.equal('Вы уже получили её столько раз, сколько можно за этот период.');
    expect(focused(el)?.getAttribute('data-title')).to.equal('priority-slot');
    expect(keys).to.have.length(1);
    await accessibleInBothSchemes(el);
  });

  for (const [status, code, said] of [
    [409, 'sold_out', 'На этот период все привилегии этого вида уже получены. Загляните позже.'],
    [409, 'limit_reached', 'Вы уже получили её столько раз, сколько можно за этот период.'],
    [422, 'insufficient_points', 'Не хватает баллов.'],
    [422, 'level_too_low', 'Откроется на следующих уровнях.'],
    [404, 'not_found', 'Этой привилегии больше нет.'],
    [500, 'internal', 'Не получилось. Попробуйте ещё раз чуть позже.'],
  ] as const) {
    it(`says a ${status} ${code} in words`, async () => {
      serve();
      worker.use(http.post(`${ENDPOINT}/me/redemptions`, () => HttpResponse.json({ error: { code, message: '<b>boom</b>' } }, { status })));
      const el = await mount();
      await ready(el);
      part(el, 'redeem')!.click();
      await until(() => !!root(el).querySelector('[data-confirm]'), 3000, 'the confirmation');
      expect(say(part(el, 'confirm'))).to.equal('Получить «Приоритетная запись» за 100 баллов? Останется 240 баллов. Да, получить Отмена');
      root(el).querySelector<HTMLButtonElement>('[data-confirm]')!.click();
      const note = () => say(card(el, 'Приоритетная запись').querySelector('[role="status"]'));
      await until(() => note() !== '', 5000, 'the note');
      expect(note()).to.equal(said);
      expect(root(el).querySelector('b')).to.equal(null);
    });
  }

  it('says a malformed answer to a redemption, and a lost connection, in words', async () => {
    serve();
    let answer: () => Response = () => HttpResponse.json({ redemption: { id: 'r' }, balance: 1 }, { status: 201 });
    worker.use(http.post(`${ENDPOINT}/me/redemptions`, () => answer()));
    const el = await mount();
    await ready(el);
    const redeem = async () => {
      part(el, 'redeem')!.click();
      await until(() => !!root(el).querySelector('[data-confirm]'), 3000, 'the confirmation');
      root(el).querySelector<HTMLButtonElement>('[data-confirm]')!.click();
      await until(() => !root(el).querySelector('[data-confirm]'), 5000, 'the outcome');
      return say(card(el, 'Приоритетная запись').querySelector('[role="status"]'));
    };
    expect(await redeem()).to.equal('Не получилось. Попробуйте ещё раз чуть позже.');
    answer = () => HttpResponse.error();
    expect(await redeem()).to.equal('Нет связи с сервером. Попробуйте ещё раз — дважды баллы не спишутся.');
  });

  it('says when there are no privileges, and passes axe', async () => {
    serve({ rewards: () => ({ balance: 0, rewards: [] }), redemptions: () => redemptions(0, []) });
    const el = await mount();
    await until(() => say(part(el, 'base')).includes('Привилегий пока нет.'), 8000, 'the empty state');
    expect(say(part(el, 'balance'))).to.equal('Можно потратить: 0 баллов');
    await accessibleInBothSchemes(el);
  });

  it('says it failed in words with nothing technical, with a retry that recovers and puts focus on the title, and passes axe', async () => {
    let failing = true;
    serve({ rewards: () => (failing ? HttpResponse.json({ rewards: 'no' }) : rewards()) });
    const el = await mount();
    await until(() => !!part(el, 'retry'), 8000, 'the error');
    expect(say(part(el, 'status'))).to.equal('Не удалось загрузить привилегии.');
    expect(say(part(el, 'base'))).to.equal('Привилегии за баллы Не удалось загрузить привилегии. Повторить');
    await accessibleInBothSchemes(el);
    failing = false;
    part(el, 'retry')!.focus();
    await sendKeys({ press: 'Enter' });
    await ready(el);
    await until(() => root(el).activeElement?.getAttribute('part') === 'title', 2000, 'focus on the title, not lost to the page');
    expect(say(part(el, 'status'))).to.equal('');
  });

  it('asks a signed-out citizen to sign in, and passes axe', async () => {
    serve({ state: () => HttpResponse.json({ error: { code: 'unauthorized', message: 'no' } }, { status: 401 }) });
    const el = await mount();
    await until(() => say(part(el, 'base')).includes('Войдите'), 8000, 'signed out');
    expect(say(part(el, 'base'))).to.equal('Привилегии за баллы Войдите, чтобы увидеть привилегии и свои баллы.');
    expect(root(el).querySelector('slot[name="signin"]')).to.not.equal(null);
    await accessibleInBothSchemes(el);
  });

  it('while gamification is off, shows only the way back, which works by keyboard', async () => {
    let gamification = false;
    serve({ state: () => ({ ...myAchievements(), balance: 340, gamification }) });
    const puts: unknown[] = [];
    worker.use(
      http.put(`${ENDPOINT}/me/preferences`, async ({ request }) => {
        const body = (await request.json()) as { gamification: boolean };
        puts.push(body);
        gamification = body.gamification;
        return HttpResponse.json(body);
      }),
    );
    const el = await mount();
    await until(() => !!part(el, 'turn-on'), 8000, 'the way back');
    expect(say(part(el, 'base'))).to.equal('Привилегии за баллы Вы скрыли достижения, поэтому баллы и привилегии не показываются. Полученное сохранено. Показывать достижения');
    await accessibleInBothSchemes(el);
    part(el, 'turn-on')!.focus();
    await sendKeys({ press: 'Enter' });
    await ready(el);
    expect(puts).to.deep.equal([{ gamification: true }]);
    expect(say(part(el, 'status'))).to.equal('Достижения снова показываются.');
    expect(focused(el)?.getAttribute('part')).to.equal('title');
  });

  it('renders hostile strings as text', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    serve({ rewards: () => ({ ...rewards(), rewards: [{ ...rewards().rewards[0]!, title: hostile, description: hostile }] }), redemptions: () => redemptions(340, [redemption({ title: hostile })]) });
    const el = await mount();
    await ready(el);
    await until(() => !!part(el, 'redemption'), 5000, 'the redemptions');
    expect(say(part(el, 'reward')!.querySelector('.card-title'))).to.equal(hostile);
    expect(say(part(el, 'redemption'))).to.contain(hostile);
    expect(root(el).querySelector('img')).to.equal(null);
  });

  it('speaks English', async () => {
    serve();
    const el = await mount('en');
    await ready(el);
    expect(say(part(el, 'title'))).to.equal('Privileges for points');
    expect(say(part(el, 'balance'))).to.equal('Available to spend: 340 points');
    expect(say(card(el, 'Приоритетная запись'))).to.contain('Limit: 1 time a month').and.contain('Valid for 30 days once received');
    expect(say(card(el, 'Ускоренное рассмотрение').querySelector('[part="problem"]'))).to.equal('360 points short.');
  });

  it('fits 320 px without horizontal scroll, with the confirmation open', async () => {
    serve();
    const el = await mount();
    el.closest('div')!.style.width = '320px';
    await ready(el);
    expect(el.getBoundingClientRect().width).to.equal(320);
    part(el, 'redeem')!.click();
    await until(() => !!part(el, 'confirm'), 3000, 'the confirmation');
    const base = part(el, 'base')!;
    expect(base.scrollWidth).to.be.at.most(base.clientWidth);
    expect(getComputedStyle(base).paddingInlineStart, 'the narrow layout applies').to.equal('12px');
    const right = el.getBoundingClientRect().right;
    for (const node of root(el).querySelectorAll('[part="reward"], button')) expect(node.getBoundingClientRect().right).to.be.at.most(right + 0.5);
  });
});
