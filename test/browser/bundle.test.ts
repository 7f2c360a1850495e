/** The built SDK as a page without a bundler loads it: once, or twice (two copies on one page). */
import { expect } from '@open-wc/testing';

const TAGS = ['achievement-provider', 'progress-ring'];

describe('dist/civic-achievements.js', () => {
  it('defines every element, and a second copy of the bundle on the page does not throw', async () => {
    const first = new URL('../../dist/civic-achievements.js', import.meta.url).href;
    await import(/* @vite-ignore */ first);
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
