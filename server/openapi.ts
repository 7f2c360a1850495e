/**
 * The OpenAPI 3.1 document of contract v1 as this server serves it. Tests validate real
 * responses against these schemas, so it stays true.
 */
import { campaignPaths, campaignSchemas } from './campaigns/openapi.ts';
import { engagementErrorCodes, engagementErrorDetails, engagementPaths, engagementSchemas } from './openapi-engagement.ts';
import { ICON_FILE } from './views.ts';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const time = { type: 'string', format: 'date-time' } as const;
const count = { type: 'integer', minimum: 0 } as const;

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ref('Error') } } });

const schemas = {
  Error: {
    type: 'object',
    additionalProperties: false,
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'message'],
        properties: {
          code: {
            type: 'string',
            description:
              `Stable, for programs: invalid_event, invalid_request, invalid_json, unauthenticated, not_earned, not_found, gone, payload_too_large, unsupported_media_type, rate_limited, too_many_streams, internal, unavailable, not_eligible, campaign_finished, ${engagementErrorCodes}.`,
          },
          message: { type: 'string', description: 'For people; for invalid_event it names the index and field, e.g. events[3].occurredAt: …' },
          details: {
            description:
              'invalid_event and invalid_request: { issues: [{ path, message }] }; rate_limited and too_many_streams: { retryAfter } (seconds); insufficient_points: { cost, balance }; level_too_low: { minLevel }; limit_reached: { limit }; sold_out: { stock }.',
            anyOf: [
              {
                type: 'object',
                additionalProperties: false,
                required: ['issues'],
                properties: {
                  issues: {
                    type: 'array',
                    items: { type: 'object', additionalProperties: false, required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } },
                  },
                },
              },
              { type: 'object', additionalProperties: false, required: ['retryAfter'], properties: { retryAfter: { type: 'integer', minimum: 1 } } },
              ...engagementErrorDetails,
            ],
          },
        },
      },
    },
  },
  Event: {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'userId', 'type', 'occurredAt'],
    properties: {
      id: { type: 'string', pattern: '^[\\x21-\\x7e]{1,128}$', description: 'Unique per event: the same id twice counts once.' },
      userId: { type: 'string', pattern: '^[\\x21-\\x7e]{1,128}$' },
      type: { type: 'string', pattern: '^[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*$', maxLength: 64 },
      occurredAt: { ...time, description: 'RFC 3339 with an offset; from 2000-01-01 to 5 minutes ahead of the server clock.' },
      channel: { enum: ['web', 'mobile', 'office', 'api'] },
      attributes: {
        type: 'object',
        maxProperties: 32,
        propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$', not: { enum: ['constructor', 'prototype'] } },
        additionalProperties: { anyOf: [{ type: 'string', maxLength: 256 }, { type: 'number' }, { type: 'boolean' }] },
      },
    },
  },
  EventBatch: {
    type: 'object',
    additionalProperties: false,
    required: ['events'],
    properties: { events: { type: 'array', minItems: 1, maxItems: 1000, items: ref('Event') } },
  },
  IngestResult: {
    type: 'object',
    additionalProperties: false,
    required: ['accepted', 'duplicates', 'unlocked'],
    properties: {
      accepted: count,
      duplicates: count,
      unlocked: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['userId', 'achievementId', 'unlockedAt'],
          properties: { userId: { type: 'string' }, achievementId: { type: 'string' }, tier: { type: 'integer', minimum: 1 }, unlockedAt: time },
        },
      },
    },
  },
  Tier: {
    type: 'object',
    additionalProperties: false,
    required: ['tier', 'target', 'points'],
    properties: { tier: { type: 'integer', minimum: 1 }, target: count, points: count },
  },
  CatalogAchievement: {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'title', 'description', 'difficulty', 'category', 'hidden', 'icon'],
    properties: {
      id: { type: 'string' },
      title: { type: 'string', description: 'A placeholder for hidden achievements.' },
      description: { type: 'string' },
      difficulty: { enum: ['simple', 'medium', 'complex'] },
      category: { type: 'string' },
      hidden: { type: 'boolean' },
      icon: { type: 'string', format: 'uri' },
      points: count,
      tiers: { type: 'array', items: ref('Tier') },
      unit: { type: 'object', additionalProperties: { type: 'string' }, description: 'Plural forms of the progress noun in the response language.' },
      link: { type: 'string', format: 'uri', description: 'Where on the portal to earn it (a catalog path resolved against ACH_PORTAL_URL); not for hidden ones.' },
      rarity: {
        type: 'number',
        minimum: 0,
        maximum: 1,
        description: 'Share of participants (verified, gamification on) who earned it, two decimals, refreshed every 10 minutes; absent for hidden ones and below 20 participants.',
      },
    },
  },
  Privilege: {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'title'],
    properties: { id: { type: 'string' }, title: { type: 'string' } },
  },
  Catalog: {
    type: 'object',
    additionalProperties: false,
    required: ['language', 'timeZone', 'achievements', 'levels'],
    properties: {
      language: { enum: ['ru', 'en'] },
      timeZone: { type: 'string' },
      achievements: { type: 'array', items: ref('CatalogAchievement') },
      levels: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'index', 'title', 'minPoints', 'privileges'],
          properties: { id: { type: 'string' }, index: count, title: { type: 'string' }, minPoints: count, privileges: { type: 'array', items: ref('Privilege') } },
        },
      },
    },
  },
  Progress: {
    type: 'object',
    additionalProperties: false,
    required: ['current', 'target', 'remaining'],
    properties: {
      current: count,
      target: count,
      remaining: count,
      windowEndsAt: { ...time, description: 'Progress counts in a window that closes then.' },
      missing: { type: 'array', items: { type: ['string', 'number', 'boolean'] }, description: 'Values of a set still missing.' },
      spoiled: { type: 'boolean', description: 'This window already has an operation that rules it out.' },
      ended: { type: 'boolean', description: 'The fixed date range it counts in is over: only an event dated inside it that arrives late can still count.' },
      parts: { type: 'array', items: ref('Progress'), description: 'Each condition of a combined criterion.' },
    },
  },
  Streak: {
    type: 'object',
    additionalProperties: false,
    required: ['period', 'length', 'activeThisPeriod', 'thisPeriodCount'],
    properties: {
      period: { enum: ['day', 'week', 'month', 'quarter', 'year'] },
      length: count,
      activeThisPeriod: { type: 'boolean' },
      thisPeriodCount: count,
      nextMarkAt: time,
      daysToNextMark: count,
    },
  },
  MyAchievement: {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'state', 'progress', 'points'],
    properties: {
      id: { type: 'string' },
      state: { enum: ['locked', 'in_progress', 'unlocked'] },
      progress: ref('Progress'),
      tier: { type: 'integer', minimum: 1 },
      tiers: { type: 'integer', minimum: 1 },
      unlockedAt: time,
      points: count,
      nextTier: ref('Tier'),
      streak: ref('Streak'),
      title: { type: 'string', description: 'Only for a hidden achievement the citizen has earned.' },
      description: { type: 'string' },
    },
  },
  Level: {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'index', 'title', 'minPoints', 'privileges'],
    properties: {
      id: { type: 'string' },
      index: count,
      title: { type: 'string' },
      minPoints: count,
      nextMinPoints: count,
      privileges: { type: 'array', items: ref('Privilege'), description: 'Everything this level and the ones below open.' },
    },
  },
  MyAchievements: {
    type: 'object',
    additionalProperties: false,
    required: ['userId', 'verified', 'points', 'level', 'achievements', 'updatedAt', 'balance', 'gamification'],
    properties: {
      userId: { type: 'string' },
      verified: { type: 'boolean' },
      points: { ...count, description: 'Earned: they set the level, spending never lowers them.' },
      level: ref('Level'),
      achievements: { type: 'array', items: ref('MyAchievement') },
      updatedAt: time,
      balance: { ...count, description: 'Points left to spend on rewards: earned + campaign prizes − spent.' },
      gamification: { type: 'boolean', description: 'False while the citizen has turned gamification off.' },
    },
  },
  ReadyEvent: {
    type: 'object',
    additionalProperties: false,
    properties: {},
    description: 'Nothing but its id: where the stream starts.',
  },
  UnlockEvent: {
    type: 'object',
    additionalProperties: false,
    required: ['achievementId', 'unlockedAt', 'points'],
    properties: { achievementId: { type: 'string' }, tier: { type: 'integer', minimum: 1 }, unlockedAt: time, points: count },
  },
  ProgressEvent: {
    type: 'object',
    additionalProperties: false,
    required: ['points', 'level', 'achievements'],
    properties: {
      points: count,
      level: { type: 'object', additionalProperties: false, required: ['id'], properties: { id: { type: 'string' } } },
      achievements: { type: 'array', items: { ...ref('MyAchievement') } },
    },
  },
  ShareRequest: {
    type: 'object',
    additionalProperties: false,
    required: ['achievementId'],
    properties: {
      achievementId: { type: 'string', minLength: 1, description: 'An achievement the citizen has earned (hidden ones too).' },
      displayName: {
        type: 'string',
        description:
          'The name the citizen chose to show on the page, as plain text: trimmed, inner spaces collapsed, 1–60 characters, no control or invisible characters. Without it the page shows nothing of the citizen.',
      },
    },
  },
  Health: {
    type: 'object',
    additionalProperties: false,
    required: ['status'],
    properties: { status: { const: 'ok' } },
  },
  Share: {
    type: 'object',
    additionalProperties: false,
    required: ['url'],
    properties: { url: { type: 'string', format: 'uri', description: 'The public page, ACH_PUBLIC_URL/s/{shareId}; the id is 128 random bits.' } },
  },
  ...campaignSchemas,
  ...engagementSchemas,
};

const citizen = [{ citizenToken: [] }, { citizenCookie: [] }];
const acceptLanguage = { name: 'Accept-Language', in: 'header', schema: { type: 'string' }, description: 'ru (default) or en.' };
const ifNoneMatch = { name: 'If-None-Match', in: 'header', schema: { type: 'string' } };
const limited = {
  '429': { ...errorResponse('Too many requests, or too many failed sign-ins from this address; see Retry-After.'), headers: { 'Retry-After': { schema: { type: 'integer' } } } },
  '500': errorResponse('Something went wrong on the server; a batch is then not stored.'),
};
/** Every change a citizen makes may also be refused by the cross-site check (server/cross-site.ts). */
const crossSite =
  'forbidden: signed in by the ach_token cookie alone from a page of another origin (an Origin that is neither ACH_PUBLIC_URL’s nor one of ACH_CORS_ORIGINS, or Sec-Fetch-Site cross-site or same-site); a same-origin page and a token in Authorization are not refused.';
const shareId = { name: 'shareId', in: 'path', required: true, schema: { type: 'string' } };
const html = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' } } } });
const etag = { ETag: { schema: { type: 'string' }, description: 'Send it back in If-None-Match to get 304 while unchanged.' } };

export function openApiDocument(publicUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'civic-achievements',
      version: '1.0.0',
      description: 'Achievements for a government e-services portal: events in, achievements out. Errors are { error: { code, message, details? } }.',
    },
    servers: [{ url: `${publicUrl}/api/v1` }],
    components: {
      schemas,
      securitySchemes: {
        serviceKey: { type: 'http', scheme: 'bearer', description: 'A portal back end’s key (ACH_SERVICE_KEYS).' },
        citizenToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'HS256, sub = the citizen, exp required.' },
        citizenCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'ach_token',
          description: `A change (POST, PUT, DELETE) signed in by the cookie alone answers 403 ${crossSite}`,
        },
        adminKey: { type: 'http', scheme: 'bearer', description: 'An operator’s key (ACH_ADMIN_KEYS), never a service key.' },
      },
    },
    paths: {
      '/events': {
        post: {
          summary: 'Report citizens’ actions (atomic: one invalid event rejects the batch)',
          security: [{ serviceKey: [] }],
          requestBody: { required: true, content: { 'application/json': { schema: ref('EventBatch') } } },
          responses: {
            '200': { description: 'Stored; ids already known are counted as duplicates.', content: { 'application/json': { schema: ref('IngestResult') } } },
            '400': errorResponse('Invalid JSON or an invalid event (its index and field named); nothing stored.'),
            '401': errorResponse('No or wrong service key.'),
            '413': errorResponse('The body is larger than 1 MiB.'),
            '415': errorResponse('Not application/json.'),
            ...limited,
          },
        },
      },
      '/catalog': {
        get: {
          summary: 'The achievements and levels, for display',
          parameters: [acceptLanguage, ifNoneMatch],
          responses: {
            '200': { description: 'Localized catalog.', headers: etag, content: { 'application/json': { schema: ref('Catalog') } } },
            '304': { description: 'Unchanged.' },
          },
        },
      },
      '/icons/{file}': {
        get: {
          summary: 'An achievement icon',
          parameters: [{ name: 'file', in: 'path', required: true, schema: { type: 'string', pattern: ICON_FILE.source } }],
          responses: {
            '200': { description: 'The icon.', content: { 'image/svg+xml': {}, 'image/png': {} } },
            '404': errorResponse('No such icon.'),
          },
        },
      },
      '/me/achievements': {
        get: {
          summary: 'The signed-in citizen’s points, level and every achievement’s state',
          security: citizen,
          parameters: [acceptLanguage, ifNoneMatch],
          responses: {
            '200': { description: 'The citizen’s achievements.', headers: etag, content: { 'application/json': { schema: ref('MyAchievements') } } },
            '304': { description: 'Unchanged.' },
            '401': errorResponse('No, expired or wrongly signed token.'),
            ...limited,
          },
        },
      },
      '/me/stream': {
        get: {
          summary: 'Live unlocks and progress (Server-Sent Events)',
          description:
            'Events: first `ready` (ReadyEvent), whose id is where the stream starts, so that a reconnect can send Last-Event-ID even when nothing else came; then `unlock` (UnlockEvent), `progress` (ProgressEvent), and `campaign` (CampaignEvent: a campaign starts within 24 h, starts, or ends; to every citizen with gamification on), each with an id. A new stream starts from now; a reconnect that sends Last-Event-ID receives everything after that id (kept 7 days); an id beyond the newest (a restored database) starts from now. Idle streams get a comment every 15 s. At most 5 streams per citizen at once.',
          security: citizen,
          parameters: [{ name: 'Last-Event-ID', in: 'header', schema: { type: 'string' } }],
          responses: {
            '200': { description: 'An event stream.', content: { 'text/event-stream': { schema: { type: 'string' } } } },
            '401': errorResponse('No, expired or wrongly signed token.'),
            ...limited,
            '429': {
              ...limited['429'],
              ...errorResponse('too_many_streams: the citizen has 5 streams open already; or too many requests, or failed sign-ins from this address; see Retry-After.'),
            },
          },
        },
      },
      '/me/shares': {
        post: {
          summary: 'Make a public link to an achievement the citizen earned',
          description:
            'Asking again for the same achievement and the same name (or none) answers the same live link (200); another name makes another link (201) and leaves the first as it was.',
          security: citizen,
          requestBody: { required: true, content: { 'application/json': { schema: ref('ShareRequest') } } },
          responses: {
            '201': { description: 'A new link.', content: { 'application/json': { schema: ref('Share') } } },
            '200': { description: 'The live link made before for this achievement and name.', content: { 'application/json': { schema: ref('Share') } } },
            '400': errorResponse('Invalid JSON or an invalid field (named in details); nothing stored.'),
            '401': errorResponse('No, expired or wrongly signed token.'),
            '403': errorResponse(`not_earned: the citizen has not earned this achievement; or ${crossSite}`),
            '404': errorResponse('No such achievement in the catalog.'),
            '413': errorResponse('The body is larger than 1 MiB.'),
            '415': errorResponse('Not application/json.'),
            ...limited,
          },
        },
      },
      '/me/shares/{shareId}': {
        delete: {
          summary: 'Withdraw one of the citizen’s links: its page and image then answer 410',
          security: citizen,
          parameters: [shareId],
          responses: {
            '204': { description: 'Withdrawn (withdrawing again is harmless).' },
            '401': errorResponse('No, expired or wrongly signed token.'),
            '403': errorResponse(crossSite),
            '404': errorResponse('No such link among the citizen’s own; another citizen’s is not revealed.'),
            ...limited,
          },
        },
      },
      '/s/{shareId}': {
        servers: [{ url: publicUrl || '/' }],
        get: {
          summary: 'The public share page (HTML with Open Graph tags), for anyone and any crawler',
          description: 'No sign-in, no script, no tracking; Russian. Cache-Control: public, max-age=300.',
          parameters: [shareId],
          responses: {
            '200': html('The badge, its title and description, the date earned, and the name only if the citizen chose one.'),
            '404': html('No such link.'),
            '410': html('The link was withdrawn; nothing of the achievement.'),
          },
        },
      },
      '/s/{shareId}/image.png': {
        servers: [{ url: publicUrl || '/' }],
        get: {
          summary: 'The page’s preview image: 1200×630 PNG of the badge and its title',
          parameters: [shareId, ifNoneMatch],
          responses: {
            '200': { description: 'The same for everyone who earned the achievement. Cache-Control: public, max-age=86400.', headers: etag, content: { 'image/png': {} } },
            '304': { description: 'Unchanged.' },
            '404': errorResponse('No such link.'),
            '410': errorResponse('The link was withdrawn.'),
          },
        },
      },
      '/healthz': {
        servers: [{ url: publicUrl || '/' }],
        get: {
          summary: 'Whether the server can answer: it reads the database',
          responses: {
            '200': { description: 'Up.', content: { 'application/json': { schema: ref('Health') } } },
            '503': errorResponse('The database does not answer (code unavailable).'),
          },
        },
      },
      ...campaignPaths({ ref, errorResponse, citizen, acceptLanguage, ifNoneMatch, limited, etag, crossSite }),
      ...engagementPaths({ ref, errorResponse, citizen, acceptLanguage, ifNoneMatch, limited, etag, crossSite }),
      '/openapi.json': { get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1.', content: { 'application/json': {} } } } } },
    },
  };
}
