/** The statement cache under Kysely: one prepared statement per SQL text, reused, bounded. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { withStatementCache } from '../../../server/db/open.ts';

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
});
