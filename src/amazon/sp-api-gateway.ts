import type { Region } from '../config/marketplaces.js';
import { describeAnswer, isRetryableStatus } from './answer-errors.js';
import { systemClock, type Clock } from './clock.js';
import { RateLimiter } from './rate-limiter.js';
import { DEFAULT_RETRY, retry, type AttemptOutcome, type RetryPolicy } from './retry.js';
import {
  SpApiNetworkError,
  type SpApiAnswer,
  type SpApiCall,
  type SpApiClient,
  type SpApiOperation,
} from './sp-api-client.js';

/**
 * Amazon's published usage plans (requests per second, burst), from the API
 * models. Limiters start here and then follow x-amzn-RateLimit-Limit.
 */
export const PUBLISHED_RATES: Record<SpApiOperation, { rate: number; burst: number }> = {
  getListingsItem: { rate: 5, burst: 10 },
  searchListingsItems: { rate: 5, burst: 5 },
  patchListingsItem: { rate: 5, burst: 5 },
  createFeedDocument: { rate: 0.5, burst: 15 },
  createFeed: { rate: 0.0083, burst: 15 },
  getFeeds: { rate: 0.0222, burst: 10 },
  getFeed: { rate: 2, burst: 15 },
  getFeedDocument: { rate: 0.0222, burst: 10 },
};

export type GatewayResult = { answer: SpApiAnswer } | { failure: string };

export interface RequestOptions {
  /**
   * Retry when the connection dropped or timed out after the request went out
   * (default true). Off for calls that must not happen twice, such as createFeed.
   */
  retryLostAnswers?: boolean;
}

/** These network errors mean the request never reached Amazon, so a retry is always safe. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

export interface GatewayStats {
  calls: Partial<Record<SpApiOperation, number>>;
  throttled: number;
  retried: number;
}

export interface GatewayOptions {
  clients: Map<Region, SpApiClient>;
  clock?: Clock;
  retryPolicy?: RetryPolicy;
  random?: () => number;
}

/** Every SP-API request goes through here: one limiter per operation and region, and retries. */
export class SpApiGateway {
  readonly stats: GatewayStats = { calls: {}, throttled: 0, retried: 0 };
  private readonly limiters = new Map<string, RateLimiter>();
  private readonly clock: Clock;

  constructor(private readonly options: GatewayOptions) {
    this.clock = options.clock ?? systemClock;
  }

  client(region: Region): SpApiClient {
    const client = this.options.clients.get(region);
    if (!client) throw new Error(`no SP-API client configured for region ${region}`);
    return client;
  }

  /**
   * Sends one call, retrying 429, 5xx and lost connections. Any other answer
   * (200, 400, 403, 404) comes back for the caller to read.
   */
  async request(
    region: Region,
    call: SpApiCall,
    options: RequestOptions = {},
  ): Promise<GatewayResult> {
    const retryLost = options.retryLostAnswers ?? true;
    const client = this.client(region);
    const limiter = this.limiter(region, call.operation);
    const outcome = await retry<SpApiAnswer>(
      async (attempt) => {
        if (attempt > 0) this.stats.retried += 1;
        await limiter.acquire();
        return this.attempt(client, limiter, call, retryLost);
      },
      {
        policy: this.options.retryPolicy ?? DEFAULT_RETRY,
        clock: this.clock,
        random: this.options.random,
      },
    );
    return outcome.done ? { answer: outcome.value } : { failure: outcome.reason };
  }

  private async attempt(
    client: SpApiClient,
    limiter: RateLimiter,
    call: SpApiCall,
    retryLost: boolean,
  ): Promise<AttemptOutcome<SpApiAnswer>> {
    this.stats.calls[call.operation] = (this.stats.calls[call.operation] ?? 0) + 1;
    let answer: SpApiAnswer;
    try {
      answer = await client.send(call);
    } catch (error) {
      if (error instanceof SpApiNetworkError) {
        const lost = !NEVER_SENT.has(error.code);
        return { done: false, reason: error.message, final: lost && !retryLost };
      }
      throw error;
    }

    limiter.updateRate(answer.rateLimit);
    if (answer.status === 429) {
      this.stats.throttled += 1;
      limiter.onThrottled();
    }
    if (isRetryableStatus(answer.status))
      return { done: false as const, reason: describeAnswer(answer) };
    return { done: true as const, value: answer };
  }

  private limiter(region: Region, operation: SpApiOperation): RateLimiter {
    const key = `${region}:${operation}`;
    let limiter = this.limiters.get(key);
    if (!limiter) {
      limiter = new RateLimiter({ ...PUBLISHED_RATES[operation], clock: this.clock });
      this.limiters.set(key, limiter);
    }
    return limiter;
  }
}
