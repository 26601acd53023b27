import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import {
  buildFeedDocument,
  MAX_FEED_MESSAGES,
  splitIntoFeeds,
} from '../../src/fix/feed-document.js';
import { mapFeedReport } from '../../src/fix/feed-report.js';
import { buildPatch } from '../../src/fix/fulfillment-patch.js';
import type { AmazonChange, ListingValues } from '../../src/fix/types.js';

const MODELS = '/work/shared/amazon';
const ajv = new Ajv({ strict: false, allErrors: true });
const validateFeed = ajv.compile(
  JSON.parse(readFileSync(`${MODELS}/listings-feed-schema-v2.json`, 'utf8')) as object,
);

function change(id: number, after: ListingValues): AmazonChange {
  return {
    id,
    target: 'amazon',
    sku: `SKU-${id}`,
    marketplaceId: 'ATVPDKIKX0DER',
    productType: 'WALLET',
    before: { quantity: 0, leadTimeDays: 2 },
    after,
  };
}

describe('buildFeedDocument', () => {
  it("builds a document that Amazon's listings-feed-schema-v2 accepts", () => {
    const merge = change(7, { quantity: 999, leadTimeDays: 14 });
    const replace = change(8, { quantity: 4, leadTimeDays: null });
    const current = [
      {
        fulfillment_channel_code: 'DEFAULT',
        quantity: 999,
        lead_time_to_ship_max_days: 14,
        restock_date: '2026-01-01',
        marketplace_id: 'ATVPDKIKX0DER',
      },
    ];
    const document = buildFeedDocument('A1SELLER', [
      { change: merge, patch: buildPatch(merge.after) },
      { change: replace, patch: buildPatch(replace.after, current) },
    ]);

    expect(validateFeed(document), ajv.errorsText(validateFeed.errors)).toBe(true);
    expect(document.messages.map((m) => m.messageId)).toEqual([7, 8]);
    expect(document.messages[0]?.patches).toEqual([
      {
        op: 'merge',
        path: '/attributes/fulfillment_availability',
        value: [
          { fulfillment_channel_code: 'DEFAULT', quantity: 999, lead_time_to_ship_max_days: 14 },
        ],
      },
    ]);
    expect(document.messages[1]?.patches).toEqual([
      {
        op: 'replace',
        path: '/attributes/fulfillment_availability',
        value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 4, restock_date: '2026-01-01' }],
      },
    ]);
  });

  it('holds at most 25,000 messages, and the schema agrees on that limit', () => {
    const many = Array.from({ length: MAX_FEED_MESSAGES + 1 }, (_, i) => {
      const c = change(i + 1, { quantity: 1, leadTimeDays: 1 });
      return { change: c, patch: buildPatch(c.after) };
    });
    expect(validateFeed(buildFeedDocument('A1SELLER', many.slice(0, MAX_FEED_MESSAGES)))).toBe(
      true,
    );
    expect(() => buildFeedDocument('A1SELLER', many)).toThrow(RangeError);

    const oversized = {
      ...buildFeedDocument('A1SELLER', many.slice(0, 1)),
      messages: many.map(() => ({})),
    };
    expect(validateFeed(oversized)).toBe(false);
  });

  it('splits a marketplace into feeds of at most 25,000', () => {
    const sizes = splitIntoFeeds(Array.from({ length: 60_001 }, (_, i) => i)).map((f) => f.length);
    expect(sizes).toEqual([25_000, 25_000, 10_001]);
  });
});

describe('mapFeedReport', () => {
  it("maps Amazon's example report onto messages: ERROR is invalid, the rest applied", () => {
    const example = readFileSync(
      `${MODELS}/listings-feed-processing-report-schema-v2.example.json`,
      'utf8',
    );
    const results = mapFeedReport(example, [3, 4, 5], '1234567890');

    expect(results.map((r) => [r.id, r.status])).toEqual([
      [3, 'applied'],
      [4, 'invalid'],
      [5, 'invalid'],
    ]);
    expect(results[1]?.issues).toHaveLength(2);
    expect(results[2]?.issues?.[0]).toMatchObject({
      code: '99022',
      attributeNames: ['purchasable_offer.our_price'],
    });
  });

  it('fails every message when the report is unreadable', () => {
    const results = mapFeedReport('<html>', [1, 2], '9');
    expect(results).toEqual([
      { id: 1, status: 'failed', feedId: '9', reason: 'the processing report is not JSON' },
      { id: 2, status: 'failed', feedId: '9', reason: 'the processing report is not JSON' },
    ]);
  });
});
