/**
 * The demo citizens `npm start` seeds: through the same seeding a real server gets, their
 * GET /me/achievements answers show every state (earned, in progress, not started, hidden earned
 * and not, tiers, tenure running and broken) on whatever day the demo is started, from about a
 * year of events, and a second start seeds nothing again.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedIfEmpty } from '../../../demo/seed.ts';
import type { TestServer } from '../server/helpers.ts';
import { startTestServer, token } from '../server/helpers.ts';

const DAY = 86_400_000;

interface View {
  id: string;
  state: 'locked' | 'in_progress' | 'unlocked';
  progress: { current: number; target: number };
  tier?: number;
  tiers?: number;
  nextTier?: unknown;
  streak?: { length: number };
  title?: string;
}
type Demo = Map<string, Map<string, View>>;

/** Each state, who shows it, and how. */
const STATES: Array<[string, string, string, (a: View) => boolean]> = [
  ['earned', 'demo-anna', 'e-signer', (a) => a.state === 'unlocked'],
  ['earned by everyone', 'demo-vera', 'registered', (a) => a.state === 'unlocked'],
  ['in progress', 'demo-boris', 'e-signer', (a) => a.state === 'in_progress' && a.progress.current === 2 && a.progress.target === 5],
  ['in progress', 'demo-anna', 'active-voter', (a) => a.state === 'in_progress' && a.progress.current > 0],
  ['not started', 'demo-vera', 'e-signer', (a) => a.state === 'locked' && a.progress.current === 0],
  ['not started', 'demo-boris', 'support-feedback', (a) => a.state === 'locked' && a.progress.current === 0],
  ['hidden, earned (its title shown)', 'demo-anna', 'express', (a) => a.state === 'unlocked' && a.title === 'Экспресс‑оформление'],
  ['hidden, earned (its title shown)', 'demo-anna', 'digital-transformation', (a) => a.state === 'unlocked' && a.title !== undefined],
  ['hidden, not earned (no title)', 'demo-boris', 'express', (a) => a.state === 'locked' && a.title === undefined],
  ['hidden, under way (no title)', 'demo-boris', 'digital-transformation', (a) => a.state === 'in_progress' && a.title === undefined],
  ['the top tier', 'demo-anna', 'daily-mobile', (a) => a.state === 'unlocked' && a.tier === a.tiers && a.tier === 2],
  ['a tier with the next ahead', 'demo-anna', 'tenure', (a) => a.tier === 3 && a.tiers === 4 && a.nextTier !== undefined],
  ['a year of tenure', 'demo-anna', 'tenure', (a) => (a.streak?.length ?? 0) >= 12],
  ['tenure broken (a block, a month without a service)', 'demo-boris', 'tenure', (a) => a.tier === 1 && (a.streak?.length ?? 0) <= 3],
  ['a streak just begun', 'demo-vera', 'daily-mobile', (a) => a.state === 'in_progress' && a.streak?.length === 2],
  ['no tenure yet', 'demo-vera', 'tenure', (a) => a.state === 'locked' && a.streak?.length === 0],
];

/** Starts a server with its clock at `now`, seeds it as `npm start` does, and reads each demo citizen's answer. */
async function seededAt(now: number): Promise<{ server: TestServer; demo: Demo; sent: number }> {
  const server = await startTestServer({}, { now: () => now });
  const citizens = await seedIfEmpty(server.context);
  assert.ok(citizens, 'an empty database is seeded');
  const demo: Demo = new Map();
  for (const { userId } of citizens) {
    const response = await server.me(await token(userId));
    assert.equal(response.status, 200);
    const body = (await response.json()) as { achievements: View[] };
    demo.set(userId, new Map(body.achievements.map((a) => [a.id, a])));
  }
  return { server, demo, sent: citizens.reduce((sum, citizen) => sum + citizen.events.length, 0) };
}

describe('the demo citizens', () => {
  // An ordinary day, just after a Moscow new year, a leap day, the evening a quarter ends.
  for (const day of ['2026-12-03T12:00:00Z', '2027-01-01T00:30:00+03:00', '2028-02-29T12:00:00Z', '2026-03-31T23:30:00+03:00']) {
    it(`show every state when started at ${day}`, async () => {
      const { server, demo } = await seededAt(Date.parse(day));
      try {
        assert.deepEqual([...demo.keys()], ['demo-anna', 'demo-boris', 'demo-vera']);
        for (const [label, userId, id, shows] of STATES) {
          const view = demo.get(userId)?.get(id);
          assert.ok(view && shows(view), `${label}: ${userId}’s ${id} is ${JSON.stringify(view)}`);
        }
      } finally {
        await server.stop();
      }
    });
  }

  describe('seeded as `npm start` does', () => {
    const now = Date.parse('2026-12-03T12:00:00Z');
    let server: TestServer;
    let sent: number;
    const stored = async (db = server.context.db) =>
      db.selectFrom('events').select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('occurred_at').as('first'), eb.fn.max('occurred_at').as('last')]).executeTakeFirstOrThrow();
    before(async () => {
      ({ server, sent } = await seededAt(now));
    });
    after(() => server.stop());

    it('have about a year of dated events, none in the future', async () => {
      const { count, first, last } = await stored();
      assert.equal(count, sent, 'every event the demo citizens have is stored');
      const span = (last - first) / DAY;
      assert.ok(span >= 330 && span <= 400, `the events span ${span.toFixed(0)} days`);
      assert.ok(last <= now, 'nothing after the server’s now');
      assert.ok(now - last < 2 * DAY, 'up to the day the demo starts');
    });

    it('are seeded once: a second start on the same database adds nothing', async () => {
      const { count } = await stored();
      assert.equal(await seedIfEmpty(server.context), undefined);
      // As a second `npm start` does: another server over the same file.
      await server.close();
      server = await startTestServer({}, { now: () => now + DAY }, server.dir);
      assert.equal(await seedIfEmpty(server.context), undefined);
      assert.equal((await stored()).count, count);
    });
  });
});
