// Classifies and renders N audit rows (table and CSV) in one cold process, as `audit` does after
// reading, and prints the time of each step and the peak memory.
// Usage: node bench/render-rows.js [N]
import { classifyRows } from '../dist/audit/classify.js';
import { sortRows } from '../dist/audit/sort-rows.js';
import { summariseRows } from '../dist/audit/summarise-rows.js';
import { DEFAULT_POLICY } from '../dist/audit/types.js';
import { MARKETPLACES } from '../dist/config/marketplaces.js';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCsv } from '../dist/report/csv.js';
import { renderTable } from '../dist/report/table.js';

const N = Number(process.argv[2] ?? 100_000);
const PRODUCTS = ['Leather wallet', 'Sac à main en cuir', '革財布 ブラウン', 'Gürtel, schwarz'];

/** A mix a real shop could have: most rows healthy, every signature present somewhere. */
function makeFacts(i) {
  const marketplace = MARKETPLACES[i % 3];
  const found = i % 50 !== 0;
  const healthy = i % 3 === 0;
  return {
    listingId: i,
    sku: `SKU-${String(Math.floor(i / 3)).padStart(6, '0')}`,
    marketplaceId: marketplace.id,
    marketplace: marketplace.country,
    productId: i,
    product: `${PRODUCTS[i % PRODUCTS.length]} ${i}`,
    mto: i % 4 !== 0,
    odoo: {
      freeQty: (i % 13) - 2.5,
      qtyAvailable: i % 13,
      listingQty: healthy ? 999 : i % 5 === 0 ? null : (i % 7) * 100,
      saleDelay: healthy ? 14 : i % 40,
      weeklyCapacity: i % 9 === 0 && !healthy ? 12 : null,
      inProduction: i % 11,
    },
    amazon: {
      found,
      quantity: found ? (healthy ? 999 : (i * 37) % 1200) : null,
      leadTimeDays: found ? (healthy ? 14 : i % 32) : null,
      status: i % 17 === 0 ? ['DISCOVERABLE'] : ['BUYABLE', 'DISCOVERABLE'],
      issues: [],
      readError: i % 997 === 0 ? 'HTTP 503 ServiceUnavailable' : null,
    },
    duplicate: i % 1000 === 0,
    marketplaceConflict: false,
  };
}

const facts = Array.from({ length: N }, (_, i) => makeFacts(i));
const baseline = process.memoryUsage().rss;
const times = {};
const time = (name, run) => {
  const started = performance.now();
  const result = run();
  times[name] = Math.round(performance.now() - started);
  if (process.env.BENCH_MEMORY)
    console.error(name, Math.round(process.memoryUsage().rss / 2 ** 20), 'MB');
  return result;
};

const rows = time('classify', () =>
  classifyRows(facts, DEFAULT_POLICY, { profile: 'marketplace-listing', nowMs: Date.now() }),
);
const sorted = time('sort', () => sortRows(rows));
const summary = time('summarise', () => summariseRows(sorted));
const report = { generatedAt: '', sellerId: 'A1', marketplaces: [], summary, rows: sorted };
const tableBytes = time(
  'table',
  () => renderTable(report, { color: false, exitReason: 'x' }).length,
);

// As `audit --csv FILE` does: streamed to a file, never held whole in memory.
const folder = mkdtempSync(join(tmpdir(), 'mto-bench-'));
const csvFile = join(folder, 'audit.csv');
const started = performance.now();
const stream = createWriteStream(csvFile);
await writeCsv(sorted, stream);
await new Promise((resolve, reject) => stream.end((error) => (error ? reject(error) : resolve())));
times.csv = Math.round(performance.now() - started);
const csvBytes = statSync(csvFile).size;
rmSync(folder, { recursive: true });

const total = Object.values(times).reduce((sum, ms) => sum + ms, 0);
console.log(
  JSON.stringify({
    rows: N,
    ms: times,
    totalMs: total,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    inputRssMb: Math.round(baseline / 2 ** 20),
    tableMb: Math.round(tableBytes / 2 ** 20),
    csvMb: Math.round(csvBytes / 2 ** 20),
  }),
);
