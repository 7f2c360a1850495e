/**
 * The OpenAPI parts of campaigns, leaderboards and recommendations, spread into server/openapi.ts
 * (which hands over its shared pieces: references, error responses, parameters).
 */
const time = { type: 'string', format: 'date-time' } as const;
const count = { type: 'integer', minimum: 0 } as const;
const rank = { type: 'integer', minimum: 1 } as const;
const status = { enum: ['upcoming', 'active', 'finished'] } as const;

export const campaignSchemas = {
  Prize: {
    type: 'object',
    additionalProperties: false,
    required: ['places', 'label'],
    properties: {
      places: { type: 'array', items: rank, minItems: 2, maxItems: 2, description: '[from, to], inclusive.' },
      points: { type: 'integer', minimum: 1, description: 'Added to the balance of each winner of these places.' },
      rewardId: { type: 'string', description: 'A reward granted at no cost (GET /rewards).' },
      rewardTitle: { type: 'string', description: 'The reward’s title in the response language.' },
      label: { type: 'string', description: 'The prize in words, e.g. «2–3 места: 300 баллов».' },
    },
  },
  MyCampaign: {
    type: 'object',
    additionalProperties: false,
    required: ['joined', 'eligible'],
    properties: {
      joined: { type: 'boolean' },
      eligible: { type: 'boolean', description: 'Verified, at the minimum level, gamification on.' },
      rank: rank,
      score: count,
    },
  },
  Campaign: {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'title', 'description', 'startsAt', 'endsAt', 'status', 'score', 'prizes'],
    properties: {
      id: { type: 'string' },
      title: { type: 'string' },
      description: { type: 'string' },
      startsAt: { ...time, description: 'RFC 3339 with the offset of the campaign file (Moscow time in the default one).' },
      endsAt: { ...time, description: 'Exclusive: events at or after it do not count.' },
      status,
      score: { enum: ['points', 'count'], description: 'Points earned in the period, or the count of matching events.' },
      prizes: { type: 'array', items: { $ref: '#/components/schemas/Prize' } },
      me: { $ref: '#/components/schemas/MyCampaign', description: 'Only with a citizen’s token.' },
    },
  },
  Campaigns: {
    type: 'object',
    additionalProperties: false,
    required: ['campaigns'],
    properties: { campaigns: { type: 'array', items: { $ref: '#/components/schemas/Campaign' }, description: 'Active, then upcoming (soonest first), then finished (latest first).' } },
  },
  Participation: {
    type: 'object',
    additionalProperties: false,
    required: ['joined', 'displayName'],
    properties: {
      joined: { const: true },
      displayName: { type: 'string', description: 'The citizen’s pseudonym in this campaign, «Участник 4821»: a random number, the same on every visit.' },
    },
  },
  LeaderboardRow: {
    type: 'object',
    additionalProperties: false,
    required: ['rank', 'displayName', 'score'],
    properties: { rank, displayName: { type: 'string' }, score: count },
  },
  Leaderboard: {
    type: 'object',
    additionalProperties: false,
    required: ['campaignId', 'updatedAt', 'top'],
    properties: {
      campaignId: { type: 'string' },
      updatedAt: { ...time, description: 'When the leaderboard last changed.' },
      top: {
        type: 'array',
        items: { $ref: '#/components/schemas/LeaderboardRow' },
        description: 'Participants only, by score; equal scores by who reached it first, then by pseudonym.',
      },
      me: { $ref: '#/components/schemas/LeaderboardRow', description: 'The citizen’s own row, when they take part (with a token).' },
    },
  },
  CampaignEvent: {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'status', 'title'],
    properties: { id: { type: 'string' }, status, title: { type: 'string', description: 'In Russian; GET /campaigns has it in the reader’s language.' } },
  },
  Recommendation: {
    type: 'object',
    additionalProperties: false,
    required: ['achievementId', 'title', 'reason', 'points', 'remaining', 'score'],
    properties: {
      achievementId: { type: 'string' },
      title: { type: 'string' },
      reason: { type: 'string', description: 'Plain language, e.g. «ещё 2 заявления до 31 декабря — и достижение «Регулярный пользователь» ваше».' },
      link: { type: 'string', format: 'uri', description: 'Where on the portal to do it.' },
      points: { ...count, description: 'What the unlock (or next tier) brings.' },
      remaining: { type: 'integer', minimum: 1 },
      score: { type: 'integer', minimum: 0, maximum: 100, description: 'The ranking score (closeness, worth, urgency; see the README).' },
    },
  },
  Recommendations: {
    type: 'object',
    additionalProperties: false,
    required: ['recommendations'],
    properties: { recommendations: { type: 'array', maxItems: 5, items: { $ref: '#/components/schemas/Recommendation' }, description: 'Best first; empty while gamification is off.' } },
  },
};

/** What server/openapi.ts shares with these paths. */
export interface OpenApiParts {
  ref: (name: string) => unknown;
  errorResponse: (description: string) => unknown;
  citizen: unknown;
  acceptLanguage: unknown;
  ifNoneMatch: unknown;
  limited: Record<string, unknown>;
  etag: unknown;
  /** The 403 `forbidden` of a change signed in by the cookie from another site's page. */
  crossSite: string;
}

export function campaignPaths({ ref, errorResponse, citizen, acceptLanguage, ifNoneMatch, limited, etag, crossSite }: OpenApiParts) {
  const campaignId = { name: 'campaignId', in: 'path', required: true, schema: { type: 'string' } };
  const json = (description: string, schema: string, headers?: unknown) => ({ description, ...(headers ? { headers } : {}), content: { 'application/json': { schema: ref(schema) } } });
  const optionalToken =
    'Public. A citizen’s token (Authorization: Bearer, or the ach_token cookie) is optional; when sent it must be valid (else 401) and adds the citizen’s own standing.';
  return {
    '/campaigns': {
      get: {
        summary: 'The campaigns (турниры), with the citizen’s standing when signed in',
        description: optionalToken,
        parameters: [acceptLanguage, ifNoneMatch],
        responses: {
          '200': json('Localized campaigns.', 'Campaigns', etag),
          '304': { description: 'Unchanged.' },
          '401': errorResponse('A token was sent and is not valid.'),
          ...limited,
        },
      },
    },
    '/campaigns/{campaignId}/leaderboard': {
      get: {
        summary: 'A campaign’s leaderboard: the top N and the citizen’s own position',
        description: optionalToken,
        parameters: [campaignId, acceptLanguage, ifNoneMatch],
        responses: {
          '200': json('The leaderboard.', 'Leaderboard', etag),
          '304': { description: 'Unchanged.' },
          '401': errorResponse('A token was sent and is not valid.'),
          '404': errorResponse('No such campaign.'),
          ...limited,
        },
      },
    },
    '/me/campaigns/{campaignId}/participation': {
      post: {
        summary: 'Take part in a campaign (opt-in), under a pseudonym',
        description: 'Joining again answers the same. Upcoming and active campaigns can be joined.',
        security: citizen,
        parameters: [campaignId, acceptLanguage],
        responses: {
          '200': json('Taking part.', 'Participation'),
          '401': errorResponse('No, expired or wrongly signed token.'),
          '403': errorResponse(`not_eligible: not verified, below the minimum level, or gamification is off; or ${crossSite}`),
          '404': errorResponse('No such campaign.'),
          '409': errorResponse('campaign_finished: the campaign has ended.'),
          ...limited,
        },
      },
      delete: {
        summary: 'Leave a campaign: off its leaderboard at once',
        security: citizen,
        parameters: [campaignId],
        responses: {
          '204': { description: 'Left (leaving again is harmless).' },
          '401': errorResponse('No, expired or wrongly signed token.'),
          '403': errorResponse(crossSite),
          '404': errorResponse('No such campaign.'),
          ...limited,
        },
      },
    },
    '/me/recommendations': {
      get: {
        summary: 'The citizen’s next steps («Следующие шаги»): at most five, best first',
        security: citizen,
        parameters: [acceptLanguage, ifNoneMatch],
        responses: {
          '200': json('Recommendations.', 'Recommendations', etag),
          '304': { description: 'Unchanged.' },
          '401': errorResponse('No, expired or wrongly signed token.'),
          ...limited,
        },
      },
    },
  };
}
