/** A catalog change is backfilled from the log at start, without announcing old events. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { catalogWithCritic } from '../fixtures.ts';
import { event, openStream, startTestServer, token } from './helpers.ts';

describe('catalog change at start', () => {
  it('earns a new achievement at its historical time, keeps earlier unlocks, floods nobody', async () => {
    const first = await startTestServer();
    const { dir } = first;
    await first.post([
      event('lena', 'profile.verified', '2025-01-10T09:00:00Z'),
      ...['2025-02-01', '2025-02-02', '2025-02-03'].map((day) => event('lena', 'service.rated', `${day}T09:00:00Z`, { attributes: { score: 5 } })),
    ]);
    const before = (await (await first.me(await token('lena'))).json()) as { points: number };
    await first.close();

    const catalogPath = join(dir, 'catalog.json');
    writeFileSync(catalogPath, JSON.stringify(catalogWithCritic()));

    const second = await startTestServer({ catalogPath }, {}, dir);
    try {
      const auth = await token('lena');
      const me = (await (await second.me(auth)).json()) as { points: number; achievements: Array<{ id: string; state: string; unlockedAt?: string }> };
      const byId = new Map(me.achievements.map((a) => [a.id, a]));
      assert.deepEqual([byId.get('critic')?.state, byId.get('critic')?.unlockedAt], ['unlocked', '2025-02-03T09:00:00.000Z']);
      assert.deepEqual([byId.get('registered')?.state, byId.get('registered')?.unlockedAt], ['unlocked', '2025-01-10T09:00:00.000Z']);
      assert.equal(me.points, before.points + 10);
      // The whole backlog of the stream: the old registration, nothing about the backfilled one.
      const stream = await openStream(second.url, auth, '0');
      try {
        await stream.next((m) => m.event === 'progress');
        const unlocks = stream.messages.filter((m) => m.event === 'unlock').map((m) => (JSON.parse(m.data) as { achievementId: string }).achievementId);
        assert.deepEqual(unlocks, ['registered']);
      } finally {
        await stream.close();
      }
    } finally {
      await second.stop();
    }
  });
});
