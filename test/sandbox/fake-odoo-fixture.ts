import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseOdooCatalog, type OdooCatalog } from '../../src/sandbox/odoo/index.js';

/** A small shop: an archived MTO route on a parent category, two warehouses, listings. */
export function catalogJson(serverVersion: string): Record<string, unknown> {
  return {
    odoo: {
      serverVersion,
      database: 'mto_demo',
      users: [
        { id: 2, login: 'admin', password: 'admin', name: 'Mitchell Admin', apiKeys: ['key-123'] },
        { id: 7, login: 'sync', password: 'sync', deniedModels: ['ir.model.data'] },
        { id: 8, login: 'gone', password: 'gone', active: false },
      ],
      installedModules: ['mrp', 'marketplace_listing'],
      extraFields: {
        'product.product': { x_weekly_capacity: { type: 'integer', string: 'Weekly capacity' } },
      },
      records: {
        'stock.route': [
          {
            id: 1,
            name: 'Replenish on Order (MTO)',
            active: false,
            xmlid: 'stock.route_warehouse0_mto',
          },
          { id: 2, name: 'Buy', sequence: 5 },
        ],
        'stock.rule': [
          {
            id: 1,
            name: 'WH: Stock → Customers (MTO)',
            route_id: 1,
            procure_method: 'make_to_order',
            warehouse_id: 1,
            active: false,
          },
        ],
        'stock.warehouse': [
          { id: 1, name: 'San Francisco', code: 'WH', mto_pull_id: 1 },
          { id: 2, name: 'Berlin', code: 'BER' },
          { id: 3, name: 'Old depot', code: 'OLD', active: false },
        ],
        'product.category': [
          { id: 1, name: 'All' },
          { id: 2, name: 'Leather', parent_id: 1, route_ids: [1] },
          { id: 3, name: 'Wallets', parent_id: 2 },
        ],
        'product.product': [
          {
            id: 42,
            name: 'Leather wallet',
            default_code: 'WALLET-BRN',
            categ_id: 3,
            sale_delay: 14,
            x_weekly_capacity: 12,
            stock: {
              '1': { free_qty: 1, qty_available: 1 },
              '2': { free_qty: 3.5, qty_available: 4 },
            },
          },
          {
            id: 43,
            name: 'Belt',
            default_code: 'BELT',
            categ_id: 1,
            route_ids: [2],
            stock: {
              '1': { free_qty: 7, qty_available: 8 },
              '2': { free_qty: -1.25, qty_available: 0 },
              '3': { free_qty: 100, qty_available: 100 },
            },
          },
          { id: 44, name: 'Old bag', categ_id: 2, active: false },
          { id: 45, name: 'Café <crème> & co', categ_id: 1, route_ids: [1, 2] },
        ],
        'mrp.production': [
          { id: 1, name: 'WH/MO/00001', product_id: 42, product_qty: 8, state: 'confirmed' },
          { id: 2, name: 'WH/MO/00002', product_id: 42, product_qty: 2.5, state: 'progress' },
          { id: 3, name: 'WH/MO/00003', product_id: 43, product_qty: 4, state: 'done' },
        ],
        'marketplace.listing': [
          { id: 1, product_id: 42, seller_id: 'A1SELLER', amazon_sku: 'WALLET-BRN', qty: 999 },
          { id: 2, product_id: 43, seller_id: 'A1SELLER', amazon_sku: 'BELT' },
          { id: 3, product_id: 44, seller_id: 'A1SELLER', amazon_sku: 'BAG', qty: 3 },
          { id: 4, product_id: 42, seller_id: 'A2OTHER', amazon_sku: 'WALLET-OLD', active: false },
        ],
      },
    },
  };
}

export function buildCatalog(serverVersion = '17.0'): OdooCatalog {
  return parseOdooCatalog(catalogJson(serverVersion));
}

export interface ProbeCall {
  name: string;
  /** common, object, db, or any other path segment */
  service: string;
  method?: string;
  args?: unknown[];
  raw?: string;
  httpMethod?: string;
}

export interface ProbeOutcome {
  result?: unknown;
  repr?: string;
  fault?: { code: number; string: string };
  contentType?: string;
  status?: number;
  hasNil?: boolean;
}

const PROBE = fileURLToPath(new URL('./odoo_rpc_probe.py', import.meta.url));

/** Runs the calls through Python's xmlrpc.client in one python3 process. */
export function runPythonProbe(
  url: string,
  calls: ProbeCall[],
): Promise<Record<string, ProbeOutcome>> {
  return new Promise((resolve, reject) => {
    const child = execFile('python3', [PROBE], { timeout: 20_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`python probe failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout) as Record<string, ProbeOutcome>);
    });
    child.stdin?.end(JSON.stringify({ url, calls }));
  });
}

/** execute_kw as admin, the common case of the probes. */
export function kw(
  name: string,
  model: string,
  method: string,
  args: unknown[],
  kwargs: Record<string, unknown> = {},
  credentials: [string, number, string] = ['mto_demo', 2, 'admin'],
): ProbeCall {
  return {
    name,
    service: 'object',
    method: 'execute_kw',
    args: [...credentials, model, method, args, kwargs],
  };
}
