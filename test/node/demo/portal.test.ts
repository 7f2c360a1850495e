/** The demo's stand-in portal: pages under the strict CSP, the session cookie, actions as events, /api/ forwarded. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { demoCitizens } from '../../../demo/citizens.ts';
import { startPortal, STRICT_CSP } from '../../../demo/portal.ts';
import { JWT_SECRET, SERVICE_KEY, startTestServer } from '../server/helpers.ts';
import type { TestServer } from '../server/helpers.ts';

describe('demo portal', () => {
  let server: TestServer;
  let portal: { url: string; close: () => void };
  const pages = mkdtempSync(join(tmpdir(), 'civic-portal-pages-'));

  before(async () => {
    mkdirSync(pages, { recursive: true });
    writeFileSync(join(pages, 'index.html'), '<!doctype html><title>demo</title>');
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
    assert.equal((await fetch(`${portal.url}/../../etc/passwd`)).status, 404);
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
  });

  it('gives the gallery its unhealthy endpoints', async () => {
    assert.equal((await fetch(`${portal.url}/gallery-api/error/v1/catalog`)).status, 503);
    await assert.rejects((await fetch(`${portal.url}/gallery-api/malformed/v1/me/achievements`)).json());
    const held = await Promise.race([fetch(`${portal.url}/gallery-api/loading/v1/catalog`, { signal: AbortSignal.timeout(300) }).catch(() => 'held'), new Promise((resolve) => setTimeout(() => resolve('late'), 2000))]);
    assert.equal(held, 'held');
  });
});
