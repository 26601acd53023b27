/**
 * Renders a synthetic 100,000-row audit as table, CSV and JSON and prints the time each takes
 * and the process's peak RSS. Run: npx tsx bench/report-render.ts [rows]
 */
import { SIGNATURE_CODES } from '../src/audit/types.js';
import type { AuditReport, AuditRow, Severity } from '../src/audit/types.js';
import { renderCsv, renderJson, renderTable } from '../src/report/index.js';

const SEVERITY_CYCLE: Severity[] = ['critical', 'error', 'warning', 'ok'];
const PRODUCTS = ['Leather wallet', 'Sac à main cuir', '革財布 ブラウン', 'Gürtel, schwarz'];

function buildRow(index: number): AuditRow {
  const mto = index % 3 !== 0;
  return {
    sku: `SKU-${String(index).padStart(6, '0')}`,
    marketplaceId: 'ATVPDKIKX0DER',
    marketplace: 'US',
    productId: index,
    product: `${PRODUCTS[index % PRODUCTS.length]} ${index}`,
    mto,
    capacityBounded: index % 7 === 0,
    odoo: {
      freeQty: mto ? 0 : index % 50,
      qtyAvailable: mto ? 0 : index % 60,
      listingQty: index % 5 === 0 ? null : 999,
      saleDelay: 14,
      weeklyCapacity: index % 7 === 0 ? 12 : null,
      inProduction: index % 4,
    },
    amazon: {
      found: index % 11 !== 0,
      quantity: index % 11 === 0 ? null : index % 40,
      leadTimeDays: index % 11 === 0 ? null : 2,
      status: ['DISCOVERABLE'],
      issues: [],
    },
    expected: { quantity: mto ? 999 : index % 50, leadTimeDays: 14 },
    signatures: [SIGNATURE_CODES[index % 9]!, 'LEAD_TIME_MISMATCH'],
    severity: SEVERITY_CYCLE[index % 4]!,
    remedy: 'Send the listing quantity, not free_qty; send sale_delay as lead time.',
  };
}

function buildReport(count: number): AuditReport {
  const rows = Array.from({ length: count }, (_, index) => buildRow(index));
  return {
    generatedAt: '2026-12-03T12:00:00Z',
    sellerId: 'A1SELLER',
    marketplaces: ['ATVPDKIKX0DER'],
    summary: { rows: count, bySignature: { LEAD_TIME_MISMATCH: count }, bySeverity: {} },
    rows,
  };
}

interface Figure {
  wall: number;
  cpu: number;
}

/** Renders `repeat` times; the first run is the cold figure a one-shot CLI sees. */
function time(label: string, render: () => string, repeat: number): Figure {
  const runs: Figure[] = [];
  let length = 0;
  for (let run = 0; run < repeat; run++) {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    length = render().length;
    const cpu = process.cpuUsage(cpuBefore);
    runs.push({ wall: performance.now() - started, cpu: (cpu.user + cpu.system) / 1000 });
  }
  const cold = runs[0] ?? { wall: 0, cpu: 0 };
  const best = Math.min(...runs.map((figure) => figure.wall));
  console.log(
    `${label.padEnd(14)} cold ${format(cold.wall)} ms wall ${format(cold.cpu)} ms cpu, ` +
      `best of ${repeat} ${format(best)} ms wall, ${length} chars`,
  );
  return cold;
}

function format(ms: number): string {
  return ms.toFixed(0).padStart(5);
}

const count = Number(process.argv[2] ?? 100_000);
const which = (process.argv[3] ?? 'table,plain,csv,json').split(',');
const repeat = Number(process.argv[4] ?? 3);
const report = buildReport(count);
console.log(`${count} rows, node ${process.version}, ${which.join(' ')}`);

const options = { exitReason: 'Exit 1: findings at or above error.', columns: 160 };
const renders: Record<string, [string, () => string]> = {
  table: ['table (color)', () => renderTable(report, { ...options, color: true })],
  plain: ['table (plain)', () => renderTable(report, { ...options, color: false })],
  csv: ['csv', () => renderCsv(report.rows)],
  json: ['json', () => renderJson(report)],
};
for (const name of which) {
  const [label, render] = renders[name] ?? ['unknown', () => ''];
  time(label, render, repeat);
}
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
