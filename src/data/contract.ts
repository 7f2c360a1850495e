/**
 * REST contract v1 as the widgets read it. Every answer is checked before anything shows it:
 * wrong types, missing fields and oversized lists are errors with a readable reason; fields the
 * contract does not name are dropped (a server may add fields within v1 without breaking pages).
 */
import * as v from 'valibot';

/** Bounds that no real answer comes near, so a broken or hostile one cannot flood the page. */
const MAX_ACHIEVEMENTS = 500;
const MAX_LIST = 200;
const MAX_TEXT = 2000;

/**
 * Every bound is one `v.check` with its own message, rather than valibot's `minLength`,
 * `maxLength`, `integer`, `minValue` and `isoTimestamp` actions: the same tests and the same
 * reasons, and the bundle carries one action instead of five.
 */
const atMost = <T extends { length: number }>(max: number, message: string) => v.check((input: T) => input.length <= max, message);
const text = v.pipe(v.string(), atMost(MAX_TEXT, `expected at most ${MAX_TEXT} characters`));
const id = v.pipe(v.string(), v.check((s) => s.length > 0, 'expected a non-empty id'), atMost(200, 'expected an id of at most 200 characters'));
const atLeast = (min: number) => v.pipe(v.number(), v.check((n) => Number.isInteger(n) && n >= min, `expected a whole number of at least ${min}`));
const count = atLeast(0);
const share = v.pipe(v.number(), v.check((n) => n >= 0 && n <= 1, 'expected a share from 0 to 1'));
const time = v.pipe(v.string(), v.check((s) => v.ISO_TIMESTAMP_REGEX.test(s), 'expected an RFC 3339 time'));
const list = <T extends v.GenericSchema>(item: T, max = MAX_LIST) => v.pipe(v.array(item), atMost(max, `expected at most ${max} items`));

const PrivilegeSchema = v.object({ id, title: text });
const TierSchema = v.object({ tier: atLeast(1), target: count, points: count });

/**
 * Progress as the elements show it. The server also says which values are missing and how the
 * parts of a composite stand; no element shows those, so they are dropped here like any field
 * the elements do not read.
 */
const ProgressSchema = v.object({
  current: count,
  target: count,
  remaining: count,
  windowEndsAt: v.optional(time),
  ended: v.optional(v.boolean()),
});
export type Progress = v.InferOutput<typeof ProgressSchema>;

/** A unit's plural forms by category (Intl.PluralRules). */
const UnitSchema = v.object(Object.fromEntries(['zero', 'one', 'two', 'few', 'many', 'other'].map((form) => [form, v.optional(text)])));

const StreakSchema = v.object({
  period: v.picklist(['day', 'week', 'month', 'quarter', 'year']),
  length: count,
  activeThisPeriod: v.boolean(),
  thisPeriodCount: count,
  nextMarkAt: v.optional(time),
  daysToNextMark: v.optional(count),
});

const MyAchievementSchema = v.object({
  id,
  state: v.picklist(['locked', 'in_progress', 'unlocked']),
  progress: ProgressSchema,
  points: count,
  tier: v.optional(atLeast(1)),
  tiers: v.optional(atLeast(1)),
  unlockedAt: v.optional(time),
  nextTier: v.optional(TierSchema),
  streak: v.optional(StreakSchema),
  title: v.optional(text),
  description: v.optional(text),
});

const MyAchievementsSchema = v.object({
  userId: id,
  verified: v.boolean(),
  points: count,
  level: v.object({ id, index: count, title: text, minPoints: count, nextMinPoints: v.optional(count), privileges: list(PrivilegeSchema) }),
  achievements: list(MyAchievementSchema, MAX_ACHIEVEMENTS),
  updatedAt: time,
  /** Points left to spend on privileges (issue 7); absent from a server before it. */
  balance: v.optional(count),
  /** False while the citizen has turned gamification off (issue 7); absent means on. */
  gamification: v.optional(v.boolean()),
});

const CatalogSchema = v.object({
  language: v.picklist(['ru', 'en']),
  timeZone: text,
  achievements: list(
    v.object({
      id,
      title: text,
      description: text,
      difficulty: v.picklist(['simple', 'medium', 'complex']),
      category: text,
      hidden: v.boolean(),
      icon: text,
      points: v.optional(count),
      tiers: v.optional(list(TierSchema, 20)),
      unit: v.optional(UnitSchema),
      /** The share of participants who earned it, 0..1 (absent for secrets and small audiences). */
      rarity: v.optional(share),
      /** Where the service is: rendered only through safeUrl. */
      link: v.optional(text),
    }),
    MAX_ACHIEVEMENTS,
  ),
  levels: list(v.object({ id, index: count, title: text, minPoints: count, privileges: list(PrivilegeSchema) }), 50),
});

const UnlockSchema = v.object({ achievementId: id, tier: v.optional(atLeast(1)), unlockedAt: time, points: count });

/**
 * A share page's address: absolute http(s), or root-relative when the server is served from the
 * page's own origin (it has no public URL of its own). Nothing else is a link to send anyone.
 */
const ShareLinkSchema = v.object({
  url: v.pipe(v.string(), v.maxLength(MAX_TEXT), v.regex(/^(https?:\/\/[^/]|\/[^/\\])/i, 'expected an http(s) or root-relative URL')),
});

const ProgressMessageSchema = v.object({
  points: count,
  level: v.object({ id }),
  achievements: list(MyAchievementSchema, MAX_ACHIEVEMENTS),
});

// ── issue 7: privileges for points, campaigns, recommendations, feedback, preferences ──────────

const PERIOD = v.picklist(['day', 'week', 'month', 'quarter', 'year']);
const QuotaSchema = v.object({ count: atLeast(1), period: PERIOD });

const RewardSchema = v.object({
  id,
  title: text,
  description: text,
  cost: count,
  minLevel: v.optional(v.object({ id, title: text, index: count })),
  limit: v.optional(QuotaSchema),
  stock: v.optional(v.object({ ...QuotaSchema.entries, remaining: count })),
  validDays: atLeast(1),
  availability: v.optional(
    v.object({ available: v.boolean(), reason: v.optional(v.picklist(['insufficient_points', 'level_too_low', 'limit_reached', 'sold_out'])) }),
  ),
});
const RewardsSchema = v.object({ rewards: list(RewardSchema), balance: v.optional(count) });

const RedemptionSchema = v.object({
  id,
  rewardId: id,
  title: text,
  cost: count,
  grantedAt: time,
  expiresAt: time,
  status: v.picklist(['active', 'expired']),
});
const RedeemedSchema = v.object({ redemption: RedemptionSchema, balance: count });
const RedemptionsSchema = v.object({ balance: count, redemptions: list(RedemptionSchema, 1000) });

const RankSchema = v.object({ rank: atLeast(1), score: count, displayName: text });
const CampaignSchema = v.object({
  id,
  title: text,
  description: text,
  startsAt: time,
  endsAt: time,
  status: v.picklist(['upcoming', 'active', 'finished']),
  score: v.picklist(['points', 'count']),
  /** Each prize in words, as the server says it: «1 место: 500 баллов и «Приоритетная запись»». */
  prizes: v.optional(list(v.object({ label: text }), 20)),
  me: v.optional(v.object({ joined: v.boolean(), eligible: v.boolean(), rank: v.optional(atLeast(1)), score: v.optional(count) })),
});
const CampaignsSchema = v.object({ campaigns: list(CampaignSchema, 50) });
const LeaderboardSchema = v.object({ campaignId: id, updatedAt: time, top: list(RankSchema), me: v.optional(RankSchema) });
const ParticipationSchema = v.object({ joined: v.boolean(), displayName: v.optional(text) });

const RecommendationsSchema = v.object({
  recommendations: list(
    v.object({ achievementId: id, title: text, reason: text, link: v.optional(text), points: count, remaining: count }),
    20,
  ),
});

const FeedbackSchema = v.object({ achievementId: id, rating: v.pipe(atLeast(1), v.check((n) => n <= 5, 'expected a rating from 1 to 5')), comment: v.optional(text), updatedAt: time });
const FeedbackListSchema = v.object({ feedback: list(FeedbackSchema, MAX_ACHIEVEMENTS) });

const PreferencesSchema = v.object({ gamification: v.boolean() });

export type Reward = v.InferOutput<typeof RewardSchema>;
export type Rewards = v.InferOutput<typeof RewardsSchema>;
export type Redemption = v.InferOutput<typeof RedemptionSchema>;
export type Redeemed = v.InferOutput<typeof RedeemedSchema>;
export type Redemptions = v.InferOutput<typeof RedemptionsSchema>;
export type Campaign = v.InferOutput<typeof CampaignSchema>;
export type Campaigns = v.InferOutput<typeof CampaignsSchema>;
export type Leaderboard = v.InferOutput<typeof LeaderboardSchema>;
export type Participation = v.InferOutput<typeof ParticipationSchema>;
export type Recommendations = v.InferOutput<typeof RecommendationsSchema>;
export type Recommendation = Recommendations['recommendations'][number];
export type Feedback = v.InferOutput<typeof FeedbackSchema>;
export type FeedbackList = v.InferOutput<typeof FeedbackListSchema>;

export type MyAchievements = v.InferOutput<typeof MyAchievementsSchema>;
export type MyAchievement = v.InferOutput<typeof MyAchievementSchema>;
export type Catalog = v.InferOutput<typeof CatalogSchema>;
export type CatalogAchievement = Catalog['achievements'][number];
/** An achievement (or a tier of one) the citizen has just earned. */
export type Unlock = v.InferOutput<typeof UnlockSchema>;
export type ProgressMessage = v.InferOutput<typeof ProgressMessageSchema>;
export type ShareLink = v.InferOutput<typeof ShareLinkSchema>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

function parser<T extends v.GenericSchema>(schema: T, what: string): (input: unknown) => Parsed<v.InferOutput<T>> {
  return (input) => {
    const result = v.safeParse(schema, input, { abortPipeEarly: true });
    if (result.success) return { ok: true, value: result.output };
    const [issue] = result.issues;
    // Object keys and array indexes only, as these schemas have no others: valibot's getDotPath, inline.
    const path = issue.path?.map((item) => `.${item.key}`).join('') ?? '';
    return { ok: false, reason: `${what}${path}: ${issue.message}` };
  };
}

export const parseMyAchievements = parser(MyAchievementsSchema, 'achievements');
export const parseCatalog = parser(CatalogSchema, 'catalog');
export const parseUnlock = parser(UnlockSchema, 'unlock');
export const parseProgressMessage = parser(ProgressMessageSchema, 'progress');
export const parseShareLink = parser(ShareLinkSchema, 'share');
export const parseRewards = parser(RewardsSchema, 'rewards');
export const parseRedeemed = parser(RedeemedSchema, 'redemption');
export const parseRedemptions = parser(RedemptionsSchema, 'redemptions');
export const parseCampaigns = parser(CampaignsSchema, 'campaigns');
export const parseLeaderboard = parser(LeaderboardSchema, 'leaderboard');
export const parseParticipation = parser(ParticipationSchema, 'participation');
export const parseRecommendations = parser(RecommendationsSchema, 'recommendations');
export const parseFeedback = parser(FeedbackSchema, 'feedback');
export const parseFeedbackList = parser(FeedbackListSchema, 'feedback');
export const parsePreferences = parser(PreferencesSchema, 'preferences');
/** An answer with no body (204). */
export const parseNothing = (): Parsed<undefined> => ({ ok: true, value: undefined });
