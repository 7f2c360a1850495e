/** Upgrading a database that an earlier release wrote: the missing migrations run, nothing is lost. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { openDatabase } from '../../../server/db/open.ts';
import { migrations } from '../../../server/db/migrations.ts';

describe('migrations', () => {
  it('bring a database of the first release up to date and keep its events and states', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'civic-migrate-'));
    const file = join(dir, 'db.sqlite');
    try {
      const first = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new BetterSqlite3(file) }) });
      const onlyFirst = { '0001-initial': migrations['0001-initial']! };
      assert.equal((await new Migrator({ db: first, provider: { getMigrations: async () => onlyFirst } }).migrateToLatest()).error, undefined);
      const raw = first as unknown as Kysely<Record<string, Record<string, unknown>>>;
      await raw.insertInto('events').values({ id: 'e-1', user_id: 'anna', type: 'profile.verified', occurred_at: 1, body: '{}', received_at: 2 }).execute();
      await raw.insertInto('user_states').values({ user_id: 'anna', state: Buffer.from([1, 2, 3]), points: 10, version: 1, updated_at: 3 }).execute();
      await first.destroy();

      const db = await openDatabase(file);
      try {
        const applied = await db.selectFrom('kysely_migration' as never).select('name' as never).execute();
        assert.deepEqual(applied.map((row) => (row as { name: string }).name), Object.keys(migrations).sort());
        assert.deepEqual(await db.selectFrom('events').select(['id', 'user_id']).execute(), [{ id: 'e-1', user_id: 'anna' }]);
        const state = await db.selectFrom('user_states').select(['points', 'next_close']).where('user_id', '=', 'anna').executeTakeFirstOrThrow();
        assert.deepEqual(state, { points: 10, next_close: null }, 'a later column, empty for the old row');
        assert.deepEqual(await db.selectFrom('preferences').selectAll().execute(), [], 'a later table, there and empty');
      } finally {
        await db.destroy();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
