import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Calendar, formatTime, parseTime } from '../../../src/engine/index.ts';

const moscow = new Calendar('Europe/Moscow');
const berlin = new Calendar('Europe/Berlin');
const iso = (ms: number) => new Date(ms).toISOString();

describe('RFC 3339 parsing', () => {
  it('accepts offsets, fractions and lower-case separators', () => {
    assert.equal(parseTime('2025-03-31T22:30:00Z'), Date.UTC(2025, 2, 31, 22, 30));
    assert.equal(parseTime('2025-04-01T01:30:00+03:00'), Date.UTC(2025, 2, 31, 22, 30));
    assert.equal(parseTime('2025-04-01t01:30:00.250z'), Date.UTC(2025, 3, 1, 1, 30, 0, 250));
  });
  it('rejects times without an offset, impossible dates and other formats', () => {
    for (const text of ['2025-03-31T22:30:00', '2025-02-29T10:00:00Z', '2025-04-31T10:00:00Z', '2025-13-01T00:00:00Z', '31.03.2025', '2025-03-31', '']) {
      assert.ok(Number.isNaN(parseTime(text)), text);
    }
    assert.ok(!Number.isNaN(parseTime('2024-02-29T10:00:00Z')), 'leap day');
  });
});

describe('hand-written parsing and formatting agree with Date', () => {
  const instants = fc.integer({ min: Date.UTC(1, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) });
  it('formatTime writes what Date#toISOString writes', () => {
    fc.assert(fc.property(instants, (ms) => formatTime(ms) === new Date(ms).toISOString()), { numRuns: 2000 });
  });
  it('parseTime reads what Date.parse reads, for any offset and fraction', () => {
    const offsets = fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 14 }), fc.constantFrom(0, 30, 45));
    fc.assert(
      fc.property(instants, offsets, fc.integer({ min: 0, max: 3 }), (ms, [sign, hours, minutes], digits) => {
        const iso = new Date(ms).toISOString();
        const fraction = digits ? `.${iso.slice(20, 20 + digits)}` : '';
        const offset = `${sign}${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
        const text = `${iso.slice(0, 19)}${fraction}${offset}`;
        return parseTime(text) === Date.parse(text);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('calendar periods in a time zone', () => {
  it('puts 2025-03-31T22:30Z in April in Moscow (and in March in UTC)', () => {
    const t = parseTime('2025-03-31T22:30:00Z');
    assert.equal(moscow.key('month', t), 2025 * 12 + 3);
    assert.equal(new Calendar('UTC').key('month', t), 2025 * 12 + 2);
  });
  it('crosses a quarter boundary at local midnight', () => {
    assert.equal(moscow.key('quarter', parseTime('2025-03-31T20:59:59Z')), 2025 * 4 + 0);
    assert.equal(moscow.key('quarter', parseTime('2025-03-31T21:00:00Z')), 2025 * 4 + 1);
    assert.equal(iso(moscow.start('quarter', 2025 * 4 + 1)), '2025-03-31T21:00:00.000Z');
    assert.equal(iso(moscow.end('quarter', 2025 * 4 + 3)), '2025-12-31T21:00:00.000Z');
  });
  it('numbers consecutive months across a year boundary consecutively', () => {
    const december = moscow.key('month', parseTime('2024-12-31T20:00:00Z'));
    const january = moscow.key('month', parseTime('2024-12-31T21:00:00Z'));
    assert.equal(january - december, 1);
    assert.equal(moscow.key('year', parseTime('2024-12-31T21:00:00Z')), 2025);
  });
  it('starts weeks on Monday', () => {
    const sunday = moscow.key('week', parseTime('2025-03-09T23:59:00+03:00'));
    const monday = moscow.key('week', parseTime('2025-03-10T00:00:00+03:00'));
    assert.equal(monday - sunday, 1);
    assert.equal(iso(moscow.start('week', monday)), '2025-03-09T21:00:00.000Z');
  });
  it('follows daylight saving time where a zone has it', () => {
    // Berlin moves to UTC+2 on 2025-03-30; April starts at 22:00Z on March 31st.
    assert.equal(iso(berlin.start('month', 2025 * 12 + 3)), '2025-03-31T22:00:00.000Z');
    assert.equal(iso(berlin.start('month', 2025 * 12 + 2)), '2025-02-28T23:00:00.000Z');
    assert.equal(berlin.day(parseTime('2025-03-30T21:30:00Z')) - berlin.day(parseTime('2025-03-29T22:30:00Z')), 1);
  });
  it('handles leap years in day arithmetic', () => {
    assert.equal(moscow.key('month', parseTime('2024-02-29T12:00:00+03:00')), 2024 * 12 + 1);
    assert.equal(iso(moscow.start('day', moscow.day(parseTime('2024-02-29T12:00:00+03:00')))), '2024-02-28T21:00:00.000Z');
  });
  it('rejects unknown time zones', () => {
    assert.throws(() => new Calendar('Mars/Olympus'), RangeError);
  });
});

describe('periods where clocks jump forward at midnight', () => {
  it('start at the jump, in the period itself, for every day, month and year of 2000–2030 (Asunción, Santiago, Havana, São Paulo)', () => {
    for (const zone of ['America/Asuncion', 'America/Santiago', 'America/Havana', 'America/Sao_Paulo']) {
      const calendar = new Calendar(zone);
      for (const period of ['day', 'month', 'year'] as const) {
        const first = calendar.key(period, Date.UTC(2000, 0, 2));
        const last = calendar.key(period, Date.UTC(2030, 11, 30));
        for (let key = first; key <= last; key++) {
          const start = calendar.start(period, key);
          assert.equal(calendar.key(period, start), key, `${zone} ${period} ${key}: ${iso(start)} is in its period`);
          assert.equal(calendar.key(period, start - 1), key - 1, `${zone} ${period} ${key}: the instant before ${iso(start)} is in the one before`);
        }
      }
    }
    // Asunción's clocks went from 00:00 to 01:00 on 1 October 2023: October started at 01:00 (UTC−3).
    const asuncion = new Calendar('America/Asuncion');
    assert.equal(iso(asuncion.start('month', asuncion.key('month', Date.UTC(2023, 9, 15)))), '2023-10-01T04:00:00.000Z');
  });
});
