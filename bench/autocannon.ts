/** autocannon (CommonJS, untyped): the part of its API the benchmarks use, and one closed-loop run. */
import { createRequire } from 'node:module';

export interface LoadRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  setupRequest?: (request: LoadRequest, context: object) => LoadRequest;
}
interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  statusCodeStats: Record<string, { count: number }>;
}
interface AutocannonInstance extends PromiseLike<AutocannonResult> {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): this;
}
type Autocannon = (options: { url: string; connections: number; duration: number; timeout?: number; requests: LoadRequest[] }) => AutocannonInstance;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export interface ClosedLoopResult {
  seconds: number;
  /** Latency of each answer with `okStatus`, ms. */
  latencies: number[];
  /** Errors, timeouts and answers with another status. */
  failed: number;
  statuses: Record<string, number>;
  /** Bytes of the answers with `okStatus`. */
  bytes: number;
}

/** `connections` connections, each sending its next request on an answer, for `seconds`. */
export async function closedLoop(url: string, connections: number, seconds: number, request: LoadRequest, okStatus: number): Promise<ClosedLoopResult> {
  const latencies: number[] = [];
  let bytes = 0;
  // autocannon's own histogram rounds to whole milliseconds: every answer is kept instead.
  const instance = autocannon({ url, connections, duration: seconds, timeout: 30, requests: [request] }).on('response', (_client, status, size, ms) => {
    if (status !== okStatus) return;
    latencies.push(ms);
    bytes += size;
  });
  const result = await instance;
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count]));
  const others = Object.entries(statuses).reduce((sum, [code, count]) => sum + (Number(code) === okStatus ? 0 : count), 0);
  return { seconds: result.duration, latencies, failed: result.errors + result.timeouts + others, statuses, bytes };
}
