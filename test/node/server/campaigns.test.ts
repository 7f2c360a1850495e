/**
 * Campaigns (турниры) against the real server on a temporary SQLite file, with a clock the tests
 * move: joining and leaving, eligibility, scores inside the window only (late events too),
 * leaderboard order and ties, live announcements once per moment, prizes once.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { compileCatalog } from '../../../src/engine/index.ts';
import type { ValidationError } from '../../../src/engine/index.ts';
import catalogJson from '../../../src/engine/catalog/default.json' with { type: 'json' };
import { compileCampaigns, loadCampaigns } from '../../../server/campaigns/definition.ts';
import { prizePoints } from '../../../server/campaigns/integration.ts';
import { announceCampaigns } from '../../../server/campaigns/lifecycle.ts';
import { ingest } from '../../../server/ingest.ts';
import type { TestServer } from './helpers.ts';
import { event, openStream, startTestServer, token } from './helpers.ts';

const catalog = compileCatalog(catalogJson);
const msk = (text: string) => `${text}+03:00`;
const at = (text: string) => Date.parse(msk(text));

const CAMPAIGNS = {
  campaigns: [
    {
      id: 'spring',
      title: { ru: 'Весенний турнир', en: 'Spring tournament' },
      description: { ru: 'Баллы за март.', en: 'Points in March.' },
      startsAt: msk('2025-03-01T00:00:00'),
      endsAt: msk('2025-04-01T00:00:00'),
      score: { points: true },
      prizes: [
        { places: [1, 1], points: 500, rewardId: 'priority-booking' },
        { places: [2, 3], points: 100 },
      ],
      leaderboardSize: 3,
    },
    {
      id: 'polls',
      title: { ru: 'Неделя опросов', en: 'Poll week' },
      description: { ru: 'Голосуйте в приложении.', en: 'Vote in the app.' },
      startsAt: msk('2025-03-10T00:00:00'),
      endsAt: msk('2025-03-17T00:00:00'),
      score: { count: { type: 'poll.voted', channel: 'mobile' } },
      eligibility: { minLevel: 'active', verified: true },
      prizes: [],
    },
    {
      id: 'noon',
      title: { ru: 'Сутки с полудня', en: 'A day from noon' },
      description: { ru: 'С 9 утра до 9 утра.', en: 'From 9 am to 9 am.' },
      startsAt: msk('2025-03-15T09:00:00'),
      endsAt: msk('2025-03-16T09:00:00'),
      score: { points: true },
      prizes: [],
    },
    {
      id: 'later',
      title: { ru: 'Майский турнир', en: 'May tournament' },
      description: { ru: 'Скоро.', en: 'Soon.' },
      startsAt: msk('2025-05-01T00:00:00'),
      endsAt: msk('2025-06-01T00:00:00'),
      score: { points: true },
      prizes: [],
    },
    {
      id: 'past',
      title: { ru: 'Январский турнир', en: 'January tournament' },
      description: { ru: 'Прошёл.', en: 'Over.' },
      startsAt: msk('2025-01-01T00:00:00'),
      endsAt: msk('2025-02-01T00:00:00'),
      score: { points: true },
      prizes: [{ places: [1, 1], points: 50 }],
    },
  ],
};

interface Board {
  campaignId: string;
  updatedAt: string;
  top: Array<{ rank: number; displayName: string; score: number }>;
  me?: { rank: number; score: number; displayName: string };
}
interface Listed {
  id: string;
  title: string;
  status: string;
  score: string;
  prizes: Array<{ places: number[]; points?: number; rewardId?: string; label: string }>;
  me?: { joined: boolean; eligible: boolean; rank?: number; score?: number };
}
interface ErrorBody {
  error: { code: string; message: string };
}

function writeCampaigns(dir: string, content: unknown = CAMPAIGNS): string {
  const file = join(dir, 'campaigns.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
}

/** A server over `dir` with the test campaigns and a clock the test moves. */
async function serverAt(dir: string, clock: { now: number }): Promise<TestServer> {
  return startTestServer({ campaignsPath: writeCampaigns(dir) }, { now: () => clock.now, heartbeatMs: 200 }, dir);
}

function client(server: TestServer) {
  const tokens = new Map<string, string>();
  const auth = async (userId: string | undefined): Promise<Record<string, string>> => {
    if (!userId) return {};
    if (!tokens.has(userId)) tokens.set(userId, await token(userId));
    return { Authorization: `Bearer ${tokens.get(userId)}` };
  };
  return {
    async join(userId: string, id: string, lang = 'ru') {
      return fetch(`${server.url}/api/v1/me/campaigns/${id}/participation`, { method: 'POST', headers: { ...(await auth(userId)), 'Accept-Language': lang } });
    },
    async leave(userId: string, id: string) {
      return fetch(`${server.url}/api/v1/me/campaigns/${id}/participation`, { method: 'DELETE', headers: await auth(userId) });
    },
    async board(id: string, userId?: string, lang = 'ru'): Promise<Board> {
      const response = await fetch(`${server.url}/api/v1/campaigns/${id}/leaderboard`, { headers: { ...(await auth(userId)), 'Accept-Language': lang } });
      assert.equal(response.status, 200, await response.clone().text());
      return (await response.json()) as Board;
    },
    async list(userId?: string, lang = 'ru'): Promise<Listed[]> {
      const response = await fetch(`${server.url}/api/v1/campaigns`, { headers: { ...(await auth(userId)), 'Accept-Language': lang } });
      assert.equal(response.status, 200);
      return ((await response.json()) as { campaigns: Listed[] }).campaigns;
    },
    async post(events: unknown[]) {
      const response = await server.post(events);
      assert.equal(response.status, 200, await response.clone().text());
      return response;
    },
  };
}

/** PUT /me/preferences { gamification }. */
async function setGamification(server: TestServer, userId: string, on: boolean): Promise<void> {
  const response = await fetch(`${server.url}/api/v1/me/preferences`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${await token(userId)}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ gamification: on }),
  });
  assert.equal(response.status, 200, await response.text());
}

const names = (board: Board) => board.top.map((row) => row.displayName);
const scores = (board: Board) => board.top.map((row) => row.score);
const tagOf = (displayName: string) => Number(displayName.split(' ')[1]);

describe('campaign definitions', () => {
  const broken = (change: (campaign: Record<string, unknown>) => void) => {
    const content = structuredClone(CAMPAIGNS) as { campaigns: Array<Record<string, unknown>> };
    change(content.campaigns[1]!);
    try {
      compileCampaigns(content, catalog, new Set(['priority-booking']));
    } catch (error) {
      return (error as ValidationError).message;
    }
    assert.fail('expected the campaigns to be rejected');
  };

  it('accepts the test file and the built-in one', () => {
    assert.equal(compileCampaigns(CAMPAIGNS, catalog).list.length, 5);
    const builtIn = loadCampaigns(undefined, catalog);
    assert.ok(builtIn.list.length >= 1);
    for (const campaign of builtIn.list) assert.match(campaign.definition.startsAt, /\+03:00$/, 'Moscow time in the default file');
  });

  it('names the campaign and the field of each mistake', () => {
    const cases: Array<[(c: Record<string, unknown>) => void, string]> = [
      [(c) => (c.endsAt = c.startsAt), 'polls: endsAt: expected a time after startsAt'],
      [(c) => (c.startsAt = '2025-03-10T00:00:00'), 'polls: startsAt: expected an RFC 3339 date-time with an offset, e.g. 2026-12-01T00:00:00+03:00'],
      [(c) => (c.score = { count: { type: 'Poll Voted' } }), 'polls: score.count.type: expected lower-case letters, digits and . _ -'],
      [(c) => (c.score = { count: { type: 'poll.voted', chanel: 'mobile' } }), 'polls: score.count.chanel: unknown field'],
      [(c) => (c.score = { points: false }), 'polls: score.points: expected true'],
      [(c) => (c.eligibility = { minLevel: 'guru' }), 'polls: eligibility.minLevel: unknown level "guru"; the catalog has newcomer|active|experienced|expert|professional'],
      [(c) => (c.prizes = [{ places: [3, 1], points: 5 }]), 'polls: prizes[0].places: expected from ≤ to'],
      [(c) => (c.prizes = [{ places: [1, 3], points: 5 }, { places: [3, 4], points: 1 }]), 'polls: prizes[1].places: overlaps the places of another prize'],
      [(c) => (c.prizes = [{ places: [1, 1] }]), 'polls: prizes[0]: expected points, a rewardId or both'],
      [(c) => (c.prizes = [{ places: [1, 1], rewardId: 'no-such-reward' }]), 'polls: prizes[0].rewardId: unknown reward "no-such-reward"'],
      [(c) => (c.id = 'spring'), 'spring: id: duplicate id'],
      [(c) => (c.leaderboardSize = 0), 'polls: leaderboardSize: expected at least 1'],
      [(c) => (c.prize = []), 'polls: prize: unknown field'],
      [(c) => delete c.title, 'polls: title: required'],
    ];
    for (const [change, expected] of cases) assert.equal(broken(change), expected);
  });
});

describe('campaigns and leaderboards', () => {
  const dir = mkdtempSync(join(tmpdir(), 'civic-campaigns-'));
  const clock = { now: at('2025-03-15T12:00:00') };
  let server: TestServer;
  let api: ReturnType<typeof client>;
  const verified = (userId: string) => event(userId, 'profile.verified', msk('2025-02-01T10:00:00'));
  const application = (userId: string, time: string) => event(userId, 'application.submitted', msk(time));

  before(async () => {
    server = await serverAt(dir, clock);
    api = client(server);
    await api.post([
      verified('anna'),
      application('anna', '2025-02-20T10:00:00'), // before the window: neither its points nor first-request count
      application('anna', '2025-03-02T10:00:00'), // +10
      event('anna', 'poll.voted', msk('2025-03-03T10:00:00'), { attributes: { poll: 'p1' } }), // +3 and poll-participant +10
      verified('boris'),
      application('boris', '2025-03-04T10:00:00'), // +10 and first-request +20: 30 on 4 March
      verified('clara'),
      application('clara', '2025-03-05T10:00:00'), // 30 on 5 March
      verified('eve'),
      application('eve', '2025-03-06T10:00:00'), // 30 on 6 March
      verified('fedor'),
      application('fedor', '2025-03-06T10:00:00'), // 30 on 6 March, the same instant
      verified('dima'),
      application('dima', '2025-02-28T23:59:59'), // one second before the start
      application('gleb', '2025-03-07T10:00:00'), // never verified
    ]);
  });
  after(() => server.stop());

  it('lists the campaigns by status, localized, with prizes in words; a citizen sees their own standing', async () => {
    const anonymous = await api.list();
    assert.deepEqual(anonymous.map((c) => [c.id, c.status]), [
      ['spring', 'active'],
      ['polls', 'active'],
      ['noon', 'active'],
      ['later', 'upcoming'],
      ['past', 'finished'],
    ]);
    assert.ok(anonymous.every((c) => c.me === undefined));
    const spring = anonymous[0]!;
    assert.equal(spring.title, 'Весенний турнир');
    assert.equal(spring.score, 'points');
    assert.deepEqual(spring.prizes.map((p) => p.label), ['1 место: 500 баллов и «Приоритетный слот онлайн‑записи»', '2–3 места: 100 баллов']);
    assert.equal(anonymous[1]!.score, 'count');
    const english = await api.list('anna', 'en');
    assert.equal(english[0]!.title, 'Spring tournament');
    assert.deepEqual(english[0]!.prizes.map((p) => p.label), ['Place 1: 500 points and “Priority slot for online booking”', 'Places 2–3: 100 points']);
    assert.deepEqual(english[0]!.me, { joined: false, eligible: true });
    // The poll week wants the «active» level (100 points); anna has 63.
    assert.deepEqual(english[1]!.me, { joined: false, eligible: false });
    const gleb = await api.list('gleb');
    assert.deepEqual(gleb[0]!.me, { joined: false, eligible: false });
  });

  it('joins under a pseudonym, never a name or an id; joining again changes nothing', async () => {
    const response = await api.join('anna', 'spring');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const body = (await response.json()) as { joined: boolean; displayName: string };
    assert.equal(body.joined, true);
    assert.match(body.displayName, /^Участник \d{4,}$/);
    assert.ok(!body.displayName.includes('anna'));
    const again = (await (await api.join('anna', 'spring', 'en')).json()) as { displayName: string };
    assert.equal(again.displayName, `Participant ${tagOf(body.displayName)}`);
    const board = await api.board('spring', 'anna');
    assert.deepEqual(board.top, [{ rank: 1, displayName: body.displayName, score: 23 }]);
    assert.deepEqual(board.me, { rank: 1, score: 23, displayName: body.displayName });
    assert.equal(board.campaignId, 'spring');
    assert.ok(!Number.isNaN(Date.parse(board.updatedAt)));
  });

  it('orders by score, then by who reached it first, then by pseudonym', async () => {
    for (const userId of ['boris', 'clara', 'eve', 'fedor', 'dima']) assert.equal((await api.join(userId, 'spring')).status, 200);
    const pseudonym = async (userId: string) => (await api.board('spring', userId)).me!.displayName;
    const [boris, clara, eve, fedor] = [await pseudonym('boris'), await pseudonym('clara'), await pseudonym('eve'), await pseudonym('fedor')];
    const [first, second] = tagOf(eve) < tagOf(fedor) ? [eve, fedor] : [fedor, eve];
    const board = await api.board('spring', 'dima');
    // Three listed (leaderboardSize 3): 30 on 4 March, 30 on 5 March, 30 on 6 March (the lower pseudonym).
    assert.deepEqual(names(board), [boris, clara, first]);
    assert.deepEqual(scores(board), [30, 30, 30]);
    assert.deepEqual(board.top.map((row) => row.rank), [1, 2, 3]);
    // Dima's event a second before the start does not count: rank 6 of 6, beyond the top.
    assert.deepEqual(board.me, { rank: 6, score: 0, displayName: board.me!.displayName });
    assert.equal((await api.board('spring', 'anna')).me!.rank, 5);
    const listed = await api.list(tagOf(second) === tagOf(eve) ? 'eve' : 'fedor');
    assert.deepEqual(listed[0]!.me, { joined: true, eligible: true, rank: 4, score: 30 });
    // The same ranking again: deterministic.
    assert.deepEqual(await api.board('spring', 'dima'), board);
  });

  it('counts a late event inside the window, as if it had come in order', async () => {
    const before = await api.board('spring');
    // Clara's application of 1 March arrives after her 5 March one: +10, and first-request moves to 1 March (still inside).
    await api.post([application('clara', '2025-03-01T09:00:00')]);
    const board = await api.board('spring', 'clara');
    assert.deepEqual(board.me?.score, 40);
    assert.deepEqual(names(board), [board.me!.displayName, before.top[0]!.displayName, before.top[2]!.displayName]);
    assert.deepEqual(scores(board), [40, 30, 30]);
    assert.ok(Date.parse(board.updatedAt) >= Date.parse(before.updatedAt));
  });

  it('keeps a citizen who has not joined off the board, and shows them no standing', async () => {
    const response = await api.board('spring', 'boris');
    assert.ok(response.me);
    const outsider = await api.board('spring', 'nina');
    assert.equal(outsider.me, undefined);
    assert.equal(outsider.top.length, 3);
  });

  it('drops a citizen who leaves at once, and gives them the same pseudonym when they come back', async () => {
    const boris = (await api.board('spring', 'boris')).me!;
    assert.equal(boris.rank, 2);
    const left = await api.leave('boris', 'spring');
    assert.equal(left.status, 204);
    assert.equal(await left.text(), '');
    const without = await api.board('spring', 'boris');
    assert.equal(without.me, undefined);
    assert.ok(!names(without).includes(boris.displayName));
    assert.equal((await api.board('spring', 'anna')).me!.rank, 4);
    assert.deepEqual((await api.list('boris'))[0]!.me, { joined: false, eligible: true });
    assert.equal((await api.leave('boris', 'spring')).status, 204, 'leaving twice is harmless');
    const back = (await (await api.join('boris', 'spring')).json()) as { displayName: string };
    assert.equal(back.displayName, boris.displayName);
    assert.deepEqual((await api.board('spring', 'boris')).me, boris);
  });

  it('refuses the unverified, the levels below the minimum, a finished or unknown campaign, and anyone without a token', async () => {
    const cases: Array<[Response, number, string]> = [
      [await api.join('gleb', 'spring'), 403, 'not_eligible'],
      [await api.join('anna', 'polls'), 403, 'not_eligible'],
      [await api.join('anna', 'past'), 409, 'campaign_finished'],
      [await api.join('anna', 'no-such-campaign'), 404, 'not_found'],
      [await api.leave('anna', 'no-such-campaign'), 404, 'not_found'],
      [await fetch(`${server.url}/api/v1/me/campaigns/spring/participation`, { method: 'POST' }), 401, 'unauthenticated'],
      [await fetch(`${server.url}/api/v1/me/campaigns/spring/participation`, { method: 'DELETE' }), 401, 'unauthenticated'],
      [await fetch(`${server.url}/api/v1/campaigns/no-such-campaign/leaderboard`), 404, 'not_found'],
      [await fetch(`${server.url}/api/v1/campaigns`, { headers: { Authorization: 'Bearer not-a-token' } }), 401, 'unauthenticated'],
    ];
    for (const [response, status, code] of cases) {
      assert.equal(response.status, status, code);
      assert.equal(((await response.json()) as ErrorBody).error.code, code);
    }
    // An upcoming campaign can be joined.
    assert.equal((await api.join('anna', 'later')).status, 200);
    assert.deepEqual((await api.board('later', 'anna')).me?.score, 0);
  });

  it('counts matching events after verification only, with the engine’s filter, for a count campaign', async () => {
    await api.post([
      event('hana', 'poll.voted', msk('2025-03-09T08:00:00'), { channel: 'mobile', attributes: { poll: 'a' } }), // before the window
      event('hana', 'poll.voted', msk('2025-03-10T08:00:00'), { channel: 'mobile', attributes: { poll: 'b' } }), // before verification
      event('hana', 'profile.verified', msk('2025-03-10T09:00:00')),
      event('hana', 'poll.voted', msk('2025-03-11T10:00:00'), { channel: 'mobile', attributes: { poll: 'c' } }),
      event('hana', 'poll.voted', msk('2025-03-12T10:00:00'), { channel: 'web', attributes: { poll: 'd' } }), // not in the app
      event('hana', 'poll.voted', msk('2025-03-12T11:00:00'), { channel: 'mobile', attributes: { poll: 'e' } }),
    ]);
    assert.equal((await api.join('hana', 'polls')).status, 403, 'below the «active» level');
    // Six applications on 13 March: 50 points (capped at five a day), first-request 20, regular-user 40.
    await api.post(['08', '09', '10', '11', '12', '13'].map((hour) => application('hana', `2025-03-13T${hour}:00:00`)));
    assert.equal((await api.join('hana', 'polls')).status, 200);
    const board = await api.board('polls', 'hana');
    assert.deepEqual(board.me?.score, 2);
    assert.deepEqual((await api.list('hana')).find((c) => c.id === 'polls')!.me, { joined: true, eligible: true, rank: 1, score: 2 });
  });

  it('counts per-action points with the engine’s caps, started where the cap’s period starts', async () => {
    // The window opens at 9:00; the day's cap of five applications counts from midnight.
    await api.post([verified('nina'), ...['07:00', '08:00', '08:30', '09:30', '10:00', '10:30', '11:00'].map((time) => application('nina', `2025-03-15T${time}:00`))]);
    assert.equal((await api.join('nina', 'noon')).status, 200);
    // first-request (07:00) and regular-user (08:30) came before 9:00; of the four after it, two fit under the cap.
    assert.equal((await api.board('noon', 'nina')).me?.score, 20);
    // In the month's campaign all of it counts: 5 × 10 + 20 + 40.
    assert.equal((await api.join('nina', 'spring')).status, 200);
    assert.equal((await api.board('spring', 'nina')).me?.score, 110);
  });

  it('takes a citizen who turns gamification off out of every campaign at once, and lets them join again only once it is back on', async () => {
    await api.post([verified('oleg'), application('oleg', '2025-03-15T11:00:00')]);
    assert.equal((await api.join('oleg', 'spring')).status, 200);
    assert.equal((await api.join('oleg', 'noon')).status, 200);
    const pseudonym = (await api.board('spring', 'oleg')).me!.displayName;
    await setGamification(server, 'oleg', false);
    for (const id of ['spring', 'noon']) {
      const board = await api.board(id, 'oleg');
      assert.equal(board.me, undefined, id);
      assert.ok(!names(board).includes(pseudonym));
    }
    const refused = await api.join('oleg', 'spring');
    assert.equal(refused.status, 403);
    assert.equal(((await refused.json()) as ErrorBody).error.code, 'not_eligible');
    assert.deepEqual((await api.list('oleg'))[0]!.me, { joined: false, eligible: false });
    await setGamification(server, 'oleg', true);
    assert.deepEqual((await api.list('oleg'))[0]!.me, { joined: false, eligible: true }, 'back on, not back in: joining is the citizen’s choice');
    assert.equal((await api.join('oleg', 'spring')).status, 200);
    assert.equal((await api.board('spring', 'oleg')).me!.displayName, pseudonym);
    assert.equal((await api.leave('oleg', 'spring')).status, 204);
  });

  it('reads the top N in index order and a rank by counting the rows ahead', () => {
    const sqlite = new BetterSqlite3(join(dir, 'test.sqlite'), { readonly: true });
    try {
      const plan = (query: string) =>
        (sqlite.prepare(`EXPLAIN QUERY PLAN ${query}`).all('spring') as Array<{ detail: string }>).map((row) => row.detail).join('; ');
      const topPlan = plan('select tag, score from campaign_participants where campaign_id = ? and joined = 1 order by score desc, reached_at asc, tag asc limit 10');
      assert.match(topPlan, /USING (COVERING )?INDEX campaign_participants_board/);
      assert.doesNotMatch(topPlan, /TEMP B-TREE/);
      // A rank: the rows with a higher score, then those with the same score ahead of it.
      for (const ahead of ['score > 30', 'score = 30 and (reached_at < 0 or (reached_at = 0 and tag < 5))']) {
        assert.match(plan(`select count(*) from campaign_participants where campaign_id = ? and joined = 1 and ${ahead}`), /USING COVERING INDEX campaign_participants_board \(campaign_id=\? AND joined=\? AND score[>=]/);
      }
    } finally {
      sqlite.close();
    }
  });

  it('counts an event up to the end, not at it, while late events may still come; then awards prizes once', async () => {
    clock.now = at('2025-04-01T00:30:00');
    await api.post([application('dima', '2025-03-31T23:59:59'), application('dima', '2025-04-01T00:00:00')]);
    assert.equal((await api.board('spring', 'dima')).me?.score, 10);
    assert.equal((await api.join('eve', 'spring')).status, 409);
    assert.deepEqual((await api.list()).map((c) => [c.id, c.status]), [
      ['later', 'upcoming'],
      ['spring', 'finished'],
      ['polls', 'finished'],
      ['noon', 'finished'],
      ['past', 'finished'],
    ]);

    const final = await api.board('spring');
    clock.now = at('2025-04-01T01:30:00');
    await server.sweep();
    const prizes = () => {
      const sqlite = new BetterSqlite3(join(dir, 'test.sqlite'), { readonly: true });
      try {
        return sqlite.prepare("select user_id, place, points, reward_id from campaign_prizes where campaign_id = 'spring' order by place").all();
      } finally {
        sqlite.close();
      }
    };
    // nina 110, clara 40, then boris 30 (4 March).
    const awarded = [
      { user_id: 'nina', place: 1, points: 500, reward_id: 'priority-booking' },
      { user_id: 'clara', place: 2, points: 100, reward_id: null },
      { user_id: 'boris', place: 3, points: 100, reward_id: null },
    ];
    assert.deepEqual(prizes(), awarded);
    assert.deepEqual(scores(final), [110, 40, 30]);
    assert.equal(await prizePoints(server.context.db, 'nina'), 500);
    // The reward prize is a redemption at no cost; the points prize adds to the balance (120 earned + 500).
    const redemptions = async () => {
      const response = await fetch(`${server.url}/api/v1/me/redemptions`, { headers: { Authorization: `Bearer ${await token('nina')}` } });
      const body = (await response.json()) as { balance: number; redemptions: Array<{ rewardId: string; cost: number }> };
      return { balance: body.balance, redemptions: body.redemptions.map((r) => [r.rewardId, r.cost]) };
    };
    assert.deepEqual(await redemptions(), { balance: 620, redemptions: [['priority-booking', 0]] });
    assert.equal(await prizePoints(server.context.db, 'eve'), 0);

    // Final: a late event now changes nothing; again and after a restart, no second award.
    await api.post([application('anna', '2025-03-31T20:00:00')]);
    await server.sweep();
    assert.deepEqual((await api.board('spring')).top, final.top);
    await server.close();
    server = await serverAt(dir, clock);
    api = client(server);
    await server.sweep();
    assert.deepEqual(prizes(), awarded);
    assert.equal(await prizePoints(server.context.db, 'nina'), 500);
    assert.deepEqual(await redemptions(), { balance: 620, redemptions: [['priority-booking', 0]] });
  });
});

describe('campaign announcements on the live stream', () => {
  const dir = mkdtempSync(join(tmpdir(), 'civic-campaigns-live-'));
  const clock = { now: at('2025-04-29T12:00:00') };
  let server: TestServer;
  before(async () => {
    server = await serverAt(dir, clock);
  });
  after(() => server.stop());

  const campaignEvents = (messages: Array<{ event?: string; data: string }>) => messages.filter((m) => m.event === 'campaign').map((m) => JSON.parse(m.data) as { id: string; status: string; title: string });

  it('announces a campaign 24 h before, at the start and at the end, each once, even across a restart; not to a citizen with gamification off', async () => {
    const olga = await token('olga');
    const petr = await token('petr');
    await setGamification(server, 'petr', false);
    let stream = await openStream(server.url, olga);
    const petrStream = await openStream(server.url, petr);
    // Nothing fresh at start: the other campaigns' moments are long past, and are not announced late.
    await server.sweep();
    clock.now = at('2025-04-30T00:00:01');
    await server.sweep();
    const upcoming = await stream.next((m) => m.event === 'campaign');
    assert.deepEqual(JSON.parse(upcoming.data), { id: 'later', status: 'upcoming', title: 'Майский турнир' });
    assert.match(upcoming.id ?? '', /^\d+$/);
    await server.sweep();
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(campaignEvents(stream.messages).length, 1);
    await stream.close();
    assert.deepEqual(petrStream.messages, [], 'gamification off: no campaign events');
    await petrStream.close();
    const petrResumed = await openStream(server.url, petr, String(Number(upcoming.id) - 1));
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(petrResumed.messages, [], 'nor from the backlog');
    await petrResumed.close();

    // A reconnect that missed it gets it from the backlog.
    const resumed = await openStream(server.url, olga, String(Number(upcoming.id) - 1));
    assert.deepEqual(campaignEvents([await resumed.next((m) => m.event === 'campaign')]), [{ id: 'later', status: 'upcoming', title: 'Майский турнир' }]);
    await resumed.close();

    await server.close();
    server = await serverAt(dir, clock);
    stream = await openStream(server.url, olga);
    await server.sweep();
    clock.now = at('2025-05-01T00:00:05');
    await server.sweep();
    await server.sweep();
    const active = await stream.next((m) => m.event === 'campaign');
    assert.deepEqual(JSON.parse(active.data), { id: 'later', status: 'active', title: 'Майский турнир' });
    clock.now = at('2025-06-01T00:00:00');
    await server.sweep();
    await stream.next((m) => m.event === 'campaign' && m.data.includes('finished'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(campaignEvents(stream.messages).map((c) => c.status), ['active', 'finished']);
    await stream.close();
  });
});

describe('a campaign announcement and a batch at the same moment', () => {
  it('reach the stream in the order they were stored, so the stream skips neither', async () => {
    // The default file's winter campaign: upcoming on 30 November, active on 1 December, finished on 1 January.
    const clock = { now: Date.parse('2026-11-29T12:00:00+03:00') };
    const server = await startTestServer({}, { now: () => clock.now });
    const { context } = server;
    try {
      await server.post([event('anna', 'profile.registered', '2026-11-01T10:00:00+03:00'), event('anna', 'profile.verified', '2026-11-01T10:05:00+03:00')]);
      const stream = await openStream(server.url, await token('anna'));
      try {
        await stream.ready();
        for (const [status, when] of [['upcoming', '2026-11-30T00:00:01+03:00'], ['active', '2026-12-01T00:00:01+03:00'], ['finished', '2027-01-01T00:00:01+03:00']] as const) {
          clock.now = Date.parse(when);
          // As the campaign clock's tick and a portal's batch would meet.
          await Promise.all([announceCampaigns(context), ingest(context.db, context.catalog, context.live, [event('anna', 'application.submitted', new Date(clock.now - 60_000).toISOString())], clock.now)]);
          await stream.next((m) => m.event === 'campaign' && (JSON.parse(m.data) as { status: string }).status === status);
        }
        const ids = stream.messages.map((m) => Number(m.id));
        assert.deepEqual(ids, [...ids].sort((a, b) => a - b), 'in the order stored');
      } finally {
        await stream.close();
      }
    } finally {
      await server.stop();
    }
  });
});
