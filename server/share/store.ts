/**
 * Shares in storage. A share is a public link to one achievement a citizen earned: its id (128
 * random bits) is all the link carries; who shared it stays on this side.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/open.ts';

/** 16 random bytes in base64url: 22 characters. */
const SHARE_ID = /^[A-Za-z0-9_-]{22}$/;
const newShareId = () => randomBytes(16).toString('base64url');

/** When the citizen first earned the achievement (its first tier), or undefined when they have not. */
export async function earnedAt(db: Db, userId: string, achievementId: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('unlocks')
    .select((eb) => eb.fn.min('unlocked_at').as('at'))
    .where('user_id', '=', userId)
    .where('achievement_id', '=', achievementId)
    .executeTakeFirst();
  return row?.at ?? undefined;
}

/**
 * The citizen's live share of this achievement under this name (or none), or a new one: asking
 * again gives the same link, and a different name gives another link, leaving the first as it was.
 */
export async function shareFor(db: Db, userId: string, achievementId: string, displayName: string | undefined, now: number): Promise<{ id: string; created: boolean }> {
  return db.transaction().execute(async (trx) => {
    const live = await trx
      .selectFrom('shares')
      .select('id')
      .where('user_id', '=', userId)
      .where('achievement_id', '=', achievementId)
      .where('revoked_at', 'is', null)
      .where((eb) => (displayName === undefined ? eb('display_name', 'is', null) : eb('display_name', '=', displayName)))
      .executeTakeFirst();
    if (live) return { id: live.id, created: false };
    const id = newShareId();
    await trx.insertInto('shares').values({ id, user_id: userId, achievement_id: achievementId, display_name: displayName ?? null, created_at: now, revoked_at: null }).execute();
    return { id, created: true };
  });
}

/** Withdraws one of the citizen's shares (again is harmless); false when they have no such share. */
export async function revokeShare(db: Db, userId: string, shareId: string, now: number): Promise<boolean> {
  if (!SHARE_ID.test(shareId)) return false;
  const row = await db.selectFrom('shares').select('revoked_at').where('id', '=', shareId).where('user_id', '=', userId).executeTakeFirst();
  if (!row) return false;
  if (row.revoked_at === null) await db.updateTable('shares').set({ revoked_at: now }).where('id', '=', shareId).execute();
  return true;
}

/** What the public page may show of a share: never who shared it. */
export type PublicShare =
  | { revoked: true }
  | { revoked: false; achievementId: string; displayName: string | undefined; earnedAt: number };

export async function publicShare(db: Db, shareId: string): Promise<PublicShare | undefined> {
  if (!SHARE_ID.test(shareId)) return undefined;
  const row = await db
    .selectFrom('shares')
    .select(['achievement_id', 'display_name', 'revoked_at'])
    .select((eb) =>
      eb
        .selectFrom('unlocks')
        .select((u) => u.fn.min('unlocked_at').as('at'))
        .whereRef('unlocks.user_id', '=', 'shares.user_id')
        .whereRef('unlocks.achievement_id', '=', 'shares.achievement_id')
        .as('earned_at'),
    )
    .where('id', '=', shareId)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.revoked_at !== null) return { revoked: true };
  // A share is made only for an earned achievement, and unlocks are never deleted.
  return { revoked: false, achievementId: row.achievement_id, displayName: row.display_name ?? undefined, earnedAt: row.earned_at! };
}
