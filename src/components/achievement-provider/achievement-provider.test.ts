/**
 * <achievement-provider> against the real reference server: how the citizen is signed in (a
 * tokenProvider, the cookie under the page's credentials mode), a token change moving every element
 * inside to the new citizen's store, and a language change reaching the elements.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { ProgressRing } from '../progress-ring/progress-ring.ts';
import '../progress-ring/define.ts';
import { defineElement } from '../shared/define.ts';
import { AchievementProvider } from './achievement-provider.ts';
import './define.ts';
import { until } from '../../../test/browser/data/fixtures.ts';
import { expectAccessible } from '../../../test/support/accessible.ts';

const valueText = (ring: ProgressRing) => ring.shadowRoot!.querySelector('[role="progressbar"]')?.getAttribute('aria-valuetext') ?? '';
async function says(ring: ProgressRing, text: string, what: string): Promise<void> {
  await until(() => valueText(ring) === text, 8000, what).catch(() => expect(valueText(ring), what).to.equal(text));
}

let citizens = 0;

/** A new citizen of the reference server who signed in `signatures` different procedures; their token. */
async function citizen(signatures: number): Promise<string> {
  citizens += 1;
  const sub = `provider-${Date.now()}-${citizens}`;
  const at = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
  const procedures = ['tax', 'car', 'passport', 'pension'];
  const events = [
    { id: `${sub}-v`, userId: sub, type: 'profile.verified', occurredAt: at(20) },
    ...procedures.slice(0, signatures).map((procedure, i) => ({ id: `${sub}-s${i}`, userId: sub, type: 'signature.used', occurredAt: at(10 - i), attributes: { procedure } })),
  ];
  const { status } = await executeServerCommand<{ status: number }, { events: object[] }>('ach-ingest', { events });
  expect(status).to.equal(200);
  return executeServerCommand<string, { sub: string }>('ach-token', { sub });
}

const ringIn = (provider: Element) => provider.querySelector('progress-ring')!;

describe('<achievement-provider>', () => {
  afterEach(() => {
    document.cookie = 'ach_token=; path=/; max-age=0';
    document.documentElement.lang = 'ru';
  });

  it('signs the citizen in through its tokenProvider, for every element inside', async () => {
    const token = await citizen(2);
    let asked = 0;
    const tokenProvider = async () => {
      asked += 1;
      return token;
    };
    const provider = await fixture<AchievementProvider>(html`<achievement-provider endpoint="/api/v1" .tokenProvider=${tokenProvider}>
      <progress-ring achievement="e-signer" label="Электронный подписант"></progress-ring>
    </achievement-provider>`);
    await says(ringIn(provider), '2 из 5 процедур', 'the citizen’s progress');
    expect(asked).to.be.greaterThan(0);
    await expectAccessible(provider);
  });

  it('sends the portal’s cookie by its credentials mode: none with omit, signed in with same-origin', async () => {
    const token = await citizen(3);
    document.cookie = `ach_token=${token}; path=/; samesite=strict`;
    const provider = await fixture<AchievementProvider>(html`<achievement-provider endpoint="/api/v1" credentials="omit">
      <progress-ring achievement="e-signer" label="Электронный подписант"></progress-ring>
    </achievement-provider>`);
    await says(ringIn(provider), 'Вход не выполнен', 'signed out without the cookie');
    provider.credentials = 'same-origin';
    await says(ringIn(provider), '3 из 5 процедур', 'signed in by the cookie');
  });

  it('moves every element inside to the new citizen’s store when the token changes', async () => {
    const [first, second] = [await citizen(2), await citizen(1)];
    const provider = await fixture<AchievementProvider>(html`<achievement-provider endpoint="/api/v1" .token=${first}>
      <progress-ring achievement="e-signer" label="Электронный подписант"></progress-ring>
      <div><progress-ring achievement="e-signer" label="Ещё раз"></progress-ring></div>
    </achievement-provider>`);
    const rings = [...provider.querySelectorAll('progress-ring')];
    for (const ring of rings) await says(ring, '2 из 5 процедур', 'the first citizen');
    provider.token = second;
    for (const ring of rings) await says(ring, '1 из 5 процедур', 'the second citizen');
  });

  it('follows a lang change on itself and on <html>, and the elements inside speak it', async () => {
    const token = await citizen(2);
    const provider = await fixture<AchievementProvider>(html`<achievement-provider endpoint="/api/v1" .token=${token}>
      <progress-ring achievement="e-signer"></progress-ring>
    </achievement-provider>`);
    const ring = ringIn(provider);
    await says(ring, '2 из 5 процедур', 'Russian by default');
    // The catalog's unit comes from the server in the store's language: a new store, not only new texts.
    provider.lang = 'en';
    await says(ring, '2 of 5 procedures', 'English after lang="en" on the provider');
    expect(ring.shadowRoot!.querySelector('[role="progressbar"]')!.getAttribute('aria-label')).to.equal('Progress');
    provider.removeAttribute('lang');
    await says(ring, '2 из 5 процедур', 'Russian again from <html lang="ru">');
    document.documentElement.lang = 'en';
    await says(ring, '2 of 5 procedures', 'English after <html lang="en">');
  });

  it('follows a lang change around it when it sits in a shadow root', async () => {
    const token = await citizen(1);
    const outer = await fixture<HTMLElement>(html`<div><section lang="ru"></section></div>`);
    const shadow = outer.attachShadow({ mode: 'open' });
    const wrapper = document.createElement('div');
    wrapper.lang = 'ru';
    const provider = Object.assign(document.createElement('achievement-provider'), { endpoint: '/api/v1', token });
    provider.append(Object.assign(document.createElement('progress-ring'), { achievement: 'e-signer' }));
    wrapper.append(provider);
    shadow.append(wrapper);
    const ring = ringIn(provider);
    await says(ring, '1 из 5 процедур', 'Russian');
    wrapper.lang = 'en';
    await says(ring, '1 of 5 procedures', 'English after lang="en" inside the shadow root');
  });

  it('renders nothing of its own, and a second definition does not throw', async () => {
    const provider = await fixture<AchievementProvider>(html`<achievement-provider><p>Страница</p></achievement-provider>`);
    expect(getComputedStyle(provider).display).to.equal('contents');
    expect([...provider.shadowRoot!.children].map((node) => node.localName)).to.deep.equal(['slot']);
    expect(() => defineElement('achievement-provider', class extends AchievementProvider {})).to.not.throw();
    expect(customElements.get('achievement-provider')).to.equal(AchievementProvider);
  });
});
