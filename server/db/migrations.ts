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
  '0004-rewards-feedback-preferences': {
    async up(db: Kysely<unknown>) {
      // Privileges bought with points (or won as a campaign prize, at cost 0). The idempotency key is
      // unique per citizen: a retried request finds the grant it made instead of making another.
      await db.schema
        .createTable('redemptions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('reward_id', 'text', (c) => c.notNull())
        .addColumn('cost', 'integer', (c) => c.notNull())
        .addColumn('idempotency_key', 'text', (c) => c.notNull())
        .addColumn('granted_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('redemptions_key', ['user_id', 'idempotency_key'])
        .execute();
      await db.schema.createIndex('redemptions_by_user').on('redemptions').columns(['user_id', 'reward_id', 'granted_at']).execute();
      // Stock per period counts everyone's grants of a reward in the period.
      await db.schema.createIndex('redemptions_by_reward').on('redemptions').columns(['reward_id', 'granted_at']).execute();

      // One rating per citizen per achievement; PUT again replaces it.
      await db.schema
        .createTable('feedback')
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('achievement_id', 'text', (c) => c.notNull())
        .addColumn('rating', 'integer', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('feedback_pk', ['user_id', 'achievement_id'])
        .execute();

      // Only citizens who changed a setting have a row: the defaults need none.
      await db.schema
        .createTable('preferences')
        .addColumn('user_id', 'text', (c) => c.primaryKey())
        .addColumn('gamification', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();

      // The metrics count active citizens per day over a range of the log. New events arrive in
      // time order, so this index grows at its end and costs ingestion next to nothing.
      await db.schema.createIndex('events_by_time').on('events').columns(['occurred_at', 'user_id']).execute();
    },
  },
  '0005-campaigns': {
    async up(db: Kysely<unknown>) {
      // Who joined which campaign (turnir), under which random number (the pseudonym), with the score as last computed.
      await db.schema
        .createTable('campaign_participants')
        .addColumn('campaign_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('tag', 'integer', (c) => c.notNull())
        .addColumn('joined', 'integer', (c) => c.notNull())
        .addColumn('joined_at', 'bigint', (c) => c.notNull())
        .addColumn('score', 'integer', (c) => c.notNull())
        .addColumn('reached_at', 'bigint', (c) => c.notNull())
        .addColumn('state_version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('campaign_participants_pk', ['campaign_id', 'user_id'])
        .addUniqueConstraint('campaign_participants_tag', ['campaign_id', 'tag'])
        .execute();
      // The leaderboard's order, so the top N is an index scan and a rank is a count of the rows before it.
      await db.schema.createIndex('campaign_participants_board').on('campaign_participants').columns(['campaign_id', 'joined', 'score desc', 'reached_at', 'tag']).execute();
      await db.schema.createIndex('campaign_participants_by_user').on('campaign_participants').column('user_id').execute();
      // Per campaign: when its leaderboard last changed, and when its prizes were awarded (once).
      await db.schema
        .createTable('campaign_boards')
        .addColumn('campaign_id', 'text', (c) => c.primaryKey())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('awarded_at', 'bigint')
        .execute();
      // Each status announced on the live streams, so that a restart does not announce it again.
      await db.schema
        .createTable('campaign_announcements')
        .addColumn('campaign_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('announced_at', 'bigint', (c) => c.notNull())
        .addColumn('published', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('campaign_announcements_pk', ['campaign_id', 'status'])
        .execute();
      // Prizes as awarded: points add to the citizen's balance; a reward is granted at no cost.
      await db.schema
        .createTable('campaign_prizes')
        .addColumn('campaign_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('place', 'integer', (c) => c.notNull())
        .addColumn('points', 'integer', (c) => c.notNull())
        .addColumn('reward_id', 'text')
        .addColumn('awarded_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('campaign_prizes_pk', ['campaign_id', 'user_id'])
        .execute();
      await db.schema.createIndex('campaign_prizes_by_user').on('campaign_prizes').column('user_id').execute();
    },
  },
};
