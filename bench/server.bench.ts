/**
 * `npm run bench:server`. The reference server as it runs, under an HTTP load generator
 * (autocannon) on loopback:
 * - the server is a child process (`server/main.ts` over a temporary SQLite file, WAL,
 *   synchronous=FULL), so the load generator here does not share its event loop;
 * - it is seeded over HTTP with 100 000 citizens, each with a handful of events;
 * - ingest throughput: POST /api/v1/events with batches of 100 and of 1000 new events for those
 *   citizens, and in the same run the baseline, raw better-sqlite3 inserts of the same rows into
 *   the same `events` table (same migrations, same pragmas), one prepared statement and one
 *   transaction per batch;
 * - GET /api/v1/me/achievements latency (p50/p90/p99) with a different citizen's token on each
 *   request, at 1 and at 10 connections, and the 304 answer to If-None-Match.
 * Speed is printed, never asserted: see BENCHMARKS.md for recorded runs.
 *
 * Environment: BENCH_CITIZENS (100000), BENCH_SECONDS (10) per load run, BENCH_CPU_PROF=<dir> to
 * write a V8 CPU profile of the server child there (taken when it exits at the end).
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { SignJWT } from 'jose';
import type { AchievementEvent } from '../src/engine/index.ts';
import { MAX_BATCH, parseTime } from '../src/engine/index.ts';
import { openDatabase } from '../server/db/open.ts';
import { portalAction, rand } from './traffic.ts';

// ── autocannon (CommonJS, untyped): the part of its API used here ─────────────────────────────
interface LoadRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  setupRequest?: (request: LoadRequest, context: object) => LoadRequest;
}
interface LoadResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
}
interface LoadInstance extends PromiseLike<LoadResult> {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): this;
}
type Autocannon = (options: { url: string; connections: number; duration: number; timeout?: number; requests: LoadRequest[] }) => LoadInstance;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

// ── settings ─────────────────────────────────────────────────────────────────────────────────
function fromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CITIZENS = fromEnv('BENCH_CITIZENS', 100_000);
const SECONDS = fromEnv('BENCH_SECONDS', 10);
const PROFILE_DIR = process.env.BENCH_CPU_PROF ? resolve(process.env.BENCH_CPU_PROF) : undefined;
const INGEST_CONNECTIONS = 4;
const SEED_IN_FLIGHT = 4;
const SERVICE_KEY = `bench-${randomBytes(18).toString('base64url')}`;
const JWT_SECRET = randomBytes(32).toString('base64url');
const UNLIMITED = '1000000/1000000';

const DAY = 86_400_000;
const NOW = Date.now();
/** Seeded history: 2024-01-01 until three days ago. Ingested events come after it, in time order. */
const SEED_FROM = Date.parse('2024-01-01T00:00:00Z');
const SEED_TO = NOW - 3 * DAY;
const INGEST_WINDOWS: Record<number, [number, number]> = { 100: [NOW - 3 * DAY, NOW - 2 * DAY], 1000: [NOW - 2 * DAY, NOW - DAY] };

const citizenId = (n: number) => `citizen-${String(n).padStart(6, '0')}`;
const fmt = (n: number, digits = 0) => n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const iso = (t: number) => new Date(t).toISOString();

/** A citizen's history: verified first, then two to eight actions spread up to three days ago. */
function history(n: number): AchievementEvent[] {
  const userId = citizenId(n);
  const start = SEED_FROM + Math.floor(rand() * (SEED_TO - SEED_FROM - DAY));
  const times = Array.from({ length: 2 + Math.floor(rand() * 7) }, () => start + 60_000 + Math.floor(rand() * (SEED_TO - start - 60_000))).sort((a, b) => a - b);
  return [{ id: `${userId}-v`, userId, type: 'profile.verified', occurredAt: iso(start), channel: 'web' }, ...times.map((t, i) => portalAction(`${userId}-s${i}`, userId, t))];
}

/** Whole citizens packed into batches of at most MAX_BATCH events. */
function seedBatches(): AchievementEvent[][] {
  const batches: AchievementEvent[][] = [];
  let batch: AchievementEvent[] = [];
  for (let n = 0; n < CITIZENS; n++) {
    const events = history(n);
    if (batch.length + events.length > MAX_BATCH) {
      batches.push(batch);
      batch = [];
    }
    batch.push(...events);
  }
  if (batch.length) batches.push(batch);
  return batches;
}

let nextCitizen = 0;
let serial = 0;
/**
 * `count` batches of `size` new events: visits of one to eight actions a few seconds apart, by
 * citizens taken in turn (so a citizen comes back only many batches later, with later times),
 * spread over `window` in batch order. No event is late, none is a duplicate.
 */
function ingestBatches(size: number, count: number, [from, to]: [number, number]): AchievementEvent[][] {
  const step = (to - from) / count;
  return Array.from({ length: count }, (_, k) => {
    const events: AchievementEvent[] = [];
    let at = from + k * step;
    while (events.length < size) {
      const userId = citizenId(nextCitizen++ % CITIZENS);
      for (let i = 1 + Math.floor(rand() * 8); i > 0 && events.length < size; i--) events.push(portalAction(`ev-${size}-${serial++}`, userId, (at += 1_000 + Math.floor(rand() * 4_000))));
    }
    return events;
  });
}
const bodyOf = (events: AchievementEvent[]) => Buffer.from(JSON.stringify({ events }));

// ── the server, as a child process ──────────────────────────────────────────────────────────
const dir = mkdtempSync(join(tmpdir(), 'civic-bench-server-'));
let child: ChildProcess | undefined;
let exited: Promise<void> = Promise.resolve();

async function startChild(): Promise<string> {
  const out = join(dir, 'server.out.log');
  const err = join(dir, 'server.err.log');
  const stdout = openSync(out, 'w');
  const stderr = openSync(err, 'w');
  const profile = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  if (PROFILE_DIR) mkdirSync(PROFILE_DIR, { recursive: true });
  child = spawn(process.execPath, [...profile, '--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    stdio: ['ignore', stdout, stderr],
    env: {
      ...process.env,
      ACH_HOST: '127.0.0.1',
      ACH_PORT: '0',
      ACH_DB: join(dir, 'server.sqlite'),
      ACH_SERVICE_KEYS: SERVICE_KEY,
      ACH_JWT_SECRET: JWT_SECRET,
      ACH_SERVICE_RATE: UNLIMITED,
      ACH_CITIZEN_RATE: UNLIMITED,
    },
  });
  closeSync(stdout);
  closeSync(stderr);
  let gone = false;
  exited = new Promise((done) =>
    child!.once('exit', () => {
      gone = true;
      done();
    }),
  );
  for (let waited = 0; waited < 60_000; waited += 50) {
    for (const line of readFileSync(out, 'utf8').split('\n')) {
      if (!line.includes('"listening"')) continue;
      const { url } = JSON.parse(line) as { url: string };
      return url;
    }
    if (gone) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the server did not start:\n${readFileSync(err, 'utf8')}`);
}

async function stopChild(): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM'); // main.ts closes the server and the database, then exits (writing a CPU profile)
  const timer = setTimeout(() => child?.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

let cleaned = false;
async function cleanUp(): Promise<void> {
  if (cleaned) return;
  cleaned = true;
  await stopChild();
  rmSync(dir, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void cleanUp().finally(() => process.exit(130));
  });
}

// ── measuring ────────────────────────────────────────────────────────────────────────────────
interface Run {
  seconds: number;
  ok: number;
  failed: number;
  statuses: Record<string, number>;
  perSecond: number;
  /** Mean bytes per answer (headers and body). */
  bytes: number;
  p50: number;
  p90: number;
  p99: number;
}

/** With a CPU profile: the phases on the monotonic clock, which V8's profile timestamps (µs) also use. */
function mark(phase: string): void {
  if (PROFILE_DIR) console.log(`  [profile mark ${process.hrtime.bigint() / 1000n} µs] ${phase}`);
}

const percentile = (sorted: Float64Array, p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;

/** One autocannon run; latencies are taken from every response (autocannon's histogram rounds to whole ms). */
async function load(url: string, connections: number, seconds: number, request: LoadRequest, okStatus = 200): Promise<Run> {
  const latencies: number[] = [];
  let bytes = 0;
  mark(`load ${request.method} ${request.path} ${connections} connections`);
  const instance = autocannon({ url, connections, duration: seconds, timeout: 30, requests: [request] });
  instance.on('response', (_client, status, size, ms) => {
    if (status !== okStatus) return;
    latencies.push(ms);
    bytes += size;
  });
  const result = await instance;
  const sorted = Float64Array.from(latencies).sort();
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count]));
  const failed = result.errors + result.timeouts + Object.entries(statuses).reduce((sum, [code, count]) => sum + (Number(code) === okStatus ? 0 : count), 0);
  return { seconds: result.duration, ok: sorted.length, failed, statuses, perSecond: sorted.length / result.duration, bytes: bytes / Math.max(1, sorted.length), p50: percentile(sorted, 0.5), p90: percentile(sorted, 0.9), p99: percentile(sorted, 0.99) };
}

function cycling<T>(items: readonly T[], apply: (request: LoadRequest, item: T) => void): { request: (base: LoadRequest) => LoadRequest; used: () => number } {
  let next = 0;
  return {
    request: (base) => ({
      ...base,
      setupRequest: (request) => {
        apply(request, items[next++ % items.length]!);
        return request;
      },
    }),
    used: () => next,
  };
}

/**
 * An open-loop load: `rate` requests per second at even intervals, whether or not earlier ones
 * were answered (as independent citizens arrive), on keep-alive sockets. Below saturation this is
 * the latency a citizen sees under load; a closed loop at full speed measures queueing instead.
 */
async function paced(url: string, rate: number, seconds: number, headersOf: (n: number) => Record<string, string>, path: string): Promise<Run> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const { hostname, port } = new URL(url);
  const latencies: number[] = [];
  let failed = 0;
  let bytes = 0;
  const statuses: Record<string, number> = {};
  const pending = new Set<Promise<void>>();
  const one = (n: number) =>
    new Promise<void>((done) => {
      const started = performance.now();
      const req = httpRequest({ agent, hostname, port, path, headers: headersOf(n) }, (res) => {
        let size = 0;
        res.on('data', (chunk: Buffer) => (size += chunk.length));
        res.on('end', () => {
          statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
          if (res.statusCode === 200) {
            latencies.push(performance.now() - started);
            bytes += size;
          } else failed++;
          done();
        });
      });
      req.on('error', () => {
        failed++;
        done();
      });
      req.end();
    });
  mark(`paced ${path} ${rate}/s`);
  const total = rate * seconds;
  const begin = performance.now();
  for (let n = 0; n < total; ) {
    // Send what is due, then yield to I/O for a millisecond (timers are no finer than that).
    for (const now = performance.now(); n < total && begin + (n * 1000) / rate <= now; n++) {
      const p = one(n).then(() => void pending.delete(p));
      pending.add(p);
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(pending);
  const duration = (performance.now() - begin) / 1000;
  agent.destroy();
  const sorted = Float64Array.from(latencies).sort();
  return { seconds: duration, ok: sorted.length, failed, statuses, perSecond: sorted.length / duration, bytes: bytes / Math.max(1, sorted.length), p50: percentile(sorted, 0.5), p90: percentile(sorted, 0.9), p99: percentile(sorted, 0.99) };
}

const latencyText = (run: Run) => `p50 ${run.p50.toFixed(2)} ms, p90 ${run.p90.toFixed(2)} ms, p99 ${run.p99.toFixed(2)} ms`;
function warnFailures(run: Run): void {
  if (run.failed) console.log(`  ! ${fmt(run.failed)} requests failed or got another status: ${JSON.stringify(run.statuses)}`);
}

// ── the run ──────────────────────────────────────────────────────────────────────────────────
const summary: Array<[string, string, string]> = [];

try {
  const cpu = cpus();
  console.log(`civic-achievements server benchmark — ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${fmt(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
  console.log(`Server: child process on loopback, SQLite WAL + synchronous=FULL in ${dir}; load: autocannon in this process, ${SECONDS} s per run.`);
  if (PROFILE_DIR) console.log(`CPU profile of the server child: ${PROFILE_DIR} (overhead included in the figures!)`);
  const url = await startChild();
  const events = `${url}/api/v1/events`;
  const serviceHeaders = { authorization: `Bearer ${SERVICE_KEY}`, 'content-type': 'application/json' };

  // Seeding, over HTTP: whole citizens per batch of ≤ 1000 events, a few batches in flight.
  let seeds = seedBatches();
  const seedEvents = seeds.reduce((sum, b) => sum + b.length, 0);
  console.log(`\nSeeding ${fmt(CITIZENS)} citizens, ${fmt(seedEvents)} events (${(seedEvents / CITIZENS).toFixed(1)} each) in ${fmt(seeds.length)} POSTs of ≤ ${MAX_BATCH}, ${SEED_IN_FLIGHT} in flight…`);
  mark('seeding');
  const seedStarted = performance.now();
  let accepted = 0;
  let cursor = 0;
  await Promise.all(
    Array.from({ length: SEED_IN_FLIGHT }, async () => {
      while (cursor < seeds.length) {
        const batch = seeds[cursor++]!;
        const response = await fetch(events, { method: 'POST', headers: serviceHeaders, body: bodyOf(batch) });
        if (!response.ok) throw new Error(`seeding: ${response.status} ${await response.text()}`);
        accepted += ((await response.json()) as { accepted: number }).accepted;
      }
    }),
  );
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  if (accepted !== seedEvents) throw new Error(`seeding: ${accepted} of ${seedEvents} events accepted`);
  const seedRate = seedEvents / seedSeconds;
  console.log(`  took ${seedSeconds.toFixed(1)} s: ${fmt(seedRate)} events/s (new citizens, batches of ≤ ${MAX_BATCH})`);
  summary.push(['seeding (new citizens, ≤ 1000 per batch, 4 in flight)', `${seedSeconds.toFixed(1)} s, ${fmt(seedRate)} events/s`, '—']);

  // The raw baseline's database: the same migrations and pragmas, holding the same seeded rows.
  const rawFile = join(dir, 'raw.sqlite');
  await (await openDatabase(rawFile)).destroy();
  const raw = new BetterSqlite3(rawFile);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  const insert = raw.prepare('INSERT INTO events (id, user_id, type, occurred_at, body, received_at) VALUES (?, ?, ?, ?, ?, ?)');
  type Row = [string, string, string, number, string];
  const rowsOf = (batch: AchievementEvent[]): Row[] => batch.map((e) => [e.id, e.userId, e.type, parseTime(e.occurredAt), JSON.stringify(e)]);
  const insertBatch = raw.transaction((rows: Row[], now: number) => {
    for (const row of rows) insert.run(...row, now);
  });
  insertBatch(seeds.flatMap(rowsOf), NOW); // untimed: the table and its indexes as large as the server's
  seeds = []; // hundreds of MB: a major GC of them would stall the latency runs' clock
  const serverDb = new BetterSqlite3(join(dir, 'server.sqlite'), { readonly: true });
  const countEvents = () => (serverDb.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;

  // Ingest throughput against raw inserts of the same rows.
  const ingest: Record<number, { run: Run; eventsPerSecond: number; rawPerSecond: number }> = {};
  for (const size of [100, 1000]) {
    // Enough distinct batches for the run at 6× the seeding rate; more would be duplicates.
    const count = Math.ceil(Math.max(6 * seedRate * SECONDS, 200 * size) / size);
    const batches = ingestBatches(size, count, INGEST_WINDOWS[size]!);
    const bodies = batches.map(bodyOf);
    console.log(`\nIngest, batches of ${size} (${fmt(bodies[0]!.length / 1024)} KiB each): ${INGEST_CONNECTIONS} connections for ${SECONDS} s`);
    const before = countEvents();
    const cycle = cycling(bodies, (request, body) => (request.body = body));
    const run = await load(url, INGEST_CONNECTIONS, SECONDS, cycle.request({ method: 'POST', path: '/api/v1/events', headers: serviceHeaders }));
    const stored = countEvents() - before;
    const sent = Math.min(cycle.used(), bodies.length);
    if (cycle.used() > bodies.length) console.log(`  ! ran out of distinct batches: ${cycle.used() - bodies.length} were sent again (duplicates)`);
    warnFailures(run);
    const eventsPerSecond = run.perSecond * size;
    console.log(`  server: ${fmt(eventsPerSecond)} events/s (${fmt(run.perSecond, 1)} requests/s); per request ${latencyText(run)}; ${fmt(stored)} events stored`);

    // Raw: the same rows, one transaction per batch, in the same order, on the same disk.
    const rows = batches.slice(0, Math.max(sent, 20)).map(rowsOf);
    mark('raw inserts');
    const started = performance.now();
    for (const batch of rows) insertBatch(batch, Date.now());
    const rawSeconds = (performance.now() - started) / 1000;
    const rawPerSecond = (rows.length * size) / rawSeconds;
    const ratio = (100 * eventsPerSecond) / rawPerSecond;
    console.log(`  raw better-sqlite3: ${fmt(rawPerSecond)} rows/s (${fmt(rows.length)} transactions of ${size}) → server at ${ratio.toFixed(1)} % of raw (target ≥ 20 %)`);
    ingest[size] = { run, eventsPerSecond, rawPerSecond };
    summary.push([`ingest, batches of ${size}`, `${fmt(eventsPerSecond)} events/s = **${ratio.toFixed(1)} %** of raw ${fmt(rawPerSecond)} rows/s`, '≥ 20 % of raw']);
  }
  serverDb.close();
  raw.close();

  // GET /me/achievements: a different citizen on each request.
  const order = Array.from({ length: CITIZENS }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const key = new TextEncoder().encode(JWT_SECRET);
  const signStarted = performance.now();
  const tokens: string[] = [];
  for (let i = 0; i < order.length; i += 1000) {
    tokens.push(...(await Promise.all(order.slice(i, i + 1000).map((n) => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(citizenId(n)).setIssuedAt().setExpirationTime('4h').sign(key)))));
  }
  console.log(`\nGET /api/v1/me/achievements, one citizen per request from ${fmt(tokens.length)} tokens (signed in ${((performance.now() - signStarted) / 1000).toFixed(1)} s)`);
  const me = { method: 'GET', path: '/api/v1/me/achievements' };
  const withToken = (request: LoadRequest, token: string) => (request.headers = { ...request.headers, authorization: `Bearer ${token}` });
  // The load generator's own garbage must not stall its clock in the measured runs.
  const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => {});
  // Warm-up (JIT, caches), then the measured runs; each run starts further along the shuffled citizens.
  const warm = cycling(tokens.slice(-Math.min(20_000, tokens.length)), withToken);
  await load(url, 4, Math.min(3, SECONDS), warm.request(me));
  // 1 connection: a request at a time, no queueing (the server's own latency). 10 connections: as
  // fast as the server answers, saturated, so latency includes waiting behind the others.
  // (autocannon's paced mode sends each second's requests in a burst, hence `paced` below.)
  const gets: Run[] = [];
  for (const connections of [1, 10]) {
    const offset = Math.floor((gets.length * tokens.length) / 2);
    const cycle = cycling([...tokens.slice(offset), ...tokens.slice(0, offset)], withToken);
    collectGarbage();
    const run = await load(url, connections, SECONDS, cycle.request(me));
    warnFailures(run);
    const name = connections === 1 ? '1 connection' : `${connections} connections, saturated`;
    console.log(`  ${name}: ${fmt(run.perSecond)} requests/s, ${latencyText(run)} (${fmt(run.ok)} answers of ${fmt(run.bytes / 1024, 1)} KiB)`);
    gets.push(run);
    summary.push([`GET /me/achievements, ${name}`, `p50 ${run.p50.toFixed(2)} ms, p90 ${run.p90.toFixed(2)} ms, **p99 ${run.p99.toFixed(2)} ms**, ${fmt(run.perSecond)} req/s`, 'p99 ≤ 5 ms']);
  }

  // Paced at half the saturated rate: many citizens at once, but not more than the server serves.
  const rate = Math.max(50, Math.round(gets[1]!.perSecond / 2 / 50) * 50);
  const pacedOffset = Math.floor(tokens.length / 4);
  collectGarbage();
  const pacedRun = await paced(url, rate, SECONDS, (n) => ({ authorization: `Bearer ${tokens[(pacedOffset + n) % tokens.length]!}` }), me.path);
  warnFailures(pacedRun);
  console.log(`  paced, ${fmt(rate)} requests/s (half of saturation, open loop): ${latencyText(pacedRun)} (${fmt(pacedRun.ok)} answers)`);
  gets.push(pacedRun);
  summary.push([`GET /me/achievements, paced ${fmt(rate)} req/s (half of saturation)`, `p50 ${pacedRun.p50.toFixed(2)} ms, p90 ${pacedRun.p90.toFixed(2)} ms, **p99 ${pacedRun.p99.toFixed(2)} ms**`, 'p99 ≤ 5 ms']);

  // If-None-Match: the citizen's ETag, answered 304 without a body.
  const heldCount = Math.min(2_000, tokens.length);
  const held: Array<{ token: string; etag: string }> = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < heldCount) {
        const token = tokens[next++]!;
        const response = await fetch(`${url}${me.path}`, { headers: { authorization: `Bearer ${token}` } });
        await response.arrayBuffer();
        held.push({ token, etag: response.headers.get('etag') ?? '' });
      }
    }),
  );
  const revalidate = cycling(held, (request, { token, etag }) => (request.headers = { ...request.headers, authorization: `Bearer ${token}`, 'if-none-match': etag }));
  const notModified = await load(url, 10, SECONDS, revalidate.request(me), 304);
  warnFailures(notModified);
  console.log(`  If-None-Match (304), 10 connections, ${fmt(held.length)} citizens: ${fmt(notModified.perSecond)} requests/s, ${latencyText(notModified)}`);
  summary.push(['GET /me/achievements → 304, 10 connections', `p50 ${notModified.p50.toFixed(2)} ms, p99 ${notModified.p99.toFixed(2)} ms, ${fmt(notModified.perSecond)} req/s`, '—']);

  // ── summary ────────────────────────────────────────────────────────────────────────────────
  const ratios = [100, 1000].map((size) => (100 * ingest[size]!.eventsPerSecond) / ingest[size]!.rawPerSecond);
  const p99s = gets.map((run) => run.p99.toFixed(2));
  console.log(`\nSummary (${cpu.length} cores, ${fmt(CITIZENS)} citizens):`);
  console.log('| figure | result | target |\n| --- | --- | --- |');
  for (const [figure, result, target] of summary) console.log(`| ${figure} | ${result} | ${target} |`);
  console.log(`\nIngest ≥ 20 % of raw: ${ratios.every((r) => r >= 20) ? 'met' : 'NOT met'} (${ratios.map((r) => `${r.toFixed(1)} %`).join(', ')}).`);
  const where = ['1 connection', '10 connections (saturated: queueing)', `${fmt(rate)} req/s paced`];
  console.log(`GET p99 ≤ 5 ms: ${gets.map((run, i) => `${run.p99 <= 5 ? 'met' : 'NOT met'} at ${where[i]} (p99 ${p99s[i]} ms)`).join(', ')}.`);
} finally {
  mark('stop');
  await cleanUp();
  if (PROFILE_DIR) console.log(`\nServer CPU profile written to ${PROFILE_DIR}`);
}
