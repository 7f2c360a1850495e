/**
 * The OpenAPI parts of rewards and redemptions, feedback, preferences (gamification off) and the
 * operators' metrics, spread into server/openapi.ts (which hands over its shared pieces).
 */
import type { OpenApiParts } from './campaigns/openapi.ts';

const time = { type: 'string', format: 'date-time' } as const;
const count = { type: 'integer', minimum: 0 } as const;
const positive = { type: 'integer', minimum: 1 } as const;
const share = { type: 'number', minimum: 0, maximum: 1 } as const;
const day = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
const month = { type: 'string', pattern: '^\\d{4}-\\d{2}$' } as const;
const period = { enum: ['day', 'week', 'month', 'quarter', 'year'] } as const;
const schema = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const object = (required: string[], properties: Record<string, unknown>, description?: string) => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties,
  ...(description ? { description } : {}),
});

export const engagementSchemas = {
  Quota: object(['count', 'period'], { count: positive, period }, 'A count per calendar period in the catalog’s time zone (Moscow by default).'),
  Reward: object(['id', 'title', 'description', 'cost', 'validDays'], {
    id: { type: 'string' },
    title: { type: 'string' },
    description: { type: 'string' },
    cost: { ...positive, description: 'Points taken from the balance.' },
    minLevel: object(['id', 'title', 'index'], { id: { type: 'string' }, title: { type: 'string' }, index: count }, 'The level (by points earned) it opens at.'),
    limit: { ...schema('Quota'), description: 'Per citizen.' },
    stock: object(['count', 'period', 'remaining'], { count: positive, period, remaining: count }, 'For everyone together; what is left this period.'),
    validDays: { ...positive, description: 'How long a granted privilege lasts.' },
    availability: object(
      ['available'],
      { available: { type: 'boolean' }, reason: { enum: ['insufficient_points', 'level_too_low', 'limit_reached', 'sold_out'] } },
      'Only with a citizen’s token. The first reason found, in the order level, limit, stock, points.',
    ),
  }),
  Rewards: object(['rewards'], { rewards: { type: 'array', items: schema('Reward') }, balance: { ...count, description: 'Only with a citizen’s token.' } }),
  RedemptionRequest: object(['rewardId'], { rewardId: { type: 'string', minLength: 1 } }),
  Redemption: object(['id', 'rewardId', 'title', 'cost', 'grantedAt', 'expiresAt', 'status'], {
    id: { type: 'string' },
    rewardId: { type: 'string' },
    title: { type: 'string' },
    cost: { ...count, description: '0 for a campaign prize.' },
    grantedAt: time,
    expiresAt: time,
    status: { enum: ['active', 'expired'] },
  }),
  Redeemed: object(['redemption', 'balance'], { redemption: schema('Redemption'), balance: count }),
  Redemptions: object(['balance', 'redemptions'], { balance: count, redemptions: { type: 'array', items: schema('Redemption'), description: 'Newest first.' } }),
  FeedbackRequest: object(['rating'], {
    rating: { type: 'integer', minimum: 1, maximum: 5 },
    comment: { type: 'string', description: 'Plain text: at most 500 characters after trimming, no control or invisible characters. Empty: none.' },
  }),
  Feedback: object(['achievementId', 'rating', 'updatedAt'], {
    achievementId: { type: 'string' },
    rating: { type: 'integer', minimum: 1, maximum: 5 },
    comment: { type: 'string' },
    updatedAt: time,
  }),
  FeedbackList: object(['feedback'], { feedback: { type: 'array', items: schema('Feedback') } }),
  Preferences: object(['gamification'], { gamification: { type: 'boolean', description: 'On by default.' } }),
  Metrics: object(['from', 'to', 'activeParticipants', 'achievementsPerParticipant', 'retention30', 'achievements', 'redemptions'], {
    from: day,
    to: day,
    activeParticipants: object(['daily', 'monthly'], {
      daily: { type: 'array', items: object(['day', 'count'], { day, count }) },
      monthly: { type: 'array', items: object(['month', 'count'], { month, count }) },
    }),
    achievementsPerParticipant: { type: 'array', items: object(['month', 'average'], { month, average: { type: 'number', minimum: 0 } }) },
    retention30: object(['participants', 'nonParticipants'], {
      participants: schema('RetentionGroup'),
      nonParticipants: schema('RetentionGroup'),
    }),
    achievements: {
      type: 'array',
      items: object(['id', 'unlocks', 'rarity', 'ratings'], { id: { type: 'string' }, unlocks: count, rarity: share, averageRating: { type: 'number', minimum: 1, maximum: 5 }, ratings: count }),
    },
    redemptions: { type: 'array', items: object(['rewardId', 'count', 'points'], { rewardId: { type: 'string' }, count, points: count }) },
  }),
  RetentionGroup: object(['cohort', 'retained', 'rate'], { cohort: count, retained: count, rate: share }),
};

/** Error details of the refused redemptions, for the Error schema's `details`. */
export const engagementErrorDetails = [
  object(['cost', 'balance'], { cost: positive, balance: count }),
  object(['minLevel'], { minLevel: object(['id', 'index', 'minPoints'], { id: { type: 'string' }, index: count, minPoints: count }) }),
  object(['limit'], { limit: schema('Quota') }),
  object(['stock'], { stock: schema('Quota') }),
];

export const engagementErrorCodes = 'idempotency_key_required, idempotency_key_reused, insufficient_points, level_too_low, limit_reached, sold_out, forbidden';

export function engagementPaths({ ref, errorResponse, citizen, acceptLanguage, ifNoneMatch, limited, etag, crossSite }: OpenApiParts) {
  const json = (description: string, name: string, headers?: unknown) => ({ description, ...(headers ? { headers } : {}), content: { 'application/json': { schema: ref(name) } } });
  const body = (name: string) => ({ required: true, content: { 'application/json': { schema: ref(name) } } });
  const unauthenticated = errorResponse('No, expired or wrongly signed token.');
  const badBody = errorResponse('Invalid JSON or an invalid field (named in details); nothing stored.');
  const bodyErrors = { '413': errorResponse('The body is larger than 1 MiB.'), '415': errorResponse('Not application/json.') };
  return {
    '/rewards': {
      get: {
        summary: 'The privileges points buy, with the citizen’s balance and availability when signed in',
        description:
          'Public (Cache-Control: public, max-age=60). A citizen’s token (Authorization: Bearer, or the ach_token cookie) is optional; when sent it must be valid (else 401) and adds `balance` and each reward’s `availability` (private, no-cache).',
        parameters: [acceptLanguage, ifNoneMatch],
        responses: {
          '200': json('Localized rewards.', 'Rewards', etag),
          '304': { description: 'Unchanged.' },
          '401': errorResponse('A token was sent and it is not valid.'),
          ...limited,
        },
      },
    },
    '/me/redemptions': {
      post: {
        summary: 'Redeem a privilege for points (idempotent by Idempotency-Key)',
        description:
          'The check and the grant are one transaction: concurrent redemptions never spend a balance twice. The same Idempotency-Key with the same body answers the same redemption again (200, balance as of now); with another body it is 409 idempotency_key_reused. A refusal stores nothing.',
        security: citizen,
        parameters: [
          { name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,200}$' }, description: 'New for each redemption intent, the same for its retries.' },
          acceptLanguage,
        ],
        requestBody: body('RedemptionRequest'),
        responses: {
          '201': json('Granted.', 'Redeemed'),
          '200': json('Granted before under this Idempotency-Key (a replay).', 'Redeemed'),
          '400': errorResponse('No or an invalid Idempotency-Key (idempotency_key_required), invalid JSON or an invalid field; nothing stored.'),
          ...bodyErrors,
          '401': unauthenticated,
          '403': errorResponse(crossSite),
          '404': errorResponse('No such reward.'),
          '409': errorResponse('limit_reached (details.limit), sold_out (details.stock) or idempotency_key_reused.'),
          '422': errorResponse('insufficient_points (details: cost, balance) or level_too_low (details.minLevel).'),
          ...limited,
        },
      },
      get: {
        summary: 'The citizen’s balance and redemptions, newest first',
        security: citizen,
        parameters: [acceptLanguage, ifNoneMatch],
        responses: { '200': json('Balance and redemptions.', 'Redemptions', etag), '304': { description: 'Unchanged.' }, '401': unauthenticated, ...limited },
      },
    },
    '/me/feedback/{achievementId}': {
      put: {
        summary: 'Rate an earned achievement 1–5, with an optional comment (again: replaces it)',
        security: citizen,
        parameters: [{ name: 'achievementId', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: body('FeedbackRequest'),
        responses: {
          '200': json('Saved.', 'Feedback'),
          '400': badBody,
          ...bodyErrors,
          '401': unauthenticated,
          '403': errorResponse(`not_earned: the citizen has not earned this achievement; or ${crossSite}`),
          '404': errorResponse('No such achievement in the catalog.'),
          ...limited,
        },
      },
    },
    '/me/feedback': {
      get: {
        summary: 'The citizen’s ratings',
        security: citizen,
        parameters: [ifNoneMatch],
        responses: { '200': json('Ratings by achievement id.', 'FeedbackList', etag), '304': { description: 'Unchanged.' }, '401': unauthenticated, ...limited },
      },
    },
    '/me/preferences': {
      get: {
        summary: 'The citizen’s settings',
        security: citizen,
        responses: { '200': json('Settings.', 'Preferences'), '401': unauthenticated, ...limited },
      },
      put: {
        summary: 'Turn gamification on or off',
        description:
          'Off: events are still evaluated (earned is forever), but the live stream sends this citizen no unlock, progress or campaign events, they leave every campaign, and recommendations are empty. On again: everything shows.',
        security: citizen,
        requestBody: body('Preferences'),
        responses: { '200': json('Saved.', 'Preferences'), '400': badBody, ...bodyErrors, '401': unauthenticated, '403': errorResponse(crossSite), ...limited },
      },
    },
    '/admin/metrics': {
      get: {
        summary: 'Operators’ metrics over a range of days (definitions in the README)',
        description: 'Only with an admin key (ACH_ADMIN_KEYS); without any configured, /admin answers 404.',
        security: [{ adminKey: [] }],
        parameters: [
          { name: 'from', in: 'query', schema: day, description: 'First day (Moscow), included; default: 89 days before `to`.' },
          { name: 'to', in: 'query', schema: day, description: 'Last day (Moscow), included; default: today. At most 366 days in all.' },
        ],
        responses: {
          '200': json('The metrics.', 'Metrics'),
          '400': errorResponse('A day that is not YYYY-MM-DD, from after to, or more than 366 days.'),
          '401': errorResponse('No or a wrong admin key.'),
          '403': errorResponse('A service key instead of an admin key (forbidden).'),
          '404': errorResponse('No admin key is configured.'),
          ...limited,
        },
      },
    },
  };
}
