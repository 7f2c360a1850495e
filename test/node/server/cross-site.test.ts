/**
 * Cross-site request forgery: a change signed in by the cookie alone is refused when the browser
 * says another site's page made it, and let through from the server's own origin, ACH_CORS_ORIGINS,
 * a same-origin page (the portal's proxy) and anything that is not a browser.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestServer } from './helpers.ts';
import { event, startTestServer, token } from './helpers.ts';

/** Inside the default file's winter campaign, which a verified citizen may join. */
const NOW = Date.parse('2026-12-10T12:00:00+03:00');
const JOIN = '/api/v1/me/campaigns/winter-marathon-2026/participation';

describe('changes signed in by the cookie', () => {
  let server: TestServer;
  let cookie: string;
  before(async () => {
    server = await startTestServer({ corsOrigins: ['https://portal.example'] }, { now: () => NOW });
    await server.post([event('anna', 'profile.registered', '2026-11-01T10:00:00+03:00'), event('anna', 'profile.verified', '2026-11-01T10:05:00+03:00')]);
    cookie = `ach_token=${await token('anna')}`;
  });
  after(() => server.stop());

  const join = (headers: Record<string, string>, method = 'POST') => fetch(`${server.url}${JOIN}`, { method, headers: { Cookie: cookie, ...headers } });
  const joined = async () => (await server.context.db.selectFrom('campaign_participants').select('joined').where('user_id', '=', 'anna').executeTakeFirst())?.joined === 1;

  it('refuses what another site’s form post makes the browser send (403 forbidden), and changes nothing', async () => {
    const forged = await join({ Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'application/x-www-form-urlencoded' });
    assert.equal(forged.status, 403);
    const { error } = (await forged.json()) as { error: { code: string; message: string } };
    assert.equal(error.code, 'forbidden');
    assert.match(error.message, /https:\/\/evil\.example/);
    assert.equal(await joined(), false);
    const board = (await (await fetch(`${server.url}/api/v1/campaigns/winter-marathon-2026/leaderboard`)).json()) as { top: unknown[] };
    assert.deepEqual(board.top, []);
  });

  it('refuses a foreign or opaque Origin, and Sec-Fetch-Site cross-site or same-site without an Origin', async () => {
    const refused: Array<Record<string, string>> = [
      { Origin: 'https://evil.example' },
      { Origin: 'null' },
      { Origin: 'https://achievements.example.evil.example', 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
    ];
    for (const headers of refused) {
      for (const method of ['POST', 'DELETE']) assert.equal((await join(headers, method)).status, 403, `${method} ${JSON.stringify(headers)}`);
    }
    const preferences = await fetch(`${server.url}/api/v1/me/preferences`, { method: 'PUT', headers: { Cookie: cookie, Origin: 'https://evil.example', 'Content-Type': 'text/plain' }, body: '{"gamification":false}' });
    assert.equal(preferences.status, 403);
    assert.equal(await joined(), false);
  });

  it('lets through the server’s own origin, ACH_CORS_ORIGINS, a same-origin page (the portal’s proxy) and clients that are not browsers', async () => {
    const allowed: Array<Record<string, string>> = [
      { Origin: 'https://achievements.example', 'Sec-Fetch-Site': 'same-origin' },
      { Origin: 'https://portal.example', 'Sec-Fetch-Site': 'cross-site' },
      { Origin: 'http://127.0.0.1:8788', 'Sec-Fetch-Site': 'same-origin' },
      {},
    ];
    for (const headers of allowed) {
      assert.equal((await join(headers)).status, 200, `POST ${JSON.stringify(headers)}`);
      assert.equal(await joined(), true);
      assert.equal((await join(headers, 'DELETE')).status, 204, `DELETE ${JSON.stringify(headers)}`);
      assert.equal(await joined(), false);
    }
  });

  it('leaves a token in Authorization alone (no page of another site can set it), and reads alone', async () => {
    const bearer = await fetch(`${server.url}${JOIN}`, { method: 'POST', headers: { Authorization: `Bearer ${await token('anna')}`, Origin: 'https://evil.example' } });
    assert.equal(bearer.status, 200);
    assert.equal((await join({ Origin: 'https://evil.example' }, 'DELETE')).status, 403, 'still there: the cookie alone may not leave either');
    const read = await fetch(`${server.url}/api/v1/me/achievements`, { headers: { Cookie: cookie, Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' } });
    assert.equal(read.status, 200);
    assert.equal(read.headers.get('access-control-allow-origin'), null, 'and its answer is not readable there');
  });
});

describe('a server whose links are relative to the page (no ACH_PUBLIC_URL origin, as in the browser tests)', () => {
  it('starts, and lets a same-origin page’s change through while refusing another site’s', async () => {
    const server = await startTestServer({ publicUrl: '' });
    try {
      const cookie = `ach_token=${await token('anna')}`;
      const change = (headers: Record<string, string>) =>
        fetch(`${server.url}/api/v1/me/preferences`, { method: 'PUT', headers: { Cookie: cookie, 'Content-Type': 'application/json', ...headers }, body: '{"gamification":true}' });
      assert.equal((await change({ Origin: 'http://127.0.0.1:8000', 'Sec-Fetch-Site': 'same-origin' })).status, 200);
      assert.equal((await change({ Origin: 'http://127.0.0.1:8000', 'Sec-Fetch-Site': 'cross-site' })).status, 403);
    } finally {
      await server.stop();
    }
  });
});
