import { compareListing, describeListing } from './compare-values.js';
import { readCurrentListings, type CurrentRead } from './read-current.js';
import type { CurrentValues } from './compare-values.js';
import type { AmazonChange, VerifyReport } from './types.js';
import type { WriteContext } from './write-context.js';

/** Pauses before each read: Amazon applies an ACCEPTED write within seconds to minutes. */
export interface VerifyPolicy {
  waitsMs: number[];
}

export const DEFAULT_VERIFY: VerifyPolicy = { waitsMs: [0, 5_000, 15_000, 40_000] };

/**
 * --verify: reads Amazon again until every applied change shows or the pauses run out, and
 * reports the changes that are not in effect yet. ACCEPTED only means Amazon will try.
 */
export async function verifyChanges(
  changes: readonly AmazonChange[],
  ctx: WriteContext,
  policy: VerifyPolicy = DEFAULT_VERIFY,
): Promise<VerifyReport> {
  let remaining = [...changes];
  let last = new Map<number, CurrentRead<CurrentValues>>();

  for (const wait of policy.waitsMs) {
    if (remaining.length === 0) break;
    await ctx.clock.sleep(wait);
    last = await readCurrentListings(remaining, ctx);
    remaining = remaining.filter((change) => !isInEffect(last.get(change.id), change));
  }

  const notInEffect = remaining.map((change) => describeMiss(change, last.get(change.id)));
  return { checked: changes.length, notInEffect };
}

function isInEffect(read: CurrentRead<CurrentValues> | undefined, change: AmazonChange): boolean {
  return read !== undefined && 'values' in read && compareListing(read.values, change) === 'after';
}

function describeMiss(change: AmazonChange, read: CurrentRead<CurrentValues> | undefined) {
  if (!read || 'failure' in read) {
    return { id: change.id, current: null, reason: read?.failure ?? 'not read' };
  }
  const { quantity, leadTimeDays } = read.values;
  const current = quantity === null ? null : { quantity, leadTimeDays };
  return { id: change.id, current, reason: `Amazon still shows ${describeListing(read.values)}` };
}
