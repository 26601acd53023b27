/**
 * Builds large catalogs for benchmarks and load tests: N made-to-order
 * listings, each listed on Amazon in the given marketplaces (one region) with
 * Odoo's expected quantity and lead time, so a healthy run finds them OK.
 */
export interface SyntheticCatalogOptions {
  listings: number;
  marketplaceIds: string[];
  region: 'na' | 'eu' | 'fe';
  /** Amazon quantity of every listing (default 999, the expected value: rows come out OK). */
  amazonQuantity?: number;
  /** Amazon lead time (default 10, the expected value for sale_delay 0). */
  amazonLeadTimeDays?: number;
  serverVersion?: string;
}

const SELLER = 'A1SYNTHETIC';

export function buildSyntheticCatalog(options: SyntheticCatalogOptions): Record<string, unknown> {
  const skus = Array.from(
    { length: options.listings },
    (_, i) => `MTO-${String(i + 1).padStart(6, '0')}`,
  );
  return {
    description: `${options.listings} synthetic MTO listings in ${options.marketplaceIds.join(', ')}`,
    odoo: syntheticOdoo(skus, options),
    amazon: syntheticAmazon(skus, options),
    sandbox: { sellerId: SELLER, marketplaceIds: options.marketplaceIds },
  };
}

function syntheticOdoo(skus: string[], options: SyntheticCatalogOptions) {
  return {
    serverVersion: options.serverVersion ?? '17.0',
    database: 'synthetic',
    users: [{ id: 2, login: 'admin', password: 'synthetic-password' }],
    installedModules: ['mrp', 'marketplace_listing'],
    records: {
      'stock.route': [
        {
          id: 5,
          name: 'Replenish on Order (MTO)',
          active: false,
          xmlid: 'stock.route_warehouse0_mto',
        },
      ],
      'stock.warehouse': [{ id: 1, name: 'WH', code: 'WH' }],
      'product.category': [{ id: 1, name: 'All' }],
      'product.product': skus.map((sku, i) => ({
        id: i + 1,
        name: `Made-to-order item ${i + 1}`,
        default_code: sku,
        categ_id: 1,
        route_ids: [5],
        stock: { '1': { free_qty: 0, qty_available: 0 } },
      })),
      'marketplace.listing': skus.map((sku, i) => ({
        id: i + 1,
        product_id: i + 1,
        channel: 'amazon',
        seller_id: SELLER,
        amazon_sku: sku,
        qty: 999,
      })),
    },
  };
}

function syntheticAmazon(skus: string[], options: SyntheticCatalogOptions) {
  const marketplaces = Object.fromEntries(
    options.marketplaceIds.map((id) => [
      id,
      { status: ['BUYABLE', 'DISCOVERABLE'], leadTimeDays: options.amazonLeadTimeDays ?? 10 },
    ]),
  );
  return {
    app: { clientId: 'amzn1.application-oa2-client.synthetic', clientSecret: 'synthetic-secret' },
    sellers: [{ sellerId: SELLER, refreshTokens: { [options.region]: 'Atzr|synthetic-refresh' } }],
    listings: skus.map((sku) => ({
      sellerId: SELLER,
      region: options.region,
      sku,
      productType: 'HANDBAG',
      quantity: options.amazonQuantity ?? 999,
      marketplaces,
    })),
  };
}
