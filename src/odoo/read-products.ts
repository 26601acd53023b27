import type { OdooClient } from './client.js';
import { isUnknownModelFault } from './faults.js';
import { chunk, readIds, readMany2oneId, readNumber, readText } from './odoo-values.js';

export interface ProductFacts {
  id: number;
  name: string | null;
  freeQty: number | null;
  qtyAvailable: number | null;
  saleDelay: number | null;
  mto: boolean;
  weeklyCapacity: number | null;
  inProduction: number;
}

/** MTO comes either from the route (product or category) or from a boolean field. */
export type MtoDetection = { routeId: number | null } | { field: string };

export interface ReadProductsOptions {
  productIds: number[];
  batchSize: number;
  mto: MtoDetection;
  capacityField: string | null;
  /** The warehouse key, when free_qty is wanted for one warehouse. */
  stockContext: Record<string, number>;
}

type Row = Record<string, unknown> & { id: number };

const IN_PRODUCTION_STATES = ['confirmed', 'progress', 'to_close'];

export async function readProducts(
  client: OdooClient,
  options: ReadProductsOptions,
): Promise<Map<number, ProductFacts>> {
  const rows = await readProductRows(client, options);
  const categoryRoutes = await readCategoryRoutes(client, rows, options);
  const inProduction = await readInProduction(client);

  const products = new Map<number, ProductFacts>();
  for (const row of rows) {
    products.set(row.id, toFacts(row, options, categoryRoutes, inProduction));
  }
  return products;
}

async function readProductRows(client: OdooClient, options: ReadProductsOptions): Promise<Row[]> {
  const mtoField = 'field' in options.mto ? options.mto.field : null;
  const fields = ['name', 'categ_id', 'route_ids', 'sale_delay', 'free_qty', 'qty_available'];
  if (options.capacityField) fields.push(options.capacityField);
  if (mtoField) fields.push(mtoField);

  const context = { ...options.stockContext, active_test: false };
  const rows: Row[] = [];
  for (const ids of chunk(options.productIds, options.batchSize)) {
    const page = await client.call<Row[]>('product.product', 'search_read', [[['id', 'in', ids]]], {
      fields,
      context,
    });
    rows.push(...page);
  }
  return rows;
}

/**
 * total_route_ids holds a category's routes and its parents'. Like every x2many
 * read it hides archived routes unless active_test is off, and the MTO route is
 * archived by default.
 */
async function readCategoryRoutes(
  client: OdooClient,
  rows: Row[],
  options: ReadProductsOptions,
): Promise<Map<number, number[]>> {
  const routes = new Map<number, number[]>();
  if (!('routeId' in options.mto) || options.mto.routeId === null) return routes;

  const ids = [...new Set(rows.map((row) => readMany2oneId(row.categ_id)))].filter(
    (id): id is number => id !== null,
  );
  for (const batch of chunk(ids, options.batchSize)) {
    const categories = await client.call<Row[]>(
      'product.category',
      'search_read',
      [[['id', 'in', batch]]],
      { fields: ['total_route_ids'], context: { active_test: false } },
    );
    for (const category of categories) routes.set(category.id, readIds(category.total_route_ids));
  }
  return routes;
}

/** Units of open manufacturing orders per product; none when mrp is not installed. */
async function readInProduction(client: OdooClient): Promise<Map<number, number>> {
  const domain = [['state', 'in', IN_PRODUCTION_STATES]];
  let groups: Row[];
  try {
    groups = await client.call<Row[]>(
      'mrp.production',
      'read_group',
      [domain, ['product_qty:sum'], ['product_id']],
      { lazy: false },
    );
  } catch (error) {
    if (isUnknownModelFault(error)) return new Map();
    throw error;
  }

  const totals = new Map<number, number>();
  for (const group of groups) {
    const id = readMany2oneId(group.product_id);
    if (id !== null) totals.set(id, readNumber(group.product_qty) ?? 0);
  }
  return totals;
}

function toFacts(
  row: Row,
  options: ReadProductsOptions,
  categoryRoutes: Map<number, number[]>,
  inProduction: Map<number, number>,
): ProductFacts {
  const capacity = options.capacityField ? readNumber(row[options.capacityField]) : null;
  return {
    id: row.id,
    name: readText(row.name),
    freeQty: readNumber(row.free_qty),
    qtyAvailable: readNumber(row.qty_available),
    saleDelay: readNumber(row.sale_delay),
    mto: isMto(row, options.mto, categoryRoutes),
    weeklyCapacity: capacity,
    inProduction: inProduction.get(row.id) ?? 0,
  };
}

function isMto(row: Row, mto: MtoDetection, categoryRoutes: Map<number, number[]>): boolean {
  if ('field' in mto) return row[mto.field] === true;
  if (mto.routeId === null) return false;

  const own = readIds(row.route_ids);
  const category = categoryRoutes.get(readMany2oneId(row.categ_id) ?? 0) ?? [];
  return own.includes(mto.routeId) || category.includes(mto.routeId);
}
