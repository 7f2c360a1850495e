/** Waiting between attempts: exponential, capped, and jittered so that many pages do not retry in step. */

export interface Backoff {
  /** The first delay, in ms. */
  base: number;
  /** No delay is longer, in ms. */
  cap: number;
}

/** Half of the exponential delay fixed, half random ("equal jitter"): never zero, never in step. */
export function backoffDelay(attempt: number, { base, cap }: Backoff, random: () => number = Math.random): number {
  const ceiling = Math.min(cap, base * 2 ** attempt);
  return ceiling / 2 + random() * (ceiling / 2);
}

/** Resolves after `ms`, or rejects with the signal's reason once it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop);
      resolve();
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', stop, { once: true });
  });
}
