import type { Clock } from './clock.js';

/**
 * Amazon's bucket and ours run on different clocks, and a request sent on the
 * dot may arrive a hair early. Pacing 3% under the announced rate keeps us on
 * the safe side of the bucket while keeping well above 0.9 of the ceiling.
 */
export const RATE_MARGIN = 0.97;

const MAX_NAP_MS = 50;

export interface RateLimiterOptions {
  /** Requests per second. */
  rate: number;
  /** Requests that may go at once after a quiet spell. */
  burst: number;
  clock: Clock;
}

/**
 * A token bucket that mirrors Amazon's own for one operation and region.
 * It refills continuously, so a steady caller gets the full rate; it follows
 * the rate each answer announces, and a 429 empties it, because then Amazon's
 * bucket is empty too.
 */
export class RateLimiter {
  private tokens: number;
  private rate: number;
  private readonly burst: number;
  private updatedAt: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: RateLimiterOptions) {
    this.rate = options.rate * RATE_MARGIN;
    this.burst = Math.max(1, options.burst);
    this.tokens = this.burst;
    this.updatedAt = options.clock.now();
  }

  /** The rate Amazon announced (or published), before the safety margin. */
  get currentRate(): number {
    return this.rate / RATE_MARGIN;
  }

  /** Waits for a token; callers are served in the order they asked. */
  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.takeToken());
    this.queue = turn;
    return turn;
  }

  /** Amazon's x-amzn-RateLimit-Limit for this operation. */
  updateRate(rate: number | null): void {
    if (rate === null || !(rate > 0) || rate * RATE_MARGIN === this.rate) return;
    this.refill();
    this.rate = rate * RATE_MARGIN;
  }

  onThrottled(): void {
    this.refill();
    this.tokens = Math.min(this.tokens, 0);
  }

  private async takeToken(): Promise<void> {
    this.refill();
    // A sleep computed to the exact refill can land a rounding error short of 1.
    while (this.tokens < 1 - 1e-9) {
      // At least a hundredth of a millisecond, so that even an epoch-sized clock moves.
      const wait = Math.max(((1 - this.tokens) / this.rate) * 1000, 0.01);
      // Short naps, so that a higher rate announced meanwhile takes effect at once.
      await this.options.clock.sleep(Math.min(wait, MAX_NAP_MS));
      this.refill();
    }
    this.tokens -= 1;
  }

  private refill(): void {
    const now = this.options.clock.now();
    const elapsed = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.rate);
    this.updatedAt = now;
  }
}
