/**
 * Per-achievement feedback: was it useful, 1 to 5, and an optional short comment. Stored as plain
 * text (never rendered as HTML here); one per citizen per achievement, replaced by the next PUT.
 */
import type { Db } from './db/open.ts';
import { invalidRequest } from './errors.ts';
import { bodyFields } from './http.ts';
import { UNPRINTABLE } from './share/request.ts';

const COMMENT_MAX = 500;

export interface FeedbackInput {
  rating: number;
  /** Trimmed, NFC; undefined when empty. */
  comment: string | undefined;
}

export function parseFeedback(body: unknown): FeedbackInput {
  const { rating, comment } = bodyFields(body, ['rating', 'comment']);
  if (typeof rating !== 'number' || !Number.isInteger(rating) || rating < 1 || rating > 5) throw invalidRequest('rating', 'expected a whole number from 1 to 5');
  if (comment === undefined) return { rating, comment: undefined };
  if (typeof comment !== 'string') throw invalidRequest('comment', 'expected a string');
  const text = comment.normalize('NFC').trim();
  if (UNPRINTABLE.test(text)) throw invalidRequest('comment', 'plain text only: no control or invisible characters');
  if ([...text].length > COMMENT_MAX) throw invalidRequest('comment', `expected at most ${COMMENT_MAX} characters`);
  return { rating, comment: text || undefined };
}

export interface FeedbackRow {
  achievement_id: string;
  rating: number;
  comment: string | null;
  updated_at: number;
}

export async function saveFeedback(db: Db, userId: string, achievementId: string, input: FeedbackInput, now: number): Promise<FeedbackRow> {
  const row = { achievement_id: achievementId, rating: input.rating, comment: input.comment ?? null, updated_at: now };
  await db
    .insertInto('feedback')
    .values({ user_id: userId, ...row })
    .onConflict((oc) => oc.columns(['user_id', 'achievement_id']).doUpdateSet({ rating: row.rating, comment: row.comment, updated_at: now }))
    .execute();
  return row;
}

export async function feedbackOf(db: Db, userId: string): Promise<FeedbackRow[]> {
  return db.selectFrom('feedback').select(['achievement_id', 'rating', 'comment', 'updated_at']).where('user_id', '=', userId).orderBy('achievement_id').execute();
}

export function feedbackJson(row: FeedbackRow) {
  return {
    achievementId: row.achievement_id,
    rating: row.rating,
    ...(row.comment === null ? {} : { comment: row.comment }),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
