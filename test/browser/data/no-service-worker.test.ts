/**
 * The service worker is opt-in: loading the SDK bundle and using its elements registers none.
 * Against the real reference server, without msw (msw's mock is itself a service worker).
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { pause, until } from './fixtures.ts';

describe('the SDK bundle (dist/civic-achievements.js) and service workers', () => {
  it('registers no service worker by itself', async () => {
    // Registrations outlive a page: those that other test files left on this origin go first.
    await Promise.all((await navigator.serviceWorker.getRegistrations()).map((registration) => registration.unregister()));
    expect(await navigator.serviceWorker.getRegistrations()).to.have.length(0);

    const sub = `no-worker-${Date.now()}`;
    const token = await executeServerCommand<string, { sub: string }>('ach-token', { sub });
    await executeServerCommand('ach-ingest', { events: [{ id: `${sub}-v`, userId: sub, type: 'profile.verified', occurredAt: new Date(Date.now() - 60_000).toISOString() }] });
    const sdk = (await import(/* @vite-ignore */ new URL('../../../dist/civic-achievements.js', import.meta.url).href)) as typeof import('../../../src/index.ts');
    const provider = document.createElement('achievement-provider');
    provider.setAttribute('endpoint', '/api/v1');
    provider.setAttribute('token', token);
    provider.append(document.createElement('achievement-board'));
    document.body.append(provider);
    try {
      const store = sdk.achievementStore({ endpoint: '/api/v1', token });
      await until(() => store.snapshot.status === 'ready', 8000, 'the board to load');
      await pause(500); // a registration would have started by now
      expect(await navigator.serviceWorker.getRegistrations()).to.have.length(0);
      expect(navigator.serviceWorker.controller).to.equal(null);
    } finally {
      provider.remove();
      await sdk.clearCitizenData();
    }
  });
});
