import {
  compareListing,
  compareNumber,
  describeListing,
  type CurrentValues,
  type Standing,
} from './compare-values.js';
import { readCurrentListings, readCurrentOdoo, type CurrentRead } from './read-current.js';
import type { Change, ChangeResult, OdooChange } from './types.js';
import { settleAll, type WriteContext } from './write-context.js';

export interface Reconciled {
  /** Changes to send: Amazon shows only their before or after values. */
  toSend: Change[];
  /** Changes settled by the read: in effect, changed by someone else, or unreadable. */
  results: ChangeResult[];
}

/**
 * Re-reads what Amazon (and Odoo) show now for changes whose fate the journal cannot tell, and
 * decides each: in effect (done, not sent again), at before values (send), or changed by someone
 * else (reported, not sent).
 */
export async function reconcileChanges(
  changes: readonly Change[],
  ctx: WriteContext,
): Promise<Reconciled> {
  const amazon = changes.flatMap((c) => (c.target === 'amazon' ? [c] : []));
  const odoo = changes.flatMap((c) => (c.target === 'odoo' ? [c] : []));
  const listings = await readCurrentListings(amazon, ctx);
  const records = await readOdooSafely(odoo, ctx);

  const reconciled: Reconciled = { toSend: [], results: [] };
  for (const change of changes) {
    const decision = decide(change, listings, records);
    if (decision === 'send') reconciled.toSend.push(change);
    else reconciled.results.push(decision);
  }
  await settleAll(ctx, reconciled.results);
  return reconciled;
}

const NOT_READ = { failure: 'not read' } as const;

function decide(
  change: Change,
  listings: Map<number, CurrentRead<CurrentValues>>,
  records: Map<number, CurrentRead<number>>,
): ChangeResult | 'send' {
  if (change.target === 'amazon') {
    const read = listings.get(change.id) ?? NOT_READ;
    if ('failure' in read) return { id: change.id, status: 'failed', reason: read.failure };
    return fromStanding(
      change.id,
      compareListing(read.values, change),
      describeListing(read.values),
    );
  }
  const read = records.get(change.id) ?? NOT_READ;
  if ('failure' in read) return { id: change.id, status: 'failed', reason: read.failure };
  return fromStanding(change.id, compareNumber(read.values, change), `${read.values} in Odoo`);
}

function fromStanding(id: number, standing: Standing, now: string): ChangeResult | 'send' {
  if (standing === 'between') return 'send';
  if (standing === 'after')
    return { id, status: 'applied', note: 'found in effect when re-read; not sent' };
  return { id, status: 'conflict', reason: `changed by someone else (now ${now}); not sent` };
}

async function readOdooSafely(changes: OdooChange[], ctx: WriteContext) {
  if (changes.length === 0) return new Map<number, CurrentRead<number>>();
  try {
    return await readCurrentOdoo(changes, ctx.odoo());
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const reason = `could not re-read Odoo (${text})`;
    return new Map(changes.map((c): [number, CurrentRead<number>] => [c.id, { failure: reason }]));
  }
}
