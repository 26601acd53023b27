import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { silentLogger } from '../../src/logger.js';
import { createOdooClient } from '../../src/odoo/client.js';
import { readOdoo } from '../../src/odoo/read-odoo.js';
import { parseCatalog } from '../../src/sandbox/load-catalog.js';
import { startFakeOdoo } from '../../src/sandbox/odoo/index.js';
import { buildSyntheticCatalog } from '../../src/sandbox/synthetic-catalog.js';

const EMPTY_CONFIG = (() => {
  const dir = mkdtempSync(join(tmpdir(), 'mto-read-calls-'));
  const file = join(dir, 'empty.json');
  writeFileSync(file, '{}');
  return { dir, file };
})();

function configFor(url: string) {
  return loadConfig({
    configPath: EMPTY_CONFIG.file,
    cwd: EMPTY_CONFIG.dir,
    env: {
      ODOO_URL: url,
      ODOO_DB: 'synthetic',
      ODOO_USERNAME: 'admin',
      ODOO_PASSWORD: 'synthetic-password',
      AMAZON_SELLER_ID: 'A1SYNTHETIC',
      AMAZON_MARKETPLACE_IDS: 'ATVPDKIKX0DER',
      SP_API_REFRESH_TOKEN: 'Atzr|synthetic-refresh',
      SELLING_PARTNER_APP_CLIENT_ID: 'amzn1.application-oa2-client.synthetic',
      SELLING_PARTNER_APP_CLIENT_SECRET: 'synthetic-secret',
    },
  });
}

describe('readOdoo call count', () => {
  it.each([1, 1999, 2000, 2001, 5000])(
    'reads %i listings in at most ceil(N/1000)+10 calls',
    async (listings) => {
      const raw = buildSyntheticCatalog({
        listings,
        marketplaceIds: ['ATVPDKIKX0DER'],
        region: 'na',
      });
      const fake = await startFakeOdoo({ catalog: parseCatalog(raw, 'synthetic').odoo });
      const config = configFor(fake.url);
      const client = createOdooClient({ ...config.odoo, logger: silentLogger });
      try {
        const snapshot = await readOdoo(client, { config, logger: silentLogger });

        expect(snapshot.listings).toHaveLength(listings);
        expect(snapshot.products.size).toBe(listings);
        expect([...snapshot.products.values()].every((p) => p.mto)).toBe(true);
        expect(fake.stats.calls).toBe(client.callCount);
        expect(fake.stats.calls).toBeLessThanOrEqual(Math.ceil(listings / 1000) + 10);
        // One listing page per batch of 2000 (plus the empty page that ends an exact multiple).
        const pages = Math.floor(listings / config.odoo.batchSize) + 1;
        expect(fake.stats.byMethod['marketplace.listing.search_read']).toBe(pages);
      } finally {
        client.close();
        await fake.close();
      }
    },
  );
});
