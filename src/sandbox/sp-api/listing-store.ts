import type { CatalogIssue, CatalogListing, ParsedAmazonCatalog } from './catalog-schema.js';
import type { SpRegion } from './marketplaces.js';
import type { Clock } from './types.js';

export type ListingStatus = 'BUYABLE' | 'DISCOVERABLE';

export interface MarketplaceState {
  status: ListingStatus[];
  leadTimeDays: number | null;
  /** Fields of the DEFAULT fulfillment_availability entry besides code, quantity and lead time. */
  entryFields: Record<string, unknown>;
  issues: CatalogIssue[];
  marketplaceIdInEntry: boolean;
  asin: string | undefined;
  itemName: string | undefined;
  lastUpdatedDate: string;
}

export interface ListingState {
  region: SpRegion;
  sellerId: string;
  sku: string;
  productType: string;
  /** Merchant-fulfilled quantity shared by the region's marketplaces; null = no DEFAULT entry. */
  quantity: number | null;
  conditionType: string;
  createdDate: string;
  asin: string | undefined;
  itemName: string | undefined;
  attributes: Record<string, unknown[]>;
  marketplaces: Map<string, MarketplaceState>;
}

/** A plain, detached copy of a listing for tests and tools. */
export interface ListingSnapshot extends Omit<ListingState, 'marketplaces'> {
  marketplaces: Record<string, MarketplaceState>;
}

interface PendingWrite {
  dueAt: number;
  key: string;
  apply: (listing: ListingState) => void;
}

export function listingKey(region: string, sellerId: string, sku: string): string {
  return `${region}/${sellerId}/${sku}`;
}

/**
 * The listings of every seller and region. Accepted writes wait `applyDelayMs` (by the clock)
 * before they take effect; every read first applies the writes that have come due.
 */
export class ListingStore {
  private readonly listings = new Map<string, ListingState>();
  private readonly pending: PendingWrite[] = [];
  readonly writesBySku: Record<string, number> = {};

  constructor(
    catalog: ParsedAmazonCatalog,
    private readonly clock: Clock,
    private readonly applyDelayMs: number,
  ) {
    for (const listing of catalog.amazon.listings) {
      const state = listingFromCatalog(listing);
      this.listings.set(listingKey(state.region, state.sellerId, state.sku), state);
    }
  }

  find(region: string, sellerId: string, sku: string): ListingState | undefined {
    this.applyDueWrites();
    return this.listings.get(listingKey(region, sellerId, sku));
  }

  listOf(region: string, sellerId: string): ListingState[] {
    this.applyDueWrites();
    return [...this.listings.values()].filter(
      (l) => l.region === region && l.sellerId === sellerId,
    );
  }

  /** Queues an accepted write; it is applied, and counted, once it comes due. */
  schedule(listing: ListingState, apply: (listing: ListingState) => void): void {
    const key = listingKey(listing.region, listing.sellerId, listing.sku);
    this.pending.push({ dueAt: this.clock.now() + this.applyDelayMs, key, apply });
    this.applyDueWrites();
  }

  applyDueWrites(): void {
    const now = this.clock.now();
    while (this.pending.length > 0 && (this.pending[0]?.dueAt ?? Infinity) <= now) {
      const write = this.pending.shift();
      const listing = write && this.listings.get(write.key);
      if (!write || !listing) continue;
      write.apply(listing);
      this.writesBySku[write.key] = (this.writesBySku[write.key] ?? 0) + 1;
    }
  }

  get pendingWrites(): number {
    return this.pending.length;
  }

  snapshot(region: string, sellerId: string, sku: string): ListingSnapshot | undefined {
    const listing = this.find(region, sellerId, sku);
    if (!listing) return undefined;
    const { marketplaces, ...rest } = listing;
    return structuredClone({ ...rest, marketplaces: Object.fromEntries(marketplaces) });
  }
}

function listingFromCatalog(listing: CatalogListing): ListingState {
  const marketplaces = new Map<string, MarketplaceState>();
  const defaultStatus: ListingStatus[] =
    (listing.quantity ?? 0) > 0 ? ['BUYABLE', 'DISCOVERABLE'] : ['DISCOVERABLE'];

  for (const [marketplaceId, m] of Object.entries(listing.marketplaces)) {
    marketplaces.set(marketplaceId, {
      status: [...(m.status ?? defaultStatus)],
      leadTimeDays: m.leadTimeDays ?? null,
      entryFields: structuredClone(m.entryFields),
      issues: structuredClone(m.issues),
      marketplaceIdInEntry: m.marketplaceIdInEntry,
      asin: m.asin,
      itemName: m.itemName,
      lastUpdatedDate: m.lastUpdatedDate ?? listing.createdDate,
    });
  }

  return {
    region: listing.region,
    sellerId: listing.sellerId,
    sku: listing.sku,
    productType: listing.productType,
    quantity: listing.quantity,
    conditionType: listing.conditionType,
    createdDate: listing.createdDate,
    asin: listing.asin,
    itemName: listing.itemName,
    attributes: structuredClone(listing.attributes),
    marketplaces,
  };
}
