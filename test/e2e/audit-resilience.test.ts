import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCatalog, loadCatalog } from '../../src/sandbox/load-catalog.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/start-sandbox.js';
import { buildSyntheticCatalog } from '../../src/sandbox/synthetic-catalog.js';
import { runCli } from './run-cli.js';

interface JsonRow {
  sku: string;
  marketplaceId: string;
  signatures: string[];
  amazon: { found: boolean };
}

let sandbox: Sandbox | undefined;

afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

function syntheticCatalog(listings: number) {
  const raw = buildSyntheticCatalog({
    listings,
    marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'],
    region: 'na',
  });
  return parseCatalog(raw, `synthetic ${listings}`);
}

async function auditJson(args: string[] = []) {
  const env = (sandbox as Sandbox).env;
  const result = await runCli(['audit', '--json', ...args], { env, timeoutMs: 120_000 });
  return { result, rows: (JSON.parse(result.stdout || '{"rows":[]}') as { rows: JsonRow[] }).rows };
}

describe('audit under injected faults', () => {
  it('still reads every row through 5xx, dropped connections and expiring tokens', async () => {
    sandbox = await startSandbox({
      catalog: syntheticCatalog(150),
      rateScale: 40,
      faults: { error5xxRate: 0.1, dropRate: 0.05, tokenTtlCalls: 50 },
    });
    const { result, rows } = await auditJson(['--source', 'get']);

    expect(rows).toHaveLength(300);
    expect(rows.every((row) => row.signatures.join() === 'OK')).toBe(true);
    expect(result.code).toBe(0);
    const stats = sandbox.spApi.stats;
    expect(stats.injected5xx).toBeGreaterThan(10);
    expect(stats.dropped).toBeGreaterThan(5);
    expect(stats.callsByOperation.lwaToken).toBeGreaterThan(300 / 50);
  });

  it('reads every row with searchListingsItems under the same faults', async () => {
    sandbox = await startSandbox({
      catalog: syntheticCatalog(400),
      rateScale: 40,
      faults: { error5xxRate: 0.1, dropRate: 0.05, tokenTtlCalls: 50 },
    });
    const { result, rows } = await auditJson();
    expect(rows.filter((row) => row.signatures.join() === 'OK')).toHaveLength(800);
    expect(sandbox.spApi.stats.callsByOperation.searchListingsItems).toBeGreaterThanOrEqual(40);
    expect(result.code).toBe(0);
  });

  it('exits 3 with a clear message when Amazon is down, and marks every row READ_FAILED', async () => {
    sandbox = await startSandbox({ catalog: syntheticCatalog(30), faults: { down: true } });
    const { result, rows } = await auditJson();
    expect(result.code).toBe(3);
    expect(rows).toHaveLength(60);
    expect(rows.every((row) => row.signatures.includes('READ_FAILED'))).toBe(true);
    expect(result.stderr).toMatch(/60 rows could not be read/);
    expect(result.stderr).toMatch(/503/);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('exits 3 naming the LWA endpoint when nothing listens at SP_API_ENDPOINT', async () => {
    sandbox = await startSandbox({ catalog: syntheticCatalog(5) });
    const env = { ...sandbox.env, SP_API_ENDPOINT: 'http://127.0.0.1:9' };
    const result = await runCli(['audit'], { env });
    expect(result.code).toBe(3);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^error: the LWA token endpoint: connection refused/);
  });
});

describe('audit of bad Odoo data', () => {
  const file = new URL('../../fixtures/bad-odoo-data.json', import.meta.url).pathname;
  const catalog = loadCatalog(file);
  const documented = JSON.parse(readFileSync(file, 'utf8')) as {
    expected: { amazonEpt: Record<string, string[]> };
  };

  function signaturesByRow(rows: JsonRow[]) {
    return Object.fromEntries(rows.map((r) => [`${r.sku}@${r.marketplaceId}`, r.signatures]));
  }

  it('classifies negative and fractional stock, False numbers and odd SKUs as the contract says', async () => {
    sandbox = await startSandbox({ catalog });
    const { result, rows } = await auditJson();
    expect(signaturesByRow(rows)).toEqual(catalog.expectedRows);
    expect(result.stderr).toMatch(/marketplace\.listing 6 has no SKU; it is left out/);
  });

  it('reads amazon-ept listings, one without a product, through two many2one hops', async () => {
    sandbox = await startSandbox({ catalog });
    const env = { ...sandbox.env, MTO_AUDIT_PROFILE: 'amazon-ept' };
    const result = await runCli(['audit', '--json'], { env });
    const rows = (JSON.parse(result.stdout) as { rows: (JsonRow & { productId: number | null })[] })
      .rows;
    expect(signaturesByRow(rows)).toEqual(documented.expected.amazonEpt);
    expect(rows.find((r) => r.sku === 'EPT-NO-PRODUCT')?.productId).toBeNull();
  });
});
