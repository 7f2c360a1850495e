/** The demo's campaign: the built-in file while it is current, a copy moved to this month once it is stale. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { compileCatalog } from '../../../src/engine/index.ts';
import catalogJson from '../../../src/engine/catalog/default.json' with { type: 'json' };
import { loadCampaigns, statusAt } from '../../../server/campaigns/definition.ts';
import { demoCampaignsPath, shiftMonths } from '../../../demo/campaigns.ts';

const catalog = compileCatalog(catalogJson);

describe('the demo campaign', () => {
  it('moves a time by whole months on its own wall clock', () => {
    assert.equal(shiftMonths('2026-12-01T00:00:00+03:00', 7), '2027-07-01T00:00:00+03:00');
    assert.equal(shiftMonths('2027-01-01T00:00:00+03:00', -13), '2025-12-01T00:00:00+03:00');
    assert.equal(shiftMonths('2026-01-31T12:00:00+03:00', 1), '2026-02-28T12:00:00+03:00');
  });

  it('runs the built-in file while a campaign in it is running or ahead', () => {
    const builtIn = loadCampaigns(undefined, catalog).list;
    const earliest = Math.min(...builtIn.map((c) => c.start));
    assert.equal(demoCampaignsPath(earliest - 86_400_000, '/nonexistent'), undefined);
    assert.equal(demoCampaignsPath(earliest + 60_000, '/nonexistent'), undefined);
  });

  it('once the file is stale, runs a copy that is active in the current Moscow month', () => {
    const dir = mkdtempSync(join(tmpdir(), 'civic-demo-campaigns-'));
    try {
      const builtIn = loadCampaigns(undefined, catalog).list;
      const later = Math.max(...builtIn.map((c) => c.end)) + 200 * 86_400_000;
      const path = demoCampaignsPath(later, dir);
      assert.ok(path?.startsWith(dir));
      const moved = loadCampaigns(path, catalog).list;
      assert.deepEqual(moved.map((c) => c.id), builtIn.map((c) => c.id));
      assert.equal(statusAt(moved[0]!, later), 'active');
      assert.equal(moved[0]!.end - moved[0]!.start >= 28 * 86_400_000, true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
