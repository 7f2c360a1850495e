import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AchievementEvent } from '../../../src/engine/index.ts';
import { advanceTime, compileCatalog, nextWindowClose, createUserState, decodeState, describeUser, encodeState, evaluateEvent, levelFor, parseTime, replayEvents, unlocksOf } from '../../../src/engine/index.ts';
import { catalogWithCritic } from '../fixtures.ts';
import { Citizen, catalogJson, defaultCatalog, unlockedIds } from './harness.ts';

describe('arrival order', () => {
  it('a late event is answered "late" and the replay gives the in-order result', () => {
    const c = new Citizen().verified();
    c.do('application.submitted', '2025-03-10T10:00:00');
    c.do('application.submitted', '2025-03-25T10:00:00');
    c.do('application.submitted', '2025-04-02T10:00:00');
    const late = c.event('application.submitted', '2025-03-15T10:00:00');
    assert.deepEqual(evaluateEvent(defaultCatalog, structuredClone(c.ledger.state), late), { status: 'late' });
    const result = c.ledger.ingest(late);
    assert.equal(result.status, 'replayed');
    // In order, the third March application was the one on the 25th.
    assert.deepEqual(result.changes.unlocked, [{ achievementId: 'regular-user', unlockedAt: '2025-03-25T07:00:00.000Z', points: 40 }]);
    assert.equal(result.changes.points, 50); // the achievement and the late application's own 10 points
  });

  it('a late event can move an unlock earlier, never later', () => {
    const c = new Citizen().verified();
    c.do('application.submitted', '2025-05-20T10:00:00');
    assert.equal(c.achievement('first-request', '2025-06-01T00:00:00').unlockedAt, '2025-05-20T07:00:00.000Z');
    c.do('application.submitted', '2025-05-02T10:00:00');
    assert.equal(c.achievement('first-request', '2025-06-01T00:00:00').unlockedAt, '2025-05-02T07:00:00.000Z');
  });

  it('events with the same instant are ordered by id', () => {
    const at = '2025-02-01T10:00:00+03:00';
    const events: AchievementEvent[] = [
      { id: 'v', userId: 'u', type: 'profile.verified', occurredAt: '2025-01-01T00:00:00Z' },
      { id: 'b', userId: 'u', type: 'transformation.stage', occurredAt: at, attributes: { stage: 'e-documents' } },
      { id: 'a', userId: 'u', type: 'transformation.stage', occurredAt: at, attributes: { stage: 'assessment' } },
    ];
    const state = createUserState(defaultCatalog);
    assert.equal(evaluateEvent(defaultCatalog, state, events[0]!).status, 'applied');
    assert.equal(evaluateEvent(defaultCatalog, state, events[1]!).status, 'applied');
    assert.equal(evaluateEvent(defaultCatalog, state, events[2]!).status, 'late'); // 'a' sorts before 'b'
    const { state: replayed } = replayEvents(defaultCatalog, events);
    const view = describeUser(defaultCatalog, replayed, parseTime(at)).achievements.find((a) => a.id === 'digital-transformation');
    assert.equal(view?.progress.current, 2);
  });
});

describe('duplicates', () => {
  const events: AchievementEvent[] = [
    { id: 'v', userId: 'u', type: 'profile.verified', occurredAt: '2025-01-01T00:00:00Z' },
    { id: 's1', userId: 'u', type: 'signature.used', occurredAt: '2025-01-02T00:00:00Z', attributes: { procedure: 'a' } },
    { id: 's2', userId: 'u', type: 'application.submitted', occurredAt: '2025-01-03T00:00:00Z' },
  ];

  it('the last event delivered again is a duplicate; an older one is late and the replay counts it once', () => {
    const state = createUserState(defaultCatalog);
    for (const event of events) evaluateEvent(defaultCatalog, state, event);
    const snapshot = structuredClone(state);
    assert.deepEqual(evaluateEvent(defaultCatalog, state, events[2]!), { status: 'duplicate' });
    assert.deepEqual(evaluateEvent(defaultCatalog, state, events[1]!), { status: 'late' });
    assert.deepEqual(state, snapshot, 'neither touched the state');
    const { state: replayed, changes } = replayEvents(defaultCatalog, [...events, events[1]!, events[2]!], { previous: state });
    assert.deepEqual(replayed, snapshot);
    assert.deepEqual(changes, { unlocked: [], progressed: changes.progressed, points: 0 });
  });
});

describe('verification gate', () => {
  it('nothing counts before profile.verified, in any arrival order', () => {
    const c = new Citizen();
    c.do('application.submitted', '2025-01-05T10:00:00');
    c.do('poll.voted', '2025-01-06T10:00:00', { attributes: { poll: 'p' } });
    const view = c.view('2025-01-07T00:00:00');
    assert.equal(view.verified, false);
    assert.equal(view.points, 0);
    assert.ok(view.achievements.every((a) => a.state === 'locked'));
    // A verification that arrives late but happened before a later application: that one counts.
    c.do('application.submitted', '2025-01-09T10:00:00');
    assert.deepEqual(unlockedIds(c.do('profile.verified', '2025-01-08T10:00:00')), ['registered', 'first-request']);
    assert.equal(c.view('2025-01-10T00:00:00').points, 10 + 20 + 10);
  });
});

describe('points and levels', () => {
  it('per-action points are capped per day in the catalog time zone', () => {
    const c = new Citizen().verified();
    const actionPoints = () => {
      const view = c.view('2025-02-03T00:00:00');
      return view.points - view.achievements.reduce((sum, a) => sum + a.points, 0);
    };
    for (let i = 0; i < 7; i++) c.do('application.submitted', `2025-02-01T1${i}:00:00`);
    assert.equal(actionPoints(), 50); // 5 a day at 10 points
    c.do('application.submitted', '2025-02-01T21:30:00Z'); // 00:30 on Feb 2nd in Moscow: a new day
    assert.equal(actionPoints(), 60);
  });

  it('levels follow point thresholds and list their privileges', () => {
    assert.deepEqual(levelFor(defaultCatalog, 0), { id: 'newcomer', index: 0, minPoints: 0, nextMinPoints: 100, level: catalogJson.levels[0] });
    const active = levelFor(defaultCatalog, 100);
    assert.deepEqual([active.id, active.index, active.minPoints, active.nextMinPoints], ['active', 1, 100, 300]);
    assert.deepEqual(active.level.privileges.map((p) => p.id), ['recommendations']);
    const top = levelFor(defaultCatalog, 10_000);
    assert.equal(top.id, 'professional');
    assert.equal('nextMinPoints' in top, false);
  });
});

describe('earned is forever', () => {
  it('a late event that would have spoiled a closed month does not take the unlock back', () => {
    const c = new Citizen().verified();
    for (let day = 1; day <= 5; day++) c.do('fine.paid', `2025-07-0${day}T10:00:00`, { channel: 'mobile' });
    assert.deepEqual(unlockedIds(c.do('app.login', '2025-08-01T10:00:00', { channel: 'mobile' })), ['mobile-pro', 'digital-month']);
    const late = c.ledger.ingest(c.event('fine.paid', '2025-07-20T10:00:00', { channel: 'web' }));
    assert.equal(late.status, 'replayed');
    assert.deepEqual(late.changes.unlocked, []);
    const view = c.achievement('mobile-pro', '2025-08-02T00:00:00');
    assert.deepEqual([view.state, view.unlockedAt, view.points], ['unlocked', '2025-07-31T21:00:00.000Z', 50]);
    // Without the earlier grant, the same log would not unlock it.
    const natural = replayEvents(defaultCatalog, c.ledger.log.values()).state;
    assert.deepEqual(unlocksOf(defaultCatalog, natural).filter((u) => u.achievementId === 'mobile-pro'), []);
  });

  it('a share achievement, once earned, opens no more windows: nothing progresses, nothing for the sweep', () => {
    const c = new Citizen().verified();
    for (let day = 1; day <= 5; day++) c.do('fine.paid', `2025-07-0${day}T10:00:00`, { channel: 'mobile' });
    assert.deepEqual(unlockedIds(c.do('app.login', '2025-08-01T10:00:00', { channel: 'mobile' })), ['mobile-pro', 'digital-month']);
    const after = c.do('fine.paid', '2025-08-05T10:00:00', { channel: 'mobile' });
    assert.deepEqual(after.progressed.filter((id) => id === 'mobile-pro' || id === 'digital-month'), []);
    assert.equal(nextWindowClose(defaultCatalog, c.ledger.state), undefined);
  });

  it('a block after the mark keeps the tenure tier', () => {
    const c = new Citizen().verified('2024-12-01T10:00:00');
    for (const month of ['01', '02', '03']) c.do('fine.paid', `2025-${month}-05T10:00:00`);
    c.do('account.blocked', '2025-03-20T10:00:00');
    assert.equal(c.achievement('tenure', '2025-03-21T00:00:00').tier, 1);
    assert.equal(c.achievement('tenure', '2025-03-21T00:00:00').streak?.length, 0);
  });
});

describe('advancing time', () => {
  it('closes a month without waiting for the next event; earlier events then come back late', () => {
    const c = new Citizen().verified();
    assert.equal(nextWindowClose(defaultCatalog, c.ledger.state), undefined, 'no window open yet');
    c.do('fine.paid', '2025-11-03T10:00:00', { channel: 'web' });
    c.do('fine.paid', '2025-11-04T10:00:00', { channel: 'web' });
    assert.equal(nextWindowClose(defaultCatalog, c.ledger.state), parseTime('2025-11-30T21:00:00Z'), 'November closes at midnight, Moscow');
    const changes = advanceTime(defaultCatalog, c.ledger.state, parseTime('2025-12-01T06:00:00Z'));
    assert.deepEqual(unlockedIds(changes), ['digital-month']);
    assert.equal(changes.unlocked[0]!.unlockedAt, '2025-11-30T21:00:00.000Z');
    assert.equal(evaluateEvent(defaultCatalog, c.ledger.state, c.event('fine.paid', '2025-12-01T08:00:00')).status, 'late');
    assert.equal(advanceTime(defaultCatalog, c.ledger.state, parseTime('2025-11-01T00:00:00Z')).unlocked.length, 0, 'never backwards');
  });
});

describe('backfill after a catalog change', () => {
  it('a replay against a new catalog reports only the new achievement, at its historical time', () => {
    const c = new Citizen().verified();
    for (let i = 0; i < 3; i++) c.do('service.rated', `2025-02-0${i + 1}T10:00:00`, { attributes: { score: 5 } });
    const catalog = compileCatalog(catalogWithCritic());
    assert.equal(evaluateEvent(catalog, c.ledger.state, c.event('app.login', '2025-03-01T10:00:00')).status, 'outdated');
    assert.equal(decodeState(catalog, encodeState(c.ledger.state)), undefined, 'a stored state of the old layout is not reused');
    const keep = unlocksOf(defaultCatalog, c.ledger.state);
    const { state, changes } = replayEvents(catalog, c.ledger.log.values(), { keep });
    assert.deepEqual(changes.unlocked, [{ achievementId: 'critic', unlockedAt: '2025-02-03T07:00:00.000Z', points: 10 }]);
    assert.equal(describeUser(catalog, state, parseTime('2025-03-01T00:00:00Z')).points, c.view('2025-03-01T03:00:00').points + 10);
  });
});

describe('bounded state', () => {
  it('stays small however many events a citizen has', () => {
    const c = new Citizen().verified('2023-01-01T10:00:00');
    const types = ['application.submitted', 'fine.paid', 'certificate.received', 'signature.used', 'app.login', 'poll.voted', 'notification.responded'];
    let t = parseTime('2023-01-02T07:00:00Z');
    const sizes: number[] = [];
    for (let i = 0; i < 20_000; i++, t += 4_000_000) {
      const type = types[i % types.length]!;
      c.do(type, new Date(t).toISOString(), {
        channel: i % 3 ? 'mobile' : 'web',
        attributes: { procedure: `p${i % 7}`, poll: `poll-${i % 40}`, service: 'income', kind: 'status', category: `c${i % 4}`, documentType: `d${i % 5}` },
      });
      if (i % 1000 === 999) sizes.push(encodeState(c.ledger.state).byteLength);
    }
    assert.ok(Math.max(...sizes) <= 2048, `state sizes ${sizes.join(', ')}`);
    assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 8, 'size does not grow with the number of events'); // only the last event id's length varies
  });
});

describe('stored state', () => {
  it('round-trips through bytes', () => {
    const c = new Citizen().verified();
    c.do('signature.used', '2025-02-01T10:00:00', { attributes: { procedure: 'a' } });
    const bytes = encodeState(c.ledger.state);
    assert.deepEqual(decodeState(defaultCatalog, bytes), c.ledger.state);
    assert.equal(bytes.byteLength % 8, 0);
    // As a database driver hands it back: a view into a larger, shared buffer, at an odd offset.
    const pooled = Buffer.concat([Buffer.from('xyz'), Buffer.from(bytes)]).subarray(3);
    assert.deepEqual(decodeState(defaultCatalog, pooled), c.ledger.state);
  });
});
