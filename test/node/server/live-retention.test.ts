/** The live feed kept for reconnecting streams: pruned after 7 days, without its ids ever going back. */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { event, startTestServer } from './helpers.ts';

const DAY = 86_400_000;

describe('the live feed’s retention', () => {
  it('prunes rows older than 7 days at start but keeps the newest, so new ids follow the old ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'civic-retention-'));
    let clock = Date.parse('2026-11-01T10:00:00Z');
    const now = () => clock;
    const ids = () => {
      const db = new Database(join(dir, 'test.sqlite'), { readonly: true });
      try {
        return (db.prepare('select seq from live_events order by seq').all() as Array<{ seq: number }>).map((row) => row.seq);
      } finally {
        db.close();
      }
    };
    const first = await startTestServer({}, { now }, dir);
    const at = new Date(clock - 60_000).toISOString();
    assert.equal((await first.post([event('rita', 'profile.verified', at), event('rita', 'signature.used', at, { attributes: { procedure: 'tax' } })])).status, 200);
    await first.close();
    const before = ids();
    assert.ok(before.length >= 2, `live rows were written: ${before.join(', ')}`);

    clock += 8 * DAY;
    const second = await startTestServer({}, { now }, dir);
    try {
      assert.deepEqual(ids(), [before.at(-1)], 'everything older than 7 days is gone but the newest row');
      const later = new Date(clock - 60_000).toISOString();
      assert.equal((await second.post([event('rita', 'signature.used', later, { attributes: { procedure: 'car' } })])).status, 200);
      const after = ids();
      assert.ok(after.at(-1)! > before.at(-1)!, `a new id (${after.at(-1)}) follows the old newest (${before.at(-1)})`);
    } finally {
      await second.stop();
    }
  });
});
