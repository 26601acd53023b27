import { ConfigError } from '../errors.js';

/**
 * Where an Odoo schema keeps an Amazon listing. Paths are dotted many2one
 * chains ending in a plain field, e.g. `instance_id.marketplace_id.market_place_id`.
 */
export interface ListingProfile {
  name: string;
  model: string;
  skuField: string;
  productField: string;
  /** The listing's own quantity field; null when the schema has none (wrong schema). */
  quantityField: string | null;
  /** Dotted path to the Amazon marketplace ID; null when listings apply everywhere. */
  marketplacePath: string | null;
  /** Dotted path to the Amazon seller ID, used as a search filter. */
  sellerPath: string | null;
  channel: { field: string; value: string } | null;
  /** Relations of intermediate path hops ("model.field" -> model) known in advance. */
  relations?: Readonly<Record<string, string>>;
}

export const BUILT_IN_PROFILES: Readonly<Record<string, ListingProfile>> = {
  'marketplace-listing': {
    name: 'marketplace-listing',
    model: 'marketplace.listing',
    skuField: 'amazon_sku',
    productField: 'product_id',
    quantityField: 'qty',
    marketplacePath: 'marketplace_id',
    sellerPath: 'seller_id',
    channel: { field: 'channel', value: 'amazon' },
  },
  'sale-amazon': {
    name: 'sale-amazon',
    model: 'amazon.offer',
    skuField: 'sku',
    productField: 'product_id',
    quantityField: null,
    marketplacePath: 'marketplace_id.api_ref',
    sellerPath: 'account_id.seller_key',
    channel: null,
  },
  'amazon-ept': {
    name: 'amazon-ept',
    model: 'amazon.product.ept',
    skuField: 'seller_sku',
    productField: 'product_id',
    quantityField: null,
    marketplacePath: 'instance_id.marketplace_id.market_place_id',
    sellerPath: 'instance_id.seller_id.merchant_id',
    channel: null,
    relations: { 'amazon.instance.ept.marketplace_id': 'amazon.marketplace.ept' },
  },
};

export const PROFILE_NAMES = Object.keys(BUILT_IN_PROFILES);

export interface ProfileMapping {
  model: string;
  sku: string;
  product: string;
  quantity?: string | null | undefined;
  marketplace?: string | null | undefined;
  seller?: string | null | undefined;
  channel?: { field: string; value: string } | null | undefined;
}

export function resolveProfile(
  name: string,
  mapping: ProfileMapping | undefined,
  source: string,
): ListingProfile {
  const builtIn = BUILT_IN_PROFILES[name];
  if (builtIn) return builtIn;

  if (!mapping) {
    throw new ConfigError(
      `${source}: unknown profile "${name}"; expected one of ${PROFILE_NAMES.join(', ')}.`,
      'Pick one of those, or describe your schema under "mapping" in the config file.',
    );
  }
  return profileFromMapping(name, mapping);
}

function profileFromMapping(name: string, mapping: ProfileMapping): ListingProfile {
  return {
    name,
    model: mapping.model,
    skuField: mapping.sku,
    productField: mapping.product,
    quantityField: mapping.quantity ?? null,
    marketplacePath: mapping.marketplace ?? null,
    sellerPath: mapping.seller ?? null,
    channel: mapping.channel ?? null,
  };
}
