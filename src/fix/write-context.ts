import type { Clock } from '../amazon/clock.js';
import type { SpApiGateway } from '../amazon/sp-api-gateway.js';
import { findMarketplace, type Region } from '../config/marketplaces.js';
import { ConfigError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { OdooClient } from '../odoo/client.js';
import type { JournalWriter } from './journal-writer.js';
import type { ChangeResult } from './types.js';

/**
 * How long to wait for Amazon to process a feed, polling getFeed with pauses that start short
 * (a small feed can be done in seconds) and grow to half a minute (a large one takes minutes).
 */
export interface FeedPollPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  /** Past this, the feed's changes stay open in the journal for --resume. */
  timeoutMs: number;
}

export const DEFAULT_FEED_POLL: FeedPollPolicy = {
  firstDelayMs: 500,
  maxDelayMs: 30_000,
  timeoutMs: 30 * 60_000,
};

/** Everything a write needs; one per run. */
export interface WriteContext {
  gateway: SpApiGateway;
  sellerId: string;
  journal: JournalWriter;
  clock: Clock;
  now: () => Date;
  logger: Logger;
  feedPoll: FeedPollPolicy;
  /** Patches in flight at once; the rate limiter, not this, sets the pace. */
  concurrency: number;
  /** Opened on first use: a run without Odoo writes never logs in. */
  odoo: () => OdooClient;
}

export function regionOf(marketplaceId: string): Region {
  const marketplace = findMarketplace(marketplaceId);
  if (marketplace?.id === marketplaceId) return marketplace.region;
  throw new ConfigError(`unknown marketplace ID "${marketplaceId}" in the journal.`);
}

export function timestamp(now: () => Date): string {
  return now().toISOString();
}

/** Journals a change's result, then hands it back. */
export async function settle(ctx: WriteContext, result: ChangeResult): Promise<ChangeResult> {
  await ctx.journal.write([resultRecord(result, ctx.now)]);
  return result;
}

export async function settleAll(ctx: WriteContext, results: ChangeResult[]) {
  if (results.length > 0) await ctx.journal.write(results.map((r) => resultRecord(r, ctx.now)));
  return results;
}

function resultRecord(result: ChangeResult, now: () => Date) {
  const defined = Object.fromEntries(Object.entries(result).filter(([, v]) => v !== undefined));
  return { type: 'result' as const, ...(defined as ChangeResult), at: timestamp(now) };
}
