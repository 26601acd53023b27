import type { AmazonFacts } from '../audit/types.js';
import { amazonKey, readAmazon } from '../amazon/read-amazon.js';
import { findMarketplace, type Marketplace } from '../config/marketplaces.js';
import type { OdooClient } from '../odoo/client.js';
import type { CurrentValues } from './compare-values.js';
import type { AmazonChange, OdooChange } from './types.js';
import type { WriteContext } from './write-context.js';

export type CurrentRead<T> = { values: T } | { failure: string };

/** What Amazon shows now for each change's SKU and marketplace (searchListingsItems, 20 a call). */
export async function readCurrentListings(
  changes: readonly AmazonChange[],
  ctx: Pick<WriteContext, 'gateway' | 'sellerId'>,
): Promise<Map<number, CurrentRead<CurrentValues>>> {
  if (changes.length === 0) return new Map();
  const facts = await readAmazon({
    gateway: ctx.gateway,
    sellerId: ctx.sellerId,
    targets: changes.map((change) => ({ sku: change.sku, marketplace: marketplaceOf(change) })),
    source: 'search',
  });

  const current = new Map<number, CurrentRead<CurrentValues>>();
  for (const change of changes) {
    current.set(change.id, toCurrent(facts.get(amazonKey(change.sku, change.marketplaceId))));
  }
  return current;
}

function toCurrent(found: AmazonFacts | undefined): CurrentRead<CurrentValues> {
  if (!found || found.readError) {
    return { failure: `could not re-read Amazon (${found?.readError ?? 'no answer'})` };
  }
  if (!found.found) return { failure: 'the SKU is no longer on Amazon there' };
  return { values: { quantity: found.quantity, leadTimeDays: found.leadTimeDays } };
}

/** The Odoo listings' own quantities now, one read for all. */
export async function readCurrentOdoo(
  changes: readonly OdooChange[],
  client: OdooClient,
): Promise<Map<number, CurrentRead<number>>> {
  const current = new Map<number, CurrentRead<number>>();
  for (const group of groupByModelField(changes)) {
    const ids = [...new Set(group.map((c) => c.recordId))];
    const first = group[0] as OdooChange;
    const rows = await client.call<Record<string, unknown>[]>(first.model, 'read', [
      ids,
      [first.field],
    ]);
    const byId = new Map(rows.map((row) => [row.id, row[first.field]]));
    for (const change of group) current.set(change.id, readOdooNumber(byId.get(change.recordId)));
  }
  return current;
}

function readOdooNumber(value: unknown): CurrentRead<number> {
  if (value === undefined) return { failure: 'the Odoo listing no longer exists' };
  if (value === false) return { values: 0 };
  return typeof value === 'number' ? { values: value } : { failure: 'not a number in Odoo' };
}

function groupByModelField(changes: readonly OdooChange[]): OdooChange[][] {
  const groups = new Map<string, OdooChange[]>();
  for (const change of changes) {
    const key = `${change.model}\u0000${change.field}`;
    const group = groups.get(key);
    if (group) group.push(change);
    else groups.set(key, [change]);
  }
  return [...groups.values()];
}

function marketplaceOf(change: AmazonChange): Marketplace {
  const marketplace = findMarketplace(change.marketplaceId);
  if (!marketplace) throw new Error(`unknown marketplace ${change.marketplaceId}`);
  return marketplace;
}
