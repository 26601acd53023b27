import type { AmazonFacts } from '../audit/types.js';
import type { Marketplace } from '../config/marketplaces.js';
import { describeAnswer } from './answer-errors.js';
import { notListed, parseListingItem, readFailed, toAmazonFacts } from './listing-item.js';
import { runPool } from './run-pool.js';
import type { GatewayResult, SpApiGateway } from './sp-api-gateway.js';

export type AmazonSource = 'search' | 'get';

export interface AmazonTarget {
  sku: string;
  marketplace: Marketplace;
}

export interface ReadAmazonOptions {
  gateway: SpApiGateway;
  sellerId: string;
  targets: readonly AmazonTarget[];
  source: AmazonSource;
  /** Requests in flight; the limiters, not this, set the pace. */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Requests in flight or waiting to retry. The limiters set the pace; this only
 * needs to be large enough that tasks sleeping in backoff do not starve it.
 */
const DEFAULT_CONCURRENCY = 48;
/** searchListingsItems takes at most 20 identifiers a call. */
export const SEARCH_BATCH = 20;
const INCLUDED_DATA = ['summaries', 'attributes', 'issues'];
/** After this many requests in a row fail for good, Amazon is down: stop asking. */
const GIVE_UP_AFTER = 8;

export function amazonKey(sku: string, marketplaceId: string): string {
  return `${marketplaceId}\u0000${sku}`;
}

interface Batch {
  marketplace: Marketplace;
  skus: string[];
  via: AmazonSource;
}

/** Reads every (SKU, marketplace) once; a row that cannot be read is marked, never dropped. */
export async function readAmazon(options: ReadAmazonOptions): Promise<Map<string, AmazonFacts>> {
  const facts = new Map<string, AmazonFacts>();
  const batches = planBatches(options.targets, options.source);
  const total = batches.reduce((sum, batch) => sum + batch.skus.length, 0);
  const breaker = { failuresInARow: 0, lastReason: '' };
  let done = 0;

  const tasks = batches.map((batch) => async () => {
    const read = await readBatch(options, batch, breaker);
    for (const [sku, value] of read) facts.set(amazonKey(sku, batch.marketplace.id), value);
    done += batch.skus.length;
    options.onProgress?.(done, total);
  });
  await runPool(tasks, options.concurrency ?? DEFAULT_CONCURRENCY);
  return facts;
}

/**
 * A comma inside a SKU would split it into two identifiers in a search, so
 * such SKUs are read one by one with getListingsItem.
 */
function planBatches(targets: readonly AmazonTarget[], source: AmazonSource): Batch[] {
  const byMarketplace = new Map<string, { marketplace: Marketplace; skus: Set<string> }>();
  for (const { sku, marketplace } of targets) {
    const group = byMarketplace.get(marketplace.id) ?? { marketplace, skus: new Set<string>() };
    group.skus.add(sku);
    byMarketplace.set(marketplace.id, group);
  }

  const batches: Batch[] = [];
  for (const { marketplace, skus } of byMarketplace.values()) {
    const searchable = source === 'search' ? [...skus].filter((sku) => !sku.includes(',')) : [];
    const searched = new Set(searchable);
    const single = [...skus].filter((sku) => !searched.has(sku));
    for (let i = 0; i < searchable.length; i += SEARCH_BATCH) {
      batches.push({ marketplace, skus: searchable.slice(i, i + SEARCH_BATCH), via: 'search' });
    }
    for (const sku of single) batches.push({ marketplace, skus: [sku], via: 'get' });
  }
  return batches;
}

type Breaker = { failuresInARow: number; lastReason: string };

async function readBatch(
  options: ReadAmazonOptions,
  batch: Batch,
  breaker: Breaker,
): Promise<Map<string, AmazonFacts>> {
  if (breaker.failuresInARow >= GIVE_UP_AFTER) {
    const reason = `not read: Amazon failed ${breaker.failuresInARow} requests in a row (${breaker.lastReason})`;
    return fillAll(batch.skus, readFailed(reason));
  }

  const result = batch.via === 'search' ? await search(options, batch) : await get(options, batch);
  if ('failure' in result) {
    breaker.failuresInARow += 1;
    breaker.lastReason = result.failure;
    return fillAll(batch.skus, readFailed(result.failure));
  }
  breaker.failuresInARow = 0;
  return result.facts;
}

type BatchResult = { facts: Map<string, AmazonFacts> } | { failure: string };

async function search(options: ReadAmazonOptions, batch: Batch): Promise<BatchResult> {
  const result = await options.gateway.request(batch.marketplace.region, {
    operation: 'searchListingsItems',
    path: { sellerId: options.sellerId },
    query: {
      marketplaceIds: [batch.marketplace.id],
      identifiers: batch.skus,
      identifiersType: 'SKU',
      pageSize: SEARCH_BATCH,
      includedData: INCLUDED_DATA,
    },
  });
  const answer = unwrap(result, 200);
  if ('failure' in answer) return answer;

  const items = (answer.body as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) return { failure: 'unexpected Amazon answer: no items array' };
  return { facts: factsFromItems(items, batch) };
}

function factsFromItems(items: unknown[], batch: Batch): Map<string, AmazonFacts> {
  const facts = fillAll(batch.skus, notListed());
  for (const value of items) {
    const parsed = parseListingItem(value);
    const sku = (value as { sku?: unknown } | null)?.sku;
    if (typeof sku !== 'string' || !facts.has(sku)) continue;
    facts.set(
      sku,
      'item' in parsed
        ? toAmazonFacts(parsed.item, batch.marketplace.id)
        : readFailed(parsed.error),
    );
  }
  return facts;
}

async function get(options: ReadAmazonOptions, batch: Batch): Promise<BatchResult> {
  const sku = batch.skus[0] as string;
  const result = await options.gateway.request(batch.marketplace.region, {
    operation: 'getListingsItem',
    path: { sellerId: options.sellerId, sku },
    query: { marketplaceIds: [batch.marketplace.id], includedData: INCLUDED_DATA },
  });
  if ('answer' in result && result.answer.status === 404) {
    return { facts: fillAll(batch.skus, notListed()) };
  }
  const answer = unwrap(result, 200);
  if ('failure' in answer) return answer;

  const parsed = parseListingItem(answer.body);
  const facts =
    'item' in parsed ? toAmazonFacts(parsed.item, batch.marketplace.id) : readFailed(parsed.error);
  return { facts: new Map([[sku, facts]]) };
}

function unwrap(result: GatewayResult, expected: number) {
  if ('failure' in result) return { failure: result.failure };
  const { answer } = result;
  if (answer.status !== expected || answer.body === undefined) {
    return { failure: describeAnswer(answer) };
  }
  return answer;
}

function fillAll(skus: string[], value: AmazonFacts): Map<string, AmazonFacts> {
  return new Map(skus.map((sku) => [sku, { ...value }]));
}
