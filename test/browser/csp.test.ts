/** The built SDK on a page with the portal's strict CSP really enforced by Chromium. */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';

interface Rendered {
  status: string;
  cards: number;
  ring: string | null;
  levelRing: string | null;
  boardRing: string | null;
  /** The privileges <achievement-rewards> shows. */
  rewards: number;
  message: { accepted: boolean; title: string | null; iconLoaded: boolean };
  /** The page's waits that gave up, by what they waited for. */
  waitedFor: string[];
}
interface Done extends Rendered {
  unlock: { achievementId: string | null; title: string | null; points: string | null };
  /** The level ring once the unlock's points arrived. */
  levelRingAfter: string | null;
  violations: string[];
}
type PageMessage = { type: 'csp-page'; phase: 'ready' } & Rendered | { type: 'csp-page'; phase: 'done' } & Done;

/** The level ring of a verified citizen: the 10 points of `registered`, of the 100 where the next level starts. */
const LEVEL_RING = '10 из 100';

/** The page's next message of `phase`. */
function fromPage<P extends PageMessage['phase']>(phase: P): Promise<Extract<PageMessage, { phase: P }>> {
  return new Promise((resolve) => {
    addEventListener('message', function listener(event: MessageEvent<PageMessage>) {
      if (event.origin !== location.origin || event.data?.type !== 'csp-page' || event.data.phase !== phase) return;
      removeEventListener('message', listener);
      resolve(event.data as Extract<PageMessage, { phase: P }>);
    });
  });
}

describe('under a strict Content-Security-Policy with Trusted Types', () => {
  it('renders every element from the built bundle, with a real citizen, a page message and a live unlock, with no violation', async function () {
    this.timeout(40000);
    const sub = `csp-${Date.now()}`;
    const token = await executeServerCommand<string, { sub: string }>('ach-token', { sub });
    const at = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    await executeServerCommand('ach-ingest', {
      events: [
        { id: `${sub}-v`, userId: sub, type: 'profile.verified', occurredAt: at(5) },
        { id: `${sub}-s`, userId: sub, type: 'signature.used', occurredAt: at(4), attributes: { procedure: 'tax' } },
      ],
    });
    const catalog = (await (await fetch('/api/v1/catalog')).json()) as { achievements: unknown[]; levels: Array<{ minPoints: number }> };
    const frame = document.createElement('iframe');
    const ready = fromPage('ready');
    const done = fromPage('done');
    frame.src = `/test/browser/csp/page.html#${encodeURIComponent(token)}`;
    document.body.append(frame);
    try {
      const rendered = await ready;
      expect(rendered.waitedFor).to.deep.equal([]);
      expect(rendered.status).to.equal('ready');
      // Every achievement of the catalog is a card on the board.
      expect(catalog.achievements.length).to.be.above(0);
      expect(rendered.cards).to.equal(catalog.achievements.length);
      expect(rendered.ring).to.equal('1 из 5 процедур');
      expect(rendered.levelRing).to.equal(LEVEL_RING);
      expect(rendered.boardRing).to.equal(LEVEL_RING);
      expect(rendered.rewards).to.be.above(0);
      expect(rendered.message).to.deep.equal({ accepted: true, title: 'Сообщение портала', iconLoaded: true });

      // An application, sent as a portal back end would, once the page's live stream is open.
      const ingest = await executeServerCommand<{ status: number }, unknown>('ach-ingest', {
        events: [{ id: `${sub}-a`, userId: sub, type: 'application.submitted', occurredAt: at(1), attributes: { service: 'passport' } }],
      });
      expect(ingest.status).to.equal(200);
      const { unlock, levelRingAfter, violations, waitedFor } = await done;
      expect(waitedFor).to.deep.equal([]);
      expect(unlock).to.deep.equal({ achievementId: 'first-request', title: 'Получено достижение: Первый запрос', points: '+20 баллов' });
      // 10 + 20 for first-request + 10 for the application itself.
      expect(levelRingAfter).to.equal('40 из 100');

      const response = await fetch('/test/browser/csp/page.html');
      expect(response.headers.get('content-security-policy')).to.contain("require-trusted-types-for 'script'");
      expect(violations).to.deep.equal([]);
    } finally {
      frame.remove();
    }
  });

  it('is really enforced: Trusted Types refuse innerHTML, and a style attribute is a violation', async () => {
    const frame = document.createElement('iframe');
    frame.src = '/test/browser/csp/page.html#probe';
    document.body.append(frame);
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const child = frame.contentDocument!;
    const refused: string[] = [];
    child.addEventListener('securitypolicyviolation', (event) => refused.push(event.violatedDirective));
    expect(() => {
      child.body.innerHTML = '<p>x</p>'; // eslint-disable-line no-restricted-properties -- the probe that must fail
    }).to.throw(/TrustedHTML/);
    const styled = child.createElement('p');
    styled.setAttribute('style', 'color: red');
    child.body.append(styled);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(refused).to.include('require-trusted-types-for');
    expect(refused).to.include('style-src-attr');
    frame.remove();
  });

  describe('two copies of the SDK on one page (each with its own Lit)', () => {
    interface TwoCopies { first: string; second: string; defined: boolean; ring: string | null; violations: string[] }
    async function twoCopies(query: string): Promise<TwoCopies> {
      const frame = document.createElement('iframe');
      const report = new Promise<TwoCopies>((resolve) => {
        addEventListener('message', function listener(event: MessageEvent<TwoCopies & { type?: string }>) {
          if (event.origin !== location.origin || event.data?.type !== 'two-copies') return;
          removeEventListener('message', listener);
          resolve(event.data);
        });
      });
      frame.src = `/test/browser/csp/two-copies.html${query}`;
      document.body.append(frame);
      try {
        return await report;
      } finally {
        frame.remove();
      }
    }

    it('work together when the policy allows duplicates, as README tells a portal with other Lit components', async () => {
      const report = await twoCopies('?policy=duplicates');
      expect(report).to.deep.equal({ type: 'two-copies', first: '', second: '', defined: true, ring: '3 из 5', violations: [] });
    });

    it('under the strict policy alone, the second copy is refused its Trusted Types policy and the first keeps working', async () => {
      const report = await twoCopies('');
      expect(report.first).to.equal('');
      expect(report.second).to.match(/lit-html/);
      expect([report.defined, report.ring]).to.deep.equal([true, '3 из 5']);
    });
  });
});
