export {
  startFakeOdoo,
  type FakeOdoo,
  type FakeOdooOptions,
  type FakeOdooStats,
} from './fake-odoo-server.js';
export {
  odooCatalogSchema,
  parseOdooCatalog,
  type OdooCatalog,
  type OdooCatalogInput,
  type OdooUser,
} from './catalog-schema.js';
export type { WriteLogEntry } from './odoo-store.js';
