import { describeAnswer } from '../amazon/answer-errors.js';
import type { AmazonChange } from './types.js';
import { regionOf, type WriteContext } from './write-context.js';

type Entry = Record<string, unknown>;

/**
 * The fulfillment_availability entries of one SKU in one marketplace, as Amazon has them now;
 * an entry tagged with another marketplace is not this marketplace's.
 */
export async function readEntries(
  change: AmazonChange,
  ctx: Pick<WriteContext, 'gateway' | 'sellerId'>,
): Promise<{ entries: Entry[] } | { failure: string }> {
  const result = await ctx.gateway.request(regionOf(change.marketplaceId), {
    operation: 'getListingsItem',
    path: { sellerId: ctx.sellerId, sku: change.sku },
    query: { marketplaceIds: [change.marketplaceId], includedData: ['attributes'] },
  });
  if ('failure' in result) return { failure: `could not read the entry: ${result.failure}` };
  if (result.answer.status !== 200) {
    return { failure: `could not read the entry: ${describeAnswer(result.answer)}` };
  }

  const attributes = (result.answer.body as { attributes?: Record<string, unknown> } | null)
    ?.attributes;
  const entries = attributes?.fulfillment_availability;
  if (entries !== undefined && !isEntryList(entries)) {
    return { failure: 'unexpected Amazon answer at attributes.fulfillment_availability' };
  }
  return { entries: (entries ?? []).filter((entry) => isFor(entry, change.marketplaceId)) };
}

function isEntryList(value: unknown): value is Entry[] {
  return Array.isArray(value) && value.every((e) => typeof e === 'object' && e !== null);
}

function isFor(entry: Entry, marketplaceId: string): boolean {
  return entry.marketplace_id === undefined || entry.marketplace_id === marketplaceId;
}
