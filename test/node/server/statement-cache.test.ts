/** The statement cache under Kysely: one prepared statement per SQL text, reused, bounded; queries compiled once. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { compiledOnce, openDatabase, withStatementCache } from '../../../server/db/open.ts';

describe('statement cache', () => {
  it('prepares a SQL text once, drops the least recently used, and never hands out a busy statement', () => {
    const sqlite = new BetterSqlite3(':memory:');
    const prepared: string[] = [];
    const spy = new Proxy(sqlite, {
      get(target, property) {
        if (property === 'prepare') return (sql: string) => (prepared.push(sql), target.prepare(sql));
        return Reflect.get(target, property, target) as unknown;
      },
    });
    const cache = withStatementCache(spy, 2);
    const one = cache.prepare('select 1');
    assert.equal(cache.prepare('select 1'), one);
    cache.prepare('select 2');
    cache.prepare('select 1'); // now the most recently used
    cache.prepare('select 3'); // evicts select 2
    cache.prepare('select 1');
    cache.prepare('select 2');
    assert.deepEqual(prepared, ['select 1', 'select 2', 'select 3', 'select 2']);

    sqlite.exec('create table t (n integer); insert into t values (1), (2)');
    const iterating = cache.prepare('select n from t') as unknown as BetterSqlite3.Statement;
    const rows = iterating.iterate();
    rows.next();
    const other = cache.prepare('select n from t') as unknown as BetterSqlite3.Statement;
    assert.notEqual(other, iterating);
    assert.deepEqual(other.all(), [{ n: 1 }, { n: 2 }]);
    rows.return?.();
    cache.close();
  });

  it('compiles a query of one value once and runs it with each value, leaving the other parameters alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'civic-compiled-'));
    const db = await openDatabase(join(dir, 'db.sqlite'));
    try {
      await db.insertInto('preferences').values([
        { user_id: 'anna', gamification: 0, updated_at: 1 },
        { user_id: 'boris', gamification: 1, updated_at: 2 },
        { user_id: '\u0000stand-in', gamification: 0, updated_at: 3 },
      ]).execute();
      let builds = 0;
      const switchOf = compiledOnce(db, (userId) => {
        builds += 1;
        return db.selectFrom('preferences').select(['user_id', 'gamification']).where('user_id', '=', userId).where('updated_at', '<', 3);
      });
      assert.deepEqual(await switchOf('anna'), [{ user_id: 'anna', gamification: 0 }]);
      assert.deepEqual(await switchOf('boris'), [{ user_id: 'boris', gamification: 1 }]);
      assert.deepEqual(await switchOf('nobody'), []);
      assert.deepEqual(await switchOf('\u0000stand-in'), [], 'the constant 3 is still a bound; the stand-in value is data');
      assert.equal(builds, 1);
    } finally {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('opens the file in WAL mode with full synchronous writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'civic-pragmas-'));
    const db = await openDatabase(join(dir, 'db.sqlite'));
    try {
      const pragma = async (name: string) => Object.values((await sql.raw(`pragma ${name}`).execute(db)).rows[0] as Record<string, unknown>)[0];
      assert.equal(await pragma('journal_mode'), 'wal');
      assert.equal(await pragma('synchronous'), 2, 'FULL: an acknowledged batch survives a power cut');
    } finally {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
