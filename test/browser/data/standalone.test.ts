/**
 * Elements that name `endpoint` themselves, with no `<achievement-provider>` around them: two of
 * them with the same endpoint and citizen share one store, so the page makes one request.
 */
import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import '../../../src/components/progress-ring/define.ts';
import type { ProgressRing } from '../../../src/components/progress-ring/progress-ring.ts';
import { achievementStore } from '../../../src/data/registry.ts';
import { catalog, ENDPOINT, myAchievements, pause, until } from './fixtures.ts';

const worker = setupWorker();

describe('standalone elements (mocked network)', () => {
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  after(() => worker.stop());

  it('share one store, and one request, when they name the same endpoint and citizen', async () => {
    const requests = { state: 0, catalog: 0 };
    worker.use(
      http.get(`${ENDPOINT}/catalog`, () => (requests.catalog++, HttpResponse.json(catalog()))),
      http.get(`${ENDPOINT}/me/achievements`, () => (requests.state++, HttpResponse.json(myAchievements()))),
      http.get(`${ENDPOINT}/me/stream`, () => new HttpResponse(null, { status: 404 })),
    );
    const token = `token-standalone-${Date.now()}`;
    const valueTextOf = (ring: ProgressRing) => ring.shadowRoot?.querySelector('[role="progressbar"]')?.getAttribute('aria-valuetext');
    const rings = ['e-signer', 'regular-user'].map((achievement, i) => {
      const ring = document.createElement('progress-ring');
      // One names the endpoint as written, the other in full: still one store.
      ring.setAttribute('endpoint', i === 0 ? ENDPOINT : `${location.origin}${ENDPOINT}/`);
      ring.setAttribute('token', token);
      ring.setAttribute('achievement', achievement);
      return ring;
    });
    document.body.append(...rings);
    try {
      await until(() => rings.every((ring) => /\d/.test(valueTextOf(ring) ?? '')), 5000, 'both rings to show progress');
      expect(valueTextOf(rings[0]!)).to.match(/^0\D+5/);
      expect(valueTextOf(rings[1]!)).to.match(/^1\D+3/);
      await pause(100);
      expect(requests).to.deep.equal({ state: 1, catalog: 1 });
      const store = achievementStore({ endpoint: ENDPOINT, token, language: 'ru' });
      expect(store.snapshot.status, 'the page\'s store for these options is the one the rings started').to.equal('ready');
    } finally {
      rings.forEach((ring) => ring.remove());
    }
  });
});
