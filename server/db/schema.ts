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
  /** The citizen, or '' (EVERYONE in live.ts) for a message to every citizen. */
  user_id: string;
  kind: 'unlock' | 'progress' | 'campaign';
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

export interface CampaignParticipantsTable {
  campaign_id: string;
  user_id: string;
  /** The pseudonym's number («Участник 4821»): random, unique per campaign, kept when the citizen leaves and comes back. */
  tag: number;
  /** 1 while taking part; 0 after leaving (the row keeps the pseudonym). */
  joined: number;
  joined_at: number;
  /** Points earned, or matching events, between the campaign's start and end. */
  score: number;
  /** When the score was reached (event time, ms); the start for a score of 0. Earlier wins a tie. */
  reached_at: number;
  /** user_states.version the score was computed from (0: no state yet); another version means recompute. */
  state_version: number;
  updated_at: number;
}

export interface CampaignBoardsTable {
  campaign_id: string;
  /** When the leaderboard last changed. */
  updated_at: number;
  /** When the prizes were awarded; null until then. */
  awarded_at: number | null;
}

export interface CampaignAnnouncementsTable {
  campaign_id: string;
  status: 'upcoming' | 'active' | 'finished';
  announced_at: number;
  /** 1 when sent on the live streams; 0 when recorded silently (the moment had long passed). */
  published: number;
}

export interface CampaignPrizesTable {
  campaign_id: string;
  user_id: string;
  place: number;
  /** Points added to the citizen's balance (0: none). */
  points: number;
  /** A reward granted at no cost, or null. */
  reward_id: string | null;
  awarded_at: number;
}

export interface RedemptionsTable {
  /** 128 random bits, base64url. */
  id: string;
  user_id: string;
  reward_id: string;
  /** Points spent (0 for a campaign prize). */
  cost: number;
  /** The client's Idempotency-Key, or `prize:<campaign id>` for a prize. */
  idempotency_key: string;
  granted_at: number;
  expires_at: number;
}

export interface FeedbackTable {
  user_id: string;
  achievement_id: string;
  /** 1 to 5. */
  rating: number;
  /** Plain text, at most 500 characters; null when none. */
  comment: string | null;
  updated_at: number;
}

export interface PreferencesTable {
  user_id: string;
  /** 1 on (the default for a citizen without a row), 0 off. */
  gamification: number;
  updated_at: number;
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
  redemptions: RedemptionsTable;
  feedback: FeedbackTable;
  preferences: PreferencesTable;
  campaign_participants: CampaignParticipantsTable;
  campaign_boards: CampaignBoardsTable;
  campaign_announcements: CampaignAnnouncementsTable;
  campaign_prizes: CampaignPrizesTable;
}
