import { runPool } from '../amazon/run-pool.js';
import { splitIntoFeeds } from './feed-document.js';
import { sendFeed, type FeedOutcome } from './send-feed.js';
import { sendPatch } from './send-patch.js';
import type { AmazonChange, Via, ViaOption } from './types.js';
import type { WriteContext } from './write-context.js';

/** --via auto sends feeds for a marketplace with more changes than this. */
export const AUTO_FEED_ABOVE = 200;

export function chooseVia(via: ViaOption, changesInMarketplace: number): Via {
  if (via !== 'auto') return via;
  return changesInMarketplace > AUTO_FEED_ABOVE ? 'feed' : 'patch';
}

/** The way each change will travel, decided per marketplace. */
export function assignVia(changes: readonly AmazonChange[], via: ViaOption): Map<number, Via> {
  const assigned = new Map<number, Via>();
  for (const group of groupByMarketplace(changes).values()) {
    const chosen = chooseVia(via, group.length);
    for (const change of group) assigned.set(change.id, chosen);
  }
  return assigned;
}

/** Sends every change: patches through a pool (the gateway's limiter paces them) and feeds. */
export async function applyAmazonChanges(
  changes: readonly AmazonChange[],
  via: ViaOption,
  ctx: WriteContext,
): Promise<FeedOutcome> {
  const patches: AmazonChange[] = [];
  const feeds: AmazonChange[][] = [];
  for (const group of groupByMarketplace(changes).values()) {
    if (chooseVia(via, group.length) === 'patch') patches.push(...group);
    else feeds.push(...splitIntoFeeds(group));
  }

  const [patched, fed] = await Promise.all([
    runPool(
      patches.map((change) => () => sendPatch(change, ctx)),
      ctx.concurrency,
    ),
    runFeeds(feeds, ctx),
  ]);
  return { ...fed, results: [...patched, ...fed.results] };
}

/** Feeds go side by side: each waits for Amazon far longer than it takes to send. */
async function runFeeds(feeds: AmazonChange[][], ctx: WriteContext): Promise<FeedOutcome> {
  const outcomes = await Promise.all(
    feeds.map((changes) => sendFeed(changes[0]?.marketplaceId ?? '', changes, ctx)),
  );
  return mergeFeedOutcomes(outcomes);
}

export function mergeFeedOutcomes(outcomes: readonly FeedOutcome[]): FeedOutcome {
  return {
    results: outcomes.flatMap((outcome) => outcome.results),
    pending: outcomes.flatMap((outcome) => outcome.pending),
    missing: outcomes.flatMap((outcome) => outcome.missing),
  };
}

function groupByMarketplace(changes: readonly AmazonChange[]): Map<string, AmazonChange[]> {
  const groups = new Map<string, AmazonChange[]>();
  for (const change of changes) {
    const group = groups.get(change.marketplaceId);
    if (group) group.push(change);
    else groups.set(change.marketplaceId, [change]);
  }
  return groups;
}
