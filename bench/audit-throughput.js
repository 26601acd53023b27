// Reads N synthetic MTO listings in two marketplaces from the sandbox, as `audit` does, and
// prints Odoo calls, SP-API calls per operation, 429s and throughput against the announced rate.
// Usage: node bench/audit-throughput.js [N] [rateScale] [search|get]
import { readAmazon } from '../dist/amazon/read-amazon.js';
import { createRegionClients } from '../dist/amazon/region-clients.js';
import { SpApiGateway } from '../dist/amazon/sp-api-gateway.js';
import { planRows } from '../dist/audit/build-row-facts.js';
import { loadConfig } from '../dist/config/load-config.js';
import { silentLogger } from '../dist/logger.js';
import { createOdooClient } from '../dist/odoo/client.js';
import { readOdoo } from '../dist/odoo/read-odoo.js';
import { parseCatalog } from '../dist/sandbox/load-catalog.js';
import { startSandbox } from '../dist/sandbox/start-sandbox.js';
import { buildSyntheticCatalog } from '../dist/sandbox/synthetic-catalog.js';

const N = Number(process.argv[2] ?? 10_000);
const RATE_SCALE = Number(process.argv[3] ?? 40);
const SOURCE = process.argv[4] ?? 'search';
const MARKETPLACES = ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'];
const PUBLISHED = { search: 5, get: 5 };

const raw = buildSyntheticCatalog({ listings: N, marketplaceIds: MARKETPLACES, region: 'na' });
const sandbox = await startSandbox({
  catalog: parseCatalog(raw, 'synthetic'),
  rateScale: RATE_SCALE,
});
try {
  const config = loadConfig({ env: sandbox.env, cwd: process.cwd() });
  const odooStarted = performance.now();
  const odoo = createOdooClient({ ...config.odoo, logger: silentLogger });
  const snapshot = await readOdoo(odoo, { config, logger: silentLogger });
  odoo.close();
  const odooSeconds = (performance.now() - odooStarted) / 1000;

  const planned = planRows(snapshot, { marketplaces: config.amazon.marketplaces, mtoOnly: false });
  const gateway = new SpApiGateway({ clients: createRegionClients(config, silentLogger) });
  await gateway.client('na').ensureToken();
  const started = performance.now();
  const facts = await readAmazon({
    gateway,
    sellerId: config.amazon.sellerId,
    targets: planned.map((row) => ({ sku: row.listing.sku, marketplace: row.marketplace })),
    source: SOURCE,
  });
  const seconds = (performance.now() - started) / 1000;

  const operation = SOURCE === 'search' ? 'searchListingsItems' : 'getListingsItem';
  const calls = sandbox.spApi.stats.callsByOperation[operation] ?? 0;
  const ceiling = PUBLISHED[SOURCE] * RATE_SCALE;
  const unread = [...facts.values()].filter((f) => f.readError).length;
  console.log(
    JSON.stringify({
      source: SOURCE,
      listings: N,
      rows: planned.length,
      odooCalls: sandbox.odoo.stats.calls,
      odooCallBound: Math.ceil(N / 1000) + 10,
      odooSeconds: round(odooSeconds),
      spApiCalls: sandbox.spApi.stats.callsByOperation,
      expectedCalls: SOURCE === 'search' ? Math.ceil(N / 20) * MARKETPLACES.length : planned.length,
      throttled429: sandbox.spApi.stats.throttled,
      amazonSeconds: round(seconds),
      callsPerSecond: round(calls / seconds),
      announcedRate: ceiling,
      throughputFraction: round(calls / seconds / ceiling),
      unreadRows: unread,
    }),
  );
} finally {
  await sandbox.close();
}

function round(value) {
  return Math.round(value * 1000) / 1000;
}
