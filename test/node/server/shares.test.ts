/**
 * Sharing an earned achievement: POST and DELETE /api/v1/me/shares, and the public page
 * GET /s/{shareId} with its Open Graph tags, against the real server.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { spawnSync } from 'node:child_process';
import { ROOT, configFromEnv } from '../../../server/config.ts';
import type { TestServer } from './helpers.ts';
import { event, startTestServer, token } from './helpers.ts';

const PUBLIC_URL = 'https://achievements.example';
/** Distinctive, so that any trace of it in a page or a header is found. */
const CITIZEN = 'citizen-7f3Kq9-distinctive';
const OTHER = 'citizen-other-Zx81';
const SHARE_URL = /^https:\/\/achievements\.example\/s\/([A-Za-z0-9_-]{22})$/;
const CRAWLERS = [
  'TelegramBot (like TwitterBot)',
  'Mozilla/5.0 (compatible; vkShare; +http://vk.com/dev/Share)',
  'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
  'WhatsApp/2.23.20.0',
];

interface ErrorBody {
  error: { code: string; message: string; details?: { issues: Array<{ path: string }> } };
}

function share(server: TestServer, auth: string | undefined, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}/api/v1/me/shares`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(auth ? { Authorization: `Bearer ${auth}` } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function shareId(server: TestServer, auth: string, body: unknown): Promise<string> {
  const response = await share(server, auth, body);
  assert.ok(response.status === 201 || response.status === 200, `${response.status} ${await response.clone().text()}`);
  const { url } = (await response.json()) as { url: string };
  return SHARE_URL.exec(url)![1]!;
}

const revoke = (server: TestServer, auth: string | undefined, id: string) =>
  fetch(`${server.url}/api/v1/me/shares/${id}`, { method: 'DELETE', headers: auth ? { Authorization: `Bearer ${auth}` } : {} });
const page = (server: TestServer, id: string, userAgent?: string) => fetch(`${server.url}/s/${id}`, { headers: userAgent ? { 'User-Agent': userAgent } : {} });
const image = (server: TestServer, id: string) => fetch(`${server.url}/s/${id}/image.png`);

/** The page's <meta property|name=… content=…> tags, decoded. */
function metaTags(html: string): Map<string, string> {
  const decode = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  const tags = new Map<string, string>();
  for (const [, key, content] of html.matchAll(/<meta (?:property|name)="([^"]+)" content="([^"]*)">/g)) {
    assert.ok(!tags.has(key!), `${key} twice`);
    tags.set(key!, decode(content!));
  }
  return tags;
}

describe('POST /api/v1/me/shares', () => {
  let server: TestServer;
  let citizen: string;
  before(async () => {
    server = await startTestServer();
    citizen = await token(CITIZEN);
    const ingested = await server.post([
      event(CITIZEN, 'profile.verified', '2025-03-02T21:30:00Z'),
      event(CITIZEN, 'application.completed', '2025-03-05T09:00:00Z', { attributes: { processingHours: 5 } }),
      event(OTHER, 'profile.verified', '2025-03-02T10:00:00Z'),
    ]);
    assert.equal(ingested.status, 200);
  });
  after(() => server.stop());

  it('answers 201 with an absolute URL under ACH_PUBLIC_URL and an opaque 128-bit id', async () => {
    const response = await share(server, citizen, { achievementId: 'registered' });
    assert.equal(response.status, 201);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const { url } = (await response.json()) as { url: string };
    const id = SHARE_URL.exec(url)?.[1];
    assert.ok(id, url);
    assert.equal(Buffer.from(id, 'base64url').length, 16);
    assert.ok(!url.includes(CITIZEN) && !url.includes('registered'));
    // Another citizen's link to the same achievement has an unrelated id.
    assert.notEqual(await shareId(server, await token(OTHER), { achievementId: 'registered' }), id);
  });

  it('answers the same live link again (200), and another link for another name', async () => {
    const first = await shareId(server, citizen, { achievementId: 'express' });
    const again = await share(server, citizen, { achievementId: 'express' });
    assert.equal(again.status, 200);
    assert.equal(SHARE_URL.exec(((await again.json()) as { url: string }).url)?.[1], first);
    const named = await share(server, citizen, { achievementId: 'express', displayName: 'Анна' });
    assert.equal(named.status, 201);
    const namedId = SHARE_URL.exec(((await named.json()) as { url: string }).url)![1]!;
    assert.notEqual(namedId, first);
    assert.equal(await shareId(server, citizen, { achievementId: 'express', displayName: '  Анна ' }), namedId, 'the same name once trimmed');
    assert.equal((await page(server, first)).status, 200, 'the first link stays live');
    // A withdrawn link is not handed out again.
    assert.equal((await revoke(server, citizen, first)).status, 204);
    const fresh = await share(server, citizen, { achievementId: 'express' });
    assert.equal(fresh.status, 201);
    assert.notEqual(SHARE_URL.exec(((await fresh.json()) as { url: string }).url)?.[1], first);
  });

  it('refuses an achievement the citizen has not earned (403) and one that does not exist (404)', async () => {
    const unearned = await share(server, citizen, { achievementId: 'e-signer' });
    assert.equal(unearned.status, 403);
    assert.equal(((await unearned.json()) as ErrorBody).error.code, 'not_earned');
    const byOther = await share(server, await token(OTHER), { achievementId: 'express' });
    assert.equal(byOther.status, 403, 'earned by someone else is not earned');
    const unknown = await share(server, citizen, { achievementId: 'no-such-achievement' });
    assert.equal(unknown.status, 404);
    assert.equal(((await unknown.json()) as ErrorBody).error.code, 'not_found');
  });

  it('refuses a missing, expired or wrongly signed token (401), and accepts the cookie', async () => {
    const cases: Array<[string, string | undefined]> = [
      ['none', undefined],
      ['expired', await token(CITIZEN, { expiresIn: Math.floor(Date.now() / 1000) - 60 })],
      ['wrong signature', await token(CITIZEN, { secret: 'another-secret-another-secret-another' })],
    ];
    for (const [label, auth] of cases) {
      const response = await share(server, auth, { achievementId: 'registered' });
      assert.equal(response.status, 401, label);
      assert.equal(((await response.json()) as ErrorBody).error.code, 'unauthenticated', label);
    }
    const byCookie = await share(server, undefined, { achievementId: 'registered' }, { Cookie: `ach_token=${citizen}` });
    assert.equal(byCookie.status, 200);
  });

  it('checks the body: 400 naming the field, 415 for a form; nothing stored', async () => {
    const cases: Array<[string, unknown, string]> = [
      ['no id', {}, 'achievementId'],
      ['a number id', { achievementId: 7 }, 'achievementId'],
      ['an unknown field', { achievementId: 'registered', userId: CITIZEN }, 'userId'],
      ['an array', [], 'body'],
      ['an empty name', { achievementId: 'registered', displayName: '   ' }, 'displayName'],
      ['a long name', { achievementId: 'registered', displayName: 'я'.repeat(61) }, 'displayName'],
      ['a name that is not text', { achievementId: 'registered', displayName: 42 }, 'displayName'],
      ['a control character', { achievementId: 'registered', displayName: 'Анна\u0007' }, 'displayName'],
      ['a bidi override', { achievementId: 'registered', displayName: 'Анна\u202Eанна' }, 'displayName'],
    ];
    for (const [label, body, path] of cases) {
      const response = await share(server, citizen, body);
      assert.equal(response.status, 400, label);
      const error = ((await response.json()) as ErrorBody).error;
      assert.equal(error.code, 'invalid_request', label);
      assert.equal(error.details?.issues[0]?.path, path, label);
    }
    assert.equal((await share(server, citizen, '{"achievementId":')).status, 400);
    assert.equal((await share(server, citizen, 'achievementId=registered', { 'Content-Type': 'application/x-www-form-urlencoded' })).status, 415);
    const rows = await server.context.db.selectFrom('shares').select('display_name').where('user_id', '=', CITIZEN).execute();
    assert.ok(rows.every((row) => row.display_name === null || row.display_name === 'Анна'));
    assert.equal((await share(server, citizen, { achievementId: 'registered', displayName: 'я'.repeat(60) })).status, 201, '60 characters are fine');
  });

  it('lets a portal page on an allowed origin withdraw a link across origins', async () => {
    const cors = await startTestServer({ corsOrigins: ['https://portal.example'] });
    try {
      const preflight = (origin: string) =>
        fetch(`${cors.url}/api/v1/me/shares/x`, {
          method: 'OPTIONS',
          headers: { Origin: origin, 'Access-Control-Request-Method': 'DELETE', 'Access-Control-Request-Headers': 'authorization' },
        });
      const allowed = await preflight('https://portal.example');
      assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://portal.example');
      assert.match(allowed.headers.get('access-control-allow-methods') ?? '', /\bDELETE\b/);
      assert.match(allowed.headers.get('access-control-allow-headers') ?? '', /\bauthorization\b/i);
      // Hono names the methods to any origin: the allow-origin alone lets the browser go on.
      const other = await preflight('https://evil.example');
      assert.equal(other.headers.get('access-control-allow-origin'), null);
    } finally {
      await cors.stop();
    }
  });
});

describe('DELETE /api/v1/me/shares/{shareId}', () => {
  let server: TestServer;
  let citizen: string;
  before(async () => {
    server = await startTestServer();
    citizen = await token(CITIZEN);
    await server.post([event(CITIZEN, 'profile.verified', '2025-03-02T21:30:00Z'), event(OTHER, 'profile.verified', '2025-03-02T10:00:00Z')]);
  });
  after(() => server.stop());

  it('lets only the owner withdraw: another citizen gets 404, as for a link that never was', async () => {
    const id = await shareId(server, citizen, { achievementId: 'registered' });
    const other = await token(OTHER);
    const foreign = await revoke(server, other, id);
    assert.equal(foreign.status, 404);
    const never = await revoke(server, other, 'A'.repeat(22));
    assert.deepEqual(await foreign.json(), await never.json(), 'the same answer: nothing revealed');
    assert.equal((await revoke(server, citizen, 'not-a-share-id')).status, 404);
    assert.equal((await revoke(server, undefined, id)).status, 401);
    assert.equal((await page(server, id)).status, 200, 'still live');
  });

  it('withdraws: the page and the image then answer 410, with nothing of the achievement', async () => {
    const id = await shareId(server, citizen, { achievementId: 'registered', displayName: 'Анна' });
    assert.equal((await image(server, id)).status, 200);
    const revoked = await revoke(server, citizen, id);
    assert.equal(revoked.status, 204);
    assert.equal(await revoked.text(), '');
    assert.equal((await revoke(server, citizen, id)).status, 204, 'again is harmless');

    const gone = await page(server, id, CRAWLERS[0]);
    assert.equal(gone.status, 410);
    assert.match(gone.headers.get('content-type') ?? '', /^text\/html/);
    const html = await gone.text();
    assert.match(html, /<html lang="ru">/);
    assert.match(html, /Ссылка отозвана/);
    assert.doesNotMatch(html, /og:|Регистрация|Анна/);
    const goneImage = await image(server, id);
    assert.equal(goneImage.status, 410);
    assert.equal(((await goneImage.json()) as ErrorBody).error.code, 'gone');
  });
});

describe('GET /s/{shareId}', () => {
  let server: TestServer;
  let citizen: string;
  let anonymousId: string;
  before(async () => {
    server = await startTestServer();
    citizen = await token(CITIZEN);
    await server.post([
      // 21:30 UTC on 2 March is already 3 March in Moscow.
      event(CITIZEN, 'profile.verified', '2025-03-02T21:30:00Z'),
      event(CITIZEN, 'application.completed', '2025-03-05T09:00:00Z', { attributes: { processingHours: 5 } }),
    ]);
    anonymousId = await shareId(server, citizen, { achievementId: 'registered' });
  });
  after(() => server.stop());

  it('serves every Open Graph and Twitter tag, with absolute URLs, to people and to crawlers alike', async () => {
    const url = `${PUBLIC_URL}/s/${anonymousId}`;
    for (const userAgent of [undefined, ...CRAWLERS]) {
      const response = await page(server, anonymousId, userAgent);
      assert.equal(response.status, 200, userAgent);
      assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
      const html = await response.text();
      const tags = metaTags(html);
      assert.deepEqual(
        Object.fromEntries(['og:url', 'og:type', 'og:locale', 'og:image', 'og:image:type', 'og:image:width', 'og:image:height', 'twitter:card', 'robots'].map((key) => [key, tags.get(key)])),
        {
          'og:url': url,
          'og:type': 'website',
          'og:locale': 'ru_RU',
          'og:image': `${url}/image.png`,
          'og:image:type': 'image/png',
          'og:image:width': '1200',
          'og:image:height': '630',
          'twitter:card': 'summary_large_image',
          robots: 'noindex',
        },
        userAgent,
      );
      assert.equal(tags.get('og:title'), 'Регистрация');
      assert.match(tags.get('og:description')!, /^Достижение на портале госуслуг\. Зарегистрируйтесь/);
      assert.equal(tags.get('description'), tags.get('og:description'));
      assert.ok(tags.get('og:site_name'));
      assert.ok(tags.get('og:image:alt')?.includes('Регистрация'));
      assert.match(html, /^<!doctype html>\n<html lang="ru">/);
      assert.match(html, /<title>Регистрация — [^<]+<\/title>/);
      assert.ok(html.includes(`<link rel="canonical" href="${url}">`));
    }
  });

  it('shows the badge, the title, the description and the date earned in Moscow, and links to the portal', async () => {
    const html = await (await page(server, anonymousId)).text();
    assert.ok(html.includes(`<img src="${PUBLIC_URL}/api/v1/icons/registered.svg" alt=""`));
    assert.match(html, /<h1>Регистрация<\/h1>/);
    assert.match(html, /Зарегистрируйтесь в личном кабинете/);
    assert.match(html, /Получено <time datetime="2025-03-03">3 марта 2025 г\.<\/time>/);
    assert.ok(html.includes(`<a href="${PUBLIC_URL}/">Перейти на портал госуслуг</a>`));
  });

  it('shows an earned hidden achievement with its real title', async () => {
    const tags = metaTags(await (await page(server, await shareId(server, citizen, { achievementId: 'express' }))).text());
    assert.equal(tags.get('og:title'), 'Экспресс‑оформление');
  });

  it('carries nothing of the citizen without a chosen name: no user id, no name', async () => {
    const response = await page(server, anonymousId);
    const html = await response.text();
    assert.ok(!html.includes(CITIZEN), 'the user id is not in the page');
    assert.ok(![...response.headers.values()].some((value) => value.includes(CITIZEN)), 'nor in its headers');
    const png = await image(server, anonymousId);
    assert.ok(![...png.headers.values()].some((value) => value.includes(CITIZEN)), 'nor in the image’s headers');
    assert.ok(!Buffer.from(await png.arrayBuffer()).includes(CITIZEN), 'nor in the image');
    assert.doesNotMatch(html, /делится/);
  });

  it('shows a chosen name, escaped everywhere', async () => {
    const name = '<script>alert("x")</script> Анна & Co';
    const id = await shareId(server, citizen, { achievementId: 'registered', displayName: name });
    const html = await (await page(server, id)).text();
    assert.doesNotMatch(html, /<script/i);
    assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Анна &amp; Co делится достижением на портале госуслуг'));
    assert.equal(metaTags(html).get('og:description')?.startsWith(`${name} делится достижением`), true);
    assert.ok(!html.includes(CITIZEN));
  });

  it('runs under a strict CSP: no script at all, its one stylesheet allowed by hash', async () => {
    const response = await page(server, anonymousId);
    const csp = response.headers.get('content-security-policy') ?? '';
    const html = await response.text();
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /script-src|unsafe-inline|unsafe-eval/);
    assert.match(csp, new RegExp(`img-src ${PUBLIC_URL.replace(/\./g, '\\.')}(;|$)`));
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    assert.equal(styles.length, 1);
    assert.ok(csp.includes(`style-src 'sha256-${createHash('sha256').update(styles[0]!).digest('base64')}'`), 'the stylesheet’s hash is allowed');
    assert.doesNotMatch(html, /<script|style="|\son\w+=/i);
    assert.equal(response.headers.get('x-robots-tag'), 'noindex');
    assert.equal(response.headers.get('cache-control'), 'public, max-age=300');
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
  });

  it('is never rate limited: a crawler burst gets every preview, whatever the API’s limits', async () => {
    const tight = await startTestServer({ limits: { service: { perSecond: 100, burst: 100 }, citizen: { perSecond: 1, burst: 1 }, authFailures: { perSecond: 1, burst: 1 } } });
    try {
      await tight.post([event(CITIZEN, 'profile.verified', '2025-03-02T21:30:00Z')]);
      const id = await shareId(tight, citizen, { achievementId: 'registered' });
      // This address has spent its citizen and failed sign-in allowances.
      assert.equal((await share(tight, citizen, { achievementId: 'registered' })).status, 429);
      assert.equal((await share(tight, 'not.a.token', { achievementId: 'registered' })).status, 401);
      assert.equal((await share(tight, 'not.a.token', { achievementId: 'registered' })).status, 429);
      const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? image(tight, id) : page(tight, id, CRAWLERS[i % CRAWLERS.length]))));
      assert.deepEqual([...new Set(answers.map((a) => a.status))], [200]);
    } finally {
      await tight.stop();
    }
  });

  it('answers 404 for a link that never was: an HTML page for the page, an Error for the image', async () => {
    for (const id of ['A'.repeat(22), 'short', 'with.dots.in.it.xxxxxxxx']) {
      const missing = await page(server, id);
      assert.equal(missing.status, 404, id);
      assert.match(missing.headers.get('content-type') ?? '', /^text\/html/);
      assert.doesNotMatch(await missing.text(), /og:/);
      const missingImage = await image(server, id);
      assert.equal(missingImage.status, 404);
      assert.equal(((await missingImage.json()) as ErrorBody).error.code, 'not_found');
    }
  });

  it('links to ACH_PORTAL_URL when set', async () => {
    const portal = await startTestServer({ portalUrl: 'https://www.gosuslugi.example/profile' });
    try {
      await portal.post([event(CITIZEN, 'profile.verified', '2025-03-02T21:30:00Z')]);
      const html = await (await page(portal, await shareId(portal, citizen, { achievementId: 'registered' }))).text();
      assert.ok(html.includes('<a href="https://www.gosuslugi.example/profile">'));
    } finally {
      await portal.stop();
    }
  });
});

describe('a share whose achievement a changed catalog dropped', () => {
  it('answers 404, as a link that never was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'civic-shares-'));
    const catalogDir = join(dir, 'catalog');
    cpSync(join(ROOT, 'src/engine/catalog/icons'), join(catalogDir, 'icons'), { recursive: true });
    const catalog = JSON.parse(readFileSync(join(ROOT, 'src/engine/catalog/default.json'), 'utf8')) as { achievements: Array<{ id: string }> };
    writeFileSync(join(catalogDir, 'catalog.json'), JSON.stringify({ ...catalog, achievements: catalog.achievements.filter((a) => a.id !== 'poll-participant') }));
    try {
      const first = await startTestServer({}, {}, dir);
      await first.post([event(CITIZEN, 'profile.verified', '2025-03-02T21:30:00Z'), event(CITIZEN, 'poll.voted', '2025-03-03T10:00:00Z', { attributes: { poll: 'park' } })]);
      const id = await shareId(first, await token(CITIZEN), { achievementId: 'poll-participant' });
      assert.equal((await page(first, id)).status, 200);
      await first.close();
      const second = await startTestServer({ catalogPath: join(catalogDir, 'catalog.json') }, {}, dir);
      try {
        assert.equal((await page(second, id)).status, 404);
        assert.equal((await image(second, id)).status, 404);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('ACH_PUBLIC_URL, the base of every share link', () => {
  const env = (value: string) => ({ ACH_PUBLIC_URL: value, ACH_SERVICE_KEYS: 'key', ACH_JWT_SECRET: 'x'.repeat(32), ACH_DB: ':memory:' });

  it('is an absolute http(s) URL, kept without its trailing slash', () => {
    assert.equal(configFromEnv(env('https://achievements.example/')).publicUrl, 'https://achievements.example');
    assert.equal(configFromEnv(env('https://portal.example/achievements/')).publicUrl, 'https://portal.example/achievements');
    assert.equal(configFromEnv(env('http://[::1]:8787')).publicUrl, 'http://[::1]:8787');
  });

  it('refuses anything else, naming the variable and the value', () => {
    for (const value of ['achievements.example', '/s', '', 'ftp://achievements.example', 'javascript:alert(1)', 'https:achievements.example', 'https://achievements.example/?utm=1', 'https://achievements.example/#top', 'https://user:secret@achievements.example', 'https://achievements .example']) {
      assert.throws(() => configFromEnv(env(value)), (error: Error) => error.message.startsWith('ACH_PUBLIC_URL must be an absolute http(s) URL') && error.message.includes(`"${value}"`), value);
    }
  });

  it('stops the server at start with that message', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env: { ...process.env, ...env('achievements.example'), ACH_PORT: '0' }, encoding: 'utf8', timeout: 20_000 });
    assert.notEqual(run.status, 0, 'it did not start');
    assert.equal(run.signal, null, 'it stopped by itself, not by the timeout');
    assert.match(run.stderr, /ACH_PUBLIC_URL must be an absolute http\(s\) URL .* not "achievements\.example"/);
  });
});
