/** Versioned migrations, applied in name order at start. Never edit one that has shipped; add the next. */
import type { Kysely, Migration } from 'kysely';

export const migrations: Record<string, Migration> = {
  '0001-initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('events')
        .addColumn('seq', 'integer', (c) => c.primaryKey())
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('occurred_at', 'bigint', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('events_by_user').on('events').columns(['user_id', 'occurred_at', 'id']).execute();

      await db.schema
        .createTable('user_states')
        .addColumn('user_id', 'text', (c) => c.primaryKey())
        .addColumn('state', 'blob', (c) => c.notNull())
        .addColumn('points', 'integer', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('unlocks')
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('achievement_id', 'text', (c) => c.notNull())
        .addColumn('tier', 'integer', (c) => c.notNull())
        .addColumn('unlocked_at', 'bigint', (c) => c.notNull())
        .addColumn('recorded_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('unlocks_pk', ['user_id', 'achievement_id', 'tier'])
        .execute();

      await db.schema
        .createTable('live_events')
        .addColumn('seq', 'integer', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('live_events_by_user').on('live_events').columns(['user_id', 'seq']).execute();

      await db.schema
        .createTable('meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0002-next-close': {
    async up(db: Kysely<unknown>) {
      // When the state's earliest open window closes: the sweep finds due states by it.
      await db.schema.alterTable('user_states').addColumn('next_close', 'bigint').execute();
      await db.schema.createIndex('user_states_by_next_close').on('user_states').column('next_close').execute();
    },
  },
  '0003-shares': {
    async up(db: Kysely<unknown>) {
      // A citizen's public links to an earned achievement; the id is the only thing the link carries.
      await db.schema
        .createTable('shares')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('achievement_id', 'text', (c) => c.notNull())
        .addColumn('display_name', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .execute();
      await db.schema.createIndex('shares_by_user').on('shares').columns(['user_id', 'achievement_id']).execute();
    },
  },
};
