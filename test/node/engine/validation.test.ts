import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileCatalog, validateCatalog, validateEvent, validateEventBatch, ValidationError } from '../../../src/engine/index.ts';
import type { Criterion } from '../../../src/engine/index.ts';
import { catalogJson, definition, smallCatalog } from './harness.ts';

type Json = Record<string, unknown>;
const clone = (): Json => structuredClone(catalogJson) as Json;
const achievement = (catalog: Json, id: string) => (catalog.achievements as Json[]).find((a) => a.id === id)!;

function firstError(catalog: unknown): string {
  const result = validateCatalog(catalog);
  assert.equal(result.ok, false, 'expected the catalog to be rejected');
  const { path, message } = (result as { issues: { path: string; message: string }[] }).issues[0]!;
  return `${path}: ${message}`;
}

describe('catalog validation names the achievement and the field', () => {
  it('accepts the default catalog', () => {
    assert.equal(validateCatalog(catalogJson).ok, true);
  });
  it('a window period outside the list', () => {
    const c = clone();
    ((achievement(c, 'regular-user').criterion as Json).count as Json).within = { period: 'fortnight' };
    assert.equal(firstError(c), 'regular-user: criterion.count.within.period: expected one of day|week|month|quarter|year');
  });
  it('a filter attribute with a reserved name, which valibot would drop (the filter then matching more)', () => {
    for (const name of ['__proto__', 'constructor', 'prototype']) {
      const c = clone();
      // Parsed, as a catalog file is: JSON.parse makes __proto__ an own key.
      (((achievement(c, 'express').criterion as Json).count as Json).of as Json).attributes = JSON.parse(`{"${name}": {"lte": 24}}`);
      assert.equal(firstError(c), `express: criterion.count.of.attributes.${name}: a reserved name, not allowed as an attribute`);
    }
  });
  it('an unknown field (a typo) and a missing one', () => {
    const c = clone();
    ((achievement(c, 'e-signer').criterion as Json).distinct as Json).atleast = 5;
    assert.equal(firstError(c), 'e-signer: criterion.distinct.atleast: unknown field');
    const d = clone();
    delete achievement(d, 'express').difficulty;
    assert.equal(firstError(d), 'express: difficulty: required');
  });
  it('a criterion that is not exactly one kind', () => {
    const c = clone();
    achievement(c, 'first-request').criterion = { count: { of: { type: 'x' }, atLeast: 1 }, sequence: { stages: [] } };
    assert.match(firstError(c), /^first-request: criterion: expected an object with exactly one of count\|distinct/);
  });
  it('a nested condition inside all-of', () => {
    const c = clone();
    const allOf = (achievement(c, 'permanent-user').criterion as { allOf: Json[] }).allOf;
    (allOf[1]!.distinct as Json).atLeast = 0;
    assert.equal(firstError(c), 'permanent-user: criterion.allOf[1].distinct.atLeast: expected at least 1');
  });
  it('tiers: ascending targets, no atLeast beside them, per-tier points, measurable kinds only', () => {
    const c = clone();
    (achievement(c, 'tenure').tiers as Json[])[2]!.target = 5;
    assert.equal(firstError(c), 'tenure: tiers[2].target: expected a higher target than the tier before');
    const d = clone();
    ((achievement(d, 'tenure').criterion as Json).streak as Json).atLeast = 3;
    assert.equal(firstError(d), 'tenure: criterion.streak.atLeast: tiers set the targets; remove atLeast');
    const e = clone();
    achievement(e, 'tenure').points = 10;
    assert.equal(firstError(e), 'tenure: points: a tiered achievement gives points per tier');
    const f = clone();
    achievement(f, 'support-feedback').tiers = [{ target: 1, points: 5 }];
    delete achievement(f, 'support-feedback').points;
    assert.equal(firstError(f), 'support-feedback: tiers: tiers apply to count, distinct and streak criteria only');
  });
  it('a count without a target', () => {
    const c = clone();
    delete ((achievement(c, 'first-request').criterion as Json).count as Json).atLeast;
    assert.equal(firstError(c), 'first-request: criterion.count.atLeast: required unless the achievement has tiers');
  });
  it('meta criteria: unknown ids, itself, cycles', () => {
    const c = clone();
    ((achievement(c, 'professional-pack').criterion as Json).achievements as Json).ids = ['first-request', 'no-such-thing'];
    assert.equal(firstError(c), 'professional-pack: criterion.achievements.ids[1]: unknown achievement "no-such-thing"');
    const d = clone();
    achievement(d, 'first-request').criterion = { achievements: { ids: ['professional-pack'] } };
    assert.equal(firstError(d), 'first-request: criterion: achievements depend on each other in a cycle');
  });
  it('verification steps: known achievements counted without a window', () => {
    const c = clone();
    (c.verification as Json).steps = ['profile-complete', 'no-such-thing'];
    assert.equal(firstError(c), 'verification.steps[1]: unknown achievement "no-such-thing"');
    const d = clone();
    (d.verification as Json).steps = ['regular-user'];
    assert.equal(firstError(d), 'verification.steps[0]: a verification step counts with count, distinct or every, without a window');
    const e = clone();
    (e.verification as Json).steps = ['professional-pack'];
    assert.equal(firstError(e), 'verification.steps[0]: a verification step counts with count, distinct or every, without a window');
  });
  it('duplicate ids, bad icon paths, shares above 1, unknown time zones, levels', () => {
    const c = clone();
    achievement(c, 'express').id = 'first-request';
    assert.equal(firstError(c), 'first-request: id: duplicate id');
    const d = clone();
    achievement(d, 'express').icon = 'javascript:alert(1)';
    assert.equal(firstError(d), 'express: icon: expected an http(s) URL or a relative .svg/.png path');
    const e = clone();
    ((achievement(e, 'mobile-pro').criterion as Json).share as Json).atLeast = 1.5;
    assert.equal(firstError(e), 'mobile-pro: criterion.share.atLeast: expected a share of at most 1');
    const f = clone();
    f.timeZone = 'Europe/Atlantis';
    assert.equal(firstError(f), 'timeZone: expected an IANA time zone such as Europe/Moscow');
    const g = clone();
    (g.levels as Json[])[2]!.minPoints = 50;
    assert.equal(firstError(g), 'levels[2].minPoints: expected more points than the level before');
  });
  it('a link: an http(s) URL or a path on the portal, nothing else', () => {
    for (const link of ['/services/e-signature', '/', '/polls?tab=open#new', 'https://www.gosuslugi.ru/help', 'http://portal.example/a/b']) {
      const c = clone();
      achievement(c, 'e-signer').link = link;
      assert.equal(validateCatalog(c).ok, true, link);
    }
    const expected = 'e-signer: link: expected an http(s) URL or a path on the portal starting with /';
    // A script, another scheme, a relative path, a protocol-relative or backslashed host, spaces, non-ASCII.
    for (const link of ['javascript:alert(1)', 'data:text/html,x', 'ftp://portal.example/x', 'services/e-signature', '//evil.example/x', '/\\evil.example', 'https://portal.example/a b', '/услуги', '', 'https://']) {
      const c = clone();
      achievement(c, 'e-signer').link = link;
      assert.equal(firstError(c), expected, JSON.stringify(link));
    }
    const long = clone();
    achievement(long, 'e-signer').link = `/${'a'.repeat(500)}`;
    assert.equal(firstError(long), 'e-signer: link: expected at most 500 characters');
    const wrongType = clone();
    achievement(wrongType, 'e-signer').link = 42;
    assert.equal(firstError(wrongType), 'e-signer: link: expected string, received 42');
  });
  it('the default catalog links its achievements to the portal, secrets excepted', () => {
    const achievements = (catalogJson as { achievements: Array<{ id: string; hidden?: boolean; link?: string }> }).achievements;
    assert.ok(achievements.filter((a) => a.link).length >= 15);
    for (const a of achievements) if (a.hidden) assert.equal(a.link, undefined, a.id);
  });
  it('compileCatalog throws a ValidationError with the same message', () => {
    const c = clone();
    achievement(c, 'poll-participant').difficulty = 'legendary';
    assert.throws(() => compileCatalog(c), (error: unknown) => {
      assert.ok(error instanceof ValidationError);
      assert.equal(error.message, 'poll-participant: difficulty: expected one of simple|medium|complex');
      return true;
    });
  });
});

describe('fixed date ranges and any-of are validated with the id and the path', () => {
  const with_ = (id: string, criterion: unknown) => smallCatalog([definition(id, criterion as Criterion)]);
  const count = (within: unknown) => ({ count: { of: { type: 'service.rated' }, atLeast: 1, within } });
  const from = '2025-03-01T00:00:00+03:00';
  const to = '2025-06-01T00:00:00+03:00';

  it('accepts a well-formed range and any-of', () => {
    assert.equal(validateCatalog(with_('spring', count({ from, to }))).ok, true);
    assert.equal(validateCatalog(with_('either', { anyOf: [count({ from, to }), { count: { of: { type: 'poll.voted' }, atLeast: 2 } }] })).ok, true);
  });
  it('a range that ends before it starts, or where it starts', () => {
    assert.equal(firstError(with_('spring', count({ from: to, to: from }))), 'spring: criterion.count.within.to: expected a time after from');
    assert.equal(firstError(with_('spring', count({ from, to: from }))), 'spring: criterion.count.within.to: expected a time after from');
    assert.equal(
      firstError(with_('spring', { distinct: { of: { type: 'poll.voted' }, attribute: 'poll', atLeast: 2, within: { from: to, to: '2025-05-31T21:00:00Z' } } })),
      'spring: criterion.distinct.within.to: expected a time after from',
    );
  });
  it('a range bound that is not an RFC 3339 date-time with an offset', () => {
    const expected = 'expected an RFC 3339 date-time with an offset, e.g. 2025-03-31T22:30:00Z';
    assert.equal(firstError(with_('spring', count({ from: '2025-03-01', to }))), `spring: criterion.count.within.from: ${expected}`);
    assert.equal(
      firstError(with_('spring', { every: { of: { type: 'contact.confirmed' }, attribute: 'kind', values: ['phone'], within: { from, to: '2025-06-01T00:00:00' } } })),
      `spring: criterion.every.within.to: ${expected}`,
    );
  });
  it('a range with a bound missing or mixed with a period', () => {
    assert.equal(firstError(with_('spring', count({ from }))), 'spring: criterion.count.within.to: required');
    assert.equal(firstError(with_('spring', count({ from, to, period: 'month' }))), 'spring: criterion.count.within.period: unknown field');
    // Without from it is read as a calendar window.
    assert.deepEqual((validateCatalog(with_('spring', count({ to }))) as { issues: unknown[] }).issues, [
      { path: 'spring: criterion.count.within.period', message: 'required' },
      { path: 'spring: criterion.count.within.to', message: 'unknown field' },
    ]);
  });
  it('a share takes calendar windows only', () => {
    const share = { share: { of: { type: 'fine.paid' }, where: { type: 'fine.paid', channel: 'mobile' }, atLeast: 1, minCount: 2, within: { from, to } } };
    assert.equal(firstError(with_('spring', share)), 'spring: criterion.share.within.period: required');
  });
  it('an any-of that is empty or not a list', () => {
    assert.equal(firstError(with_('either', { anyOf: [] })), 'either: criterion.anyOf: expected at least one condition');
    assert.equal(firstError(with_('either', { anyOf: count(undefined) })), 'either: criterion.anyOf: expected Array, received Object');
  });
  it('a mistake inside an any-of names the branch', () => {
    assert.equal(
      firstError(with_('either', { anyOf: [count(undefined), { count: { of: { type: 'poll.voted' } } }] })),
      'either: criterion.anyOf[1].count.atLeast: required unless the achievement has tiers',
    );
    assert.match(firstError(with_('either', { anyOf: [count(undefined), { often: {} }] })), /^either: criterion\.anyOf\[1\]: expected an object with exactly one of count\|distinct/);
    assert.equal(firstError(with_('either', { anyOf: [count({ from: to, to: from })] })), 'either: criterion.anyOf[0].count.within.to: expected a time after from');
    assert.equal(firstError(with_('either', { anyOf: [{ achievements: { ids: ['nowhere'] } }] })), 'either: criterion.anyOf[0].achievements.ids[0]: unknown achievement "nowhere"');
    assert.equal(
      firstError(with_('either', { allOf: [{ anyOf: [count({ from, to: '2025-06-31T00:00:00+03:00' })] }] })),
      'either: criterion.allOf[0].anyOf[0].count.within.to: expected an RFC 3339 date-time with an offset, e.g. 2025-03-31T22:30:00Z',
    );
  });
  it('tiers do not apply to an any-of', () => {
    const catalog = smallCatalog([definition('either', { anyOf: [count(undefined)] } as Criterion, { points: undefined, tiers: [{ target: 1, points: 5 }] })]);
    assert.equal(firstError(catalog), 'either: tiers: tiers apply to count, distinct and streak criteria only');
  });
});

describe('event validation', () => {
  const good = { id: 'e-1', userId: 'u-1', type: 'application.submitted', occurredAt: '2025-03-01T10:00:00+03:00', channel: 'web', attributes: { service: 'passport', complete: true, pages: 3 } };

  it('accepts a well-formed event', () => {
    assert.deepEqual(validateEvent(good), { ok: true, value: good });
  });
  it('names the field for each kind of mistake', () => {
    const cases: [Json, string][] = [
      [{ ...good, occurredAt: '2025-03-01 10:00' }, 'occurredAt: expected an RFC 3339 date-time with an offset, e.g. 2025-03-31T22:30:00Z'],
      [{ ...good, occurredAt: '2025-03-01T10:00:00' }, 'occurredAt: expected an RFC 3339 date-time with an offset, e.g. 2025-03-31T22:30:00Z'],
      [{ ...good, channel: 'fax' }, 'channel: expected one of web|mobile|office|api'],
      [{ ...good, type: 'Application Submitted' }, 'type: expected lower-case letters, digits and . _ -'],
      [{ ...good, id: '' }, 'id: expected 1 to 128 printable characters without spaces'],
      [{ ...good, userId: undefined }, 'userId: required'],
      [{ ...good, attributes: { service: { nested: true } } }, 'attributes.service: expected a string, number or boolean'],
      [{ ...good, occured_at: good.occurredAt }, 'occured_at: unknown field'],
    ];
    for (const [input, expected] of cases) {
      const result = validateEvent(input);
      assert.equal(result.ok, false, expected);
      const issue = (result as { issues: { path: string; message: string }[] }).issues[0]!;
      assert.equal(`${issue.path}: ${issue.message}`, expected);
    }
  });
  it('refuses attributes with a reserved name instead of dropping them, naming each', () => {
    // Parsed, as a request body is: JSON.parse makes __proto__ an own key.
    const attributes = '{"__proto__": {"a": 1}, "constructor": "x", "prototype": 1, "service": "tax"}';
    const second = `{"id": "e-2", "userId": "u-1", "type": "poll.voted", "occurredAt": "2025-03-01T10:00:00+03:00", "attributes": ${attributes}}`;
    const result = validateEventBatch(JSON.parse(`{"events": [${JSON.stringify(good)}, ${second}]}`));
    assert.equal(result.ok, false);
    assert.deepEqual((result as { issues: unknown[] }).issues, ['__proto__', 'constructor', 'prototype'].map((name) => ({ path: `events[1].attributes.${name}`, message: 'a reserved name, not allowed as an attribute' })));
  });
  it('rejects a batch whole, naming the index and field of the bad event', () => {
    const events = [good, { ...good, id: 'e-2' }, { ...good, id: 'e-3', occurredAt: 'yesterday' }];
    const result = validateEventBatch({ events });
    assert.equal(result.ok, false);
    assert.deepEqual((result as { issues: unknown[] }).issues[0], {
      path: 'events[2].occurredAt',
      message: 'expected an RFC 3339 date-time with an offset, e.g. 2025-03-31T22:30:00Z',
    });
  });
  it('limits a batch to 1000 events and wants at least one', () => {
    const many = Array.from({ length: 1001 }, (_, i) => ({ ...good, id: `e-${i}` }));
    assert.deepEqual((validateEventBatch({ events: many }) as { issues: unknown[] }).issues[0], { path: 'events', message: 'expected at most 1000 events' });
    assert.deepEqual((validateEventBatch({ events: [] }) as { issues: unknown[] }).issues[0], { path: 'events', message: 'expected at least one event' });
    assert.equal(validateEventBatch({ events: many.slice(0, 1000) }).ok, true);
  });
});
