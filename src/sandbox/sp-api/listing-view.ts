import type { CatalogIssue } from './catalog-schema.js';
import type { ListingState, MarketplaceState } from './listing-store.js';
import { languageTagOf } from './marketplaces.js';

export const GET_INCLUDED_DATA = [
  'summaries',
  'attributes',
  'issues',
  'offers',
  'fulfillmentAvailability',
  'procurement',
  'relationships',
  'productTypes',
] as const;

type Present = [string, MarketplaceState][];

/** Builds the model's `Item` for the marketplaces (that carry the SKU) and included data asked. */
export function buildItem(
  listing: ListingState,
  marketplaceIds: string[],
  includedData: ReadonlySet<string>,
): Record<string, unknown> {
  const present: Present = marketplaceIds.flatMap((id) => {
    const m = listing.marketplaces.get(id);
    return m ? [[id, m] as [string, MarketplaceState]] : [];
  });

  const item: Record<string, unknown> = { sku: listing.sku };
  if (includedData.has('summaries'))
    item.summaries = present.map(([id, m]) => summary(listing, id, m));
  if (includedData.has('attributes')) item.attributes = attributes(listing, present);
  if (includedData.has('issues')) item.issues = issues(present);
  if (includedData.has('offers')) item.offers = [];
  if (includedData.has('fulfillmentAvailability'))
    item.fulfillmentAvailability = availability(listing);
  if (includedData.has('procurement')) item.procurement = [];
  if (includedData.has('relationships')) {
    item.relationships = present.map(([id]) => ({ marketplaceId: id, relationships: [] }));
  }
  if (includedData.has('productTypes')) {
    item.productTypes = present.map(([id]) => ({
      marketplaceId: id,
      productType: listing.productType,
    }));
  }
  return item;
}

function summary(listing: ListingState, marketplaceId: string, m: MarketplaceState) {
  const asin = m.asin ?? listing.asin;
  const itemName = m.itemName ?? listing.itemName;
  return {
    marketplaceId,
    ...(asin ? { asin } : {}),
    productType: listing.productType,
    conditionType: listing.conditionType,
    status: [...m.status],
    ...(itemName !== undefined ? { itemName } : {}),
    createdDate: listing.createdDate,
    lastUpdatedDate: m.lastUpdatedDate,
  };
}

function attributes(listing: ListingState, present: Present): Record<string, unknown> {
  const result: Record<string, unknown> = structuredClone(listing.attributes);
  const names = present.flatMap(([id, m]) => {
    const value = m.itemName ?? listing.itemName;
    return value === undefined
      ? []
      : [{ value, language_tag: languageTagOf(id), marketplace_id: id }];
  });
  if (names.length > 0 && !('item_name' in result)) result.item_name = names;

  const entries = fulfillmentEntries(listing, present);
  if (entries.length > 0) result.fulfillment_availability = entries;
  return result;
}

/**
 * One DEFAULT entry; when the asked marketplaces' entries differ (lead times are per
 * marketplace), one entry each, told apart by marketplace_id as Amazon does for values that vary.
 */
function fulfillmentEntries(listing: ListingState, present: Present): Record<string, unknown>[] {
  if (listing.quantity === null) return [];
  const entries = present.map(([id, m]) => ({ id, m, entry: entryOf(listing.quantity ?? 0, m) }));
  const distinct = new Set(entries.map((e) => JSON.stringify(e.entry)));
  const tagAll = distinct.size > 1;

  const seen = new Set<string>();
  return entries.flatMap(({ id, m, entry }) => {
    const tagged = tagAll || m.marketplaceIdInEntry ? { ...entry, marketplace_id: id } : entry;
    const key = JSON.stringify(tagged);
    if (seen.has(key)) return [];
    seen.add(key);
    return [tagged];
  });
}

function entryOf(quantity: number, m: MarketplaceState): Record<string, unknown> {
  return {
    fulfillment_channel_code: 'DEFAULT',
    quantity,
    ...(m.leadTimeDays !== null ? { lead_time_to_ship_max_days: m.leadTimeDays } : {}),
    ...structuredClone(m.entryFields),
  };
}

/** Issues of the asked marketplaces; the same issue in several is listed once. */
function issues(present: Present): Record<string, unknown>[] {
  const byKey = new Map<string, { issue: CatalogIssue; marketplaceIds: string[] }>();
  for (const [id, m] of present) {
    for (const issue of m.issues) {
      const key = JSON.stringify(issue);
      const found = byKey.get(key);
      if (found) found.marketplaceIds.push(id);
      else byKey.set(key, { issue, marketplaceIds: [id] });
    }
  }
  return [...byKey.values()].map(({ issue, marketplaceIds }) => ({
    ...structuredClone(issue),
    marketplaceIds,
  }));
}

function availability(listing: ListingState): Record<string, unknown>[] {
  if (listing.quantity === null) return [];
  return [{ fulfillmentChannelCode: 'DEFAULT', quantity: listing.quantity }];
}
