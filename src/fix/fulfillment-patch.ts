import type { ListingValues } from './types.js';

export const FULFILLMENT_PATH = '/attributes/fulfillment_availability';

export interface PatchOperation {
  op: 'merge' | 'replace';
  path: string;
  value: Record<string, unknown>[];
}

type Entry = Record<string, unknown>;

/**
 * The write of a change. With a lead time it merges the DEFAULT entry, so the entry's other
 * fields stay as they are. Without one (a rollback to an entry that had none) a merge cannot
 * remove the field: the whole attribute is replaced, rebuilt from the entries read just before.
 */
export function buildPatch(after: ListingValues, current?: readonly Entry[]): PatchOperation {
  if (after.leadTimeDays !== null) {
    return { op: 'merge', path: FULFILLMENT_PATH, value: [defaultEntry(after)] };
  }
  return { op: 'replace', path: FULFILLMENT_PATH, value: replaceValue(after, current ?? []) };
}

/** A replace needs the current entries; a merge does not. */
export function needsCurrentEntries(after: ListingValues): boolean {
  return after.leadTimeDays === null;
}

/** Only the fields §7 names; marketplace_id never goes in (the request names the marketplace). */
export function defaultEntry(after: ListingValues): Entry {
  return {
    fulfillment_channel_code: 'DEFAULT',
    quantity: after.quantity,
    ...(after.leadTimeDays === null ? {} : { lead_time_to_ship_max_days: after.leadTimeDays }),
  };
}

function replaceValue(after: ListingValues, current: readonly Entry[]): Entry[] {
  const entries = current.map(withoutMarketplace);
  const previous = entries.find(isDefault) ?? {};
  const others = entries.filter((entry) => !isDefault(entry));
  const kept = Object.fromEntries(
    Object.entries(previous).filter(([field]) => !REBUILT_FIELDS.has(field)),
  );
  return [{ ...defaultEntry(after), ...kept }, ...others];
}

const REBUILT_FIELDS = new Set([
  'fulfillment_channel_code',
  'quantity',
  'lead_time_to_ship_max_days',
]);

function withoutMarketplace(entry: Entry): Entry {
  return Object.fromEntries(Object.entries(entry).filter(([field]) => field !== 'marketplace_id'));
}

function isDefault(entry: Entry): boolean {
  return entry.fulfillment_channel_code === 'DEFAULT';
}
