/**
 * The failed sign-in allowance per client address: once spent, every credential from there waits
 * (a right one too, or guessing would go on); a token whose time is over spends none (the client
 * renews it on the 401); behind trusted proxies, X-Forwarded-For names the client.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Config } from '../../../server/config.ts';
import { JWT_SECRET, event, startTestServer, token } from './helpers.ts';

const limits = (authFailures: Config['limits']['authFailures']): Partial<Config> => ({
  limits: { service: { perSecond: 1000, burst: 1000 }, citizen: { perSecond: 1000, burst: 1000 }, authFailures },
});

describe('failed sign-ins per address', () => {
  it('once spent, refuse a right key and a right token too (429), until the allowance refills', async () => {
    const server = await startTestServer(limits({ perSecond: 2, burst: 3 }));
    try {
      const batch = [event('fay', 'app.login', '2025-01-01T00:00:00Z')];
      const guesses = [];
      for (let i = 0; i < 4; i++) guesses.push((await server.post(batch, { key: `guess-${i}` })).status);
      assert.deepEqual(guesses, [401, 401, 401, 429]);
      const right = await server.post(batch);
      assert.equal(right.status, 429, 'the right key waits like a guess');
      assert.ok(Number(right.headers.get('retry-after')) >= 1);
      assert.equal((await server.me(await token('fay'))).status, 429, 'and so does a right token');
      await new Promise((resolve) => setTimeout(resolve, 600)); // one failure's worth refills
      assert.equal((await server.post(batch)).status, 200);
    } finally {
      await server.stop();
    }
  });

  it('do not count a correctly signed token that has expired or is not valid yet: it is a renewal, not a guess', async () => {
    const server = await startTestServer(limits({ perSecond: 0.001, burst: 2 }));
    try {
      const now = Math.floor(Date.now() / 1000);
      const signed = (claims: object) => {
        const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
        const input = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
        return `${input}.${createHmac('sha256', JWT_SECRET).update(input).digest('base64url')}`;
      };
      const expired = await token('boris', { expiresIn: now - 60 });
      const early = signed({ sub: 'boris', nbf: now + 600, exp: now + 3600 });
      for (let i = 0; i < 10; i++) {
        for (const outOfTime of [expired, early]) {
          const response = await server.me(outOfTime);
          assert.equal(response.status, 401);
          assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'unauthenticated');
        }
      }
      assert.equal((await server.me(await token('anna'))).status, 200, 'the allowance is untouched');
      // An expired token signed with another secret is a guess like any.
      const forged = await token('boris', { expiresIn: now - 60, secret: 'another-secret-another-secret-another' });
      assert.deepEqual([(await server.me(forged)).status, (await server.me(forged)).status, (await server.me(expired)).status], [401, 401, 429]);
    } finally {
      await server.stop();
    }
  });

  it('behind trusted proxies (ACH_TRUSTED_PROXIES), count per client address in X-Forwarded-For, and only there', async () => {
    const me = (server: { me: (t: string | undefined, h?: Record<string, string>) => Promise<Response> }, auth: string, forwardedFor: string) => server.me(auth, { 'X-Forwarded-For': forwardedFor });
    const behind = await startTestServer({ ...limits({ perSecond: 0.001, burst: 2 }), trustedProxies: ['127.0.0.1', '10.0.0.2'] });
    try {
      assert.deepEqual([(await me(behind, 'junk', '203.0.113.7')).status, (await me(behind, 'junk', '203.0.113.7, 10.0.0.2')).status], [401, 401]);
      assert.equal((await me(behind, await token('anna'), '203.0.113.7')).status, 429, 'that client has spent its allowance');
      assert.equal((await me(behind, await token('anna'), '198.51.100.1')).status, 200, 'another client has not');
      // What a client puts before the proxy's own entry is not believed.
      assert.equal((await me(behind, await token('anna'), '198.51.100.1, 203.0.113.7')).status, 429);
    } finally {
      await behind.stop();
    }
    const direct = await startTestServer(limits({ perSecond: 0.001, burst: 2 }));
    try {
      for (const client of ['203.0.113.7', '203.0.113.8']) assert.equal((await me(direct, 'junk', client)).status, 401);
      assert.equal((await me(direct, await token('anna'), '198.51.100.1')).status, 429, 'without trusted proxies the header is ignored');
    } finally {
      await direct.stop();
    }
  });
});
