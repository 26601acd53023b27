import type { PatchOperation } from './fulfillment-patch.js';
import type { AmazonChange } from './types.js';

/** JSON_LISTINGS_FEED takes at most 25,000 messages, all for one marketplace. */
export const MAX_FEED_MESSAGES = 25_000;
export const FEED_CONTENT_TYPE = 'application/json; charset=UTF-8';

export interface FeedMessageInput {
  change: AmazonChange;
  patch: PatchOperation;
}

/**
 * A listings feed (listings-feed-schema-v2) of PATCH messages. A message's id is its change's
 * id, unique within the journal, so the processing report maps straight back onto changes.
 */
export function buildFeedDocument(sellerId: string, inputs: readonly FeedMessageInput[]) {
  if (inputs.length === 0 || inputs.length > MAX_FEED_MESSAGES) {
    throw new RangeError(`a feed holds 1 to ${MAX_FEED_MESSAGES} messages, not ${inputs.length}`);
  }
  return {
    header: { sellerId, version: '2.0' },
    messages: inputs.map(({ change, patch }) => ({
      messageId: change.id,
      sku: change.sku,
      operationType: 'PATCH',
      productType: change.productType,
      patches: [patch],
    })),
  };
}

/** Splits one marketplace's changes into feeds of at most MAX_FEED_MESSAGES. */
export function splitIntoFeeds<T>(items: readonly T[], size = MAX_FEED_MESSAGES): T[][] {
  const feeds: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    feeds.push(items.slice(start, start + size));
  }
  return feeds;
}
