import type { OdooClient } from './client.js';
import { OdooFault } from './faults.js';
import { readMany2oneId } from './odoo-values.js';

export interface MtoRouteRef {
  id: number;
  /** Found by its xml id, or by the warehouse's MTO rule when ir.model.data is closed. */
  via: 'xmlid' | 'warehouse-rule';
}

export interface MtoRoute extends MtoRouteRef {
  name: string;
  active: boolean;
}

/** Odoo 15 renamed stock.location.route to stock.route. */
export function routeModel(major: number): string {
  return major >= 15 || major === 0 ? 'stock.route' : 'stock.location.route';
}

const NO_ACTIVE_TEST = { context: { active_test: false } };

/**
 * Finds the id of "Replenish on Order (MTO)". Odoo archives it by default, so
 * every read turns active_test off. Users without access to ir.model.data (a
 * fault 4) get it from the warehouse's mto_pull_id rule instead.
 */
export async function findMtoRouteRef(client: OdooClient): Promise<MtoRouteRef | null> {
  try {
    return await findByXmlId(client);
  } catch (error) {
    if (!(error instanceof OdooFault) || error.kind !== 'access-error') throw error;
    return findByWarehouseRule(client);
  }
}

/** The route with its name and state, for `doctor`. */
export async function findMtoRoute(client: OdooClient): Promise<MtoRoute | null> {
  const ref = await findMtoRouteRef(client);
  if (!ref) return null;

  const model = routeModel((await client.version()).major);
  const rows = await client.call<{ name: string; active: boolean }[]>(
    model,
    'search_read',
    [[['id', '=', ref.id]]],
    { fields: ['name', 'active'], ...NO_ACTIVE_TEST },
  );
  const row = rows[0];
  return row ? { ...ref, name: row.name, active: row.active } : null;
}

async function findByXmlId(client: OdooClient): Promise<MtoRouteRef | null> {
  const domain = [
    ['module', '=', 'stock'],
    ['name', '=', 'route_warehouse0_mto'],
  ];
  const rows = await client.call<{ res_id: number }[]>('ir.model.data', 'search_read', [domain], {
    fields: ['res_id'],
    limit: 1,
  });
  const id = rows[0]?.res_id;
  return id ? { id, via: 'xmlid' } : null;
}

async function findByWarehouseRule(client: OdooClient): Promise<MtoRouteRef | null> {
  const warehouses = await client.call<{ mto_pull_id: unknown }[]>(
    'stock.warehouse',
    'search_read',
    [[]],
    { fields: ['mto_pull_id'], limit: 1, order: 'id', ...NO_ACTIVE_TEST },
  );
  const ruleId = readMany2oneId(warehouses[0]?.mto_pull_id);
  if (ruleId === null) return null;

  const rules = await client.call<{ route_id: unknown }[]>('stock.rule', 'read', [[ruleId]], {
    fields: ['route_id'],
    ...NO_ACTIVE_TEST,
  });
  const routeId = readMany2oneId(rules[0]?.route_id);
  return routeId === null ? null : { id: routeId, via: 'warehouse-rule' };
}
