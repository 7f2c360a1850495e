/** The axe helper every element test uses: it must run WCAG 2.2's rules, not only axe's defaults. */
import { expect, fixture, html } from '@open-wc/testing';
import { expectAccessible } from '../support/accessible.ts';

describe('expectAccessible', () => {
  it('passes a plain accessible fragment', async () => {
    const el = await fixture(html`<div><button type="button">Отправить</button></div>`);
    await expectAccessible(el);
  });

  it('fails on targets under 24 px that crowd each other (WCAG 2.2 target-size, off by default in axe)', async () => {
    const el = await fixture(html`<div>
      <button type="button" aria-label="Первая" class="tiny"></button><button type="button" aria-label="Вторая" class="tiny"></button>
    </div>`);
    for (const button of el.querySelectorAll<HTMLButtonElement>('.tiny')) Object.assign(button.style, { width: '10px', height: '10px', padding: '0', margin: '0', border: '0', display: 'inline-block' });
    const error = await expectAccessible(el).then(() => undefined, (e: Error) => e);
    expect(error?.message).to.contain('target-size');
  });
});
