/** The built SDK as a page without a bundler loads it: once, or twice (two copies on one page). */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { until } from './data/fixtures.ts';

const TAGS = ['achievement-board', 'achievement-provider', 'achievement-rewards', 'achievement-share', 'badge-toast', 'progress-ring'];

describe('dist/civic-achievements.js', () => {
  it('upgrades markup that was there before it, whatever the order, and a second copy does not throw', async () => {
    // The page's markup first, as a portal page has it, then the bundle.
    const sub = `bundle-${Date.now()}`;
    const token = await executeServerCommand<string, { sub: string }>('ach-token', { sub });
    await executeServerCommand('ach-ingest', { events: [{ id: `${sub}-v`, userId: sub, type: 'profile.verified', occurredAt: new Date(Date.now() - 60_000).toISOString() }] });
    const provider = document.createElement('achievement-provider');
    provider.setAttribute('endpoint', '/api/v1');
    provider.setAttribute('token', token);
    const board = document.createElement('achievement-board');
    const ring = document.createElement('progress-ring');
    ring.setAttribute('achievement', 'e-signer');
    provider.append(board, ring);
    document.body.append(provider);

    const first = new URL('../../dist/civic-achievements.js', import.meta.url).href;
    await import(/* @vite-ignore */ first);
    await until(() => ring.shadowRoot?.querySelector('[role="progressbar"]')?.getAttribute('aria-valuetext') === '0 из 5 процедур', 8000, 'the ring inside the provider');
    provider.remove();
    for (const tag of TAGS) expect(customElements.get(tag), tag).to.be.a('function');
    const defined = TAGS.map((tag) => customElements.get(tag));
    const errors: unknown[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.error);
    addEventListener('error', onError);
    try {
      await import(/* @vite-ignore */ `${first}?copy=2`);
    } finally {
      removeEventListener('error', onError);
    }
    expect(errors).to.deep.equal([]);
    expect(TAGS.map((tag) => customElements.get(tag))).to.deep.equal(defined);
  });
});
