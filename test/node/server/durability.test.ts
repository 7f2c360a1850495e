/**
 * "An event acknowledged with 200 is never lost": the real server runs as a child process over a
 * SQLite file while several clients stream batches at it; it is killed with SIGKILL mid-stream
 * (several times), restarted on the same file, and the file is checked: every acknowledged id is
 * there, every batch is all or nothing, and each citizen's stored state agrees with their log.
 *
 * SIGKILL ends the process, not the machine: the OS keeps what was written, so this checks that
 * the server answers only after its commit and that a transaction is atomic, not fsync (power loss).
 * DURABILITY_SEED=<n> repeats a run's data (ids, citizens, types; times are relative to now), not its kill timing.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { SignJWT } from 'jose';
import type { AchievementEvent } from '../../../src/engine/index.ts';
import { compileCatalog, replayEvents, totalPoints } from '../../../src/engine/index.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SERVICE_KEY = 'durability-service-key';
const JWT_SECRET = 'durability-secret-durability-secret-0123';

const CLIENTS = 4;
const CITIZENS = 200;
const ROUNDS = 3; // kill and restart this many times, then check
/** A round ends (SIGKILL) once this many more events are acknowledged: between min and max. */
const KILL_AFTER = { min: 300, max: 900 };
/** ...and a random 0..KILL_JITTER_MS later, so that it lands anywhere in the server's cycle. */
const KILL_JITTER_MS = 25;
const BATCH = { min: 20, max: 50 };
const START_TIMEOUT_MS = 15_000;
const REQUEST_TIMEOUT_MS = 10_000;

/** mulberry32: small and seedable, so a failing data set can be run again. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Child {
  process: ChildProcess;
  url: string;
  stderr: () => string;
}

/** Starts server/main.ts as node's own child (so its pid is the server's) and waits for "listening". */
async function startChild(db: string, children: ChildProcess[]): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ACH_HOST: '127.0.0.1',
      ACH_PORT: '0',
      ACH_DB: db,
      ACH_SERVICE_KEYS: SERVICE_KEY,
      ACH_JWT_SECRET: JWT_SECRET,
      ACH_SERVICE_RATE: '100000/100000',
      ACH_CITIZEN_RATE: '100000/100000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => (stderr += chunk));
  // Keep reading stdout for the child's whole life: a full pipe would block its (synchronous) logging.
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`server did not start: ${why}\n--- stderr ---\n${stderr || '(empty)'}`));
    };
    const timer = setTimeout(() => fail(`no "listening" line within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    child.once('error', (error) => fail(`spawn failed: ${error.message}`));
    child.once('exit', (code, signal) => fail(`exited early (code ${code}, signal ${signal})`));
    lines.on('line', (line) => {
      let parsed: { message?: unknown; url?: unknown };
      try {
        parsed = JSON.parse(line) as typeof parsed;
      } catch {
        return;
      }
      if (parsed.message === 'listening' && typeof parsed.url === 'string') {
        clearTimeout(timer);
        resolve(parsed.url);
      }
    });
  });
  child.removeAllListeners('exit');
  return { process: child, url, stderr: () => stderr };
}

async function waitForExit(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
  return { code: child.exitCode, signal: child.signalCode };
}

interface Batch {
  round: number;
  client: number;
  events: AchievementEvent[];
  /** ms since the test started */
  sentAt: number;
  answeredAt?: number;
  /** Answered 200 (the server's promise: committed). */
  acknowledged: boolean;
  /** Still waiting for an answer when the server was killed. */
  inFlightAtKill: boolean;
  error?: string;
}

describe('durability: SIGKILL during ingestion', () => {
  const dir = mkdtempSync(join(tmpdir(), 'civic-durability-'));
  const dbFile = join(dir, 'achievements.sqlite');
  const children: ChildProcess[] = [];

  after(async () => {
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await waitForExit(child);
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged event, and every batch whole, across kills and restarts', { timeout: 60_000 }, async (t) => {
    const seed = Number(process.env.DURABILITY_SEED ?? Math.floor(Math.random() * 2 ** 31));
    t.diagnostic(`seed ${seed} (DURABILITY_SEED=${seed} repeats the data)`);
    const random = prng(seed);
    const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
    const startedAt = Date.now();
    const elapsed = () => Date.now() - startedAt;

    // Each client owns its citizens and sends one batch at a time, each citizen's events in time
    // order: every event arrives after the ones before it, so the server's incremental state must
    // equal a replay of the stored log. The events are of the last hour: the server's window sweep
    // (at every start) advances citizens to an hour ago, which would judge older months before all
    // their events are in and make the next ones late (kept unlocks and closed windows that a plain
    // replay does not reproduce).
    const citizens = Array.from({ length: CITIZENS }, (_, i) => ({
      id: `citizen-${String(i).padStart(3, '0')}`,
      client: i % CLIENTS,
      clock: startedAt - 55 * 60_000 + between(0, 10 * 60) * 1000,
      verified: false,
    }));
    const documentTypes = ['passport', 'driving-licence', 'birth-certificate', 'tax-number', 'vehicle-registration'];
    const categories = ['documents', 'transport', 'family', 'taxes'];
    let eventCounter = 0;
    const nextEvent = (client: number): AchievementEvent => {
      const own = citizens.filter((c) => c.client === client);
      const citizen = own[between(0, own.length - 1)]!;
      citizen.clock += between(1, 30) * 1000;
      if (citizen.clock >= Date.now()) throw new Error(`test data ran into the future for ${citizen.id}: fewer events or smaller steps`);
      const base = { id: `ev-${seed}-${client}-${++eventCounter}`, userId: citizen.id, occurredAt: new Date(citizen.clock).toISOString() };
      if (!citizen.verified) {
        citizen.verified = true;
        return { ...base, type: 'profile.verified', channel: 'web' };
      }
      const roll = random();
      if (roll < 0.4) {
        return {
          ...base,
          type: 'application.submitted',
          channel: random() < 0.5 ? 'mobile' : 'web',
          attributes: { documentType: documentTypes[between(0, documentTypes.length - 1)]!, category: categories[between(0, categories.length - 1)]! },
        };
      }
      if (roll < 0.7) return { ...base, type: 'app.login', channel: 'mobile' };
      return { ...base, type: 'fine.paid', channel: random() < 0.7 ? 'mobile' : 'web', attributes: { amount: between(500, 5000) } };
    };

    const batches: Batch[] = [];
    const rounds: Array<{ acknowledged: number; inFlight: Batch[]; killedAt: number }> = [];

    for (let round = 1; round <= ROUNDS; round++) {
      const server = await startChild(dbFile, children);
      const killAfter = between(KILL_AFTER.min, KILL_AFTER.max);
      let acknowledgedThisRound = 0;
      let killed = false;
      let killScheduled = false;
      let killedAt = 0;
      const pending = new Set<Batch>();
      const kill = () => {
        if (killed) return;
        killed = true;
        killedAt = elapsed();
        for (const batch of pending) batch.inFlightAtKill = true;
        server.process.kill('SIGKILL');
      };

      const client = async (index: number) => {
        while (!killed) {
          const events = Array.from({ length: between(BATCH.min, BATCH.max) }, () => nextEvent(index));
          const batch: Batch = { round, client: index, events, sentAt: elapsed(), acknowledged: false, inFlightAtKill: false };
          batches.push(batch);
          pending.add(batch);
          let response: Response;
          try {
            response = await fetch(`${server.url}/api/v1/events`, {
              method: 'POST',
              headers: { Authorization: `Bearer ${SERVICE_KEY}`, 'Content-Type': 'application/json' },
              body: JSON.stringify({ events }),
              signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
            });
          } catch (error) {
            pending.delete(batch);
            batch.error = String((error as Error).cause ?? error);
            if (killed) return; // the connection died with the server: not acknowledged
            throw new Error(`round ${round}, client ${index}: request failed before the kill: ${batch.error}\n--- stderr ---\n${server.stderr()}`, { cause: error });
          }
          batch.answeredAt = elapsed();
          pending.delete(batch);
          if (response.status !== 200) {
            const text = await response.text().catch(() => '');
            throw new Error(`round ${round}, client ${index}: HTTP ${response.status} ${text}`);
          }
          // The status line is the promise: count it even if the body is cut off by the kill.
          batch.acknowledged = true;
          acknowledgedThisRound += events.length;
          const answer = (await response.json().catch(() => undefined)) as { accepted?: number; duplicates?: number } | undefined;
          if (answer) assert.deepEqual({ accepted: answer.accepted, duplicates: answer.duplicates }, { accepted: events.length, duplicates: 0 }, `round ${round}: fresh ids`);
          // Then kill a moment later, at no particular point of the server's work.
          if (acknowledgedThisRound >= killAfter && !killScheduled) {
            killScheduled = true;
            setTimeout(kill, between(0, KILL_JITTER_MS));
          }
        }
      };

      // A client that fails before the kill stops the round (the others end with the server); its failure is reported.
      const outcomes = await Promise.allSettled(
        Array.from({ length: CLIENTS }, (_, i) =>
          client(i).catch((error: unknown) => {
            kill();
            throw error;
          }),
        ),
      );
      kill();
      const { code, signal } = await waitForExit(server.process);
      const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
      if (failure) throw failure.reason;
      assert.equal(signal, 'SIGKILL', `round ${round}: the server ended by itself (code ${code}) before the kill\n${server.stderr()}`);
      rounds.push({ acknowledged: acknowledgedThisRound, inFlight: batches.filter((b) => b.round === round && b.inFlightAtKill), killedAt });
    }

    // Restart on the same file: recovery must leave the log readable and the server serving.
    const server = await startChild(dbFile, children);
    const db = new Database(dbFile, { readonly: true });
    try {
      const rows = db.prepare('SELECT id, user_id, body FROM events').all() as Array<{ id: string; user_id: string; body: string }>;
      const stored = new Map(rows.map((row) => [row.id, row]));
      const sent = new Map(batches.flatMap((batch) => batch.events.map((event) => [event.id, { event, batch }] as const)));

      // 1. Nothing acknowledged is lost.
      const killTimes = rounds.map((r) => r.killedAt);
      const explain = (batch: Batch, missing: string[]) =>
        `round ${batch.round} client ${batch.client}: ${missing.length} of ${batch.events.length} missing ` +
        `(sent at ${batch.sentAt} ms, ${batch.acknowledged ? `answered 200 at ${batch.answeredAt} ms` : 'not acknowledged'}, ` +
        `${batch.inFlightAtKill ? 'in flight at' : 'before'} the kill at ${killTimes[batch.round - 1]} ms): ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}`;
      const missingOf = (batch: Batch) => batch.events.filter((event) => !stored.has(event.id)).map((event) => event.id);
      const lost = batches.filter((batch) => batch.acknowledged).map((batch) => ({ batch, missing: missingOf(batch) })).filter(({ missing }) => missing.length > 0);
      if (lost.length) {
        assert.fail(`${lost.reduce((n, l) => n + l.missing.length, 0)} acknowledged events lost after the restart:\n${lost.map(({ batch, missing }) => explain(batch, missing)).join('\n')}`);
      }

      // 2. A batch is all or nothing, and nothing is stored that was not sent (or differs from it).
      const torn = batches.map((batch) => ({ batch, missing: missingOf(batch) })).filter(({ batch, missing }) => missing.length > 0 && missing.length < batch.events.length);
      if (torn.length) assert.fail(`${torn.length} batches stored in part:\n${torn.map(({ batch, missing }) => explain(batch, missing)).join('\n')}`);
      for (const row of rows) {
        const origin = sent.get(row.id);
        assert.ok(origin, `stored event ${row.id} was never sent`);
        assert.deepEqual(JSON.parse(row.body), origin.event, `stored body of ${row.id}`);
      }

      // 3. Each citizen's state row agrees with a replay of their stored log (a state committed
      // without its events, or events without their state, would show here).
      const catalog = compileCatalog(JSON.parse(readFileSync(join(ROOT, 'src/engine/catalog/default.json'), 'utf8')));
      const logOf = new Map<string, AchievementEvent[]>();
      for (const row of rows) {
        const list = logOf.get(row.user_id) ?? [];
        list.push(JSON.parse(row.body) as AchievementEvent);
        logOf.set(row.user_id, list);
      }
      const replayed = new Map([...logOf].map(([userId, events]) => [userId, totalPoints(catalog, replayEvents(catalog, events).state)]));
      const states = db.prepare('SELECT user_id, points FROM user_states').all() as Array<{ user_id: string; points: number }>;
      const statePoints = new Map(states.map((s) => [s.user_id, s.points]));
      const disagree = [...new Set([...statePoints.keys(), ...replayed.keys()])]
        .filter((userId) => statePoints.get(userId) !== replayed.get(userId))
        .map((userId) => ({ userId, stored: statePoints.get(userId), replayed: replayed.get(userId), events: logOf.get(userId)?.length ?? 0 }));
      assert.deepEqual(disagree, [], 'user_states.points against a replay of each citizen\'s stored log');
      const totalReplayed = [...replayed.values()].reduce((sum, p) => sum + p, 0);
      assert.ok(totalReplayed > 0, 'the events earned points (else the comparison proves nothing)');

      // 4. The restarted server tells citizens the same: those touched by in-flight batches, and others.
      const touched = new Set(rounds.flatMap((r) => r.inFlight.flatMap((b) => b.events.map((e) => e.userId))));
      const sample = [...new Set([...touched].slice(0, 12).concat(citizens.filter((_, i) => i % 17 === 0).map((c) => c.id)))];
      for (const userId of sample) {
        const token = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(userId).setExpirationTime('1h').sign(new TextEncoder().encode(JWT_SECRET));
        const response = await fetch(`${server.url}/api/v1/me/achievements`, { headers: { Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
        assert.equal(response.status, 200, `GET /me/achievements for ${userId}`);
        const { points } = (await response.json()) as { points: number };
        assert.equal(points, replayed.get(userId) ?? 0, `points of ${userId} against a replay of their stored events`);
      }

      rounds.forEach((r, i) => {
        const committed = r.inFlight.filter((b) => b.events.every((e) => stored.has(e.id)));
        t.diagnostic(
          `round ${i + 1}: ${r.acknowledged} events acknowledged, killed at ${r.killedAt} ms with ${r.inFlight.length} batches ` +
            `(${r.inFlight.reduce((n, b) => n + b.events.length, 0)} events) in flight, ${committed.length} of them committed anyway`,
        );
      });
      const acknowledged = batches.filter((b) => b.acknowledged).reduce((n, b) => n + b.events.length, 0);
      t.diagnostic(`${batches.length} batches sent, ${acknowledged} events acknowledged, ${rows.length} stored, ${sample.length} citizens checked over HTTP, ${elapsed()} ms`);
      assert.ok(rounds.every((r) => r.inFlight.length > 0), 'each kill landed with requests in flight');
    } finally {
      db.close();
    }
  });
});
