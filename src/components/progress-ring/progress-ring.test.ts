import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, executeServerCommand } from '@web/test-runner-commands';
import '../achievement-provider/define.ts';
import './define.ts';
import { defineElement } from '../shared/define.ts';
import { ProgressRing } from './progress-ring.ts';
import { until } from '../../../test/browser/data/fixtures.ts';
import { expectAccessible } from '../../../test/support/accessible.ts';

const bar = (ring: ProgressRing) => ring.shadowRoot!.querySelector('[role="progressbar"]')!;
const visible = (ring: ProgressRing) => ring.shadowRoot!.querySelector('[part="label"]')!.textContent!.trim();

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

  it('is indeterminate without a value, and accessible so', async () => {
    const ring = await fixture<ProgressRing>(html`<progress-ring label="Загрузка достижений"></progress-ring>`);
    expect(ring.hasAttribute('indeterminate')).to.equal(true);
    expect(bar(ring).hasAttribute('aria-valuenow')).to.equal(false);
    expect(bar(ring).getAttribute('aria-valuetext')).to.equal('Загрузка');
    await expectAccessible(ring);
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
    await expectAccessible(signer!);
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
