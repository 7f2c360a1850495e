/**
 * Properties of evaluation over random event histories (fast-check):
 * - incremental in-order evaluation equals a replay of the log;
 * - arrival order does not change the final state (exactly, for criteria that only grow with
 *   more events; for the two that a later-arriving event can spoil, the only difference allowed
 *   is an unlock kept because earned is forever);
 * - duplicates never double count;
 * - unlocks are monotone: never taken back, never moved later.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { AchievementEvent, Channel } from '../../../src/engine/index.ts';
import { compileCatalog, createUserState, evaluateEvent, replayEvents } from '../../../src/engine/index.ts';
import { Ledger, catalogJson, defaultCatalog, unlockTimes } from './harness.ts';

/** Achievements whose criterion a later-arriving event can break (a month's share, a block). */
const SPOILABLE = new Set(['mobile-pro', 'digital-month', 'tenure']);
const growingCatalog = compileCatalog({ ...catalogJson, achievements: catalogJson.achievements.filter((a) => !SPOILABLE.has(a.id)) });

const DAY = 86_400_000;
const START = Date.parse('2024-12-25T00:00:00Z');
const kinds = ['status', 'deadline', 'payment', 'appointment'];
const stages = ['assessment', 'e-documents', 'e-signature', 'online-services', 'cabinet-features'];

const attributesFor: Record<string, fc.Arbitrary<Record<string, string | number>>> = {
  'application.submitted': fc.record({ documentType: fc.constantFrom('passport', 'licence', 'birth', 'property'), category: fc.constantFrom('a', 'b', 'c') }),
  'application.completed': fc.record({ processingHours: fc.integer({ min: 1, max: 72 }) }),
  'signature.used': fc.record({ procedure: fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5', 'p6') }),
  'notification.enabled': fc.record({ kind: fc.constantFrom(...kinds) }),
  'notification.responded': fc.record({ kind: fc.constantFrom(...kinds) }),
  'certificate.received': fc.record({ service: fc.constantFrom('income', 'criminal-record', 'pension-account', 'tax-debt', 'vaccination') }),
  'poll.voted': fc.record({ poll: fc.constantFrom('q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9', 'q10', 'q11') }),
  'contact.confirmed': fc.record({ kind: fc.constantFrom('phone', 'email') }),
  'transformation.stage': fc.record({ stage: fc.constantFrom(...stages) }),
};
const plainTypes = ['profile.verified', 'profile.completed', 'visit.completed', 'support.feedback', 'office.visited', 'app.login', 'fine.paid', 'service.rated', 'account.blocked'];
const types = [...Object.keys(attributesFor), ...plainTypes];

/** One dated event; `arrival` decides the order it is delivered in. */
const draft = fc
  .record({
    type: fc.constantFrom(...types, 'application.submitted', 'app.login', 'fine.paid'),
    // Clustered in time so that windows, streaks and ties really happen.
    at: fc.oneof(fc.integer({ min: 0, max: 400 * DAY }), fc.integer({ min: 0, max: 40 }).map((d) => d * DAY + 36_000_000)),
    channel: fc.constantFrom<Channel>('web', 'mobile', 'mobile', 'office'),
    arrival: fc.nat(),
  })
  .chain((base) => (attributesFor[base.type] ?? fc.constant({})).map((attributes) => ({ ...base, attributes })));

const history = fc.array(draft, { minLength: 1, maxLength: 120 }).map((drafts) => {
  const events: AchievementEvent[] = drafts.map((d, i) => ({
    id: `e${String(i).padStart(3, '0')}`,
    userId: 'u',
    type: d.type,
    occurredAt: new Date(START + d.at).toISOString(),
    channel: d.channel,
    attributes: d.attributes,
  }));
  // Most histories start with a verification, so the gate usually opens.
  events.unshift({ id: 'verify', userId: 'u', type: 'profile.verified', occurredAt: new Date(START - DAY).toISOString() });
  const arrival = [{ event: events[0]!, arrival: -1 }, ...drafts.map((d, i) => ({ event: events[i + 1]!, arrival: d.arrival }))];
  return { events, arrived: arrival.sort((a, b) => a.arrival - b.arrival).map((a) => a.event) };
});

const inTimeOrder = (events: AchievementEvent[]) =>
  [...events].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

function ingestAll(catalog = defaultCatalog, events: AchievementEvent[]): Ledger {
  const ledger = new Ledger(catalog);
  for (const event of events) ledger.ingest(event);
  return ledger;
}

const runs = { numRuns: 300 };

describe('engine properties', () => {
  it('incremental evaluation in order equals replaying the log', () => {
    fc.assert(
      fc.property(history, ({ events }) => {
        const state = createUserState(defaultCatalog);
        for (const event of inTimeOrder(events)) assert.equal(evaluateEvent(defaultCatalog, state, event).status, 'applied');
        assert.deepEqual(state, replayEvents(defaultCatalog, events).state);
      }),
      runs,
    );
  });

  it('arrival order does not change the final state of criteria that only grow', () => {
    fc.assert(
      fc.property(history, ({ events, arrived }) => {
        const ledger = ingestAll(growingCatalog, arrived);
        assert.deepEqual(ledger.state, replayEvents(growingCatalog, events).state);
      }),
      runs,
    );
  });

  it('arrival order changes nothing else where a late event spoils: only kept unlocks differ', () => {
    // The slots holding spoilable achievements' unlock times; every other slot must be equal.
    const unlockSlots = new Set(
      defaultCatalog.achievements
        .filter((a) => SPOILABLE.has(a.definition.id))
        .flatMap((a) => a.targets.map((_, tier) => a.unlockAt + tier)),
    );
    fc.assert(
      fc.property(history, ({ events, arrived }) => {
        const incremental = ingestAll(defaultCatalog, arrived).state;
        const replayed = replayEvents(defaultCatalog, events).state;
        assert.equal(incremental.w, replayed.w);
        replayed.n.forEach((value, slot) => {
          if (!unlockSlots.has(slot)) assert.ok(Object.is(incremental.n[slot], value), `slot ${slot}: ${incremental.n[slot]} ≠ ${value}`);
        });
        const held = unlockTimes(defaultCatalog, incremental);
        for (const [id, natural] of unlockTimes(defaultCatalog, replayed)) {
          const kept = held.get(id) ?? [];
          assert.ok(kept.length >= natural.length, `${id}: an unlock was lost`);
          natural.forEach((at, tier) => assert.ok(kept[tier]! <= at, `${id}: tier ${tier + 1} moved later`));
        }
      }),
      runs,
    );
  });

  it('duplicates never double count', () => {
    fc.assert(
      fc.property(history, fc.array(fc.nat(), { maxLength: 30 }), ({ events }, picks) => {
        const repeats = picks.map((p) => events[p % events.length]!);
        const clean = replayEvents(defaultCatalog, events).state;
        assert.deepEqual(replayEvents(defaultCatalog, [...repeats, ...events, ...repeats]).state, clean);
        // Delivered twice in a row, in order: the second is a duplicate and changes nothing.
        const state = createUserState(defaultCatalog);
        for (const event of inTimeOrder(events)) {
          evaluateEvent(defaultCatalog, state, event);
          assert.equal(evaluateEvent(defaultCatalog, state, { ...event }).status, 'duplicate');
        }
        assert.deepEqual(state, clean);
      }),
      runs,
    );
  });

  it('unlocks are monotone: never taken back, never moved later', () => {
    fc.assert(
      fc.property(history, ({ arrived }) => {
        const ledger = new Ledger(defaultCatalog);
        let before = new Map<string, number[]>();
        for (const event of arrived) {
          ledger.ingest(event);
          const now = unlockTimes(defaultCatalog, ledger.state);
          for (const [id, times] of before) {
            times.forEach((at, tier) => assert.ok(now.get(id)?.[tier] !== undefined && now.get(id)![tier]! <= at, `${id} tier ${tier + 1}`));
          }
          before = now;
        }
      }),
      runs,
    );
  });
});
