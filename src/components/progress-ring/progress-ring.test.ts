import { ContextProvider } from '@lit/context';
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, executeServerCommand } from '@web/test-runner-commands';
import '../achievement-provider/define.ts';
import './define.ts';
import { achievementStoreContext } from '../../data/context.ts';
import type { AchievementStore, StoreSnapshot, StoreStatus } from '../../data/store.ts';
import { defineElement } from '../shared/define.ts';
import { ProgressRing } from './progress-ring.ts';
import { catalog, myAchievements, until } from '../../../test/browser/data/fixtures.ts';
import { expectAccessible } from '../../../test/support/accessible.ts';

const bar = (ring: ProgressRing) => ring.shadowRoot!.querySelector('[role="progressbar"]')!;
const visible = (ring: ProgressRing) => ring.shadowRoot!.querySelector('[part="label"]')!.textContent!.trim();
const track = (ring: ProgressRing) => ring.shadowRoot!.querySelector('[part="track"]')!;

/** The track's colour in light and in dark (--ach-color-track's defaults). */
const LIGHT_TRACK = 'rgb(213, 218, 227)';
const DARK_TRACK = 'rgb(58, 65, 80)';

/**
 * Axe in light, then in dark both ways: the `theme="dark"` attribute, and `theme="auto"` under an
 * emulated dark system preference. The track's colour proves each scheme really applied.
 */
async function accessibleInLightAndDark(ring: ProgressRing): Promise<void> {
  const theme = ring.getAttribute('theme');
  ring.setAttribute('theme', 'light');
  await ring.updateComplete;
  expect(getComputedStyle(track(ring)).stroke, 'light').to.equal(LIGHT_TRACK);
  await expectAccessible(ring);
  ring.setAttribute('theme', 'dark');
  await ring.updateComplete;
  expect(getComputedStyle(track(ring)).stroke, 'theme="dark"').to.equal(DARK_TRACK);
  await expectAccessible(ring);
  ring.setAttribute('theme', 'auto');
  await emulateMedia({ colorScheme: 'dark' });
  await ring.updateComplete;
  expect(getComputedStyle(track(ring)).stroke, 'theme="auto" under a dark preference').to.equal(DARK_TRACK);
  await expectAccessible(ring);
  await emulateMedia({ colorScheme: 'light' });
  if (theme === null) ring.removeAttribute('theme');
  else ring.setAttribute('theme', theme);
  await ring.updateComplete;
}

/** A store in a given state, handed to the rings inside through the provider's context. */
function storeIn(status: StoreStatus, withState = false) {
  const snapshot = {
    status,
    achievements: withState ? myAchievements() : undefined,
    catalog: withState ? catalog() : undefined,
    refreshedAt: undefined,
    error: status === 'error' ? 'HTTP 503: unavailable' : undefined,
    updates: 'off',
    sections: {},
    leaderboards: {},
  } as StoreSnapshot;
  return { snapshot, subscribe: (listener: (s: StoreSnapshot) => void) => (listener(snapshot), () => {}), connect: () => () => {} };
}

async function ringsWith(store: ReturnType<typeof storeIn>, lang = 'ru'): Promise<ProgressRing[]> {
  const host = await fixture<HTMLElement>(html`<div lang=${lang}></div>`);
  new ContextProvider(host, { context: achievementStoreContext, initialValue: store as unknown as AchievementStore });
  host.append(Object.assign(document.createElement('progress-ring'), { achievement: 'e-signer', label: 'Электронный подписант' }));
  host.append(Object.assign(document.createElement('progress-ring'), { level: true, label: 'До следующего уровня' }));
  const rings = [...host.querySelectorAll('progress-ring')];
  await Promise.all(rings.map((ring) => ring.updateComplete));
  return rings;
}

describe('<progress-ring>', () => {
  afterEach(() => emulateMedia({ reducedMotion: 'no-preference', colorScheme: 'light' }));

  it('says value of max in words, shows the number in text, and passes axe', async () => {
    const ring = await fixture<ProgressRing>(html`<progress-ring value="3" max="5" label="Регулярный пользователь"></progress-ring>`);
    const base = bar(ring);
    expect(base.getAttribute('aria-valuenow')).to.equal('3');
    expect(base.getAttribute('aria-valuemin')).to.equal('0');
    expect(base.getAttribute('aria-valuemax')).to.equal('5');
    expect(base.getAttribute('aria-valuetext')).to.equal('3 из 5');
    expect(base.getAttribute('aria-label')).to.equal('Регулярный пользователь');
    expect(visible(ring)).to.equal('3/5');
    expect(ring.shadowRoot!.querySelector('svg')!.getAttribute('aria-hidden')).to.equal('true');
    expect(ring.shadowRoot!.querySelector('[part="indicator"]')!.getAttribute('stroke-dasharray')).to.equal('60.00 100');
    expect(ring.indeterminate).to.equal(false);
    await expectAccessible(ring);
  });

  it('is a percentage by default, clamps to the range, and names itself when the page does not', async () => {
    const ring = await fixture<ProgressRing>(html`<progress-ring value="140"></progress-ring>`);
    expect(bar(ring).getAttribute('aria-valuenow')).to.equal('100');
    expect(bar(ring).getAttribute('aria-label')).to.equal('Прогресс');
    expect(visible(ring)).to.equal('100\u00a0%');
    ring.value = 42;
    await ring.updateComplete;
    expect(bar(ring).getAttribute('aria-valuetext')).to.equal('42 из 100');
  });

  it('is indeterminate without a value, and accessible so in light and dark', async () => {
    const ring = await fixture<ProgressRing>(html`<progress-ring label="Загрузка достижений"></progress-ring>`);
    expect(ring.hasAttribute('indeterminate')).to.equal(true);
    expect(bar(ring).hasAttribute('aria-valuenow')).to.equal(false);
    expect(bar(ring).getAttribute('aria-valuetext')).to.equal('Загрузка');
    await accessibleInLightAndDark(ring);
  });

  it('stops spinning by itself within 5 s, even without reduced motion (WCAG 2.2.2)', async () => {
    const ring = await fixture<ProgressRing>(html`<progress-ring label="Загрузка достижений"></progress-ring>`);
    const indicator = ring.shadowRoot!.querySelector('[part="indicator"]')!;
    expect(getComputedStyle(indicator).animationName).to.equal('spin');
    const animations = indicator.getAnimations();
    expect(animations.length).to.equal(1);
    const end = animations[0]!.effect!.getComputedTiming().endTime as number;
    expect(end, 'the spin ends').to.be.at.most(5000);
    expect(end, 'the spin runs a while').to.be.greaterThan(1000);
    // Once it has run its course, nothing moves: the arc stands still where it began.
    animations[0]!.finish();
    expect(indicator.getAnimations().length).to.equal(0);
    expect(getComputedStyle(indicator).transform).to.equal('none');
    expect(ring.indeterminate, 'still says it is loading').to.equal(true);
  });

  for (const [status, words] of [
    ['error', 'Не удалось загрузить'],
    ['unauthenticated', 'Вход не выполнен'],
    ['offline', 'Нет связи'],
  ] as const) {
    it(`says «${words}» in a still ring, not «Загрузка», when the store is ${status} with nothing cached; axe in light and dark`, async () => {
      const rings = await ringsWith(storeIn(status));
      for (const ring of rings) {
        expect(ring.indeterminate, 'not indeterminate').to.equal(false);
        expect(ring.hasAttribute('indeterminate')).to.equal(false);
        expect(bar(ring).getAttribute('aria-valuetext')).to.equal(words);
        expect(bar(ring).hasAttribute('aria-valuenow')).to.equal(false);
        expect(visible(ring)).to.equal(words);
        expect(ring.shadowRoot!.querySelector('[part="indicator"]'), 'no arc').to.equal(null);
        expect(ring.shadowRoot!.getAnimations(), 'nothing moves').to.deep.equal([]);
      }
      await accessibleInLightAndDark(rings[0]!);
      await accessibleInLightAndDark(rings[1]!);
    });
  }

  it('says the problem in English, shows the last state it had when there is one, and says when the state has no such achievement', async () => {
    const [signer, level] = await ringsWith(storeIn('offline'), 'en');
    expect(bar(signer!).getAttribute('aria-valuetext')).to.equal('No connection');
    expect(visible(level!)).to.equal('No connection');
    const [failedSigner] = await ringsWith(storeIn('error'), 'en');
    expect(bar(failedSigner!).getAttribute('aria-valuetext')).to.equal('Could not load');
    const [signedOut] = await ringsWith(storeIn('unauthenticated'), 'en');
    expect(bar(signedOut!).getAttribute('aria-valuetext')).to.equal('Not signed in');
    // Offline with a cached state: the state, not the problem.
    const [cached] = await ringsWith(storeIn('offline', true));
    expect(bar(cached!).getAttribute('aria-valuetext')).to.equal('0 из 5');
    expect(cached!.indeterminate).to.equal(false);
    // Still loading: indeterminate, as before.
    const [loading] = await ringsWith(storeIn('loading'));
    expect(loading!.indeterminate).to.equal(true);
    expect(bar(loading!).getAttribute('aria-valuetext')).to.equal('Загрузка');
    const [unknown] = await ringsWith(storeIn('ready', true));
    unknown!.achievement = 'no-such-achievement';
    await unknown!.updateComplete;
    expect(unknown!.indeterminate).to.equal(false);
    expect(bar(unknown!).getAttribute('aria-valuetext')).to.equal('Нет данных');
  });

  it('at the top level shows «100 %» and says the level’s title, not «1/1»', async () => {
    const store = storeIn('ready', true);
    const state = myAchievements();
    const top = { ...state.level, title: 'Профессионал' };
    delete top.nextMinPoints;
    store.snapshot.achievements = { ...state, level: top };
    const [, level] = await ringsWith(store);
    expect(visible(level!)).to.equal('100\u00a0%');
    expect(bar(level!).getAttribute('aria-valuetext')).to.equal('Профессионал');
  });

  it('says a signed-out citizen is not signed in, from the real server (401), and stops', async () => {
    const provider = await fixture(html`<achievement-provider endpoint="/api/v1" credentials="omit">
      <progress-ring achievement="e-signer" label="Электронный подписант"></progress-ring>
    </achievement-provider>`);
    const ring = provider.querySelector('progress-ring')!;
    await until(() => bar(ring).getAttribute('aria-valuetext') === 'Вход не выполнен', 8000, 'the signed-out ring');
    expect(ring.indeterminate).to.equal(false);
    expect(ring.shadowRoot!.getAnimations()).to.deep.equal([]);
    await accessibleInLightAndDark(ring);
  });

  it('speaks English under an English ancestor, and takes the page author’s texts', async () => {
    const wrapper = await fixture(html`<div lang="en"><progress-ring value="1" max="3"></progress-ring></div>`);
    const ring = wrapper.querySelector('progress-ring')!;
    expect(bar(ring).getAttribute('aria-valuetext')).to.equal('1 of 3');
    expect(bar(ring).getAttribute('aria-label')).to.equal('Progress');
    ring.messages = { progressLabel: 'Done so far' };
    await ring.updateComplete;
    expect(bar(ring).getAttribute('aria-label')).to.equal('Done so far');
  });

  it('follows an achievement and the level from the provider’s store (the real server)', async () => {
    const sub = `ring-${Date.now()}`;
    const token = await executeServerCommand<string, { sub: string }>('ach-token', { sub });
    const at = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    const events = [
      { id: `${sub}-v`, userId: sub, type: 'profile.verified', occurredAt: at(10) },
      { id: `${sub}-s1`, userId: sub, type: 'signature.used', occurredAt: at(9), attributes: { procedure: 'tax' } },
      { id: `${sub}-s2`, userId: sub, type: 'signature.used', occurredAt: at(8), attributes: { procedure: 'car' } },
    ];
    await executeServerCommand('ach-ingest', { events });
    const provider = await fixture(html`<achievement-provider endpoint="/api/v1" .token=${token}>
      <progress-ring achievement="e-signer" label="Электронный подписант"></progress-ring>
      <progress-ring level label="До следующего уровня"></progress-ring>
    </achievement-provider>`);
    const [signer, level] = [...provider.querySelectorAll('progress-ring')] as ProgressRing[];
    await until(() => bar(signer!).getAttribute('aria-valuetext') === '2 из 5 процедур', 8000, 'the e-signer progress');
    expect(bar(signer!).getAttribute('aria-valuenow')).to.equal('2');
    await until(() => !level!.indeterminate, 8000, 'the level progress');
    expect(bar(level!).getAttribute('aria-valuetext')).to.match(/^\d+ из \d+$/);
    await accessibleInLightAndDark(signer!);
    await accessibleInLightAndDark(level!);
  });

  it('stops moving under reduced motion', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const ring = await fixture<ProgressRing>(html`<progress-ring></progress-ring>`);
    const indicator = ring.shadowRoot!.querySelector('[part="indicator"]')!;
    expect(getComputedStyle(indicator).animationName).to.equal('none');
    expect(getComputedStyle(indicator).transitionDuration).to.equal('0s');
  });

  it('is accessible in dark too', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const ring = await fixture<ProgressRing>(html`<progress-ring theme="auto" value="30" label="Прогресс года"></progress-ring>`);
    const indicator = ring.shadowRoot!.querySelector('[part="indicator"]')!;
    expect(getComputedStyle(indicator).stroke).to.equal('rgb(138, 180, 255)');
    await expectAccessible(ring);
  });

  it('carries no style attribute, and a second definition does not throw', async () => {
    const ring = await fixture<ProgressRing>(html`<progress-ring value="3" max="5"></progress-ring>`);
    expect(ring.shadowRoot!.querySelectorAll('[style]').length).to.equal(0);
    expect(() => defineElement('progress-ring', class extends ProgressRing {})).to.not.throw();
    expect(customElements.get('progress-ring')).to.equal(ProgressRing);
  });
});
