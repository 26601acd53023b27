import type { ListingProfile } from '../config/profiles.js';
import type { Logger } from '../logger.js';
import type { OdooClient } from './client.js';
import type { FieldMap } from './listing-schema.js';
import { chunk, readMany2oneId, readNumber, readText } from './odoo-values.js';

export interface OdooListing {
  id: number;
  sku: string;
  /** Null when the listing names no marketplace: it applies to every configured one. */
  marketplaceId: string | null;
  productId: number | null;
  /** The listing's own quantity; null when the model has none. False reads as 0. */
  listingQty: number | null;
}

export interface ReadListingsOptions {
  profile: ListingProfile;
  sellerId: string;
  /** The quantity field, when the model really has it (from fields_get). */
  quantityField: string | null;
  /** fields_get of the listing model, for the relations of dotted paths. */
  listingFields: FieldMap;
  batchSize: number;
  logger: Logger;
}

type Row = Record<string, unknown> & { id: number };

/** All active listings of the seller and channel, read page by page in a stable order. */
export async function readListings(
  client: OdooClient,
  options: ReadListingsOptions,
): Promise<OdooListing[]> {
  const { profile } = options;
  const marketplaceHead = profile.marketplacePath?.split('.')[0];
  const fields = [profile.skuField, profile.productField, options.quantityField, marketplaceHead];
  const rows = await searchAll(
    client,
    profile.model,
    listingDomain(options),
    compact(fields),
    options,
  );

  const marketplaceOf = await resolvePathValues(client, options, rows);
  return rows.flatMap((row) => toListing(row, options, marketplaceOf) ?? []);
}

function listingDomain({ profile, sellerId }: ReadListingsOptions): unknown[] {
  const domain: unknown[] = [];
  if (profile.channel) domain.push([profile.channel.field, '=', profile.channel.value]);
  if (profile.sellerPath) domain.push([profile.sellerPath, '=', sellerId]);
  return domain;
}

async function searchAll(
  client: OdooClient,
  model: string,
  domain: unknown[],
  fields: string[],
  { batchSize }: { batchSize: number },
): Promise<Row[]> {
  const rows: Row[] = [];
  for (let offset = 0; ; offset += batchSize) {
    const page = await client.call<Row[]>(model, 'search_read', [domain], {
      fields,
      offset,
      limit: batchSize,
      order: 'id',
    });
    rows.push(...page);
    if (page.length < batchSize) return rows;
  }
}

function toListing(
  row: Row,
  { profile, quantityField, logger }: ReadListingsOptions,
  marketplaceOf: (row: Row) => string | null,
): OdooListing | undefined {
  const sku = readText(row[profile.skuField]);
  if (!sku) {
    logger.warn(`${profile.model} ${row.id} has no SKU; it is left out of the audit.`);
    return undefined;
  }
  return {
    id: row.id,
    sku,
    marketplaceId: marketplaceOf(row),
    productId: readMany2oneId(row[profile.productField]),
    listingQty: quantityField ? (readNumber(row[quantityField]) ?? 0) : null,
  };
}

/**
 * Follows a dotted many2one path (e.g. instance_id.marketplace_id.market_place_id)
 * one hop at a time, reading each hop's records in batches: few distinct
 * instances and marketplaces stand behind many listings.
 */
async function resolvePathValues(
  client: OdooClient,
  options: ReadListingsOptions,
  rows: Row[],
): Promise<(row: Row) => string | null> {
  const hops = options.profile.marketplacePath?.split('.') ?? [];
  const head = hops[0];
  if (!head) return () => null;

  let values = new Map<number, unknown>(rows.map((row) => [row.id, row[head]]));
  let model = options.listingFields[head]?.relation ?? '';
  for (const [index, field] of hops.slice(1).entries()) {
    const ids = new Set([...values.values()].map(readMany2oneId).filter((id) => id !== null));
    const related = await readField(client, model, [...ids], field, options.batchSize);
    values = new Map(
      [...values].map(([key, value]) => [key, related.get(readMany2oneId(value) ?? 0)]),
    );
    if (index < hops.length - 2) {
      model =
        options.profile.relations?.[`${model}.${field}`] ??
        (await relationOf(client, model, field));
    }
  }
  return (row) => readText(values.get(row.id));
}

async function relationOf(client: OdooClient, model: string, field: string): Promise<string> {
  const fields = await client.call<Record<string, { relation?: string }>>(
    model,
    'fields_get',
    [[field]],
    { attributes: ['relation'] },
  );
  return fields[field]?.relation ?? '';
}

async function readField(
  client: OdooClient,
  model: string,
  ids: number[],
  field: string,
  batchSize: number,
): Promise<Map<number, unknown>> {
  const values = new Map<number, unknown>();
  for (const batch of chunk(ids, batchSize)) {
    const rows = await client.call<Row[]>(model, 'search_read', [[['id', 'in', batch]]], {
      fields: [field],
      context: { active_test: false },
    });
    for (const row of rows) values.set(row.id, row[field]);
  }
  return values;
}

function compact(values: (string | null | undefined)[]): string[] {
  return [...new Set(values.filter((value): value is string => Boolean(value)))];
}
