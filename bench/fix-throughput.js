// Sends N changes in one marketplace through `fix`'s writer against the sandbox and prints the
// SP-API calls per operation, 429s, and patch throughput against the announced ceiling.
// Usage (after npm run build): node bench/fix-throughput.js [N] [rateScale] [patch|feed]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../dist/config/load-config.js';
import { carryOutPlan } from '../dist/fix/carry-out-plan.js';
import { silentLogger } from '../dist/logger.js';
import { parseCatalog } from '../dist/sandbox/load-catalog.js';
import { startSandbox } from '../dist/sandbox/start-sandbox.js';
import { buildSyntheticCatalog } from '../dist/sandbox/synthetic-catalog.js';

const N = Number(process.argv[2] ?? 1_000);
const RATE_SCALE = Number(process.argv[3] ?? 40);
const VIA = process.argv[4] ?? 'patch';
const US = 'ATVPDKIKX0DER';
const PUBLISHED_PATCH_RATE = 5;

const raw = buildSyntheticCatalog({
  listings: N,
  marketplaceIds: [US],
  region: 'na',
  amazonQuantity: 0,
});
const catalog = parseCatalog(raw, 'synthetic');
const sandbox = await startSandbox({ catalog, rateScale: RATE_SCALE });
const folder = mkdtempSync(join(tmpdir(), 'mto-fix-bench-'));
try {
  const config = loadConfig({ env: sandbox.env, cwd: folder });
  const changes = catalog.amazon.amazon.listings.map((listing, index) => ({
    id: index + 1,
    target: 'amazon',
    sku: listing.sku,
    marketplaceId: US,
    productType: listing.productType,
    before: { quantity: 0, leadTimeDays: 10 },
    after: { quantity: 999, leadTimeDays: 10 },
  }));
  const started = performance.now();
  const outcome = await carryOutPlan(
    { changes, odoo: [], blocked: [] },
    { command: 'fix', recheck: false, nothingReason: '' },
    {
      config,
      logger: silentLogger,
      via: VIA,
      dryRun: false,
      verify: false,
      journalPath: join(folder, 'journal.jsonl'),
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const ceiling = PUBLISHED_PATCH_RATE * RATE_SCALE;
  console.log(
    JSON.stringify({
      changes: N,
      via: VIA,
      seconds: Number(seconds.toFixed(2)),
      applied: outcome.summary.applied,
      failed: outcome.summary.failed,
      spApiCalls: outcome.stats?.calls ?? {},
      throttled429: outcome.stats?.throttled ?? 0,
      retried: outcome.stats?.retried ?? 0,
      announcedPatchRate: ceiling,
      throughputFraction: Number((N / seconds / ceiling).toFixed(3)),
      writesApplied: Object.values(sandbox.spApi.stats.writesBySku).reduce((a, b) => a + b, 0),
    }),
  );
} finally {
  await sandbox.close();
  rmSync(folder, { recursive: true, force: true });
}
