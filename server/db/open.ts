/**
 * Opens the database: SQLite through better-sqlite3 in WAL mode, behind Kysely so that the
 * service's queries are dialect-neutral (PostgreSQL can follow with another dialect), and runs
 * the migrations.
 */
import BetterSqlite3 from 'better-sqlite3';
import type { Compilable, SqliteDatabase } from 'kysely';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { migrations } from './migrations.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

/** How many prepared statements are kept: the shapes a steady stream of batches uses (a statement for 500 rows takes about 250 KB). */
const STATEMENTS = 100;

/**
 * better-sqlite3 as Kysely's SQLite driver sees it, except that a statement is prepared once per
 * SQL text and then reused (Kysely prepares every query anew, and compiling a multi-row insert
 * costs SQLite about as much as running it). Least recently used statements are dropped first.
 */
export function withStatementCache(sqlite: BetterSqlite3.Database, size = STATEMENTS): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      let statement = cache.get(sql);
      if (statement) cache.delete(sql);
      // A statement still being iterated (a streamed query) cannot run again: prepare another.
      if (!statement || statement.busy) statement = sqlite.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > size) cache.delete(cache.keys().next().value!);
      return statement;
    },
  };
}

/**
 * A query of one value (a citizen's id, say) built and compiled by Kysely once, so its SQL stays
 * the dialect's, then run with each new value: for the hottest reads, where building and compiling
 * a query cost more than SQLite running it. `build` gets a stand-in for the value.
 */
export function compiledOnce<R>(db: Db, build: (value: string) => Compilable<R>): (value: string) => Promise<R[]> {
  const standIn = '\u0000stand-in'; // compared only with the query's own values, never with a caller's
  const compiled = build(standIn).compile();
  const slots = compiled.parameters.map((parameter) => parameter === standIn);
  return async (value) => {
    const parameters = compiled.parameters.map((parameter, i) => (slots[i] ? value : parameter));
    return (await db.executeQuery<R>({ ...compiled, parameters })).rows;
  };
}

export async function openDatabase(file: string): Promise<Db> {
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before the server acknowledges a batch (nothing acknowledged is lost).
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    await db.destroy();
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
  return db;
}
