/** PUT /api/v1/me/feedback/{achievementId} and GET /api/v1/me/feedback against the real server. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestServer } from './helpers.ts';
import { event, startTestServer, token } from './helpers.ts';

interface Feedback {
  achievementId: string;
  rating: number;
  comment?: string;
  updatedAt: string;
}
interface ErrorBody {
  error: { code: string; details?: { issues: Array<{ path: string; message: string }> } };
}

describe('feedback on earned achievements', () => {
  const clock = { now: Date.parse('2025-03-10T12:00:00+03:00') };
  let server: TestServer;
  let olga: string;
  const put = (auth: string | undefined, achievementId: string, body: unknown, contentType = 'application/json') =>
    fetch(`${server.url}/api/v1/me/feedback/${achievementId}`, {
      method: 'PUT',
      headers: { 'Content-Type': contentType, ...(auth ? { Authorization: `Bearer ${auth}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const list = async (auth: string) => ((await (await fetch(`${server.url}/api/v1/me/feedback`, { headers: { Authorization: `Bearer ${auth}` } })).json()) as { feedback: Feedback[] }).feedback;

  before(async () => {
    server = await startTestServer({}, { now: () => clock.now });
    await server.post([
      event('olga', 'profile.verified', '2025-03-01T09:00:00Z'),
      event('olga', 'poll.voted', '2025-03-02T09:00:00Z', { attributes: { poll: 'p' } }),
      event('pavel', 'profile.verified', '2025-03-01T09:00:00Z'),
    ]);
    olga = await token('olga');
  });
  after(() => server.stop());

  it('saves a rating with a trimmed plain-text comment, and PUT again replaces it', async () => {
    const saved = await put(olga, 'registered', { rating: 4, comment: '  Удобно, <b>спасибо</b>  ' });
    assert.equal(saved.status, 200);
    assert.deepEqual(await saved.json(), { achievementId: 'registered', rating: 4, comment: 'Удобно, <b>спасибо</b>', updatedAt: '2025-03-10T09:00:00.000Z' });
    clock.now += 60_000;
    const replaced = await put(olga, 'registered', { rating: 2 });
    assert.deepEqual(await replaced.json(), { achievementId: 'registered', rating: 2, updatedAt: '2025-03-10T09:01:00.000Z' });
    assert.deepEqual(await list(olga), [{ achievementId: 'registered', rating: 2, updatedAt: '2025-03-10T09:01:00.000Z' }]);
  });

  it('takes 500 characters (letters, not bytes), treats an empty comment as none, and lists each citizen’s own', async () => {
    const long = 'ж'.repeat(500);
    assert.equal((await put(olga, 'poll-participant', { rating: 5, comment: long })).status, 200);
    assert.deepEqual((await (await put(olga, 'poll-participant', { rating: 5, comment: '   ' })).json()) as Feedback, {
      achievementId: 'poll-participant',
      rating: 5,
      updatedAt: new Date(clock.now).toISOString(),
    });
    assert.deepEqual((await list(olga)).map((f) => f.achievementId), ['poll-participant', 'registered']);
    assert.deepEqual(await list(await token('pavel')), []);
  });

  it('refuses a rating outside 1–5, a long comment, control or invisible characters, unknown fields (400)', async () => {
    const cases: Array<[string, unknown, string]> = [
      ['0', { rating: 0 }, 'rating'],
      ['6', { rating: 6 }, 'rating'],
      ['3.5', { rating: 3.5 }, 'rating'],
      ['a string', { rating: '5' }, 'rating'],
      ['none', { comment: 'no rating' }, 'rating'],
      ['501 characters', { rating: 3, comment: 'ж'.repeat(501) }, 'comment'],
      ['a new line', { rating: 3, comment: 'one\ntwo' }, 'comment'],
      ['a bell', { rating: 3, comment: 'ding\u0007' }, 'comment'],
      ['a right-to-left override', { rating: 3, comment: 'abc\u202Edef' }, 'comment'],
      ['a number', { rating: 3, comment: 42 }, 'comment'],
      ['an unknown field', { rating: 3, stars: 3 }, 'stars'],
      ['an array', [3], 'body'],
    ];
    for (const [label, body, path] of cases) {
      const response = await put(olga, 'registered', body);
      assert.equal(response.status, 400, label);
      const error = ((await response.json()) as ErrorBody).error;
      assert.equal(error.code, 'invalid_request', label);
      assert.equal(error.details?.issues[0]?.path, path, label);
    }
    assert.equal((await put(olga, 'registered', '{"rating":')).status, 400);
    assert.equal((await put(olga, 'registered', 'rating=3', 'application/x-www-form-urlencoded')).status, 415);
    assert.equal((await list(olga)).find((f) => f.achievementId === 'registered')?.rating, 2, 'nothing stored');
  });

  it('accepts only an earned achievement (403 not_earned), a known one (404), a signed-in citizen (401)', async () => {
    const cases: Array<[string, Response, number, string]> = [
      ['not earned', await put(olga, 'e-signer', { rating: 5 }), 403, 'not_earned'],
      ['another’s unlock', await put(await token('pavel'), 'poll-participant', { rating: 5 }), 403, 'not_earned'],
      ['unknown', await put(olga, 'no-such-achievement', { rating: 5 }), 404, 'not_found'],
      ['no token', await put(undefined, 'registered', { rating: 5 }), 401, 'unauthenticated'],
    ];
    for (const [label, response, status, code] of cases) {
      assert.equal(response.status, status, label);
      assert.equal(((await response.json()) as ErrorBody).error.code, code, label);
    }
    assert.equal((await fetch(`${server.url}/api/v1/me/feedback`)).status, 401);
  });
});
