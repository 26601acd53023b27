import type { Marketplace } from '../config/marketplaces.js';
import type { OdooSnapshot } from '../odoo/read-odoo.js';
import type { OdooListing } from '../odoo/read-listings.js';
import type { AmazonFacts, RowFacts } from './types.js';

export interface RowSelection {
  marketplaces: readonly Marketplace[];
  /** Only these SKUs, when given. */
  skus?: ReadonlySet<string> | undefined;
  mtoOnly: boolean;
}

/** A row before Amazon is read: one Odoo listing in one marketplace. */
export interface PlannedRow {
  listing: OdooListing;
  marketplace: Marketplace;
}

/**
 * Expands listings into rows. A listing without a marketplace applies to every
 * selected marketplace; one naming a marketplace outside the selection is left out.
 */
export function planRows(snapshot: OdooSnapshot, selection: RowSelection): PlannedRow[] {
  const byId = new Map(selection.marketplaces.map((m) => [m.id, m]));
  const rows: PlannedRow[] = [];
  for (const listing of snapshot.listings) {
    if (selection.skus && !selection.skus.has(listing.sku)) continue;
    if (selection.mtoOnly && !isMto(snapshot, listing)) continue;

    const targets = listing.marketplaceId
      ? [byId.get(listing.marketplaceId)].filter((m): m is Marketplace => m !== undefined)
      : selection.marketplaces;
    for (const marketplace of targets) rows.push({ listing, marketplace });
  }
  return rows;
}

function isMto(snapshot: OdooSnapshot, listing: OdooListing): boolean {
  return listing.productId !== null && (snapshot.products.get(listing.productId)?.mto ?? false);
}

/** Joins one planned row with its product and its Amazon facts. */
export function buildRowFacts(
  planned: readonly PlannedRow[],
  snapshot: OdooSnapshot,
  amazonOf: (row: PlannedRow) => AmazonFacts,
): RowFacts[] {
  const counts = countBySkuAndMarketplace(planned);
  return planned.map((row) => {
    const { listing, marketplace } = row;
    const product =
      listing.productId === null ? undefined : snapshot.products.get(listing.productId);
    return {
      listingId: listing.id,
      sku: listing.sku,
      marketplaceId: marketplace.id,
      marketplace: marketplace.country,
      productId: product ? product.id : listing.productId,
      product: product?.name ?? null,
      mto: product?.mto ?? false,
      odoo: {
        freeQty: product?.freeQty ?? null,
        qtyAvailable: product?.qtyAvailable ?? null,
        listingQty: listing.listingQty,
        saleDelay: product?.saleDelay ?? null,
        weeklyCapacity: product?.weeklyCapacity ?? null,
        inProduction: product?.inProduction ?? 0,
      },
      amazon: amazonOf(row),
      duplicate: (counts.get(rowKey(row)) ?? 0) > 1,
      marketplaceConflict: false,
    };
  });
}

function rowKey({ listing, marketplace }: PlannedRow): string {
  return `${marketplace.id}\u0000${listing.sku}`;
}

function countBySkuAndMarketplace(rows: readonly PlannedRow[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(rowKey(row), (counts.get(rowKey(row)) ?? 0) + 1);
  return counts;
}
