import { ContextProvider } from '@lit/context';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { a11ySnapshot, sendKeys, sendMouse } from '@web/test-runner-commands';
import { achievementStoreContext } from '../../data/context.ts';
import type { Parsed } from '../../data/contract.ts';
import type { AchievementStore, StoreSnapshot } from '../../data/store.ts';
import { catalog, myAchievements, until } from '../../../test/browser/data/fixtures.ts';
import type { AchievementShare, AchievementShareDetail } from './achievement-share.ts';
import './define.ts';
import { expectAccessible } from '../../../test/support/accessible.ts';

const LINK = 'https://achievements.example/s/Zq3-x_9';

const shadow = (share: AchievementShare) => share.shadowRoot!;
const button = (share: AchievementShare) => shadow(share).querySelector<HTMLButtonElement>('[part="button"]')!;
const targets = (share: AchievementShare) => [...shadow(share).querySelectorAll<HTMLElement>('[part="target"]')];
const status = (share: AchievementShare) => shadow(share).querySelector('[role="status"]')!.textContent!.trim();
const menuShown = (share: AchievementShare) => !shadow(share).querySelector<HTMLElement>('[part="menu"]')!.hidden;
/** A node of the browser's accessibility tree, as the test runner's a11ySnapshot gives it. */
interface AxNode {
  role: string;
  name: string;
  children?: AxNode[];
}

/** The names of every node with this role in the page's real accessibility tree (Chromium's, shadow DOM included). */
async function accessibleNames(role: string): Promise<string[]> {
  const names: string[] = [];
  const visit = (node: AxNode) => {
    if (node.role === role) names.push(node.name);
    node.children?.forEach(visit);
  };
  visit((await a11ySnapshot({})) as unknown as AxNode);
  return names;
}

/** The text inside every status region of the accessibility tree. */
async function statusTexts(): Promise<string[]> {
  const texts: string[] = [];
  const text = (node: AxNode): string => [node.role === 'StaticText' || node.role === 'text' ? node.name : '', ...(node.children ?? []).map(text)].join('');
  const visit = (node: AxNode) => (node.role === 'status' ? texts.push(text(node).trim()) : node.children?.forEach(visit));
  visit((await a11ySnapshot({})) as unknown as AxNode);
  return texts;
}

/** Replaces `navigator.share`/`canShare` (or removes them) for one test; `canShare` says yes unless told. */
function stubWebShare(share: ((data: ShareData) => Promise<void>) | undefined, canShare: (data: ShareData) => boolean = () => true): () => void {
  const saved = { share: Object.getOwnPropertyDescriptor(navigator, 'share'), canShare: Object.getOwnPropertyDescriptor(navigator, 'canShare') };
  Object.defineProperty(navigator, 'share', { value: share, configurable: true });
  Object.defineProperty(navigator, 'canShare', { value: share ? canShare : undefined, configurable: true });
  return () => {
    for (const [name, descriptor] of Object.entries(saved)) {
      if (descriptor) Object.defineProperty(navigator, name, descriptor);
      else delete (navigator as unknown as Record<string, unknown>)[name];
    }
  };
}

/** A real click, through the browser's input: it gives the page the user activation a share sheet needs. */
async function tap(element: HTMLElement): Promise<void> {
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
  await sendMouse({ type: 'move', position: [0, 0] });
}

/** A store with a citizen's state, whose share links the test decides. */
function storeWith(link: (id: string) => Promise<Parsed<string>>) {
  const asked: string[] = [];
  const snapshot = { status: 'ready', achievements: myAchievements(), catalog: catalog(), refreshedAt: Date.now(), error: undefined, updates: 'off' } as StoreSnapshot;
  const store = {
    snapshot,
    subscribe(listener: (s: StoreSnapshot) => void) {
      listener(snapshot);
      return () => {};
    },
    onUnlock: () => () => {},
    connect: () => () => {},
    shareLink(id: string) {
      asked.push(id);
      return link(id);
    },
  };
  return { store: store as unknown as AchievementStore, asked };
}

async function provided(store: AchievementStore, achievement: string): Promise<AchievementShare> {
  const host = await fixture<HTMLElement>(html`<div></div>`);
  new ContextProvider(host, { context: achievementStoreContext, initialValue: store });
  const share = document.createElement('achievement-share');
  share.setAttribute('achievement', achievement);
  host.append(share);
  await share.updateComplete;
  return share;
}

describe('<achievement-share>', () => {
  let restore: (() => void) | undefined;
  afterEach(() => {
    restore?.();
    restore = undefined;
  });

  it('opens the system share sheet within the click, with the title, text and link', async () => {
    const shared: ShareData[] = [];
    restore = stubWebShare(async (data) => void shared.push(data));
    const share = await fixture<AchievementShare>(html`<achievement-share url=${LINK} text="Достижение «Первый запрос»"></achievement-share>`);
    // It opens the system sheet, not a menu: no «collapsed» for a screen reader to announce.
    expect([button(share).hasAttribute('aria-expanded'), button(share).hasAttribute('aria-controls')]).to.deep.equal([false, false]);
    const fired = oneEvent(share, 'achievement-share');
    button(share).click();
    // Called synchronously inside the click: nothing was awaited before it.
    expect(shared).to.deep.equal([{ title: document.title, text: 'Достижение «Первый запрос»', url: LINK }]);
    const event = await fired;
    expect(event.detail).to.deep.equal({ achievementId: undefined, channel: 'system', url: LINK } satisfies AchievementShareDetail);
    expect(menuShown(share)).to.equal(false);
  });

  it('says nothing and opens nothing when the citizen cancels the share sheet', async () => {
    restore = stubWebShare(() => Promise.reject(new DOMException('cancelled', 'AbortError')));
    const share = await fixture<AchievementShare>(html`<achievement-share url=${LINK}></achievement-share>`);
    let events = 0;
    share.addEventListener('achievement-share', () => (events += 1));
    button(share).click();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await share.updateComplete;
    expect([menuShown(share), status(share), events]).to.deep.equal([false, '', 0]);
  });

  it('goes to the menu, not the share sheet, when navigator.canShare refuses the data', async () => {
    const shared: ShareData[] = [];
    const asked: ShareData[] = [];
    restore = stubWebShare(
      async (data) => void shared.push(data),
      (data) => {
        asked.push(data);
        return false;
      },
    );
    const share = await fixture<AchievementShare>(html`<achievement-share url=${LINK}></achievement-share>`);
    button(share).click();
    await share.updateComplete;
    expect(asked.map((data) => data.url)).to.deep.equal([LINK], 'asked about this very link');
    expect(shared).to.deep.equal([]);
    expect(menuShown(share)).to.equal(true);
    expect(targets(share).length).to.equal(5);
  });

  it('falls back to the menu when the share sheet is refused (NotAllowedError)', async () => {
    restore = stubWebShare(() => Promise.reject(new DOMException('no activation', 'NotAllowedError')));
    const share = await fixture<AchievementShare>(html`<achievement-share url=${LINK}></achievement-share>`);
    button(share).click();
    await until(() => menuShown(share), 2000, 'the menu');
    expect(targets(share).length).to.equal(5);
  });

  it('without Web Share: a menu of MAX, VK, OK, Telegram and copy, each named in words, new windows announced, as the browser names them', async () => {
    restore = stubWebShare(undefined);
    const share = await fixture<AchievementShare>(html`<achievement-share url=${LINK} text="Достижение «Первый запрос»"></achievement-share>`);
    expect(button(share).getAttribute('aria-expanded')).to.equal('false');
    button(share).click();
    await share.updateComplete;
    expect(button(share).getAttribute('aria-expanded')).to.equal('true');
    // Names as the browser computes them for assistive technology, from its own accessibility tree.
    expect(await accessibleNames('link')).to.deep.equal([
      'Поделиться в мессенджере MAX (откроется в новом окне)',
      'Поделиться в соцсети ВКонтакте (откроется в новом окне)',
      'Поделиться в соцсети Одноклассники (откроется в новом окне)',
      'Поделиться в Telegram (откроется в новом окне)',
    ]);
    expect(await accessibleNames('button')).to.deep.equal(['Поделиться', 'Скопировать ссылку']);
    const links = targets(share).filter((t): t is HTMLAnchorElement => t instanceof HTMLAnchorElement);
    expect(links.map((a) => [a.target, a.rel])).to.deep.equal(Array(4).fill(['_blank', 'noopener noreferrer']));
    expect(new URL(links[3]!.href).searchParams.get('url')).to.equal(LINK);
    for (const target of targets(share)) {
      const box = target.getBoundingClientRect();
      expect(Math.min(box.width, box.height), target.textContent!).to.be.at.least(24);
      expect(target.querySelector('svg')!.getAttribute('aria-hidden')).to.equal('true');
    }
    await expectAccessible(share);
    // Dark for real: the element's own theme, checked on the colours it computes, then axe again.
    share.theme = 'dark';
    await share.updateComplete;
    expect(getComputedStyle(button(share)).backgroundColor).to.equal('rgb(27, 32, 41)');
    expect(getComputedStyle(targets(share)[0]!).color).to.equal('rgb(236, 239, 244)');
    await expectAccessible(share);
  });

  it('works by keyboard: Enter opens, Tab reaches the targets, Esc closes and focus goes back to the button', async () => {
    restore = stubWebShare(undefined);
    const share = await fixture<AchievementShare>(html`<achievement-share url=${LINK}></achievement-share>`);
    button(share).focus();
    await sendKeys({ press: 'Enter' });
    await share.updateComplete;
    expect(menuShown(share)).to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(shadow(share).activeElement).to.equal(targets(share)[0]);
    expect(targets(share)[0]!.textContent).to.contain('MAX');
    await sendKeys({ press: 'Escape' });
    await share.updateComplete;
    expect(menuShown(share)).to.equal(false);
    expect(shadow(share).activeElement).to.equal(button(share));
    // Choosing a messenger closes the menu and brings focus back to the button, not to the page.
    await sendKeys({ press: 'Enter' });
    await share.updateComplete;
    await sendKeys({ press: 'Tab' });
    const max = targets(share)[0]!;
    max.addEventListener('click', (event) => event.preventDefault(), { once: true }); // no new window in the test
    await sendKeys({ press: 'Enter' });
    await share.updateComplete;
    expect(menuShown(share)).to.equal(false);
    expect(shadow(share).activeElement).to.equal(button(share));
  });

  it('copies the link and says so politely; when the clipboard refuses, shows the link selected', async () => {
    restore = stubWebShare(undefined);
    const written: string[] = [];
    let refuse = false;
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (text: string) => (refuse ? Promise.reject(new DOMException('denied', 'NotAllowedError')) : void written.push(text)) },
    });
    try {
      const share = await fixture<AchievementShare>(html`<achievement-share url=${LINK} targets="copy"></achievement-share>`);
      // The live region is there, empty, before anything is said: a region added with its message is not announced.
      const region = shadow(share).querySelector('[part="status"]')!;
      expect([region.getAttribute('role'), region.textContent]).to.deep.equal(['status', '']);
      expect([null, 'polite']).to.include(region.getAttribute('aria-live'), 'not made rude or silent');
      button(share).click();
      await share.updateComplete;
      const fired = oneEvent(share, 'achievement-share');
      targets(share)[0]!.click();
      expect((await fired).detail.channel).to.equal('copy');
      expect(written).to.deep.equal([LINK]);
      await share.updateComplete;
      expect(shadow(share).querySelector('[part="status"]')).to.equal(region, 'the same region, its text changed');
      expect(region.textContent!.trim()).to.equal('Ссылка скопирована');
      // role=status is a polite live region (ARIA: implicit aria-live="polite"); the browser's tree has it, with the message.
      expect(await statusTexts()).to.deep.equal(['Ссылка скопирована']);

      refuse = true;
      targets(share)[0]!.click();
      await until(() => shadow(share).querySelector('[part="link"]') !== null, 2000, 'the link to copy by hand');
      const field = shadow(share).querySelector<HTMLInputElement>('[part="link"]')!;
      expect(field.value).to.equal(LINK);
      expect([field.selectionStart, field.selectionEnd]).to.deep.equal([0, LINK.length]);
      expect(status(share)).to.contain('Не удалось скопировать');
      await expectAccessible(share);
    } finally {
      delete (navigator as unknown as Record<string, unknown>).clipboard; // the prototype's own again
    }
  });

  it('takes the page author’s targets and order, and English under lang="en"', async () => {
    restore = stubWebShare(undefined);
    const host = await fixture<HTMLElement>(html`<div lang="en"><achievement-share url=${LINK} targets="telegram whatsapp viber"></achievement-share></div>`);
    const share = host.querySelector('achievement-share')!;
    await share.updateComplete;
    button(share).click();
    await share.updateComplete;
    // Viber opens an app only: not on this desktop.
    expect(await accessibleNames('link')).to.deep.equal(['Share to Telegram (opens in a new window)', 'Share to WhatsApp (opens in a new window)']);
    expect(await accessibleNames('button')).to.deep.equal(['Share']);
  });

  it('shares an earned achievement through the store’s link, asked for when pressed (not on hover or focus), and hides for one not earned', async () => {
    restore = stubWebShare(undefined);
    const { store, asked } = storeWith(async (id) => ({ ok: true, value: `${LINK}-${id}` }));
    const locked = await provided(store, 'e-signer');
    expect(shadow(locked).querySelector('[part="button"]')).to.equal(null);

    const share = await provided(store, 'first-request');
    expect(await accessibleNames('button')).to.deep.equal(['Поделиться: Первый запрос']);
    // Passing over it or tabbing through it publishes nothing.
    button(share).dispatchEvent(new PointerEvent('pointerenter'));
    button(share).dispatchEvent(new PointerEvent('pointerover', { bubbles: true }));
    button(share).focus();
    await share.updateComplete;
    expect(asked).to.deep.equal([]);
    button(share).dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    expect(asked).to.deep.equal(['first-request']);
    button(share).click();
    await until(() => targets(share).length > 0, 2000, 'the targets');
    const telegram = new URL(targets(share).find((t) => t instanceof HTMLAnchorElement && t.href.includes('t.me'))!.getAttribute('href')!);
    expect(telegram.searchParams.get('url')).to.equal(`${LINK}-first-request`);
    expect(telegram.searchParams.get('text')).to.equal('Достижение «Первый запрос» на портале госуслуг');
  });

  it('on a phone’s first tap, before the link is known, opens the system share sheet once the link arrives', async () => {
    const shared: Array<ShareData & { activation: boolean }> = [];
    restore = stubWebShare(async (data) => void shared.push({ ...data, activation: navigator.userActivation.isActive }));
    // The server takes a moment: the tap lands while the link asked for on pointerdown is still on its way.
    const { store, asked } = storeWith(async (id) => {
      await new Promise((resolve) => setTimeout(resolve, 150));
      return { ok: true, value: `${LINK}-${id}` };
    });
    const share = await provided(store, 'first-request');
    const fired = oneEvent(share, 'achievement-share');
    await tap(button(share));
    const event = await fired;
    expect(shared).to.deep.equal([
      { title: 'Первый запрос', text: 'Достижение «Первый запрос» на портале госуслуг', url: `${LINK}-first-request`, activation: true },
    ]);
    expect(event.detail).to.deep.equal({ achievementId: 'first-request', channel: 'system', url: `${LINK}-first-request` } satisfies AchievementShareDetail);
    expect(asked).to.deep.equal(['first-request'], 'asked once, as the press began; the click waited for that answer');
    expect([menuShown(share), status(share)]).to.deep.equal([false, '']);
  });

  it('on a first tap whose activation has run out by the time the link arrives, opens the menu with the link', async () => {
    const shared: ShareData[] = [];
    restore = stubWebShare(async (data) => void shared.push(data));
    const activation = Object.getOwnPropertyDescriptor(navigator, 'userActivation');
    Object.defineProperty(navigator, 'userActivation', { configurable: true, value: { isActive: false, hasBeenActive: true } });
    try {
      const { store } = storeWith(async (id) => ({ ok: true, value: `${LINK}-${id}` }));
      const share = await provided(store, 'first-request');
      button(share).click();
      await until(() => menuShown(share), 2000, 'the menu');
      expect(shared).to.deep.equal([]);
      await until(() => targets(share).length === 5, 2000, 'the targets');
      const telegram = new URL(targets(share)[3]!.getAttribute('href')!);
      expect(telegram.searchParams.get('url')).to.equal(`${LINK}-first-request`);
    } finally {
      if (activation) Object.defineProperty(navigator, 'userActivation', activation);
      else delete (navigator as unknown as Record<string, unknown>).userActivation;
    }
  });

  it('on a first tap with Web Share whose link fails, opens the menu saying so, and asks again next time', async () => {
    const shared: ShareData[] = [];
    restore = stubWebShare(async (data) => void shared.push(data));
    let fail = true;
    const { store, asked } = storeWith(async () => (fail ? { ok: false, reason: 'HTTP 503: unavailable' } : { ok: true, value: LINK }));
    const share = await provided(store, 'first-request');
    button(share).click();
    await until(() => menuShown(share), 2000, 'the menu');
    expect(status(share)).to.equal('Не удалось получить ссылку. Попробуйте ещё раз.');
    expect([shared, asked.length]).to.deep.equal([[], 1]);
    fail = false;
    button(share).click();
    await until(() => shared.length === 1, 2000, 'the share sheet');
    expect(asked.length).to.equal(2);
  });

  it('says in words, with nothing technical, when the link cannot be had, and asks again next time', async () => {
    restore = stubWebShare(undefined);
    let fail = true;
    const { store, asked } = storeWith(async () => (fail ? { ok: false, reason: 'HTTP 403: not earned' } : { ok: true, value: LINK }));
    const share = await provided(store, 'first-request');
    button(share).click();
    await until(() => status(share).startsWith('Не удалось'), 2000, 'the failure');
    expect(status(share)).to.equal('Не удалось получить ссылку. Попробуйте ещё раз.');
    expect(targets(share)).to.deep.equal([]);
    await expectAccessible(share);
    fail = false;
    button(share).click(); // closes
    button(share).click(); // opens, and asks again
    await until(() => targets(share).length > 0, 2000, 'the targets');
    expect(asked.length).to.equal(2);
    expect(status(share)).to.equal('');
  });

  it('renders hostile text as text, and no script URL', async () => {
    restore = stubWebShare(undefined);
    const share = await fixture<AchievementShare>(html`<achievement-share url="javascript:window.__pwned=1"></achievement-share>`);
    expect(shadow(share).querySelector('[part="button"]')).to.equal(null);
    share.url = LINK;
    share.text = '<img src=x onerror="window.__pwned=1">';
    await share.updateComplete;
    button(share).click();
    await share.updateComplete;
    expect(shadow(share).querySelectorAll('img').length).to.equal(0);
    const telegram = new URL(targets(share)[3]!.getAttribute('href')!);
    expect(telegram.searchParams.get('text')).to.equal('<img src=x onerror="window.__pwned=1">');
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    expect(share.hasAttribute('style') || [...shadow(share).querySelectorAll('*')].some((n) => n.hasAttribute('style'))).to.equal(false);
  });
});
