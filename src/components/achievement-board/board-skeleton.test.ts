/**
 * The board's loading skeleton stops pulsing by itself (WCAG 2.2.2: nothing that starts on its own
 * moves for longer than 5 s), also without reduced motion. A store that never leaves `loading`.
 */
import { ContextProvider } from '@lit/context';
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { achievementStoreContext } from '../../data/context.ts';
import type { AchievementStore, StoreSnapshot } from '../../data/store.ts';
import type { AchievementBoard } from './achievement-board.ts';
import './define.ts';

function loadingForever() {
  const snapshot = { status: 'loading', achievements: undefined, catalog: undefined, refreshedAt: undefined, error: undefined, updates: 'off', sections: {}, leaderboards: {} } as StoreSnapshot;
  return { snapshot, subscribe: (listener: (s: StoreSnapshot) => void) => (listener(snapshot), () => {}), onUnlock: () => () => {}, connect: () => () => {} };
}

describe('<achievement-board>: the loading skeleton', () => {
  afterEach(() => emulateMedia({ reducedMotion: 'no-preference' }));

  it('stops pulsing by itself within 5 s, even without reduced motion', async () => {
    await emulateMedia({ reducedMotion: 'no-preference' });
    const host = await fixture<HTMLElement>(html`<div></div>`);
    new ContextProvider(host, { context: achievementStoreContext, initialValue: loadingForever() as unknown as AchievementStore });
    const board = document.createElement('achievement-board') as AchievementBoard;
    host.append(board);
    await board.updateComplete;
    const pulsing = [...board.shadowRoot!.querySelectorAll<HTMLElement>('.skeleton .icon, .skeleton span')];
    expect(pulsing.length).to.be.greaterThan(0);
    for (const node of pulsing) {
      expect(getComputedStyle(node).animationName).to.equal('pulse');
      const [animation, ...more] = node.getAnimations();
      expect(more.length).to.equal(0);
      const end = animation!.effect!.getComputedTiming().endTime as number;
      expect(end, 'the pulse ends').to.be.at.most(5000);
      expect(end, 'the pulse runs a while').to.be.greaterThan(1000);
    }
    // Run to the end: then nothing moves, and the skeleton stays, still busy.
    for (const animation of board.shadowRoot!.getAnimations()) animation.finish();
    expect(board.shadowRoot!.getAnimations()).to.deep.equal([]);
    expect(getComputedStyle(pulsing[0]!).opacity).to.equal('1');
    expect(board.shadowRoot!.querySelector('[aria-busy="true"]')).not.to.equal(null);
  });
});
