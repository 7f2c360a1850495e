/**
 * Rarity in GET /api/v1/catalog: the share of participants (verified, gamification on) who earned
 * each achievement, from a cache refreshed in the background, withheld below 20 participants and
 * for hidden achievements.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RARITY_FLOOR } from '../../../server/rarity.ts';
import type { TestServer } from './helpers.ts';
import { event, startTestServer, token } from './helpers.ts';

interface Catalog {
  achievements: Array<{ id: string; hidden: boolean; rarity?: number }>;
}

describe('rarity in GET /api/v1/catalog', () => {
  let server: TestServer;
  const catalog = async () => (await (await fetch(`${server.url}/api/v1/catalog`)).json()) as Catalog;
  const rarities = async () => Object.fromEntries((await catalog()).achievements.flatMap((a) => (a.rarity === undefined ? [] : [[a.id, a.rarity]])));
  const citizen = (n: number) => `citizen-${n}`;
  const setGamification = async (userId: string, on: boolean) => {
    const response = await fetch(`${server.url}/api/v1/me/preferences`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${await token(userId)}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ gamification: on }),
    });
    assert.equal(response.status, 200);
  };

  before(async () => {
    server = await startTestServer();
    // 19 verified citizens; 7 of them voted in a poll, and one of those also got the hidden «express».
    const events = Array.from({ length: 19 }, (_, i) => event(citizen(i), 'profile.verified', '2025-01-10T09:00:00Z'));
    for (let i = 0; i < 7; i++) events.push(event(citizen(i), 'poll.voted', '2025-01-11T09:00:00Z', { attributes: { poll: 'p' } }));
    events.push(event(citizen(0), 'application.completed', '2025-01-12T09:00:00Z', { attributes: { processingHours: 5 } }));
    // Unverified citizens: they did things, but nothing counts and they are not participants.
    for (let i = 0; i < 5; i++) events.push(event(`unverified-${i}`, 'poll.voted', '2025-01-11T09:00:00Z', { attributes: { poll: 'p' } }));
    assert.equal((await server.post(events)).status, 200);
    await server.context.rarity.refresh();
  });
  after(() => server.stop());

  it(`withholds every rarity below ${RARITY_FLOOR} participants`, async () => {
    assert.equal(RARITY_FLOOR, 20);
    assert.deepEqual(await rarities(), {});
  });

  it('shows two-decimal shares once there are 20, none for hidden achievements, and only after a refresh', async () => {
    await server.post([event(citizen(19), 'profile.verified', '2025-01-10T09:00:00Z'), event(citizen(20), 'profile.verified', '2025-01-10T09:00:00Z')]);
    assert.deepEqual(await rarities(), {}, 'GET /catalog reads the cache: not counted per request');
    await server.context.rarity.refresh();
    const shown = await rarities();
    // 21 participants: all registered, 7 voted (7/21 = 0.333…), nobody has e-signer.
    assert.equal(shown.registered, 1);
    assert.equal(shown['poll-participant'], 0.33);
    assert.equal(shown['e-signer'], 0);
    const all = (await catalog()).achievements;
    assert.ok(all.filter((a) => a.hidden).every((a) => a.rarity === undefined), 'express is earned by one, and still not shown');
    assert.equal(Object.keys(shown).length, all.filter((a) => !a.hidden).length);
  });

  it('counts only citizens with gamification on, and falls back under the floor when too few are left', async () => {
    await setGamification(citizen(0), false);
    await server.context.rarity.refresh();
    // 20 participants, 6 of them voted.
    assert.equal((await rarities())['poll-participant'], 0.3);
    await setGamification(citizen(1), false);
    await server.context.rarity.refresh();
    assert.deepEqual(await rarities(), {}, '19 participants');
    await setGamification(citizen(1), true);
    await server.context.rarity.refresh();
    assert.equal((await rarities())['poll-participant'], 0.3);
  });
});
