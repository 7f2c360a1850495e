/** The built SDK on a page with the portal's strict CSP really enforced by Chromium. */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';

interface Report {
  violations: string[];
  ring: string | null;
}

describe('under a strict Content-Security-Policy with Trusted Types', () => {
  it('renders every element with no violation', async () => {
    const sub = `csp-${Date.now()}`;
    const token = await executeServerCommand<string, { sub: string }>('ach-token', { sub });
    const at = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    await executeServerCommand('ach-ingest', {
      events: [
        { id: `${sub}-v`, userId: sub, type: 'profile.verified', occurredAt: at(5) },
        { id: `${sub}-s`, userId: sub, type: 'signature.used', occurredAt: at(4), attributes: { procedure: 'tax' } },
      ],
    });
    const frame = document.createElement('iframe');
    const report = new Promise<Report>((resolve) => {
      addEventListener('message', function listener(event: MessageEvent<Report & { type?: string }>) {
        if (event.data?.type !== 'csp-page') return;
        removeEventListener('message', listener);
        resolve(event.data);
      });
    });
    frame.src = `/test/browser/csp/page.html#${encodeURIComponent(token)}`;
    document.body.append(frame);
    try {
      const { violations, ring } = await report;
      const response = await fetch('/test/browser/csp/page.html');
      expect(response.headers.get('content-security-policy')).to.contain("require-trusted-types-for 'script'");
      expect(ring).to.equal('1 из 5 процедур');
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
});
