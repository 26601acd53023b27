import type { ListingValues } from './types.js';

export interface CurrentValues {
  quantity: number | null;
  leadTimeDays: number | null;
}

/**
 * Where a value Amazon (or Odoo) shows now stands against a change:
 * - after: the change is in effect;
 * - between: every field is at its before or its after value (nobody else touched it, though
 *   a shared region quantity may already have moved), so the change can be sent;
 * - elsewhere: some field is at neither, so someone else changed it and it is left alone.
 */
export type Standing = 'after' | 'between' | 'elsewhere';

const FIELDS = ['quantity', 'leadTimeDays'] as const;

export function compareListing(
  current: CurrentValues,
  change: { before: ListingValues; after: ListingValues },
): Standing {
  if (FIELDS.every((field) => current[field] === change.after[field])) return 'after';
  const known = FIELDS.every(
    (field) => current[field] === change.after[field] || current[field] === change.before[field],
  );
  return known ? 'between' : 'elsewhere';
}

export function compareNumber(
  current: number,
  change: { before: number; after: number },
): Standing {
  if (current === change.after) return 'after';
  return current === change.before ? 'between' : 'elsewhere';
}

export function describeListing(values: CurrentValues): string {
  const lead = values.leadTimeDays === null ? 'no lead time' : `lead time ${values.leadTimeDays}`;
  return `quantity ${values.quantity ?? 'none'}, ${lead}`;
}
