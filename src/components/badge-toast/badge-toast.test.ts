import { ContextProvider } from '@lit/context';
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import '../achievement-provider/define.ts';
import './define.ts';
import { achievementStoreContext } from '../../data/context.ts';
import type { Catalog, MyAchievements, Unlock } from '../../data/contract.ts';
import { achievementStore } from '../../data/registry.ts';
import type { AchievementStore, StoreSnapshot } from '../../data/store.ts';
import { badgeToastMessages } from '../../i18n/badge-toast.ts';
import { defineElement } from '../shared/define.ts';
import type { BadgeToastCloseReason, BadgeToastContent, ToastClock } from './badge-toast.ts';
import { BadgeToast } from './badge-toast.ts';
import { catalog, myAchievements, until } from '../../../test/browser/data/fixtures.ts';
import { expectAccessible } from '../../../test/support/accessible.ts';


/** Time that moves only when a test says so. */
class FakeClock implements ToastClock {
  time = 0;
  readonly #timers = new Set<{ at: number; run: () => void }>();
  now = () => this.time;
  after = (ms: number, run: () => void) => {
    const timer = { at: this.time + ms, run };
    this.#timers.add(timer);
    return () => void this.#timers.delete(timer);
  };
  tick(ms: number): void {
    this.time += ms;
    for (const timer of [...this.#timers].sort((a, b) => a.at - b.at)) {
      if (timer.at > this.time) continue;
      this.#timers.delete(timer);
      timer.run();
    }
  }
}

class ClockedToast extends BadgeToast {
  override clock = new FakeClock();
}
defineElement('clocked-badge-toast', ClockedToast);

const part = (toast: BadgeToast, name: string) => toast.shadowRoot!.querySelector<HTMLElement>(`[part="${name}"]`);
const region = (toast: BadgeToast) => toast.shadowRoot!.querySelector('[role="status"]')!;
const isOpen = (toast: BadgeToast) => part(toast, 'title') !== null;

/** Records the element's show and close events. */
function record(toast: BadgeToast) {
  const shown: BadgeToastContent[] = [];
  const closed: Array<{ title: string; reason: BadgeToastCloseReason }> = [];
  toast.addEventListener('achievement-toast-show', (e) => shown.push(e.detail.toast));
  toast.addEventListener('achievement-toast-close', (e) => closed.push({ title: e.detail.toast.title, reason: e.detail.reason }));
  return { shown, closed };
}

/** A store the test drives by hand, handed to the toast through the provider's context. */
function fakeStore(achievements: MyAchievements, catalogValue: Catalog) {
  const listeners = new Set<(snapshot: StoreSnapshot) => void>();
  const unlockListeners = new Set<(unlock: Unlock) => void>();
  const store = {
    snapshot: { status: 'ready', achievements, catalog: catalogValue, refreshedAt: Date.now(), error: undefined, updates: 'stream' } as StoreSnapshot,
    subscribe(listener: (snapshot: StoreSnapshot) => void) {
      listeners.add(listener);
      listener(store.snapshot);
      return () => void listeners.delete(listener);
    },
    onUnlock(listener: (unlock: Unlock) => void) {
      unlockListeners.add(listener);
      return () => void unlockListeners.delete(listener);
    },
    connect: () => () => {},
    shareLink: async (achievementId: string) => ({ ok: true as const, value: `https://achievements.example/s/${achievementId}` }),
    update(patch: Partial<StoreSnapshot>) {
      store.snapshot = { ...store.snapshot, ...patch };
      for (const listener of listeners) listener(store.snapshot);
    },
    unlock(unlock: Unlock) {
      for (const listener of unlockListeners) listener(unlock);
    },
  };
  return store;
}

async function toastWith(store: ReturnType<typeof fakeStore>): Promise<ClockedToast> {
  const host = await fixture<HTMLElement>(html`<div></div>`);
  new ContextProvider(host, { context: achievementStoreContext, initialValue: store as unknown as AchievementStore });
  const toast = document.createElement('clocked-badge-toast') as ClockedToast;
  host.append(toast);
  await toast.updateComplete;
  return toast;
}

/** The test fixtures' catalog plus a secret, a tiered one, and one a hostile server wrote. */
function testCatalog(): Catalog {
  const base = catalog();
  const entry = base.achievements[0]!;
  return {
    ...base,
    achievements: [
      ...base.achievements.map((a) => ({ ...a, icon: `/api/v1/icons/${a.id}.svg` })),
      { ...entry, id: 'express', title: 'Секретное достижение', description: 'Откроется, когда вы его получите.', hidden: true, icon: '/api/v1/icons/express.svg' },
      { ...entry, id: 'tenure', title: 'Стаж на портале', description: 'Пользуйтесь порталом каждый месяц.', icon: '/api/v1/icons/tenure.svg' },
      { ...entry, id: 'hostile', title: '<img src=x onerror="window.__pwned=1">', description: 'ok', icon: 'javascript:window.__pwned=1' },
    ],
  };
}

const unlockOf = (achievementId: string, points = 10, tier?: number): Unlock => ({ achievementId, unlockedAt: new Date().toISOString(), points, ...(tier ? { tier } : {}) });

/** The text colour (--ach-color-text's defaults) that proves which scheme applied. */
const LIGHT_TEXT = 'rgb(26, 31, 41)';
const DARK_TEXT = 'rgb(236, 239, 244)';

/**
 * Axe in light, then in dark both ways: the `theme="dark"` attribute, and `theme="auto"` under an
 * emulated dark system preference; the text's colour proves each scheme really applied.
 */
async function accessibleInLightAndDark(toast: BadgeToast): Promise<void> {
  // The card fades in over 0.2 s; axe judges contrast through the opacity, so judge it as it stands once in.
  for (const animation of toast.shadowRoot!.getAnimations()) animation.finish();
  const theme = toast.getAttribute('theme');
  const color = () => getComputedStyle(part(toast, 'toast')!).color;
  toast.setAttribute('theme', 'light');
  await toast.updateComplete;
  expect(color(), 'light').to.equal(LIGHT_TEXT);
  await expectAccessible(toast);
  toast.setAttribute('theme', 'dark');
  await toast.updateComplete;
  expect(color(), 'theme="dark"').to.equal(DARK_TEXT);
  await expectAccessible(toast);
  toast.setAttribute('theme', 'auto');
  await emulateMedia({ colorScheme: 'dark' });
  await toast.updateComplete;
  expect(color(), 'theme="auto" under a dark preference').to.equal(DARK_TEXT);
  await expectAccessible(toast);
  await emulateMedia({ colorScheme: 'light' });
  if (theme === null) toast.removeAttribute('theme');
  else toast.setAttribute('theme', theme);
  await toast.updateComplete;
}

describe('<badge-toast>', () => {
  afterEach(async () => {
    await emulateMedia({ reducedMotion: 'no-preference', colorScheme: 'light' });
    await resetMouse();
  });

  it('has its polite live region from the start, empty, and writes the toast into it; axe-clean both ways, in light and dark', async () => {
    const toast = await fixture<ClockedToast>(html`<clocked-badge-toast></clocked-badge-toast>`);
    const live = region(toast);
    expect(live.getAttribute('aria-live')).to.equal('polite');
    expect(live.textContent!.trim()).to.equal('');
    await accessibleInLightAndDark(toast);
    expect(toast.show({ title: 'Заявление отправлено', description: 'Мы сообщим, когда его рассмотрят.' })).to.equal(true);
    await toast.updateComplete;
    expect(region(toast)).to.equal(live);
    expect(live.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Заявление отправлено Мы сообщим, когда его рассмотрят.');
    await accessibleInLightAndDark(toast);
  });

  it('is axe-clean with an unlock and its share action, in light and dark', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const store = fakeStore(myAchievements(), testCatalog());
    const toast = await toastWith(store);
    toast.theme = 'auto';
    await toast.updateComplete;
    await expectAccessible(toast);
    store.unlock(unlockOf('first-request', 10));
    await toast.updateComplete;
    expect(getComputedStyle(part(toast, 'toast')!).backgroundColor).to.equal('rgb(27, 32, 41)');
    expect(part(toast, 'share')!.tagName).to.equal('ACHIEVEMENT-SHARE');
    await expectAccessible(toast);
    await emulateMedia({ colorScheme: 'light' });
    expect(getComputedStyle(part(toast, 'toast')!).backgroundColor).to.equal('rgb(255, 255, 255)');
    await accessibleInLightAndDark(toast);
  });

  it('fires achievement-toast-show and -close that bubble out of a shadow root to the document', async () => {
    // The toast inside another component's shadow root, as a portal's own element would hold it.
    const outer = await fixture<HTMLElement>(html`<div></div>`);
    const toast = document.createElement('clocked-badge-toast') as ClockedToast;
    outer.attachShadow({ mode: 'open' }).append(toast);
    await toast.updateComplete;
    const heard: Array<CustomEvent<{ toast: BadgeToastContent; reason?: BadgeToastCloseReason }>> = [];
    const origins: boolean[] = [];
    const listen = (event: Event) => {
      heard.push(event as CustomEvent<{ toast: BadgeToastContent; reason?: BadgeToastCloseReason }>);
      // The path is known only while the event is dispatched: it started at the toast.
      origins.push(event.composedPath()[0] === toast);
    };
    document.addEventListener('achievement-toast-show', listen);
    document.addEventListener('achievement-toast-close', listen);
    try {
      toast.show({ title: 'Заявление отправлено' });
      await toast.updateComplete;
      part(toast, 'close-button')!.click();
      await toast.updateComplete;
    } finally {
      document.removeEventListener('achievement-toast-show', listen);
      document.removeEventListener('achievement-toast-close', listen);
    }
    expect(heard.map((e) => [e.type, e.detail.toast.title, e.detail.reason])).to.deep.equal([
      ['achievement-toast-show', 'Заявление отправлено', undefined],
      ['achievement-toast-close', 'Заявление отправлено', 'button'],
    ]);
    expect(heard.map((e) => [e.bubbles, e.composed])).to.deep.equal([
      [true, true],
      [true, true],
    ]);
    expect(origins).to.deep.equal([true, true]);
    // Outside the shadow root, the event's target is the component that holds the toast.
    expect(heard.every((e) => e.target === outer)).to.equal(true);
  });

  it('announces an unlock from the real server once: not again after a refresh or a reconnect', async function () {
    this.timeout(40000);
    const sub = `toast-${Date.now()}`;
    const token = await executeServerCommand<string, { sub: string }>('ach-token', { sub });
    const at = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    await executeServerCommand('ach-ingest', { events: [{ id: `${sub}-v`, userId: sub, type: 'profile.verified', occurredAt: at(10) }] });
    const provider = await fixture(html`<achievement-provider endpoint="/api/v1" .token=${token}><badge-toast></badge-toast></achievement-provider>`);
    const toast = provider.querySelector('badge-toast')!;
    const { shown } = record(toast);
    const store = achievementStore({ endpoint: '/api/v1', token, language: 'ru' });
    await until(() => store.snapshot.updates === 'stream', 15000, 'the live stream');
    await executeServerCommand('ach-ingest', { events: [{ id: `${sub}-a1`, userId: sub, type: 'application.submitted', occurredAt: at(1) }] });
    await until(() => shown.length === 1, 15000, 'the unlock toast');
    expect(shown[0]!.achievementId).to.equal('first-request');
    expect(part(toast, 'title')!.textContent).to.equal('Получено достижение: Первый запрос');
    expect(part(toast, 'points')!.textContent).to.equal('+20 баллов');
    expect(region(toast).textContent).to.contain('Первый запрос');
    expect(part(toast, 'icon')!.getAttribute('alt')).to.equal('');

    await store.refresh();
    toast.remove();
    await until(() => store.snapshot.updates === 'off', 5000, 'the store to stop');
    provider.append(toast);
    await until(() => store.snapshot.updates === 'stream', 15000, 'the stream again');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(shown.length).to.equal(1);
  });

  it('shows each unlock (achievement and tier) once, with points in the right plural and the icon checked', async () => {
    const store = fakeStore(myAchievements(), testCatalog());
    const toast = await toastWith(store);
    const { shown } = record(toast);
    store.unlock(unlockOf('first-request', 21));
    store.unlock(unlockOf('first-request', 21));
    store.unlock(unlockOf('tenure', 30, 1));
    store.unlock(unlockOf('tenure', 60, 2));
    store.unlock(unlockOf('tenure', 60, 2));
    await toast.updateComplete;
    expect(part(toast, 'points')!.textContent).to.equal('+21 балл');
    expect(part(toast, 'icon')!.getAttribute('src')).to.equal(new URL('/api/v1/icons/first-request.svg', document.baseURI).href);
    for (let i = 0; i < 3; i += 1) {
      part(toast, 'close-button')!.click();
      await toast.updateComplete;
    }
    expect(shown.map((t) => t.title)).to.deep.equal([
      'Получено достижение: Первый запрос',
      'Получено достижение: Стаж на портале, ступень 1',
      'Получено достижение: Стаж на портале, ступень 2',
    ]);
    expect(isOpen(toast)).to.equal(false);
    const said = [1, 2, 5, 11, 22, 1000].map((n) => badgeToastMessages.ru.points(n).replace(/\s/g, ' '));
    expect(said).to.deep.equal(['+1 балл', '+2 балла', '+5 баллов', '+11 баллов', '+22 балла', '+1 000 баллов']);
  });

  it('waits for a secret’s real title from the state, and shows the catalog’s after a short wait without it', async () => {
    const store = fakeStore(myAchievements(), testCatalog());
    const toast = await toastWith(store);
    store.unlock(unlockOf('express', 30));
    await toast.updateComplete;
    expect(isOpen(toast)).to.equal(false);
    const base = myAchievements();
    const express = { id: 'express', state: 'unlocked' as const, progress: { current: 1, target: 1, remaining: 0 }, points: 30, title: 'Экспресс‑оформление', description: 'Заявление за пять минут.' };
    store.update({ achievements: { ...base, achievements: [...base.achievements, express] } });
    await toast.updateComplete;
    expect(part(toast, 'title')!.textContent).to.equal('Получено достижение: Экспресс‑оформление');
    expect(part(toast, 'description')!.textContent).to.equal('Заявление за пять минут.');
    part(toast, 'close-button')!.click();

    store.update({ achievements: base });
    store.unlock(unlockOf('express', 30, 2));
    await toast.updateComplete;
    expect(isOpen(toast)).to.equal(false);
    toast.clock.tick(3000);
    await toast.updateComplete;
    expect(part(toast, 'title')!.textContent).to.equal('Получено достижение: Секретное достижение, ступень 2');
  });

  it('renders hostile text as text and drops a hostile icon', async () => {
    const store = fakeStore(myAchievements(), testCatalog());
    const toast = await toastWith(store);
    store.unlock(unlockOf('hostile'));
    await toast.updateComplete;
    expect(part(toast, 'title')!.textContent).to.equal('Получено достижение: <img src=x onerror="window.__pwned=1">');
    expect(toast.shadowRoot!.querySelector('img')).to.equal(null);
    part(toast, 'close-button')!.click();
    toast.show({ title: '<b onmouseover=alert(1)>Жирный</b>', icon: 'javascript:alert(1)' });
    await toast.updateComplete;
    expect(part(toast, 'title')!.textContent).to.equal('<b onmouseover=alert(1)>Жирный</b>');
    expect(toast.shadowRoot!.querySelectorAll('img, b').length).to.equal(0);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('offers <achievement-share> on an unlock’s toast, and none on a page’s message', async () => {
    const store = fakeStore(myAchievements(), testCatalog());
    const toast = await toastWith(store);
    store.unlock(unlockOf('first-request'));
    await toast.updateComplete;
    const share = part(toast, 'share')!;
    expect(share.tagName).to.equal('ACHIEVEMENT-SHARE');
    expect(share.getAttribute('achievement')).to.equal('first-request');
    part(toast, 'close-button')!.click();
    toast.show({ title: 'Сообщение портала' });
    await toast.updateComplete;
    expect(part(toast, 'share')).to.equal(null);
  });

  it('stays at least 6 s, longer for longer text, then goes by itself', async () => {
    const toast = await fixture<ClockedToast>(html`<clocked-badge-toast></clocked-badge-toast>`);
    const { closed } = record(toast);
    /** How long (in steps of 100 ms) a toast with this text stays. */
    const lifetime = async (title: string) => {
      toast.show({ title });
      await toast.updateComplete;
      let elapsed = 0;
      while (isOpen(toast) && elapsed < 120_000) {
        toast.clock.tick(100);
        elapsed += 100;
        await toast.updateComplete;
      }
      return elapsed;
    };
    const short = await lifetime('Готово');
    const long = await lifetime('Заявление на получение загранпаспорта нового образца принято и передано в ведомство');
    expect(short).to.be.at.least(6000);
    expect(long).to.be.above(short + 3000);
    expect(closed.map((c) => c.reason)).to.deep.equal(['timeout', 'timeout']);
  });

  it('goes by itself after at least 6 s of real time', async function () {
    this.timeout(20000);
    const toast = await fixture<BadgeToast>(html`<badge-toast></badge-toast>`);
    const started = performance.now();
    toast.show({ title: 'Готово' });
    await toast.updateComplete;
    expect(isOpen(toast)).to.equal(true);
    await until(() => !isOpen(toast), 15000, 'the toast to go');
    expect(performance.now() - started).to.be.at.least(6000);
  });

  it('pauses while hovered and resumes when the pointer leaves', async () => {
    const toast = await fixture<ClockedToast>(html`<clocked-badge-toast></clocked-badge-toast>`);
    toast.show({ title: 'Наведите указатель' });
    await toast.updateComplete;
    toast.clock.tick(3000);
    const box = part(toast, 'toast')!.getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(box.left + 10), Math.round(box.top + 10)] });
    toast.clock.tick(600_000);
    await toast.updateComplete;
    expect(isOpen(toast)).to.equal(true);
    await sendMouse({ type: 'move', position: [0, 0] });
    toast.clock.tick(3000);
    await toast.updateComplete;
    expect(isOpen(toast)).to.equal(true);
    toast.clock.tick(10_000);
    await toast.updateComplete;
    expect(isOpen(toast)).to.equal(false);
  });

  it('never takes focus; pauses while focused, resumes when focus leaves; Esc closes it and focus goes back', async () => {
    const page = await fixture<HTMLElement>(html`<div><button>Подать заявление</button><clocked-badge-toast></clocked-badge-toast></div>`);
    const before = page.querySelector('button')!;
    const toast = page.querySelector('clocked-badge-toast') as ClockedToast;
    const { closed } = record(toast);
    before.focus();
    toast.show({ title: 'Уведомление с клавиатуры' });
    await toast.updateComplete;
    expect(document.activeElement === before, 'focus is on the page’s button').to.equal(true);

    await sendKeys({ press: 'Tab' });
    expect(toast.shadowRoot!.activeElement?.getAttribute('part')).to.equal('close-button');
    toast.clock.tick(600_000);
    await toast.updateComplete;
    expect(isOpen(toast)).to.equal(true);
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(document.activeElement === before, 'focus is on the page’s button').to.equal(true);
    toast.clock.tick(60_000);
    await toast.updateComplete;
    expect(isOpen(toast)).to.equal(false);

    toast.show({ title: 'Закройте клавишей Esc' });
    await toast.updateComplete;
    expect(document.activeElement === before, 'focus is on the page’s button').to.equal(true);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Escape' });
    await toast.updateComplete;
    expect(isOpen(toast)).to.equal(false);
    expect(document.activeElement === before, 'focus is on the page’s button').to.equal(true);
    expect(closed.map((c) => c.reason)).to.deep.equal(['timeout', 'escape']);
  });

  it('closes on Esc with focus anywhere on the page, since it may cover the focused control', async () => {
    const page = await fixture<HTMLElement>(html`<div><button>Подать заявление</button><clocked-badge-toast></clocked-badge-toast></div>`);
    const before = page.querySelector('button')!;
    const toast = page.querySelector('clocked-badge-toast') as ClockedToast;
    const { closed } = record(toast);
    before.focus();
    toast.show({ title: 'Закройте клавишей Esc, не переходя в уведомление' });
    await toast.updateComplete;
    await sendKeys({ press: 'Escape' });
    await toast.updateComplete;
    expect(isOpen(toast)).to.equal(false);
    expect(document.activeElement === before, 'focus stays on the page’s button').to.equal(true);
    expect(closed.map((c) => c.reason)).to.deep.equal(['escape']);
    // With no toast shown, Esc is the page's own again: nothing is closed or fired.
    await sendKeys({ press: 'Escape' });
    expect(closed.length).to.equal(1);
  });

  it('stays once pressed (a touch, a share menu opened) until closed; the next toast counts down again', async () => {
    const toast = await fixture<ClockedToast>(html`<clocked-badge-toast></clocked-badge-toast>`);
    toast.show({ title: 'Нажмите на уведомление', description: 'Палец поднят — уведомление остаётся' });
    await toast.updateComplete;
    const box = part(toast, 'message')!.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(box.left + 10), Math.round(box.top + 10)] });
    await sendMouse({ type: 'move', position: [0, 0] });
    toast.clock.tick(600_000);
    await toast.updateComplete;
    expect(isOpen(toast)).to.equal(true);
    part(toast, 'close-button')!.click();
    await toast.updateComplete;
    expect(isOpen(toast)).to.equal(false);
    toast.show({ title: 'Следующее' });
    await toast.updateComplete;
    toast.clock.tick(60_000);
    await toast.updateComplete;
    expect(isOpen(toast)).to.equal(false);
  });

  it('stays paused while focus moves between its own buttons, and gives focus back to the page from either', async () => {
    const store = fakeStore(myAchievements(), testCatalog());
    const page = await fixture<HTMLElement>(html`<div><button>Подать заявление</button></div>`);
    new ContextProvider(page, { context: achievementStoreContext, initialValue: store as unknown as AchievementStore });
    const before = page.querySelector('button')!;
    const toast = document.createElement('clocked-badge-toast') as ClockedToast;
    page.append(toast);
    store.unlock(unlockOf('first-request'));
    await toast.updateComplete;
    before.focus();
    await sendKeys({ press: 'Tab' });
    expect(toast.shadowRoot!.activeElement?.getAttribute('part')).to.equal('share');
    await sendKeys({ press: 'Tab' });
    expect(toast.shadowRoot!.activeElement?.getAttribute('part')).to.equal('close-button');
    toast.clock.tick(600_000);
    await toast.updateComplete;
    expect(isOpen(toast)).to.equal(true);
    await sendKeys({ press: 'Enter' });
    await toast.updateComplete;
    expect(isOpen(toast)).to.equal(false);
    expect(document.activeElement === before, 'focus is back on the page’s button').to.equal(true);
  });

  it('closes from its close button, a real button of at least 24×24 px named «Закрыть уведомление»', async () => {
    const toast = await fixture<ClockedToast>(html`<clocked-badge-toast></clocked-badge-toast>`);
    const { closed } = record(toast);
    toast.show({ title: 'Закройте кнопкой' });
    await toast.updateComplete;
    const close = part(toast, 'close-button')!;
    expect(close.tagName).to.equal('BUTTON');
    expect(close.getAttribute('aria-label')).to.equal('Закрыть уведомление');
    const box = close.getBoundingClientRect();
    expect(Math.min(box.width, box.height)).to.be.at.least(24);
    close.click();
    await toast.updateComplete;
    expect(isOpen(toast)).to.equal(false);
    expect(region(toast).textContent!.trim()).to.equal('');
    expect(closed).to.deep.equal([{ title: 'Закройте кнопкой', reason: 'button' }]);
  });

  it('queues toasts and shows them one at a time, in order', async () => {
    const toast = await fixture<ClockedToast>(html`<clocked-badge-toast></clocked-badge-toast>`);
    const { shown } = record(toast);
    for (const title of ['Первое', 'Второе', 'Третье']) toast.show({ title });
    await toast.updateComplete;
    const seen: string[] = [];
    while (isOpen(toast)) {
      expect(toast.shadowRoot!.querySelectorAll('[part="title"]').length).to.equal(1);
      seen.push(part(toast, 'title')!.textContent!);
      toast.clock.tick(60_000);
      await toast.updateComplete;
    }
    expect(seen).to.deep.equal(['Первое', 'Второе', 'Третье']);
    expect(shown.map((t) => t.title)).to.deep.equal(seen);
  });

  it('keeps a toast until closed when persistent, and counts down again when set back to auto', async () => {
    const toast = await fixture<ClockedToast>(html`<clocked-badge-toast duration="persistent"></clocked-badge-toast>`);
    toast.show({ title: 'Останется' });
    await toast.updateComplete;
    toast.clock.tick(3_600_000);
    await toast.updateComplete;
    expect(isOpen(toast)).to.equal(true);
    toast.duration = 'auto';
    await toast.updateComplete;
    toast.clock.tick(60_000);
    await toast.updateComplete;
    expect(isOpen(toast)).to.equal(false);
  });

  it('shows and announces nothing when off, without throwing, and a toast shown goes when turned off', async () => {
    const store = fakeStore(myAchievements(), testCatalog());
    const toast = await toastWith(store);
    const { shown, closed } = record(toast);
    toast.show({ title: 'Видно' });
    await toast.updateComplete;
    toast.off = true;
    await toast.updateComplete;
    expect(isOpen(toast)).to.equal(false);
    expect(closed).to.deep.equal([{ title: 'Видно', reason: 'off' }]);
    expect(toast.show({ title: 'Не видно' })).to.equal(false);
    expect(() => store.unlock(unlockOf('first-request'))).to.not.throw();
    await toast.updateComplete;
    expect(isOpen(toast)).to.equal(false);
    expect(region(toast).textContent!.trim()).to.equal('');
    toast.off = false;
    await toast.updateComplete;
    expect(isOpen(toast)).to.equal(false);
    expect(shown.length).to.equal(1);
  });

  it('appears without motion under reduced motion', async () => {
    const toast = await fixture<ClockedToast>(html`<clocked-badge-toast></clocked-badge-toast>`);
    toast.show({ title: 'С движением' });
    await toast.updateComplete;
    expect(getComputedStyle(part(toast, 'toast')!).animationName).to.equal('badge-toast-in');
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(getComputedStyle(part(toast, 'toast')!).animationName).to.equal('none');
  });

  it('speaks English under an English ancestor, and takes the page author’s texts', async () => {
    const store = fakeStore(myAchievements(), testCatalog());
    const host = await fixture<HTMLElement>(html`<div lang="en"></div>`);
    new ContextProvider(host, { context: achievementStoreContext, initialValue: store as unknown as AchievementStore });
    const toast = document.createElement('clocked-badge-toast') as ClockedToast;
    host.append(toast);
    store.unlock(unlockOf('first-request', 1));
    await toast.updateComplete;
    expect(part(toast, 'points')!.textContent).to.equal('+1 point');
    expect(part(toast, 'close-button')!.getAttribute('aria-label')).to.equal('Close notification');
    toast.messages = { share: { share: 'Tell a friend' } };
    await toast.updateComplete;
    const share = part(toast, 'share') as HTMLElement & { updateComplete: Promise<boolean> };
    await share.updateComplete;
    expect(share.shadowRoot!.querySelector('[part="button"]')!.textContent!.trim()).to.equal('Tell a friend');
  });

  it('at 200 % zoom on a short phone screen scrolls inside and keeps its close button on the screen', async () => {
    await setViewport({ width: 320, height: 256 });
    try {
      const toast = await fixture<ClockedToast>(html`<clocked-badge-toast></clocked-badge-toast>`);
      toast.show({ title: 'Очень длинный заголовок уведомления, который не помещается в одну строку', description: 'И довольно длинное описание достижения, которое займёт на узком экране несколько строк подряд, одну за другой.' });
      await toast.updateComplete;
      const card = part(toast, 'toast')!;
      const box = card.getBoundingClientRect();
      expect(box.top, 'the top is on the screen').to.be.at.least(0);
      expect(box.bottom).to.be.at.most(document.documentElement.clientHeight);
      expect(card.scrollHeight, 'taller than the screen allows: it scrolls').to.be.greaterThan(card.clientHeight);
      const close = part(toast, 'close-button')!;
      close.scrollIntoView({ block: 'nearest' });
      const button = close.getBoundingClientRect();
      expect(button.top).to.be.at.least(0);
      expect(button.bottom).to.be.at.most(document.documentElement.clientHeight);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('fits a 320 px screen, carries no style attribute, and a second definition does not throw', async () => {
    await setViewport({ width: 320, height: 640 });
    const toast = await fixture<ClockedToast>(html`<clocked-badge-toast></clocked-badge-toast>`);
    toast.show({ title: 'Очень длинный заголовок уведомления, который не помещается в одну строку', description: 'И описание' });
    await toast.updateComplete;
    const box = part(toast, 'toast')!.getBoundingClientRect();
    expect(box.right).to.be.at.most(document.documentElement.clientWidth);
    expect(box.bottom).to.be.at.most(document.documentElement.clientHeight);
    expect(toast.shadowRoot!.querySelectorAll('[style]').length).to.equal(0);
    expect(() => defineElement('badge-toast', class extends BadgeToast {})).to.not.throw();
    expect(customElements.get('badge-toast')).to.equal(BadgeToast);
    await setViewport({ width: 800, height: 600 });
  });
});
