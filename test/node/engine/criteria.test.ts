/**
 * Criterion options the default catalog does not use, each on a small catalog of its own: the fixed
 * date range, any-of, and the remaining filter, window, share, streak, meta, tier and catalog
 * options. Times are Moscow wall-clock (UTC+3) unless they carry an offset.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Criterion } from '../../../src/engine/index.ts';
import { advanceTime, compileCatalog, nextWindowClose, parseTime } from '../../../src/engine/index.ts';
import { Citizen, definition, smallCatalog } from './harness.ts';

const unlock = (id: string, unlockedAt: string, points: number, tier?: number) => ({
  achievementId: id,
  ...(tier ? { tier } : {}),
  unlockedAt,
  points,
});

/** Spring 2025 in Moscow: [March 1st 00:00, June 1st 00:00). */
const SPRING = { from: '2025-03-01T00:00:00+03:00', to: '2025-06-01T00:00:00+03:00' };
const SPRING_ENDS = '2025-05-31T21:00:00.000Z';

describe('a fixed date range [from, to)', () => {
  const catalog = compileCatalog(
    smallCatalog([
      definition('spring-rater', { count: { of: { type: 'service.rated' }, atLeast: 3, within: SPRING } }, { points: 25 }),
      definition('spring-polls', { distinct: { of: { type: 'poll.voted' }, attribute: 'poll', atLeast: 2, within: SPRING } }),
      definition('spring-contacts', { every: { of: { type: 'contact.confirmed' }, attribute: 'kind', values: ['phone', 'email'], within: SPRING } }),
    ]),
  );

  it('count: the instant before from does not count; from and the last instant before to do', () => {
    const c = new Citizen('u', catalog);
    assert.deepEqual(c.do('service.rated', '2025-02-28T23:59:59.999').progressed, []);
    assert.deepEqual(c.achievement('spring-rater', '2025-03-01T00:00:00').progress, { current: 0, target: 3, remaining: 3, windowEndsAt: SPRING_ENDS });
    assert.deepEqual(c.do('service.rated', '2025-03-01T00:00:00').progressed, ['spring-rater']); // the first instant
    c.do('service.rated', '2025-04-15T12:00:00');
    const before = c.achievement('spring-rater', '2025-05-31T23:59:59.998');
    assert.equal(before.state, 'in_progress');
    assert.deepEqual(before.progress, { current: 2, target: 3, remaining: 1, windowEndsAt: SPRING_ENDS });
    // The last instant of the range, 1 ms before to.
    assert.deepEqual(c.do('service.rated', '2025-05-31T23:59:59.999').unlocked, [unlock('spring-rater', '2025-05-31T20:59:59.999Z', 25)]);
  });

  it('count: to itself is outside, in any offset; an instant equal to from written in UTC is inside', () => {
    const c = new Citizen('u', catalog);
    c.do('service.rated', '2025-02-28T21:00:00Z'); // = from
    c.do('service.rated', '2025-05-10T12:00:00');
    assert.deepEqual(c.do('service.rated', '2025-05-31T21:00:00Z').progressed, []); // = to
    assert.deepEqual(c.do('service.rated', '2025-06-01T00:00:00+03:00').progressed, []); // = to, another id
    assert.deepEqual(c.do('service.rated', '2025-06-01T02:00:00+05:00').progressed, []); // = to, another offset
    // After the range the count stays where it was, in progress, and the view says the range is over.
    const after = c.achievement('spring-rater', '2025-07-01T00:00:00');
    assert.deepEqual([after.state, after.points], ['in_progress', 0]);
    assert.deepEqual(after.progress, { current: 2, target: 3, remaining: 1, windowEndsAt: SPRING_ENDS, ended: true });
    assert.equal(c.achievement('spring-rater', '2025-05-31T20:59:59.999Z').progress.ended, undefined, 'not at its last instant');
    assert.equal(c.achievement('spring-rater', SPRING_ENDS).progress.ended, true, 'over at to itself');
  });

  it('count: a late event dated inside the range counts when it arrives after the range', () => {
    const c = new Citizen('u', catalog);
    c.do('service.rated', '2025-03-05T10:00:00');
    c.do('service.rated', '2025-03-06T10:00:00');
    c.do('service.rated', '2025-06-10T10:00:00'); // outside
    const late = c.ledger.ingest(c.event('service.rated', '2025-05-31T23:59:00'));
    assert.equal(late.status, 'replayed');
    assert.deepEqual(late.changes.unlocked, [unlock('spring-rater', '2025-05-31T20:59:00.000Z', 25)]);
  });

  it('distinct: values seen before the range are not remembered; from and the last instant count', () => {
    const c = new Citizen('u', catalog);
    const vote = (poll: string, at: string) => c.do('poll.voted', at, { attributes: { poll } });
    vote('park', '2025-02-28T23:59:59.999'); // before: ignored
    vote('bridge', '2025-03-01T00:00:00');
    vote('bridge', '2025-04-01T10:00:00'); // the same value again
    assert.deepEqual(c.achievement('spring-polls', '2025-05-31T23:59:00').progress, { current: 1, target: 2, remaining: 1, windowEndsAt: SPRING_ENDS });
    assert.deepEqual(vote('park', '2025-05-31T23:59:59.999').unlocked, [unlock('spring-polls', '2025-05-31T20:59:59.999Z', 10)]);

    const d = new Citizen('d', catalog);
    d.do('poll.voted', '2025-03-01T00:00:00', { attributes: { poll: 'bridge' } });
    assert.deepEqual(d.do('poll.voted', '2025-06-01T00:00:00', { attributes: { poll: 'park' } }).progressed, []); // to: outside
    assert.deepEqual(d.achievement('spring-polls', '2025-06-02T00:00:00').progress, { current: 1, target: 2, remaining: 1, windowEndsAt: SPRING_ENDS, ended: true });
  });

  it('every: a value seen outside the range is still missing', () => {
    const c = new Citizen('u', catalog);
    const confirm = (kind: string, at: string) => c.do('contact.confirmed', at, { attributes: { kind } });
    confirm('phone', '2025-02-28T23:59:59.999');
    confirm('email', '2025-03-01T00:00:00');
    const before = c.achievement('spring-contacts', '2025-05-31T23:00:00');
    assert.deepEqual(before.progress, { current: 1, target: 2, remaining: 1, windowEndsAt: SPRING_ENDS, missing: ['phone'] });
    assert.deepEqual(confirm('phone', '2025-05-31T23:59:59.999').unlocked, [unlock('spring-contacts', '2025-05-31T20:59:59.999Z', 10)]);

    const d = new Citizen('d', catalog);
    d.do('contact.confirmed', '2025-04-01T10:00:00', { attributes: { kind: 'email' } });
    assert.deepEqual(d.do('contact.confirmed', '2025-06-01T00:00:00', { attributes: { kind: 'phone' } }).unlocked, []);
    assert.deepEqual(d.achievement('spring-contacts', '2025-06-02T00:00:00').progress.missing, ['phone']);
  });
});

describe('any-of', () => {
  const either: Criterion = {
    anyOf: [{ count: { of: { type: 'service.rated' }, atLeast: 3 } }, { distinct: { of: { type: 'poll.voted' }, attribute: 'poll', atLeast: 2 } }],
  };
  const catalog = compileCatalog(
    smallCatalog([
      definition('either', either, { points: 15 }),
      // Two ratings in spring, or five at any time.
      definition('spring-or-loyal', {
        anyOf: [
          { count: { of: { type: 'service.rated' }, atLeast: 2, within: SPRING } },
          { count: { of: { type: 'service.rated' }, atLeast: 5 } },
        ],
      }),
      // A month of fines all paid in the app, or five QR scans.
      definition('app-or-qr', {
        anyOf: [
          { share: { of: { type: 'fine.paid' }, where: { type: 'fine.paid', channel: 'mobile' }, atLeast: 1, minCount: 2, within: { period: 'month' } } },
          { count: { of: { type: 'qr.scanned' }, atLeast: 5 } },
        ],
      }),
      // Nested: (a rating or a vote) and a completed profile.
      definition('nested', {
        allOf: [{ anyOf: [{ count: { of: { type: 'service.rated' }, atLeast: 1 } }, { count: { of: { type: 'poll.voted' }, atLeast: 1 } }] }, { count: { of: { type: 'profile.completed' }, atLeast: 1 } }],
      }),
    ]),
  );
  const rate = (c: Citizen, at: string) => c.do('service.rated', at);
  const vote = (c: Citizen, poll: string, at: string) => c.do('poll.voted', at, { attributes: { poll } });

  it('unlocks by the first branch', () => {
    const c = new Citizen('u', catalog);
    rate(c, '2025-03-01T10:00:00');
    vote(c, 'park', '2025-03-02T10:00:00');
    rate(c, '2025-03-03T10:00:00');
    assert.deepEqual(c.achievement('either', '2025-03-04T09:59:00').progress.current, 2);
    assert.deepEqual(rate(c, '2025-03-04T10:00:00').unlocked.filter((u) => u.achievementId === 'either'), [unlock('either', '2025-03-04T07:00:00.000Z', 15)]);
  });

  it('unlocks by the second branch, once: the first one completing later gives nothing more', () => {
    const c = new Citizen('u', catalog);
    rate(c, '2025-03-01T10:00:00');
    vote(c, 'park', '2025-03-02T10:00:00');
    vote(c, 'park', '2025-03-03T10:00:00'); // the same poll
    assert.deepEqual(vote(c, 'bridge', '2025-03-04T10:00:00').unlocked, [unlock('either', '2025-03-04T07:00:00.000Z', 15)]);
    // An unlocked any-of shows the closest branch as done: here the one that did it.
    assert.deepEqual(c.achievement('either', '2025-03-04T11:00:00').progress, { current: 2, target: 2, remaining: 0 });
    rate(c, '2025-03-05T10:00:00');
    const third = rate(c, '2025-03-06T10:00:00');
    assert.deepEqual(third.unlocked.filter((u) => u.achievementId === 'either'), []);
    const after = c.achievement('either', '2025-03-07T00:00:00');
    assert.deepEqual([after.state, after.unlockedAt, after.points], ['unlocked', '2025-03-04T07:00:00.000Z', 15]);
    assert.deepEqual(after.progress, { current: 3, target: 3, remaining: 0 }); // both done: the first branch wins the tie
  });

  it('progress shows the branch closest to done (by share of its target), the first on a tie, and every branch in parts', () => {
    const c = new Citizen('u', catalog);
    const progress = (now: string) => c.achievement('either', now).progress;
    assert.deepEqual(progress('2025-03-01T00:00:00'), {
      current: 0,
      target: 3,
      remaining: 3,
      parts: [
        { current: 0, target: 3, remaining: 3 },
        { current: 0, target: 2, remaining: 2 },
      ],
    });
    assert.equal(c.achievement('either', '2025-03-01T00:00:00').state, 'locked');
    rate(c, '2025-03-01T10:00:00'); // 1/3 against 0/2
    assert.deepEqual(progress('2025-03-01T11:00:00'), {
      current: 1,
      target: 3,
      remaining: 2,
      parts: [
        { current: 1, target: 3, remaining: 2 },
        { current: 0, target: 2, remaining: 2 },
      ],
    });
    assert.equal(c.achievement('either', '2025-03-01T11:00:00').state, 'in_progress');
    vote(c, 'park', '2025-03-02T10:00:00'); // 1/3 against 1/2
    assert.deepEqual(progress('2025-03-02T11:00:00'), {
      current: 1,
      target: 2,
      remaining: 1,
      parts: [
        { current: 1, target: 3, remaining: 2 },
        { current: 1, target: 2, remaining: 1 },
      ],
    });
    rate(c, '2025-03-03T10:00:00'); // 2/3 against 1/2
    assert.deepEqual(progress('2025-03-03T11:00:00'), {
      current: 2,
      target: 3,
      remaining: 1,
      parts: [
        { current: 2, target: 3, remaining: 1 },
        { current: 1, target: 2, remaining: 1 },
      ],
    });
  });

  it('a windowed branch brings its window end when it is the closest; the other branch can still win after the range', () => {
    const c = new Citizen('u', catalog);
    rate(c, '2025-05-20T10:00:00'); // 1/2 in spring against 1/5
    assert.deepEqual(c.achievement('spring-or-loyal', '2025-05-21T00:00:00').progress, {
      current: 1,
      target: 2,
      remaining: 1,
      windowEndsAt: SPRING_ENDS,
      parts: [
        { current: 1, target: 2, remaining: 1, windowEndsAt: SPRING_ENDS },
        { current: 1, target: 5, remaining: 4 },
      ],
    });
    for (const day of ['02', '03', '04']) rate(c, `2025-06-${day}T10:00:00`); // after spring: 1/2 against 4/5
    assert.deepEqual(c.achievement('spring-or-loyal', '2025-06-05T09:59:00').progress, {
      current: 4,
      target: 5,
      remaining: 1,
      parts: [
        { current: 1, target: 2, remaining: 1, windowEndsAt: SPRING_ENDS, ended: true },
        { current: 4, target: 5, remaining: 1 },
      ],
    });
    assert.deepEqual(rate(c, '2025-06-05T10:00:00').unlocked.filter((u) => u.achievementId === 'spring-or-loyal'), [
      unlock('spring-or-loyal', '2025-06-05T07:00:00.000Z', 10),
    ]);
  });

  it('a branch judged when its month closes unlocks at the month end, by advancing time', () => {
    const c = new Citizen('u', catalog);
    c.do('qr.scanned', '2025-07-01T10:00:00');
    c.do('fine.paid', '2025-07-02T10:00:00', { channel: 'mobile' });
    c.do('fine.paid', '2025-07-20T10:00:00', { channel: 'mobile' });
    assert.equal(c.achievement('app-or-qr', '2025-07-31T23:59:00').state, 'in_progress');
    assert.equal(nextWindowClose(catalog, c.ledger.state), parseTime('2025-07-31T21:00:00Z'));
    const changes = advanceTime(catalog, c.ledger.state, parseTime('2025-08-01T03:00:00Z'));
    assert.deepEqual(changes.unlocked, [unlock('app-or-qr', '2025-07-31T21:00:00.000Z', 10)]);
  });

  it('nested in all-of: unlocks when the last condition is met, by either branch', () => {
    const c = new Citizen('u', catalog);
    assert.deepEqual(vote(c, 'park', '2025-03-01T10:00:00').unlocked, []);
    assert.deepEqual(c.achievement('nested', '2025-03-02T09:59:00').progress, {
      current: 1,
      target: 2,
      remaining: 1,
      parts: [
        {
          current: 1,
          target: 1,
          remaining: 0,
          parts: [
            { current: 0, target: 1, remaining: 1 },
            { current: 1, target: 1, remaining: 0 },
          ],
        },
        { current: 0, target: 1, remaining: 1 },
      ],
    });
    assert.deepEqual(c.do('profile.completed', '2025-03-02T10:00:00').unlocked, [unlock('nested', '2025-03-02T07:00:00.000Z', 10)]);
  });
});

describe('event filters: attribute sets, ranges and exact typed values', () => {
  const catalog = compileCatalog(
    smallCatalog([
      definition('travel-documents', { count: { of: { type: 'application.submitted', attributes: { service: { in: ['passport', 'visa'] } } }, atLeast: 2 } }),
      definition('good-ratings', { count: { of: { type: 'service.rated', attributes: { score: { gte: 4 } } }, atLeast: 2 } }),
      definition('in-a-day-or-two', {
        count: { of: { type: 'application.completed', attributes: { processingHours: { gte: 24, lte: 48 } } }, atLeast: 2 },
      }),
      definition('complete-three-pages', { count: { of: { type: 'application.submitted', attributes: { complete: true, pages: 3 } }, atLeast: 1 } }),
    ]),
  );

  it('{ in }: only the listed values, compared with their type', () => {
    const c = new Citizen('u', catalog);
    const submit = (service: string | number | boolean, at: string) => c.do('application.submitted', at, { attributes: { service } });
    submit('tax', '2025-03-01T10:00:00');
    submit('passport', '2025-03-02T10:00:00');
    c.do('application.submitted', '2025-03-03T10:00:00'); // no attribute at all
    assert.deepEqual(c.achievement('travel-documents', '2025-03-04T09:59:00').progress, { current: 1, target: 2, remaining: 1 });
    assert.deepEqual(submit('visa', '2025-03-04T10:00:00').unlocked, [unlock('travel-documents', '2025-03-04T07:00:00.000Z', 10)]);
  });

  it('{ gte } alone is open above; numbers as strings do not match', () => {
    const c = new Citizen('u', catalog);
    const rate = (score: string | number, at: string) => c.do('service.rated', at, { attributes: { score } });
    rate(3, '2025-03-01T10:00:00');
    rate(4, '2025-03-01T11:00:00'); // the bound itself
    rate('5', '2025-03-01T12:00:00');
    assert.deepEqual(c.achievement('good-ratings', '2025-03-01T12:59:00').progress, { current: 1, target: 2, remaining: 1 });
    assert.deepEqual(rate(1000, '2025-03-01T13:00:00').unlocked, [unlock('good-ratings', '2025-03-01T10:00:00.000Z', 10)]);
  });

  it('{ gte, lte } includes both bounds', () => {
    const c = new Citizen('u', catalog);
    const complete = (processingHours: number, at: string) => c.do('application.completed', at, { attributes: { processingHours } });
    complete(23.5, '2025-03-01T10:00:00');
    complete(48.5, '2025-03-01T11:00:00');
    complete(24, '2025-03-01T12:00:00');
    assert.deepEqual(c.achievement('in-a-day-or-two', '2025-03-01T12:59:00').progress, { current: 1, target: 2, remaining: 1 });
    assert.deepEqual(complete(48, '2025-03-01T13:00:00').unlocked, [unlock('in-a-day-or-two', '2025-03-01T10:00:00.000Z', 10)]);
  });

  it('exact boolean and number values match only the same type, and every listed attribute must match', () => {
    const c = new Citizen('u', catalog);
    const submit = (attributes: Record<string, string | number | boolean>, at: string) => c.do('application.submitted', at, { attributes });
    assert.deepEqual(submit({ complete: 'true', pages: 3 }, '2025-03-01T10:00:00').progressed, []);
    assert.deepEqual(submit({ complete: true, pages: '3' }, '2025-03-01T11:00:00').progressed, []);
    assert.deepEqual(submit({ complete: true }, '2025-03-01T12:00:00').progressed, []);
    assert.deepEqual(submit({ complete: false, pages: 3 }, '2025-03-01T13:00:00').progressed, []);
    assert.deepEqual(c.achievement('complete-three-pages', '2025-03-01T13:59:00').progress, { current: 0, target: 1, remaining: 1 });
    assert.deepEqual(submit({ complete: true, pages: 3, extra: 'x' }, '2025-03-01T14:00:00').unlocked, [
      unlock('complete-three-pages', '2025-03-01T11:00:00.000Z', 10),
    ]);
  });
});

describe('every: a set of numbers', () => {
  const catalog = compileCatalog(smallCatalog([definition('all-steps', { every: { of: { type: 'transformation.stage' }, attribute: 'step', values: [1, 2, 3] } })]));

  it('counts each listed number once, whatever the order; the same digits as a string do not count', () => {
    const c = new Citizen('u', catalog);
    const step = (value: string | number, at: string) => c.do('transformation.stage', at, { attributes: { step: value } });
    step(3, '2025-03-01T10:00:00');
    step('2', '2025-03-02T10:00:00');
    step(4, '2025-03-03T10:00:00'); // not in the set
    step(1, '2025-03-04T10:00:00');
    step(1, '2025-03-05T10:00:00');
    assert.deepEqual(c.achievement('all-steps', '2025-03-06T09:59:00').progress, { current: 2, target: 3, remaining: 1, missing: [2] });
    assert.deepEqual(step(2, '2025-03-06T10:00:00').unlocked, [unlock('all-steps', '2025-03-06T07:00:00.000Z', 10)]);
  });
});

describe('calendar windows: day and week', () => {
  const catalog = compileCatalog(
    smallCatalog([
      definition('busy-day', { count: { of: { type: 'app.login' }, atLeast: 3, within: { period: 'day' } } }),
      definition('busy-week', { count: { of: { type: 'fine.paid' }, atLeast: 3, within: { period: 'week' } } }),
    ]),
  );

  it('day: three logins on one Moscow day; the count starts over at local midnight', () => {
    const c = new Citizen('u', catalog);
    c.do('app.login', '2025-03-03T22:00:00');
    c.do('app.login', '2025-03-03T23:59:59');
    c.do('app.login', '2025-03-03T21:00:00Z'); // 00:00 on the 4th in Moscow: a new day
    c.do('app.login', '2025-03-04T12:00:00');
    assert.deepEqual(c.achievement('busy-day', '2025-03-04T23:58:00').progress, { current: 2, target: 3, remaining: 1, windowEndsAt: '2025-03-04T21:00:00.000Z' });
    assert.deepEqual(c.do('app.login', '2025-03-04T23:59:00').unlocked, [unlock('busy-day', '2025-03-04T20:59:00.000Z', 10)]);
  });

  it('week: Monday to Sunday in Moscow', () => {
    const c = new Citizen('u', catalog);
    c.do('fine.paid', '2025-03-08T10:00:00'); // Saturday
    c.do('fine.paid', '2025-03-09T23:59:00'); // Sunday
    c.do('fine.paid', '2025-03-10T00:00:00'); // Monday: a new week
    c.do('fine.paid', '2025-03-12T10:00:00');
    assert.deepEqual(c.achievement('busy-week', '2025-03-16T23:00:00').progress, { current: 2, target: 3, remaining: 1, windowEndsAt: '2025-03-16T21:00:00.000Z' });
    assert.deepEqual(c.do('fine.paid', '2025-03-16T23:30:00').unlocked, [unlock('busy-week', '2025-03-16T20:30:00.000Z', 10)]);
  });
});

describe('share: a fraction below 1 and a list of qualifying filters', () => {
  // At least half of a week's fines paid in the app or through the API, at least two of them.
  const share: Criterion = {
    share: {
      of: { type: 'fine.paid' },
      where: [
        { type: 'fine.paid', channel: 'mobile' },
        { type: 'fine.paid', channel: 'api' },
      ],
      atLeast: 0.5,
      minCount: 2,
      within: { period: 'week' },
    },
  };
  const catalog = compileCatalog(smallCatalog([definition('half-digital', share, { points: 20 })]));

  it('a week at exactly the fraction qualifies, judged when the week closes', () => {
    const c = new Citizen('u', catalog);
    c.do('fine.paid', '2025-03-10T10:00:00', { channel: 'web' }); // Monday
    c.do('fine.paid', '2025-03-11T10:00:00', { channel: 'mobile' });
    c.do('fine.paid', '2025-03-12T10:00:00', { channel: 'web' });
    c.do('fine.paid', '2025-03-16T23:00:00', { channel: 'api' }); // Sunday: 2 of 4
    const before = c.achievement('half-digital', '2025-03-16T23:59:00');
    assert.deepEqual(before.progress, { current: 2, target: 2, remaining: 0, windowEndsAt: '2025-03-16T21:00:00.000Z' });
    assert.equal(before.state, 'in_progress');
    // Any later event closes the week (here one the criterion does not count): unlocked at the week's end.
    assert.deepEqual(c.do('app.login', '2025-03-17T08:00:00').unlocked, [unlock('half-digital', '2025-03-16T21:00:00.000Z', 20)]);
  });

  it('a week under the fraction, or under the minimum count, does not qualify', () => {
    const c = new Citizen('u', catalog);
    for (const [day, channel] of [['10', 'web'], ['11', 'mobile'], ['12', 'web'], ['13', 'web'], ['14', 'api']] as const) {
      c.do('fine.paid', `2025-03-${day}T10:00:00`, { channel }); // 2 of 5
    }
    c.do('fine.paid', '2025-03-18T10:00:00', { channel: 'mobile' }); // the next week: 1 of 1, under two
    assert.deepEqual(advanceTime(catalog, c.ledger.state, parseTime('2025-03-31T00:00:00Z')).unlocked, []);
    assert.equal(c.achievement('half-digital', '2025-03-31T12:00:00').state, 'locked');
  });

  it('a week still able to reach the fraction is not reported as ruled out', () => {
    const c = new Citizen('u', catalog);
    c.do('fine.paid', '2025-03-10T10:00:00', { channel: 'web' });
    c.do('fine.paid', '2025-03-11T10:00:00', { channel: 'mobile' });
    c.do('fine.paid', '2025-03-12T10:00:00', { channel: 'web' }); // 1 of 3 so far; one more in the app makes 2 of 4
    // `spoiled` means "this window already has an operation that rules it out" (ProgressView, REST
    // contract): a share under `atLeast` so far does not, as the test above shows this week qualifying.
    assert.deepEqual(c.achievement('half-digital', '2025-03-12T11:00:00').progress, { current: 1, target: 2, remaining: 1, windowEndsAt: '2025-03-16T21:00:00.000Z' });
  });
});

describe('streak with its own target (no tiers), by week', () => {
  const catalog = compileCatalog(smallCatalog([definition('weekly', { streak: { of: { type: 'app.login' }, period: 'week', atLeast: 3 } }, { points: 35 })]));

  it('three consecutive Monday-to-Sunday weeks; a week without a login starts the run over', () => {
    const c = new Citizen('u', catalog);
    c.do('app.login', '2025-03-02T10:00:00'); // week of Feb 24th
    c.do('app.login', '2025-03-03T10:00:00'); // week of Mar 3rd (2)
    c.do('app.login', '2025-03-20T10:00:00'); // week of Mar 17th: the week of Mar 10th had none
    c.do('app.login', '2025-03-24T10:00:00'); // week of Mar 24th (2)
    const before = c.achievement('weekly', '2025-03-31T09:00:00');
    assert.equal(before.state, 'in_progress');
    assert.deepEqual(before.progress, { current: 2, target: 3, remaining: 1 });
    assert.deepEqual(before.streak, {
      period: 'week',
      length: 2,
      activeThisPeriod: false,
      thisPeriodCount: 0,
      nextMarkAt: '2025-03-30T21:00:00.000Z', // this Monday, Moscow
      daysToNextMark: 0,
    });
    assert.equal(before.nextTier, undefined);
    assert.deepEqual(c.do('app.login', '2025-04-06T23:59:00').unlocked, [unlock('weekly', '2025-04-06T20:59:00.000Z', 35)]);
  });
});

describe('meta with atLeast: some of the listed achievements', () => {
  const catalog = compileCatalog(
    smallCatalog([
      definition('rater', { count: { of: { type: 'service.rated' }, atLeast: 1 } }),
      definition('voter', { count: { of: { type: 'poll.voted' }, atLeast: 1 } }),
      definition('scanner', { count: { of: { type: 'qr.scanned' }, atLeast: 1 } }),
      definition('two-of-three', { achievements: { ids: ['rater', 'voter', 'scanner'], atLeast: 2 } }, { points: 40 }),
    ]),
  );

  it('unlocks with the second of three, at that unlock time, and not again with the third', () => {
    const c = new Citizen('u', catalog);
    c.do('qr.scanned', '2025-03-01T10:00:00');
    assert.deepEqual(c.achievement('two-of-three', '2025-03-02T09:59:00').progress, { current: 1, target: 2, remaining: 1 });
    assert.deepEqual(c.do('poll.voted', '2025-03-02T10:00:00').unlocked, [unlock('voter', '2025-03-02T07:00:00.000Z', 10), unlock('two-of-three', '2025-03-02T07:00:00.000Z', 40)]);
    assert.deepEqual(c.do('service.rated', '2025-03-03T10:00:00').unlocked, [unlock('rater', '2025-03-03T07:00:00.000Z', 10)]);
    assert.equal(c.view('2025-03-04T00:00:00').points, 70);
  });
});

describe('tiers on count and distinct criteria', () => {
  const catalog = compileCatalog(
    smallCatalog([
      definition('rater', { count: { of: { type: 'service.rated' } } }, { points: undefined, tiers: [{ target: 2, points: 5 }, { target: 4, points: 15 }] }),
      definition('monthly-polls', { distinct: { of: { type: 'poll.voted' }, attribute: 'poll', within: { period: 'month' } } }, {
        points: undefined,
        tiers: [{ target: 2, points: 5 }, { target: 3, points: 20 }],
      }),
    ]),
  );

  it('count: each tier at its own target with its own points; progress aims at the next tier', () => {
    const c = new Citizen('u', catalog);
    c.do('service.rated', '2025-03-01T10:00:00');
    const first = c.achievement('rater', '2025-03-02T09:59:00');
    assert.deepEqual([first.state, first.tiers, first.nextTier, first.progress], ['in_progress', 2, { tier: 1, target: 2, points: 5 }, { current: 1, target: 2, remaining: 1 }]);
    assert.deepEqual(c.do('service.rated', '2025-03-02T10:00:00').unlocked, [unlock('rater', '2025-03-02T07:00:00.000Z', 5, 1)]);
    c.do('service.rated', '2025-03-03T10:00:00');
    const second = c.achievement('rater', '2025-03-04T09:59:00');
    assert.deepEqual([second.state, second.tier, second.points, second.nextTier], ['unlocked', 1, 5, { tier: 2, target: 4, points: 15 }]);
    assert.deepEqual(second.progress, { current: 3, target: 4, remaining: 1 });
    assert.deepEqual(c.do('service.rated', '2025-03-04T10:00:00').unlocked, [unlock('rater', '2025-03-04T07:00:00.000Z', 15, 2)]);
    const done = c.achievement('rater', '2025-03-05T00:00:00');
    assert.deepEqual([done.tier, done.points, done.nextTier, done.unlockedAt], [2, 20, undefined, '2025-03-04T07:00:00.000Z']);
  });

  it('distinct in a month: a higher tier needs that many values within one month', () => {
    const c = new Citizen('u', catalog);
    const vote = (poll: string, at: string) => c.do('poll.voted', at, { attributes: { poll } });
    vote('a', '2025-03-10T10:00:00');
    assert.deepEqual(vote('b', '2025-03-31T23:00:00').unlocked, [unlock('monthly-polls', '2025-03-31T20:00:00.000Z', 5, 1)]);
    vote('c', '2025-03-31T21:30:00Z'); // 00:30 on April 1st in Moscow: a new month
    vote('a', '2025-04-10T10:00:00');
    const before = c.achievement('monthly-polls', '2025-04-30T23:00:00');
    assert.deepEqual(before.progress, { current: 2, target: 3, remaining: 1, windowEndsAt: '2025-04-30T21:00:00.000Z' });
    assert.deepEqual(before.nextTier, { tier: 2, target: 3, points: 20 });
    assert.deepEqual(vote('b', '2025-04-30T23:30:00').unlocked, [unlock('monthly-polls', '2025-04-30T20:30:00.000Z', 20, 2)]);
  });
});

describe('catalog options: time zone, no verification gate, uncapped point rules', () => {
  const catalog = compileCatalog(
    smallCatalog([definition('monthly', { count: { of: { type: 'fine.paid' }, atLeast: 2, within: { period: 'month' } } }, { points: 10 })], {
      timeZone: 'Asia/Vladivostok',
      pointRules: [{ id: 'fine', of: { type: 'fine.paid' }, points: 7 }],
    }),
  );

  it('windows follow the catalog time zone (UTC+10), not Moscow', () => {
    const c = new Citizen('u', catalog);
    c.do('fine.paid', '2025-03-31T23:00:00+10:00'); // March in Vladivostok
    c.do('fine.paid', '2025-04-01T00:30:00+10:00'); // April in Vladivostok (still March 31st in Moscow)
    const before = c.achievement('monthly', '2025-04-10T00:00:00+10:00');
    assert.deepEqual(before.progress, { current: 1, target: 2, remaining: 1, windowEndsAt: '2025-04-30T14:00:00.000Z' });
    assert.deepEqual(c.do('fine.paid', '2025-04-30T23:59:00+10:00').unlocked, [unlock('monthly', '2025-04-30T13:59:00.000Z', 10)]);
  });

  it('without a verification type everything counts from the first event; a rule without a cap scores every event', () => {
    const c = new Citizen('u', catalog);
    for (let i = 0; i < 12; i++) c.do('fine.paid', `2025-05-01T${String(10 + i).padStart(2, '0')}:00:00+10:00`);
    const view = c.view('2025-05-02T00:00:00+10:00');
    assert.equal(view.verified, true);
    assert.equal(view.points, 12 * 7 + 10);
  });
});
