import type { Clock } from './types.js';

export type OperationName =
  | 'getListingsItem'
  | 'searchListingsItems'
  | 'patchListingsItem'
  | 'createFeedDocument'
  | 'createFeed'
  | 'getFeeds'
  | 'getFeed'
  | 'getFeedDocument';

/** The bucket an operation draws from; patch in VALIDATION_PREVIEW mode has a plan of its own. */
export type BucketName = OperationName | 'patchListingsItemPreview';

interface UsagePlan {
  rate: number;
  burst: number;
}

/**
 * Default usage plans (requests per second / burst) from the operations' descriptions in
 * Amazon's models. The preview plan's rate is Amazon's documented 1/s; its burst is not
 * documented, so it keeps the operation's 5.
 */
const USAGE_PLANS: Record<BucketName, UsagePlan> = {
  getListingsItem: { rate: 5, burst: 10 },
  searchListingsItems: { rate: 5, burst: 5 },
  patchListingsItem: { rate: 5, burst: 5 },
  patchListingsItemPreview: { rate: 1, burst: 5 },
  createFeedDocument: { rate: 0.5, burst: 15 },
  createFeed: { rate: 0.0083, burst: 15 },
  getFeeds: { rate: 0.0222, burst: 10 },
  getFeed: { rate: 2, burst: 15 },
  getFeedDocument: { rate: 0.0222, burst: 10 },
};

class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.updatedAt = now;
  }

  take(now: number): boolean {
    const elapsedSeconds = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.burst, this.tokens + elapsedSeconds * this.rate);
    this.updatedAt = now;

    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * Token buckets per seller + region + operation. `rateScale` multiplies the refill rate only:
 * the burst stays Amazon's, so a test can still empty a bucket in a known number of calls, and
 * the announced x-amzn-RateLimit-Limit is the scaled rate.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly clock: Clock,
    private readonly rateScale: number,
  ) {}

  take(bucket: BucketName, sellerId: string, region: string): boolean {
    const key = `${region}|${sellerId}|${bucket}`;
    let found = this.buckets.get(key);
    if (!found) {
      const plan = USAGE_PLANS[bucket];
      found = new TokenBucket(plan.rate * this.rateScale, plan.burst, this.clock.now());
      this.buckets.set(key, found);
    }
    return found.take(this.clock.now());
  }

  /** The header value: the scaled rate as a decimal string ("5.0", "0.0083"). */
  announcedRate(bucket: BucketName): string {
    const rate = Number((USAGE_PLANS[bucket].rate * this.rateScale).toPrecision(6));
    return Number.isInteger(rate) ? rate.toFixed(1) : String(rate);
  }
}
