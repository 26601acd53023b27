import { ConfigError } from '../errors.js';
import type { OdooClient } from './client.js';

/** Odoo 18 renamed the stock context key `warehouse` to `warehouse_id`; the old key is ignored. */
export function warehouseContextKey(major: number): 'warehouse' | 'warehouse_id' {
  return major >= 18 ? 'warehouse_id' : 'warehouse';
}

/** The stock context for one warehouse, given by id, name or short code. */
export async function warehouseContext(
  client: OdooClient,
  warehouse: string | number | null,
): Promise<Record<string, number>> {
  if (warehouse === null) return {};

  const id = await resolveWarehouseId(client, warehouse);
  const { major } = await client.version();
  return { [warehouseContextKey(major)]: id };
}

async function resolveWarehouseId(client: OdooClient, warehouse: string | number): Promise<number> {
  const asNumber = typeof warehouse === 'number' ? warehouse : Number(warehouse);
  const domain = Number.isInteger(asNumber)
    ? [['id', '=', asNumber]]
    : ['|', ['name', '=', warehouse], ['code', '=', warehouse]];
  const rows = await client.call<{ id: number }[]>('stock.warehouse', 'search_read', [domain], {
    fields: ['name'],
    limit: 1,
  });

  const found = rows[0];
  if (found) return found.id;
  throw new ConfigError(
    `--warehouse: Odoo has no warehouse "${warehouse}".`,
    'Give a warehouse name, short code or id as Odoo shows it under Inventory > Warehouses.',
  );
}
