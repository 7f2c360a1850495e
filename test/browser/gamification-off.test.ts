/**
 * Gamification off (issue 7), across every element on one page, in one provider, over msw: the
 * board and the rewards element show only a sentence and the way back, and the ring, the toast
 * and the share control show nothing (a ring given a value and a share of the page's own address
 * are the page's content, and stay). Turning it back on brings everything back.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import '../../src/index.ts';
import type { AchievementBoard, AchievementRewards, AchievementShare, BadgeToast, ProgressRing } from '../../src/index.ts';
import { catalog, ENDPOINT, myAchievements, redemptions, rewards, until } from './data/fixtures.ts';

const worker = setupWorker();
const say = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('gamification off, across the elements', () => {
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  after(() => worker.stop());
  afterEach(() => worker.resetHandlers());

  it('hides everything but the way back, and brings it all back when turned on', async () => {
    let gamification = false;
    worker.use(
      http.get(`${ENDPOINT}/catalog`, () => HttpResponse.json(catalog())),
      http.get(`${ENDPOINT}/me/achievements`, () => HttpResponse.json({ ...myAchievements(), balance: 340, gamification })),
      http.get(`${ENDPOINT}/rewards`, () => HttpResponse.json(rewards())),
      http.get(`${ENDPOINT}/me/redemptions`, () => HttpResponse.json(redemptions())),
      http.put(`${ENDPOINT}/me/preferences`, async ({ request }) => {
        ({ gamification } = (await request.json()) as { gamification: boolean });
        return HttpResponse.json({ gamification });
      }),
    );
    const page = await fixture(html`<achievement-provider endpoint=${ENDPOINT} token=${`off-${Date.now()}`}>
      <achievement-board></achievement-board>
      <achievement-rewards></achievement-rewards>
      <progress-ring id="one" achievement="regular-user" label="Регулярный пользователь"></progress-ring>
      <progress-ring id="level" level label="До следующего уровня"></progress-ring>
      <progress-ring id="static" value="3" max="5" label="Шаги анкеты"></progress-ring>
      <achievement-share id="earned" achievement="first-request"></achievement-share>
      <achievement-share id="own" url="https://portal.example/news/42" text="Новость"></achievement-share>
      <badge-toast></badge-toast>
    </achievement-provider>`);
    const board = page.querySelector<AchievementBoard>('achievement-board')!;
    const rewardsEl = page.querySelector<AchievementRewards>('achievement-rewards')!;
    const ring = (id: string) => page.querySelector<ProgressRing>(`#${id}`)!;
    const share = (id: string) => page.querySelector<AchievementShare>(`#${id}`)!;
    const toast = page.querySelector<BadgeToast>('badge-toast')!;
    const shown = (el: Element) => el.shadowRoot!.childElementCount > 0;

    await until(() => !!board.shadowRoot!.querySelector('[part="turn-on"]') && !!rewardsEl.shadowRoot!.querySelector('[part="turn-on"]'), 8000, 'the ways back');
    await Promise.all([ring('one'), ring('level'), ring('static'), share('earned'), share('own'), toast].map((el) => el.updateComplete));
    expect(say(board.shadowRoot!.querySelector('[part="base"]'))).to.contain('Вы скрыли достижения.');
    expect(say(rewardsEl.shadowRoot!.querySelector('[part="base"]'))).to.contain('Вы скрыли достижения, поэтому баллы и привилегии не показываются.');
    expect(rewardsEl.shadowRoot!.querySelector('[part="reward"], [part="balance"]')).to.equal(null);
    expect([shown(ring('one')), shown(ring('level')), shown(share('earned'))]).to.deep.equal([false, false, false]);
    expect([shown(ring('static')), shown(share('own'))], 'the page’s own ring and link').to.deep.equal([true, true]);
    expect(toast.show({ title: 'Заявление отправлено' })).to.equal(false);
    expect(say(toast.shadowRoot!.querySelector('[role="status"]'))).to.equal('');

    // Back on, from the rewards element: every element follows the one store.
    rewardsEl.shadowRoot!.querySelector<HTMLButtonElement>('[part="turn-on"]')!.click();
    await until(() => shown(ring('one')) && shown(ring('level')) && shown(share('earned')), 8000, 'the ring and the share back');
    await until(() => board.shadowRoot!.querySelectorAll('[part="card"]').length === 3, 8000, 'the board back');
    await until(() => !!rewardsEl.shadowRoot!.querySelector('[part="reward"]'), 8000, 'the privileges back');
    expect(ring('one').shadowRoot!.querySelector('[role="progressbar"]')!.getAttribute('aria-valuetext')).to.equal('1 из 3');
    expect(toast.show({ title: 'Заявление отправлено' })).to.equal(true);
    await until(() => say(toast.shadowRoot!.querySelector('[part="title"]')) === 'Заявление отправлено', 3000, 'the toast');

    // Off again, from the board: the toast on screen goes at once.
    const closed = new Promise<string>((resolve) => toast.addEventListener('achievement-toast-close', (e) => resolve(e.detail.reason), { once: true }));
    board.shadowRoot!.querySelector<HTMLButtonElement>('[part="settings"] button')!.click();
    expect(await closed).to.equal('off');
    await until(() => !shown(ring('one')) && !shown(share('earned')), 8000, 'hidden again');
    expect(say(toast.shadowRoot!.querySelector('[role="status"]'))).to.equal('');
    expect(gamification).to.equal(false);
  });
});
