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
  /**
   * Per caller, the moment its bucket is full again (GCRA: the token bucket as one number), so a
   * request allocates no bucket object for each of a hundred thousand citizens.
   */
  readonly #fullAt = new Map<string, number>();
  #sweptAt = 0;

  constructor(rate: Rate) {
    this.#rate = rate;
  }

  /** Takes one token for `caller` or throws 429 with how long to wait. */
  take(caller: string, now = Date.now()): void {
    if (now - this.#sweptAt >= SWEEP_EVERY_MS) this.sweep(now);
    const fullAt = this.#fullAtWithOneMore(caller, now);
    this.#refuseOver(fullAt, now);
    this.#fullAt.set(caller, fullAt);
  }

  /** Throws 429 as `take` would, taking nothing: for what must wait while the allowance is spent. */
  check(caller: string, now = Date.now()): void {
    this.#refuseOver(this.#fullAtWithOneMore(caller, now), now);
  }

  /** When `caller`'s bucket would be full again after one more request now. */
  #fullAtWithOneMore(caller: string, now: number): number {
    return Math.max(this.#fullAt.get(caller) ?? now, now) + 1000 / this.#rate.perSecond;
  }

  #refuseOver(fullAt: number, now: number): void {
    const overMs = fullAt - now - (this.#rate.burst * 1000) / this.#rate.perSecond;
    if (overMs <= 0) return;
    const retryAfter = Math.max(1, Math.ceil(overMs / 1000));
    throw new ApiError(429, 'rate_limited', `Too many requests: try again in ${retryAfter} s.`, { retryAfter });
  }

  /** Forgets callers whose bucket has refilled, so the map does not grow without bound. */
  sweep(now = Date.now()): void {
    this.#sweptAt = now;
    for (const [caller, fullAt] of this.#fullAt) if (fullAt <= now) this.#fullAt.delete(caller);
  }

  /** How many callers it remembers. */
  get size(): number {
    return this.#fullAt.size;
  }
}
