import type { AppConfig } from '../config/load-config.js';
import { ConfigError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { OdooClient } from './client.js';
import { inspectListingModel } from './listing-schema.js';
import { findMtoRouteRef } from './mto-route.js';
import { readListings, type OdooListing } from './read-listings.js';
import { readProducts, type MtoDetection, type ProductFacts } from './read-products.js';
import { warehouseContext } from './warehouse.js';

export interface OdooSnapshot {
  listings: OdooListing[];
  products: Map<number, ProductFacts>;
  /** Null when the listing model has no quantity of its own (the wrong schema). */
  quantityField: string | null;
  mtoRouteId: number | null;
}

export interface ReadOdooOptions {
  config: AppConfig;
  logger: Logger;
}

/**
 * Everything the audit needs from Odoo, in a number of calls that grows with
 * N / batchSize: one page of listings and one of products per batch, plus a
 * fixed handful (login, schema, MTO route, categories, manufacturing).
 */
export async function readOdoo(
  client: OdooClient,
  options: ReadOdooOptions,
): Promise<OdooSnapshot> {
  const { config, logger } = options;
  const schema = await inspectListingModel(client, config.profile);
  assertListingModel(schema, config);

  const stockContext = await warehouseContext(client, config.odoo.warehouse);
  const listings = await readListings(client, {
    profile: config.profile,
    sellerId: config.amazon.sellerId,
    quantityField: schema.quantityField,
    listingFields: schema.fields,
    batchSize: config.odoo.batchSize,
    logger,
  });

  const mto = await detectMto(client, config, logger);
  const productIds = [...new Set(listings.map((listing) => listing.productId))].filter(
    (id): id is number => id !== null,
  );
  const products = await readProducts(client, {
    productIds,
    batchSize: config.odoo.batchSize,
    mto,
    capacityField: config.capacityField,
    stockContext,
  });
  const mtoRouteId = 'routeId' in mto ? mto.routeId : null;
  return { listings, products, quantityField: schema.quantityField, mtoRouteId };
}

function assertListingModel(
  schema: Awaited<ReturnType<typeof inspectListingModel>>,
  config: AppConfig,
): void {
  const { profile } = config;
  if (!schema.exists) {
    throw new ConfigError(
      `Odoo has no model ${profile.model} (profile ${profile.name}).`,
      'Install its connector, or choose another profile with MTO_AUDIT_PROFILE; `mto-audit doctor` checks this.',
    );
  }
  if (schema.missing.length > 0) {
    throw new ConfigError(
      `${profile.model} lacks the field(s) ${schema.missing.join(', ')} that profile ${profile.name} maps.`,
      'Fix "mapping" in the config file; `mto-audit doctor` checks this.',
    );
  }
}

async function detectMto(
  client: OdooClient,
  config: AppConfig,
  logger: Logger,
): Promise<MtoDetection> {
  if (config.mtoField) return { field: config.mtoField };

  const route = await findMtoRouteRef(client);
  if (!route)
    logger.warn('Odoo has no "Replenish on Order (MTO)" route: no product counts as MTO.');
  else if (route.via === 'warehouse-rule') {
    logger.debug("ir.model.data is not readable: MTO route taken from the warehouse's MTO rule.");
  }
  return { routeId: route?.id ?? null };
}
