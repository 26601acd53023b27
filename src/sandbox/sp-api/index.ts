export {
  startFakeSpApi,
  type FakeSpApi,
  type FakeSpApiOptions,
  type FakeSpApiStats,
} from './server.js';
export {
  amazonCatalogSchema,
  parseAmazonCatalog,
  type AmazonCatalog,
  type ParsedAmazonCatalog,
} from './catalog-schema.js';
export type { Clock, Faults } from './types.js';
export type { ListingSnapshot, MarketplaceState } from './listing-store.js';
export { validateListingsFeed, isValidListingsFeed } from './feed-validation.js';
