/** The demo's stand-in portal: pages under the strict CSP, the session cookie, actions as events, /api/ forwarded. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { demoCitizens } from '../../../demo/citizens.ts';
import { GALLERY_NEWCOMER, startPortal, STRICT_CSP } from '../../../demo/portal.ts';
import { JWT_SECRET, SERVICE_KEY, startTestServer } from '../server/helpers.ts';
import type { TestServer } from '../server/helpers.ts';

describe('demo portal', () => {
  let server: TestServer;
  let portal: { url: string; close: () => void };
  const pages = mkdtempSync(join(tmpdir(), 'civic-portal-pages-'));

  before(async () => {
    mkdirSync(pages, { recursive: true });
    writeFileSync(join(pages, 'index.html'), '<!doctype html><title>demo</title>');
    writeFileSync(join(pages, 'gallery.html'), '<!doctype html><title>gallery</title>');
    server = await startTestServer();
    portal = await startPortal({ host: '127.0.0.1', port: 0, pages, api: server.url, serviceKey: SERVICE_KEY, jwtSecret: JWT_SECRET, citizens: demoCitizens() });
  });
  after(async () => {
    portal.close();
    await server.stop();
    rmSync(pages, { recursive: true, force: true });
  });

  it('serves the pages under the strict CSP, and nothing outside them', async () => {
    const page = await fetch(`${portal.url}/`);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('content-security-policy'), STRICT_CSP);
    // Sent as written: fetch would resolve the dots before they left. Enough of them to reach / from
    // any temp folder; encoded too, dots and (what a decoding of the path would turn into one) slashes.
    const { port } = new URL(portal.url);
    const climb = '/..'.repeat(16);
    for (const path of [`${climb}/etc/passwd`, `${climb.replaceAll('..', '%2e%2e')}/etc/passwd`, `/${'..%2f'.repeat(16)}etc%2fpasswd`]) {
      const { status, body } = await new Promise<{ status: number | undefined; body: string }>((resolve, reject) => {
        request({ host: '127.0.0.1', port, path }, (response) => {
          let body = '';
          response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk)).on('end', () => resolve({ status: response.statusCode, body }));
        })
          .on('error', reject)
          .end();
      });
      assert.ok(status === 404 || status === 400, `${path}: ${status}`);
      assert.doesNotMatch(body, /root:/, path);
    }
  });

  it('signs a demo citizen in with an HttpOnly cookie, and turns a button into an event for them', async () => {
    assert.equal((await fetch(`${portal.url}/portal/actions`, { method: 'POST', body: '{"kind":"poll"}' })).status, 401);
    const session = await fetch(`${portal.url}/portal/session`, { method: 'POST', body: JSON.stringify({ userId: 'demo-vera' }) });
    const cookie = session.headers.get('set-cookie')!;
    assert.match(cookie, /^ach_token=[^;]+; Path=\/; HttpOnly; SameSite=Strict$/);
    const headers = { cookie: cookie.split(';')[0]! };
    assert.deepEqual(await (await fetch(`${portal.url}/portal/session`, { headers })).json(), { userId: 'demo-vera' });

    await server.post([{ id: 'vera-verified', userId: 'demo-vera', type: 'profile.verified', occurredAt: new Date(Date.now() - 60_000).toISOString() }]);
    const action = await fetch(`${portal.url}/portal/actions`, { method: 'POST', headers, body: '{"kind":"poll"}' });
    assert.equal(action.status, 200);
    assert.equal(((await action.json()) as { accepted: number }).accepted, 1);
    assert.equal((await fetch(`${portal.url}/portal/actions`, { method: 'POST', headers, body: '{"kind":"hack"}' })).status, 400);

    // The elements read through the portal's origin, with the cookie.
    const me = await fetch(`${portal.url}/api/v1/me/achievements`, { headers });
    assert.equal(me.status, 200);
    const body = (await me.json()) as { userId: string; achievements: Array<{ id: string; state: string }> };
    assert.equal(body.userId, 'demo-vera');
    assert.notEqual(body.achievements.find((a) => a.id === 'poll-participant')?.state, 'locked');

    // A share link, made through the portal's origin with the cookie, opens there too, with its own policy.
    const made = await fetch(`${portal.url}/api/v1/me/shares`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: '{"achievementId":"poll-participant"}' });
    assert.equal(made.status, 201);
    const { url } = (await made.json()) as { url: string };
    const page = await fetch(`${portal.url}${new URL(url).pathname}`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<meta property="og:title" content="[^"]*Участник опроса/);
    assert.notEqual(page.headers.get('content-security-policy'), STRICT_CSP);
  });

  it('forwards the headers the server’s cross-site check reads: the page’s own changes pass, another site’s are refused', async () => {
    const session = await fetch(`${portal.url}/portal/session`, { method: 'POST', body: JSON.stringify({ userId: 'demo-vera' }) });
    const cookie = session.headers.get('set-cookie')!.split(';')[0]!;
    const change = (browser: Record<string, string>) =>
      fetch(`${portal.url}/api/v1/me/preferences`, { method: 'PUT', headers: { cookie, 'Content-Type': 'application/json', ...browser }, body: '{"gamification":true}' });
    // As Chromium sends it from the portal's page: the portal's origin, not the server's (ACH_PUBLIC_URL).
    assert.equal((await change({ Origin: portal.url, 'Sec-Fetch-Site': 'same-origin' })).status, 200);
    assert.equal((await change({ Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' })).status, 403);
  });

  it('gives the gallery its unhealthy endpoints', async () => {
    assert.equal((await fetch(`${portal.url}/gallery-api/error/v1/catalog`)).status, 503);
    await assert.rejects((await fetch(`${portal.url}/gallery-api/malformed/v1/me/achievements`)).json());
    const held = await Promise.race([fetch(`${portal.url}/gallery-api/loading/v1/catalog`, { signal: AbortSignal.timeout(300) }).catch(() => 'held'), new Promise((resolve) => setTimeout(() => resolve('late'), 2000))]);
    assert.equal(held, 'held');
  });

  it('shows the gallery real citizens through its own endpoints: the first demo citizen, and one with no events', async () => {
    // The page's own session does not leak into them: the portal signs its gallery citizens in itself.
    const session = await fetch(`${portal.url}/portal/session`, { method: 'POST', body: JSON.stringify({ userId: 'demo-vera' }) });
    const headers = { cookie: session.headers.get('set-cookie')!.split(';')[0]! };
    const demo = await fetch(`${portal.url}/gallery-api/citizen/demo/v1/me/achievements`, { headers });
    assert.equal(demo.status, 200);
    assert.equal(((await demo.json()) as { userId: string }).userId, demoCitizens()[0]!.userId);
    const newcomer = await fetch(`${portal.url}/gallery-api/citizen/newcomer/v1/me/achievements`);
    const state = (await newcomer.json()) as { userId: string; points: number; achievements: Array<{ state: string }> };
    assert.equal(state.userId, GALLERY_NEWCOMER);
    assert.equal(state.points, 0);
    assert.equal(state.achievements.filter((a) => a.state === 'unlocked').length, 0);
    const catalog = await fetch(`${portal.url}/gallery-api/citizen/demo/v1/catalog`, { headers: { 'accept-language': 'en' } });
    assert.equal(catalog.headers.get('content-language'), 'en');

    const stream = await fetch(`${portal.url}/gallery-api/citizen/demo/v1/me/stream`, { signal: AbortSignal.timeout(5000) });
    assert.equal(stream.status, 200);
    assert.match(stream.headers.get('content-type') ?? '', /^text\/event-stream/);
    await stream.body!.cancel();

    // What the board's sections and the privileges read, as the demo citizen.
    for (const resource of ['rewards', 'me/redemptions', 'campaigns', 'me/recommendations', 'me/feedback', 'me/preferences']) {
      assert.equal((await fetch(`${portal.url}/gallery-api/citizen/demo/v1/${resource}`)).status, 200, resource);
    }
    const { campaigns } = (await (await fetch(`${portal.url}/gallery-api/citizen/demo/v1/campaigns`)).json()) as { campaigns: Array<{ id: string }> };
    if (campaigns[0]) assert.equal((await fetch(`${portal.url}/gallery-api/citizen/demo/v1/campaigns/${campaigns[0].id}/leaderboard`)).status, 200);

    // Only what the elements read, only GET, only these two citizens.
    assert.equal((await fetch(`${portal.url}/gallery-api/citizen/demo/v1/me/shares`, { method: 'POST', body: '{"achievementId":"registered"}' })).status, 404);
    assert.equal((await fetch(`${portal.url}/gallery-api/citizen/demo/v1/me/redemptions`, { method: 'POST', body: '{"rewardId":"fast-track"}' })).status, 404);
    assert.equal((await fetch(`${portal.url}/gallery-api/citizen/demo/v1/me/preferences`, { method: 'PUT', body: '{"gamification":false}' })).status, 404);
    assert.equal((await fetch(`${portal.url}/gallery-api/citizen/demo/v1/events`)).status, 404);
    assert.equal((await fetch(`${portal.url}/gallery-api/citizen/demo-boris/v1/me/achievements`)).status, 404);
  });

  it('answers the gallery’s `once` endpoint once per view of the gallery, then drops the connection', async () => {
    const view = async () => {
      const page = await fetch(`${portal.url}/gallery.html`);
      assert.equal(page.status, 200);
      const cookie = page.headers.get('set-cookie')!;
      assert.match(cookie, /^gallery_once=[\w-]+; Path=\/gallery-api\/once\/; HttpOnly; SameSite=Strict$/);
      return { cookie: cookie.split(';')[0]! };
    };
    const once = (path: string, headers?: Record<string, string>) => fetch(`${portal.url}/gallery-api/once/v1/${path}`, { headers, signal: AbortSignal.timeout(5000) });
    const dropped = (answer: Promise<Response>) => assert.rejects(answer, (error: Error) => error.name === 'TypeError');

    const first = await view();
    const me = await once('me/achievements', first);
    assert.equal(me.status, 200);
    assert.equal(((await me.json()) as { userId: string }).userId, demoCitizens()[0]!.userId);
    assert.equal((await once('catalog', first)).status, 200);
    await dropped(once('me/achievements', first));
    await dropped(once('catalog', first));
    await dropped(once('me/stream', first));
    await dropped(once('me/achievements')); // no view, no answer

    const second = await view();
    assert.notDeepEqual(second, first);
    assert.equal((await once('me/achievements', second)).status, 200);
    await dropped(once('me/achievements', second));
  });
});
