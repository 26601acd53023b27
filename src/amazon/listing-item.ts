import { z } from 'zod';
import type { AmazonFacts } from '../audit/types.js';

const issueSchema = z.looseObject({
  code: z.string(),
  message: z.string(),
  severity: z.string(),
  categories: z.array(z.string()).optional(),
  enforcements: z
    .looseObject({
      actions: z.array(z.looseObject({ action: z.string() })),
      exemption: z.looseObject({ status: z.string(), expiryDate: z.string().optional() }),
    })
    .optional(),
});

const availabilityEntry = z.looseObject({
  fulfillment_channel_code: z.string(),
  quantity: z.int().min(0).optional(),
  lead_time_to_ship_max_days: z.int().min(0).optional(),
  marketplace_id: z.string().optional(),
});

/** The parts of an Item (Listings Items 2021-08-01) the audit reads; the rest passes through. */
export const listingItemSchema = z.looseObject({
  sku: z.string(),
  summaries: z
    .array(
      z.looseObject({
        marketplaceId: z.string(),
        productType: z.string().optional(),
        status: z.array(z.string()).optional(),
      }),
    )
    .optional(),
  attributes: z
    .looseObject({ fulfillment_availability: z.array(availabilityEntry).optional() })
    .optional(),
  issues: z.array(issueSchema).optional(),
});

export type ListingItem = z.infer<typeof listingItemSchema>;

export type ParsedItem = { item: ListingItem } | { error: string };

/** Validates one item; an error names the dotted path Amazon got wrong. */
export function parseListingItem(value: unknown): ParsedItem {
  const result = listingItemSchema.safeParse(value);
  if (result.success) return { item: result.data };

  const issue = result.error.issues[0];
  const path = issue?.path.join('.') || '(item)';
  return { error: `unexpected Amazon answer at ${path}: ${issue?.message ?? 'invalid'}` };
}

/**
 * Facts for one marketplace. The DEFAULT (merchant-fulfilled) entry carries
 * quantity and lead time; a GET may add marketplace_id to it, which is
 * tolerated: an entry for another marketplace is skipped, one without is used.
 */
export function toAmazonFacts(item: ListingItem, marketplaceId: string): AmazonFacts {
  const summary = item.summaries?.find((entry) => entry.marketplaceId === marketplaceId);
  const entry = item.attributes?.fulfillment_availability?.find(
    (candidate) =>
      candidate.fulfillment_channel_code === 'DEFAULT' &&
      (candidate.marketplace_id === undefined || candidate.marketplace_id === marketplaceId),
  );
  return {
    found: true,
    quantity: entry?.quantity ?? null,
    leadTimeDays: entry?.lead_time_to_ship_max_days ?? null,
    status: summary?.status ?? [],
    issues: (item.issues ?? []).map((issue) => ({ ...issue })),
    productType: summary?.productType ?? null,
    readError: null,
  };
}

export function notListed(): AmazonFacts {
  return {
    found: false,
    quantity: null,
    leadTimeDays: null,
    status: [],
    issues: [],
    readError: null,
  };
}

export function readFailed(reason: string): AmazonFacts {
  return { ...notListed(), readError: reason };
}
