/** Token buckets per caller (service key or citizen): bursts allowed, a steady rate enforced. */
import { ApiError } from './errors.ts';

export interface Rate {
  /** Requests per second, sustained. */
  perSecond: number;
  /** Requests allowed at once. */
  burst: number;
}

/** How often full buckets are forgotten, so a million citizens do not stay in memory. */
const SWEEP_EVERY_MS = 60_000;

export class RateLimiter {
  readonly #rate: Rate;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  #sweptAt = 0;

  constructor(rate: Rate) {
    this.#rate = rate;
  }

  /** Takes one token for `caller` or throws 429 with how long to wait. */
  take(caller: string, now = Date.now()): void {
    const { perSecond, burst } = this.#rate;
    if (now - this.#sweptAt >= SWEEP_EVERY_MS) this.sweep(now);
    const bucket = this.#buckets.get(caller) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    this.#buckets.set(caller, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return;
    }
    const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
    throw new ApiError(429, 'rate_limited', `Too many requests: try again in ${retryAfter} s.`, { retryAfter });
  }

  /** Forgets callers whose bucket has refilled, so the map does not grow without bound. */
  sweep(now = Date.now()): void {
    this.#sweptAt = now;
    const full = this.#rate.burst / this.#rate.perSecond;
    for (const [caller, bucket] of this.#buckets) if ((now - bucket.at) / 1000 >= full) this.#buckets.delete(caller);
  }

  /** How many callers it remembers. */
  get size(): number {
    return this.#buckets.size;
  }
}
