/**
 * bench:server's load generator for GET /api/v1/me/achievements, run by bench/server.bench.ts as a
 * process of its own, so that its event loop and its garbage collector are neither the server's
 * nor the benchmark's. A different citizen's token on each request, and either
 * - a closed loop: autocannon with N connections, each sending its next request on an answer; or
 * - an open loop: requests sent on a fixed schedule whether or not earlier ones were answered, as
 *   independent citizens arrive (autocannon's own rate limit sends each second's requests in a
 *   burst, so it is not used for this).
 * It takes jobs and answers results over the IPC channel; it exits when the channel closes.
 */
import { Agent, request as httpRequest } from 'node:http';
import { closedLoop } from './autocannon.ts';

export interface GetLoadJob {
  url: string;
  path: string;
  /** Each request takes the next of these (wrapping around), from `from` on. */
  tokens: string[];
  from: number;
  /** ETags held for the tokens, sent as If-None-Match (closed loop only). */
  etags?: string[];
  okStatus: number;
  seconds: number;
  /** Closed loop: this many connections. Open loop: this many requests a second. */
  loop: { connections: number } | { rate: number };
}

export interface GetLoadResult {
  seconds: number;
  /** Latency of each answer with `okStatus`, ms. */
  latencies: number[];
  failed: number;
  statuses: Record<string, number>;
  bytes: number;
  /** Open loop: how late requests left against their schedule (the generator's own delay), ms. */
  sendLag?: { p99: number; max: number };
}

const headersFor = (job: GetLoadJob, n: number): Record<string, string> => {
  const i = (job.from + n) % job.tokens.length;
  return { authorization: `Bearer ${job.tokens[i]!}`, ...(job.etags ? { 'if-none-match': job.etags[i]! } : {}) };
};

async function openLoop(job: GetLoadJob, rate: number): Promise<GetLoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const { hostname, port } = new URL(job.url);
  const latencies: number[] = [];
  const lags: number[] = [];
  const statuses: Record<string, number> = {};
  let failed = 0;
  let bytes = 0;
  const pending = new Set<Promise<void>>();
  const one = (n: number) =>
    new Promise<void>((done) => {
      const started = performance.now();
      const req = httpRequest({ agent, hostname, port, path: job.path, headers: headersFor(job, n) }, (res) => {
        let size = 0;
        res.on('data', (chunk: Buffer) => (size += chunk.length));
        res.on('end', () => {
          statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
          if (res.statusCode === job.okStatus) {
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
  const total = Math.round(rate * job.seconds);
  const begin = performance.now();
  for (let n = 0; n < total; ) {
    // Send what is due, then yield to I/O for a millisecond (timers are no finer than that).
    for (const now = performance.now(); n < total && begin + (n * 1000) / rate <= now; n++) {
      lags.push(now - (begin + (n * 1000) / rate));
      const p = one(n).then(() => void pending.delete(p));
      pending.add(p);
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(pending);
  const seconds = (performance.now() - begin) / 1000;
  agent.destroy();
  lags.sort((a, b) => a - b);
  return { seconds, latencies, failed, statuses, bytes, sendLag: { p99: lags[Math.ceil(0.99 * lags.length) - 1] ?? 0, max: lags.at(-1) ?? 0 } };
}

if (process.send) {
  const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => {});
  process.on('message', (job: GetLoadJob) => {
    // The previous run's garbage must not stall this run's clock.
    collectGarbage();
    const closed = (connections: number): Promise<GetLoadResult> => {
      let n = 0;
      return closedLoop(job.url, connections, job.seconds, { method: 'GET', path: job.path, setupRequest: (req) => ({ ...req, headers: headersFor(job, n++) }) }, job.okStatus);
    };
    void ('rate' in job.loop ? openLoop(job, job.loop.rate) : closed(job.loop.connections)).then((result) => process.send!(result));
  });
  process.on('disconnect', () => process.exit(0));
}
