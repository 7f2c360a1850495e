/** The storage schema, as Kysely sees it. Times are milliseconds since the epoch. */
import type { Generated } from 'kysely';

export interface EventsTable {
  /** Arrival order. */
  seq: Generated<number>;
  /** The portal's event id: unique, so a retry counts once. */
  id: string;
  user_id: string;
  type: string;
  occurred_at: number;
  /** The event as accepted, JSON. */
  body: string;
  received_at: number;
}

export interface UserStatesTable {
  user_id: string;
  /** The engine's state (encodeState). */
  state: Uint8Array;
  points: number;
  /** Bumped on every change. */
  version: number;
  updated_at: number;
  /** When the earliest open window closes (ms), for the sweep; null when none is open. */
  next_close: number | null;
}

export interface UnlocksTable {
  user_id: string;
  achievement_id: string;
  /** 1 for a non-tiered achievement. */
  tier: number;
  unlocked_at: number;
  recorded_at: number;
}

export interface LiveEventsTable {
  /** The SSE event id: resume after it with Last-Event-ID. */
  seq: Generated<number>;
  user_id: string;
  kind: 'unlock' | 'progress';
  data: string;
  created_at: number;
}

export interface SharesTable {
  /** 128 random bits, base64url: the public link's only key. */
  id: string;
  user_id: string;
  achievement_id: string;
  /** The name the citizen chose to show; null shows none. */
  display_name: string | null;
  created_at: number;
  /** When the citizen withdrew the link; null while it is live. */
  revoked_at: number | null;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface Database {
  events: EventsTable;
  user_states: UserStatesTable;
  unlocks: UnlocksTable;
  live_events: LiveEventsTable;
  shares: SharesTable;
  meta: MetaTable;
}
