import { readFileSync } from 'node:fs';
import {
  DEMO_CATALOG_PATH,
  parseCatalog,
  type SandboxCatalog,
} from '../../src/sandbox/load-catalog.js';

type Json = Record<string, unknown>;
interface OdooPart {
  serverVersion: string;
  installedModules: string[];
  users: Json[];
  records: Record<string, Json[]>;
}

/** A fresh, mutable copy of the bundled demo catalog. */
export function demoCatalogJson(): Json & { odoo: OdooPart; sandbox: Json } {
  return JSON.parse(readFileSync(DEMO_CATALOG_PATH, 'utf8')) as Json & {
    odoo: OdooPart;
    sandbox: Json;
  };
}

/** The demo shop on Odoo's own Amazon connector (sale_amazon): offers have no quantity field. */
export function saleAmazonCatalog(): SandboxCatalog {
  const raw = demoCatalogJson();
  const records = raw.odoo.records;
  const listings = records['marketplace.listing'] ?? [];
  delete records['marketplace.listing'];
  raw.odoo.installedModules = ['mrp', 'sale_amazon'];
  records['amazon.account'] = [{ id: 1, name: 'Leather Co', seller_key: 'A1LEATHERCO' }];
  records['amazon.marketplace'] = [{ id: 1, name: 'Amazon.com', api_ref: 'ATVPDKIKX0DER' }];
  records['amazon.offer'] = listings
    .filter((listing) => listing.marketplace_id === 'ATVPDKIKX0DER')
    .map((listing) => ({
      id: listing.id,
      account_id: 1,
      marketplace_id: 1,
      product_id: listing.product_id,
      sku: listing.amazon_sku,
    }));
  raw.sandbox.profile = 'sale-amazon';
  return parseCatalog(raw, 'sale-amazon demo');
}

/** The demo shop whose Odoo user may not read ir.model.data (a common integration user). */
export function deniedXmlIdCatalog(): SandboxCatalog {
  const raw = demoCatalogJson();
  const user = raw.odoo.users[0];
  if (user) user.deniedModels = ['ir.model.data'];
  return parseCatalog(raw, 'denied demo');
}

export function odoo18Catalog(): SandboxCatalog {
  const raw = demoCatalogJson();
  raw.odoo.serverVersion = '18.0';
  return parseCatalog(raw, 'odoo 18 demo');
}
