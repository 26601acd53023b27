import type { AmazonFacts, OdooFacts, RowFacts } from '../../src/audit/types.js';

export interface FactsOverrides {
  sku?: string;
  marketplaceId?: string;
  marketplace?: string;
  mto?: boolean;
  odoo?: Partial<OdooFacts>;
  amazon?: Partial<AmazonFacts>;
  duplicate?: boolean;
  marketplaceConflict?: boolean;
}

/**
 * A healthy uncapped MTO row unless overridden: listing qty 999, free_qty 0, sale_delay 14,
 * and Amazon showing 999, lead time 14, BUYABLE. Tests state every value their rule reads.
 */
export function makeFacts(overrides: FactsOverrides = {}): RowFacts {
  return {
    sku: overrides.sku ?? 'WALLET-BRN',
    marketplaceId: overrides.marketplaceId ?? 'ATVPDKIKX0DER',
    marketplace: overrides.marketplace ?? 'US',
    productId: 42,
    product: 'Leather wallet',
    mto: overrides.mto ?? true,
    odoo: {
      freeQty: 0,
      qtyAvailable: 0,
      listingQty: 999,
      saleDelay: 14,
      weeklyCapacity: null,
      inProduction: 0,
      ...overrides.odoo,
    },
    amazon: {
      found: true,
      quantity: 999,
      leadTimeDays: 14,
      status: ['BUYABLE', 'DISCOVERABLE'],
      issues: [],
      ...overrides.amazon,
    },
    duplicate: overrides.duplicate ?? false,
    marketplaceConflict: overrides.marketplaceConflict ?? false,
  };
}
