import type { Expected, Policy, SignatureCode } from './types.js';

/** Codes whose rows `fix` lists with a reason instead of sending (§7). */
export const BLOCKING_CODES: ReadonlySet<SignatureCode> = new Set<SignatureCode>([
  'NOT_LISTED',
  'READ_FAILED',
  'DUPLICATE_LISTING',
  'MARKETPLACE_CONFLICT',
  'LEAD_TIME_OVER_LIMIT',
]);

/** Why `fix` would not send this row's change, or null when nothing blocks it. */
export function findBlockReason(
  codes: readonly SignatureCode[],
  expected: Expected,
  policy: Policy,
): string | null {
  const blocking = codes.find((code) => BLOCKING_CODES.has(code));
  if (blocking !== undefined) return blocking;

  if (expected.quantity > policy.maxPushQuantity) {
    const { quantity } = expected;
    return `expected quantity ${quantity} is above the push limit ${policy.maxPushQuantity}`;
  }
  return null;
}
