/**
 * The citizen's own data: GET /api/v1/me/achievements, the live stream GET /api/v1/me/stream, and
 * the rest of /me from its own modules (shares, campaigns, recommendations, redemptions, feedback,
 * preferences), all signed in and limited alike.
 */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { createUserState, decodeState } from '../../src/engine/index.ts';
import type { ServerContext } from '../context.ts';
import { compiledOnce } from '../db/open.ts';
import { ApiError } from '../errors.ts';
import { conditionalJson, requiredCitizen } from '../http.ts';
import { EVERYONE } from '../live.ts';
import type { LiveMessage } from '../live.ts';
import { gamificationOn } from '../preferences.ts';
import { ledgerFrom, ledgerParts } from '../rewards/store.ts';
import { languageOf, meJson } from '../views.ts';
import { campaignParticipationRoutes } from './campaigns.ts';
import { feedbackRoutes } from './feedback.ts';
import { preferenceRoutes } from './preferences.ts';
import { recommendationRoutes } from './recommendations.ts';
import { redemptionRoutes } from './rewards.ts';
import { shareRoutes } from './shares.ts';

/** How many missed events a reconnecting stream reads at a time. */
const BACKLOG = 1000;
/** Live streams one citizen may hold open at once (tabs, devices); one more answers 429. */
const MAX_STREAMS_PER_CITIZEN = 5;
/** When a refused stream may try again: streams end when tabs close. */
const STREAMS_RETRY_AFTER_S = 30;

export function meRoutes(ctx: ServerContext): Hono {
  const app = new Hono();
  const citizen = requiredCitizen(ctx);
  app.route('/shares', shareRoutes(ctx, citizen));
  app.route('/campaigns', campaignParticipationRoutes(ctx, citizen));
  app.route('/recommendations', recommendationRoutes(ctx, citizen));
  app.route('/redemptions', redemptionRoutes(ctx, citizen));
  app.route('/feedback', feedbackRoutes(ctx, citizen));
  app.route('/preferences', preferenceRoutes(ctx, citizen));

  // The state, the ledger and the switch in one statement, built once: as three queries built per
  // request they took a third of the handler's time (BENCHMARKS.md).
  const readMe = compiledOnce(ctx.db, (userId) =>
    ctx.db.selectNoFrom((eb) => [
      eb.selectFrom('user_states').select('state').where('user_id', '=', userId).as('state'),
      eb.selectFrom('user_states').select('updated_at').where('user_id', '=', userId).as('updated_at'),
      ...ledgerParts(eb, userId),
      eb.selectFrom('preferences').select('gamification').where('user_id', '=', userId).as('gamification'),
    ]),
  );

  app.get('/achievements', async (c) => {
    const userId = await citizen(c);
    const [row] = await readMe(userId);
    // A state of an older catalog is shown fresh until the start-up backfill rewrites it.
    const state = (row?.state && decodeState(ctx.catalog, row.state)) ?? createUserState(ctx.catalog);
    const lang = languageOf(c.req.header('accept-language'));
    c.header('Vary', 'Accept-Language, Authorization, Cookie');
    const { balance } = ledgerFrom(row!);
    // No row in preferences: gamification is on (the default).
    const gamification = row!.gamification !== 0;
    return conditionalJson(c, { ...meJson(ctx.catalog, userId, state, row!.updated_at ?? undefined, ctx.now(), lang), balance, gamification }, 'private, no-cache');
  });

  app.get('/stream', async (c) => {
    const userId = await citizen(c);
    // A reconnect names the last event it saw and gets what followed; a new stream starts now,
    // so a page load does not replay old unlocks.
    const header = c.req.header('last-event-id');
    const lastSeen = Number(header);
    const resumed = header !== undefined && Number.isSafeInteger(lastSeen) && lastSeen >= 0;
    // Counted and subscribed with no await between: requests at once cannot all pass the count.
    if (ctx.live.streamsOf(userId) >= MAX_STREAMS_PER_CITIZEN) {
      throw new ApiError(429, 'too_many_streams', `At most ${MAX_STREAMS_PER_CITIZEN} live streams at once per citizen: close another tab or device first.`, { retryAfter: STREAMS_RETRY_AFTER_S });
    }
    // Subscribe before reading where the stream starts, so nothing falls between the two.
    const queue: LiveMessage[] = [];
    let wake: (() => void) | undefined;
    let closed = false;
    const unsubscribe = ctx.live.subscribe(userId, (message) => {
      queue.push(message);
      wake?.();
    });
    const close = () => {
      closed = true;
      unsubscribe();
      wake?.();
    };
    // Read before answering: a database that fails here answers 500, logged, as in any handler.
    let sent: number;
    let sources: string[];
    try {
      // Where the feed stands (live_events.seq is one sequence for everyone).
      const latest = (await ctx.db.selectFrom('live_events').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst())?.seq ?? 0;
      // An id beyond it (a restored database, or seq starting again once pruning emptied the table)
      // would silence the stream until the feed caught up: such a stream resumes from now.
      sent = resumed ? Math.min(lastSeen, latest) : latest;
      // The citizen's own events and those for everyone (campaign announcements), unless gamification is off.
      sources = resumed && !(await gamificationOn(ctx.db, userId)) ? [userId] : [userId, EVERYONE];
    } catch (error) {
      close();
      throw error;
    }
    const backlogAfter = (seq: number) =>
      ctx.db.selectFrom('live_events').select(['seq', 'kind', 'data']).where('user_id', 'in', sources).where('seq', '>', seq).orderBy('seq').limit(BACKLOG).execute();
    return streamSSE(c, async (stream) => {
      stream.onAbort(close);
      try {
        const send = async (message: LiveMessage) => {
          if (message.id <= sent) return;
          await stream.writeSSE({ id: String(message.id), event: message.event, data: message.data });
          sent = message.id;
        };
        await stream.write('retry: 3000\n\n');
        // Where this stream starts, as an id the client keeps: a reconnect resumes from there even
        // when nothing else came (a client ignores a message with an id alone, hence the event).
        await stream.writeSSE({ id: String(sent), event: 'ready', data: '{}' });
        // Everything missed that is still kept (a week), a page at a time.
        while (resumed && !closed) {
          const page = await backlogAfter(sent);
          for (const row of page) await send({ id: row.seq, event: row.kind, data: row.data });
          if (page.length < BACKLOG) break;
        }
        while (!closed) {
          while (queue.length) await send(queue.shift()!);
          // Our own timer, cleared on wake or close: a closed stream leaves nothing pending behind.
          const woken = await new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(false), ctx.heartbeatMs);
            wake = () => {
              clearTimeout(timer);
              resolve(true);
            };
          });
          wake = undefined;
          if (!woken && !closed) await stream.write(': keep-alive\n\n');
        }
      } catch (error) {
        // Caught here, not by streamSSE's onError, which sends the message to the client as an
        // `error` event. The stream just ends (the client reconnects and resumes); the log says why.
        ctx.log('error', 'live stream failed', { path: c.req.path, error: (error as Error).message, stack: (error as Error).stack });
      } finally {
        close();
      }
    });
  });
  return app;
}
