/**
 * `npm run bench:engine`. The engine on one thread, over the default catalog:
 * - throughput: a realistic mixed stream for 10 000 citizens, interleaved in time order;
 * - bytes of state per citizen after it (encodeState, as the server stores it);
 * - incremental against the naive approach of recomputing a citizen's state from their whole log
 *   on each new event, at 1 000 and 10 000 events per citizen, measured in the same run.
 * Speed is printed, never asserted: see BENCHMARKS.md for recorded runs.
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { AchievementEvent, UserState } from '../src/engine/index.ts';
import { compileCatalog, createUserState, encodeState, evaluateEvent, replayEvents } from '../src/engine/index.ts';
import { portalAction, rand } from './traffic.ts';

const catalog = compileCatalog(JSON.parse(readFileSync(new URL('../src/engine/catalog/default.json', import.meta.url), 'utf8')));
const CITIZENS = 10_000;
const DAY = 86_400_000;
const START = Date.parse('2025-01-01T00:00:00Z');

/**
 * A citizen's year: registered and verified, then `count` events in visits (sessions) of one to
 * eight actions a few minutes apart, the way portal traffic arrives. With `spread`, each event
 * gets its own moment instead: the worst case for caches, every event from another citizen.
 */
function citizenSchedule(count: number, spanDays: number, spread = false): number[] {
  const start = START + Math.floor(rand() * 30) * DAY;
  const times = [start, start + 60_000];
  let visit = start + 120_000;
  while (times.length < count + 2) {
    visit += Math.floor(rand() * ((2 * spanDays * DAY * 4) / count)); // about four actions per visit on average
    let at = visit;
    for (let i = 1 + Math.floor(rand() * 8); i > 0 && times.length < count + 2; i--) times.push((at += 30_000 + Math.floor(rand() * 240_000)));
  }
  if (spread) for (let i = 2; i < times.length; i++) times[i] = start + 120_000 + Math.floor(rand() * spanDays * DAY);
  return times.sort((a, b) => a - b);
}

/** The events of a schedule, created in the order given (as a server parses them on arrival). */
function eventAt(userId: string, n: number, t: number): AchievementEvent {
  if (n === 0) return { id: `${userId}-r`, userId, type: 'profile.registered', occurredAt: new Date(t).toISOString() };
  if (n === 1) return { id: `${userId}-v`, userId, type: 'profile.verified', occurredAt: new Date(t).toISOString() };
  return portalAction(`${userId}-${n}`, userId, t);
}

function citizenLog(userId: string, count: number, spanDays: number): AchievementEvent[] {
  return citizenSchedule(count, spanDays).map((t, n) => eventAt(userId, n, t));
}

function time(label: string, body: () => void): number {
  const started = process.hrtime.bigint();
  body();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (label) console.log(`  ${label}: ${ms.toFixed(0)} ms`);
  return ms;
}

// ── the streams ─────────────────────────────────────────────────────────────────────────────
console.log(`civic-achievements engine benchmark — ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
/** Every citizen's events in arrival order, as compact columns: time, citizen, sequence number. */
function schedule(spread: boolean): { times: Float64Array; citizens: Int32Array; numbers: Int32Array } {
  const rows = Array.from({ length: CITIZENS }, () => {
    const activity = rand();
    const count = activity < 0.5 ? 40 + Math.floor(rand() * 60) : activity < 0.9 ? 100 + Math.floor(rand() * 200) : 300 + Math.floor(rand() * 700);
    return citizenSchedule(count, 365, spread);
  })
    .flatMap((times, citizen) => times.map((t, n) => [t, citizen, n] as const))
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return {
    times: Float64Array.from(rows, (row) => row[0]),
    citizens: Int32Array.from(rows, (row) => row[1]),
    numbers: Int32Array.from(rows, (row) => row[2]),
  };
}

const BATCH = 10_000;
const collectGarbage = (globalThis as { gc?: (options: { type: 'minor' }) => void }).gc?.bind(null, { type: 'minor' }) ?? (() => {});

/**
 * Feeds the stream in batches, as a server does: a batch's events are created (untimed), then
 * evaluated (timed), then dropped, so the heap holds the citizens' states and one batch.
 */
function runStream(plan: ReturnType<typeof schedule>): { ms: number; states: Map<string, UserState> } {
  const states = new Map<string, UserState>();
  let ms = 0;
  for (let from = 0; from < plan.times.length; from += BATCH) {
    const batch: AchievementEvent[] = [];
    for (let i = from; i < Math.min(from + BATCH, plan.times.length); i++) batch.push(eventAt(`citizen-${plan.citizens[i]}`, plan.numbers[i]!, plan.times[i]!));
    collectGarbage(); // the batch's own garbage is the generator's, not the engine's
    ms += time('', () => {
      for (const event of batch) {
        let state = states.get(event.userId);
        if (!state) states.set(event.userId, (state = createUserState(catalog)));
        evaluateEvent(catalog, state, event);
      }
    });
  }
  return { ms, states };
}

for (const [label, spread] of [['in visits (realistic)', false], ['spread out (worst case for caches)', true]] as const) {
  const plan = schedule(spread);
  const count = plan.times.length;
  console.log(`\nStream ${label}: ${count.toLocaleString('en')} events for ${CITIZENS.toLocaleString('en')} citizens over a year, in batches of ${BATCH.toLocaleString('en')}`);
  runStream(plan); // warm-up: JIT and the time zone offset cache
  const runs = [runStream(plan), runStream(plan), runStream(plan)];
  const best = Math.min(...runs.map((r) => r.ms));
  console.log(`  throughput (best of 3): ${Math.round(count / (best / 1000)).toLocaleString('en')} events/s (${((best * 1e6) / count).toFixed(0)} ns per event)`);
  const sizes = [...runs[0]!.states.values()].map((state) => encodeState(state).byteLength).sort((a, b) => a - b);
  const mean = sizes.reduce((sum, size) => sum + size, 0) / sizes.length;
  console.log(`  state per citizen (stored bytes): mean ${mean.toFixed(0)}, p99 ${sizes[Math.floor(sizes.length * 0.99)]}, max ${sizes.at(-1)}`);
}

// ── incremental against recompute ───────────────────────────────────────────────────────────
console.log('\nIncremental vs recomputing from the log, per new event:');
for (const size of [1_000, 10_000]) {
  const userId = `heavy-${size}`;
  const log = citizenLog(userId, size + 1_000, 3 * 365);
  const history = log.slice(0, size);
  const arriving = log.slice(size);
  // Incremental: the next 1 000 events applied to the live state, one by one.
  const state = replayEvents(catalog, history).state;
  const incremental = time('', () => {
    for (const event of arriving) evaluateEvent(catalog, state, event);
  }) / arriving.length;
  // Naive: on each new event, recompute the state from the whole log (sampled: every 50th event).
  const sampled = arriving.filter((_, i) => i % 50 === 0);
  replayEvents(catalog, history); // warm-up
  const recompute = time('', () => {
    for (const event of sampled) replayEvents(catalog, log.slice(0, log.indexOf(event) + 1));
  }) / sampled.length;
  console.log(
    `  ${size.toLocaleString('en')} events: incremental ${(incremental * 1000).toFixed(2)} µs, recompute ${recompute.toFixed(2)} ms → ${Math.round(recompute / incremental).toLocaleString('en')}× faster`,
  );
}
