import type { ListingState, MarketplaceState } from './listing-store.js';
import type { PatchOperation } from './patch-validation.js';

const FULFILLMENT = 'fulfillment_availability';
const CORE_FIELDS = ['fulfillment_channel_code', 'quantity', 'lead_time_to_ship_max_days'];

/**
 * Applies validated patches to a listing in the given marketplaces. For
 * fulfillment_availability, add and replace swap the whole attribute (fields left out are
 * gone), merge updates the DEFAULT entry field by field, delete removes it. The quantity is the
 * region's, so it changes for every marketplace that carries the SKU.
 */
export function applyPatches(
  listing: ListingState,
  marketplaceIds: string[],
  patches: PatchOperation[],
  now: Date,
): void {
  const before = listing.quantity;
  const targets = marketplaceIds
    .map((id) => listing.marketplaces.get(id))
    .filter((m): m is MarketplaceState => m !== undefined);

  for (const patch of patches) {
    const name = patch.path.slice('/attributes/'.length);
    if (name === FULFILLMENT) applyFulfillment(listing, targets, patch);
    else applyOther(listing, name, patch);
  }

  updateBuyable(listing, before);
  for (const m of listing.marketplaces.values()) m.lastUpdatedDate = now.toISOString();
}

function applyFulfillment(
  listing: ListingState,
  targets: MarketplaceState[],
  patch: PatchOperation,
): void {
  const entry = patch.value?.find((e) => e.fulfillment_channel_code === 'DEFAULT');
  if (patch.op === 'delete' && (!patch.value || entry)) {
    clearEntry(listing, targets);
  } else if (patch.op === 'add' || patch.op === 'replace') {
    if (entry) replaceEntry(listing, targets, entry);
    else clearEntry(listing, targets);
  } else if (patch.op === 'merge' && entry) {
    mergeEntry(listing, targets, entry);
  }
}

function clearEntry(listing: ListingState, targets: MarketplaceState[]): void {
  listing.quantity = null;
  for (const m of targets) {
    m.leadTimeDays = null;
    m.entryFields = {};
  }
}

function replaceEntry(
  listing: ListingState,
  targets: MarketplaceState[],
  entry: Record<string, unknown>,
): void {
  listing.quantity = entry.quantity as number;
  for (const m of targets) {
    m.leadTimeDays = (entry.lead_time_to_ship_max_days as number | undefined) ?? null;
    m.entryFields = otherFields(entry);
  }
}

function mergeEntry(
  listing: ListingState,
  targets: MarketplaceState[],
  entry: Record<string, unknown>,
): void {
  if (entry.quantity !== undefined) listing.quantity = entry.quantity as number;
  for (const m of targets) {
    if (entry.lead_time_to_ship_max_days !== undefined) {
      m.leadTimeDays = entry.lead_time_to_ship_max_days as number;
    }
    m.entryFields = { ...m.entryFields, ...otherFields(entry) };
  }
}

function otherFields(entry: Record<string, unknown>): Record<string, unknown> {
  const rest = Object.entries(entry).filter(([field]) => !CORE_FIELDS.includes(field));
  return structuredClone(Object.fromEntries(rest));
}

function applyOther(listing: ListingState, name: string, patch: PatchOperation): void {
  if (patch.op === 'delete') delete listing.attributes[name];
  else listing.attributes[name] = structuredClone(patch.value ?? []);
}

/** Like Amazon, a listing stops being buyable at quantity 0 and becomes buyable again above. */
function updateBuyable(listing: ListingState, before: number | null): void {
  const wasInStock = (before ?? 0) > 0;
  const isInStock = (listing.quantity ?? 0) > 0;
  if (wasInStock === isInStock) return;

  for (const m of listing.marketplaces.values()) {
    const others = m.status.filter((s) => s !== 'BUYABLE');
    m.status = isInStock && !isSuppressed(m) ? ['BUYABLE', ...others] : others;
  }
}

function isSuppressed(m: MarketplaceState): boolean {
  return m.issues.some(
    (issue) =>
      issue.enforcements?.actions.some((a) => a.action === 'LISTING_SUPPRESSED') &&
      issue.enforcements.exemption.status !== 'EXEMPT',
  );
}

/** Removes a listing from marketplaces (a feed's DELETE message). */
export function removeFromMarketplaces(listing: ListingState, marketplaceIds: string[]): void {
  for (const id of marketplaceIds) listing.marketplaces.delete(id);
}
