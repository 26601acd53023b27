export * from '../src/audit/index.js';
export { MARKETPLACES } from '../src/config/marketplaces.js';
