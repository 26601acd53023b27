import type { Clock } from './clock.js';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * Six attempts over roughly fifteen seconds ride out a throttled burst or a brief
 * outage; more would only stall a run that Amazon is not going to serve.
 */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 250, maxDelayMs: 8_000 };

/** Capped exponential backoff with full jitter: delay is uniform in [0, min(max, base * 2^n)). */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/** A failure marked `final` is not retried: trying again could do harm. */
export type AttemptOutcome<T> =
  { done: true; value: T } | { done: false; reason: string; final?: boolean };

/**
 * Runs `attempt` until it reports done or the attempts run out; the last
 * reason comes back so the caller can say why a row could not be read.
 */
export async function retry<T>(
  attempt: (attemptNumber: number) => Promise<AttemptOutcome<T>>,
  options: { policy: RetryPolicy; clock: Clock; random?: () => number },
): Promise<AttemptOutcome<T>> {
  const random = options.random ?? Math.random;
  let outcome: AttemptOutcome<T> = { done: false, reason: 'not attempted' };

  for (let n = 0; n < options.policy.attempts; n += 1) {
    if (n > 0) await options.clock.sleep(backoffDelay(options.policy, n - 1, random));
    outcome = await attempt(n);
    if (outcome.done || outcome.final) return outcome;
  }
  return outcome;
}
