/** The citizen's endpoints and the public catalog, against the real server. */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { SignJWT, UnsecuredJWT } from 'jose';
import catalogJson from '../../../src/engine/catalog/default.json' with { type: 'json' };
import type { TestServer } from './helpers.ts';
import { JWT_SECRET, SERVICE_KEY, event, startTestServer, token } from './helpers.ts';

/** The catalog's hidden achievements, and every real title and description of them, in both languages. */
const HIDDEN = catalogJson.achievements.filter((a) => a.hidden);
const SECRET_TEXTS = HIDDEN.flatMap((a) => [a.title.ru, a.title.en, a.description.ru, a.description.en]);

interface Me {
  userId: string;
  points: number;
  level: { id: string; title: string; privileges: { id: string }[] };
  achievements: Array<{ id: string; state: string; title?: string; description?: string; unlockedAt?: string; progress: { current: number; target: number } }>;
}

describe('GET /api/v1/me/achievements', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
    await server.post([
      event('alice', 'profile.verified', '2025-01-10T09:00:00Z'),
      event('alice', 'application.completed', '2025-01-12T09:00:00Z', { attributes: { processingHours: 5 } }),
      event('alice', 'signature.used', '2025-01-13T09:00:00Z', { attributes: { procedure: 'tax' } }),
      event('bruno', 'profile.verified', '2025-01-10T09:00:00Z'),
      event('bruno', 'poll.voted', '2025-01-11T09:00:00Z', { attributes: { poll: 'park' } }),
      event('bruno', 'transformation.stage', '2025-01-12T09:00:00Z', { attributes: { stage: 'assessment' } }),
    ]);
  });
  after(() => server.stop());

  it('answers the citizen’s own state, every catalog achievement included', async () => {
    const response = await server.me(await token('alice'));
    assert.equal(response.status, 200);
    const me = (await response.json()) as Me;
    assert.equal(me.userId, 'alice');
    assert.equal(me.achievements.length, 21);
    const byId = new Map(me.achievements.map((a) => [a.id, a]));
    assert.equal(byId.get('registered')?.state, 'unlocked');
    assert.deepEqual(byId.get('e-signer')?.progress, { current: 1, target: 5, remaining: 4 });
    assert.equal(byId.get('poll-participant')?.state, 'locked', 'bruno’s poll is not alice’s');
    // A hidden achievement the citizen earned shows its real title to her.
    assert.equal(byId.get('express')?.title, 'Экспресс‑оформление');
    assert.equal(me.level.title, 'Новичок');
  });

  it('shows another citizen nothing of alice’s', async () => {
    const me = (await (await server.me(await token('bruno'))).json()) as Me;
    assert.equal(me.userId, 'bruno');
    const byId = new Map(me.achievements.map((a) => [a.id, a]));
    assert.equal(byId.get('express')?.state, 'locked');
    assert.equal(byId.get('express')?.title, undefined, 'the secret stays secret');
    assert.equal(byId.get('poll-participant')?.state, 'unlocked');
  });

  it('shows no hidden achievement’s title or description, in either language, to a citizen who has not earned it', async () => {
    assert.deepEqual(HIDDEN.map((a) => a.id), ['express', 'digital-transformation']);
    for (const lang of ['ru', 'en']) {
      const text = await (await server.me(await token('bruno'), { 'Accept-Language': lang })).text();
      for (const secret of SECRET_TEXTS) assert.ok(!text.includes(secret), `${lang} shows "${secret}"`);
      const byId = new Map((JSON.parse(text) as Me).achievements.map((a) => [a.id, a]));
      // One secret untouched, one under way: neither says what it is (the catalog gives the placeholder).
      assert.deepEqual(
        HIDDEN.map(({ id }) => [id, byId.get(id)?.state, byId.get(id)?.title, byId.get(id)?.description]),
        [
          ['express', 'locked', undefined, undefined],
          ['digital-transformation', 'in_progress', undefined, undefined],
        ],
      );
    }
  });

  it('refuses a missing, expired, wrongly signed, unsigned or subject-less token', async () => {
    const secret = new TextEncoder().encode(JWT_SECRET);
    const cases: Array<[string, string | undefined]> = [
      ['none', undefined],
      ['expired', await token('alice', { expiresIn: Math.floor(Date.now() / 1000) - 60 })],
      ['wrong signature', await token('alice', { secret: 'another-secret-another-secret-another' })],
      ['alg none', new UnsecuredJWT({}).setSubject('alice').setExpirationTime('1h').encode()],
      ['no expiry', await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('alice').sign(secret)],
      ['no subject', await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(secret)],
      ['garbage', 'not.a.token'],
    ];
    for (const [label, bad] of cases) {
      const response = await server.me(bad);
      assert.equal(response.status, 401, label);
      const body = (await response.json()) as { error: { code: string } };
      assert.equal(body.error.code, 'unauthenticated', label);
    }
  });

  it('accepts a hand-made HS256 token, and refuses one that differs in any way that matters', async () => {
    /** A compact JWS with the given header and claims, signed with `secret` (jose would not make the odd ones). */
    const jws = (header: object, claims: object, secret = JWT_SECRET) => {
      const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const input = `${part(header)}.${part(claims)}`;
      return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
    };
    const now = Math.floor(Date.now() / 1000);
    const valid = jws({ alg: 'HS256', typ: 'JWT' }, { sub: 'alice', iat: now, nbf: now - 60, exp: now + 3600 });
    assert.equal((await server.me(valid)).status, 200);
    const [header, , signature] = valid.split('.');
    const cases: Array<[string, string]> = [
      ['another algorithm', await new SignJWT({}).setProtectedHeader({ alg: 'HS512' }).setSubject('alice').setExpirationTime('1h').sign(new TextEncoder().encode(JWT_SECRET))],
      ['another algorithm named over an HS256 signature', jws({ alg: 'HS384' }, { sub: 'alice', exp: now + 3600 })],
      ['claims swapped under a valid signature', `${header}.${Buffer.from(JSON.stringify({ sub: 'bruno', exp: now + 3600 })).toString('base64url')}.${signature}`],
      ['a critical extension', jws({ alg: 'HS256', crit: ['exp'] }, { sub: 'alice', exp: now + 3600 })],
      ['not valid yet', jws({ alg: 'HS256' }, { sub: 'alice', nbf: now + 600, exp: now + 3600 })],
      ['expiring this second', jws({ alg: 'HS256' }, { sub: 'alice', exp: now })],
      ['an expiry that is not a number', jws({ alg: 'HS256' }, { sub: 'alice', exp: String(now + 3600) })],
      ['a subject that is not a string', jws({ alg: 'HS256' }, { sub: 42, exp: now + 3600 })],
      ['claims that are not an object', jws({ alg: 'HS256' }, [{ sub: 'alice', exp: now + 3600 }])],
      ['a part more', `${valid}.${signature}`],
      ['a signature with a character more', `${valid}A`],
    ];
    for (const [label, bad] of cases) assert.equal((await server.me(bad)).status, 401, label);
  });

  it('accepts the token from a cookie', async () => {
    const response = await server.me(undefined, { Cookie: `theme=dark; ach_token=${await token('alice')}` });
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as Me).userId, 'alice');
  });

  it('refuses a cookie that is not percent-encoding as a bad token (401), wherever the cookie is read', async () => {
    for (const cookie of ['ach_token=%', 'ach_token=%E0%A4%A']) {
      for (const path of ['/me/achievements', '/me/stream', '/campaigns', '/rewards']) {
        const response = await fetch(`${server.url}/api/v1${path}`, { headers: { Cookie: cookie } });
        assert.equal(response.status, 401, `${cookie} ${path}`);
        assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'unauthenticated');
      }
    }
  });

  it('counts an undecodable cookie as a failed sign-in', async () => {
    const tight = await startTestServer({ limits: { service: { perSecond: 100, burst: 100 }, citizen: { perSecond: 100, burst: 100 }, authFailures: { perSecond: 1, burst: 2 } } });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await tight.me(undefined, { Cookie: 'ach_token=%E0%A4%A' })).status);
      assert.deepEqual(statuses, [401, 401, 429]);
    } finally {
      await tight.stop();
    }
  });

  it('answers 304 to a matching If-None-Match, and a new ETag after new events', async () => {
    const auth = await token('bruno');
    const first = await server.me(auth);
    const etag = first.headers.get('etag')!;
    assert.match(etag, /^W\/"/);
    assert.equal((await server.me(auth, { 'If-None-Match': etag })).status, 304);
    await server.post([event('bruno', 'poll.voted', '2025-01-12T09:00:00Z', { attributes: { poll: 'school' } })]);
    const changed = await server.me(auth, { 'If-None-Match': etag });
    assert.equal(changed.status, 200);
    assert.notEqual(changed.headers.get('etag'), etag);
  });

  it('speaks English when asked', async () => {
    const me = (await (await server.me(await token('alice'), { 'Accept-Language': 'en-GB,en;q=0.9,ru;q=0.5' })).json()) as Me;
    assert.equal(me.level.title, 'Newcomer');
  });
});

describe('GET /api/v1/catalog', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ corsOrigins: ['https://portal.example'] });
  });
  after(() => server.stop());

  interface Catalog {
    language: string;
    achievements: Array<{ id: string; title: string; description: string; hidden: boolean; icon: string; tiers?: unknown[] }>;
    levels: Array<{ id: string; title: string }>;
  }

  it('is public, Russian by default, English on request, with levels', async () => {
    const ru = (await (await fetch(`${server.url}/api/v1/catalog`)).json()) as Catalog;
    assert.equal(ru.language, 'ru');
    assert.equal(ru.achievements.find((a) => a.id === 'first-request')?.title, 'Первый запрос');
    assert.equal(ru.levels[0]?.title, 'Новичок');
    const en = (await (await fetch(`${server.url}/api/v1/catalog`, { headers: { 'Accept-Language': 'en' } })).json()) as Catalog;
    assert.equal(en.achievements.find((a) => a.id === 'first-request')?.title, 'First request');
    assert.equal(en.achievements.find((a) => a.id === 'tenure')?.tiers?.length, 4);
  });

  it('keeps hidden achievements secret: placeholders instead of any real title or description, in either language', async () => {
    const placeholders = { ru: ['Секретное достижение', 'Откроется, когда вы его получите.'], en: ['Secret achievement', 'Revealed once you earn it.'] };
    for (const [lang, placeholder] of Object.entries(placeholders)) {
      const text = await (await fetch(`${server.url}/api/v1/catalog`, { headers: { 'Accept-Language': lang } })).text();
      for (const secret of SECRET_TEXTS) assert.ok(!text.includes(secret), `${lang} shows "${secret}"`);
      const byId = new Map((JSON.parse(text) as Catalog).achievements.map((a) => [a.id, a]));
      for (const { id } of HIDDEN) assert.deepEqual([byId.get(id)?.hidden, byId.get(id)?.title, byId.get(id)?.description], [true, ...placeholder], `${lang} ${id}`);
    }
  });

  it('is cacheable: ETag, 304, Vary', async () => {
    const response = await fetch(`${server.url}/api/v1/catalog`);
    assert.equal(response.headers.get('cache-control'), 'public, max-age=300');
    assert.match(response.headers.get('vary') ?? '', /Accept-Language/);
    const again = await fetch(`${server.url}/api/v1/catalog`, { headers: { 'If-None-Match': response.headers.get('etag')! } });
    assert.equal(again.status, 304);
  });

  it('gives icons as absolute URLs under ACH_PUBLIC_URL, and serves them safely', async () => {
    const catalog = (await (await fetch(`${server.url}/api/v1/catalog`)).json()) as Catalog;
    const icon = catalog.achievements[0]!.icon;
    assert.equal(icon, 'https://achievements.example/api/v1/icons/registered.svg');
    const served = await fetch(`${server.url}${new URL(icon).pathname}`);
    assert.equal(served.status, 200);
    assert.equal(served.headers.get('content-type'), 'image/svg+xml');
    assert.match(served.headers.get('content-security-policy') ?? '', /sandbox/);
    assert.equal((await fetch(`${server.url}/api/v1/icons/..%2Fdefault.json`)).status, 404);
  });

  it('lets only the configured origins read it across origins', async () => {
    const allowed = await fetch(`${server.url}/api/v1/catalog`, { headers: { Origin: 'https://portal.example' } });
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://portal.example');
    const other = await fetch(`${server.url}/api/v1/catalog`, { headers: { Origin: 'https://evil.example' } });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
  });

  it('sends security headers and a JSON 404', async () => {
    const response = await fetch(`${server.url}/api/v1/nothing-here`);
    assert.equal(response.status, 404);
    assert.deepEqual(await response.json(), { error: { code: 'not_found', message: 'No such resource.' } });
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.match(response.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    assert.equal(response.headers.get('x-frame-options'), 'DENY');
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
  });

  it('keeps the two kinds of credentials apart, and refuses bad tokens on the live stream too', async () => {
    assert.equal((await fetch(`${server.url}/api/v1/me/achievements`, { headers: { Authorization: `Bearer ${SERVICE_KEY}` } })).status, 401, 'a service key is no citizen');
    const asCitizen = await fetch(`${server.url}/api/v1/events`, { method: 'POST', headers: { Authorization: `Bearer ${await token('alice')}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ events: [] }) });
    assert.equal(asCitizen.status, 401, 'a citizen token sends no events');
    for (const [label, bad] of [
      ['expired', await token('alice', { expiresIn: Math.floor(Date.now() / 1000) - 10 })],
      ['another secret', await token('alice', { secret: 'another-secret-another-secret-1234567' })],
      ['a service key', SERVICE_KEY],
    ] as const) {
      const response = await fetch(`${server.url}/api/v1/me/stream`, { headers: { Authorization: `Bearer ${bad}` } });
      assert.equal(response.status, 401, label);
      await response.body?.cancel();
    }
  });

  it('answers /healthz', async () => {
    assert.deepEqual(await (await fetch(`${server.url}/healthz`)).json(), { status: 'ok' });
  });
});
