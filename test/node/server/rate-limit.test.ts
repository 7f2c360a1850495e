/** Token buckets: bursts, a steady rate, Retry-After, and memory that does not grow with callers. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../../../server/errors.ts';
import { RateLimiter } from '../../../server/rate-limit.ts';

describe('rate limiter', () => {
  it('allows a burst, then the rate, and says how long to wait', () => {
    const limiter = new RateLimiter({ perSecond: 2, burst: 3 });
    for (let i = 0; i < 3; i += 1) limiter.take('a', 1_000);
    assert.throws(() => limiter.take('a', 1_000), (error: ApiError) => error.status === 429 && (error.details as { retryAfter: number }).retryAfter === 1);
    limiter.take('a', 1_500); // half a second refills one token
    limiter.take('b', 1_500); // another caller has its own bucket
  });

  it('checks without taking: refuses as take would, and leaves the bucket as it was', () => {
    const limiter = new RateLimiter({ perSecond: 1, burst: 2 });
    for (let i = 0; i < 5; i += 1) limiter.check('a', 1_000);
    limiter.take('a', 1_000);
    limiter.take('a', 1_000);
    assert.throws(() => limiter.check('a', 1_000), (error: ApiError) => error.status === 429 && (error.details as { retryAfter: number }).retryAfter === 1);
    limiter.check('a', 2_000); // a second refills one token, and checking spends none of it
    limiter.take('a', 2_000);
  });

  it('forgets callers whose buckets are full again, on its own, once a minute', () => {
    const limiter = new RateLimiter({ perSecond: 5, burst: 30 });
    for (let i = 0; i < 10_000; i += 1) limiter.take(`citizen-${i}`, 1_000);
    assert.equal(limiter.size, 10_000);
    limiter.take('late', 30_000);
    assert.equal(limiter.size, 10_001, 'not yet a minute since the last sweep');
    limiter.take('later', 62_000);
    assert.equal(limiter.size, 1, 'only the caller of this moment is left');
  });
});
