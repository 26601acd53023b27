import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/start-sandbox.js';
import { runCli } from './run-cli.js';

interface JsonRow {
  sku: string;
  marketplaceId: string;
  signatures: string[];
  severity: string;
  amazon: { found: boolean; quantity: number | null };
  expected: { quantity: number; leadTimeDays: number };
}

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});

afterAll(async () => {
  await sandbox.close();
});

function auditEnv(): Record<string, string> {
  return { ...sandbox.env };
}

describe('audit against the demo catalog', () => {
  it('finds exactly the signatures the catalog documents for every row', async () => {
    const result = await runCli(['audit', '--json', '--config', sandbox.configFile], {
      env: auditEnv(),
    });
    const report = JSON.parse(result.stdout) as { rows: JsonRow[]; summary: { rows: number } };

    const expected = sandbox.catalog.expectedRows;
    const seen = new Set<string>();
    for (const row of report.rows) {
      const key = `${row.sku}@${row.marketplaceId}`;
      expect(row.signatures, key).toEqual(expected[key]);
      seen.add(key);
    }
    expect([...seen].sort()).toEqual(Object.keys(expected).sort());
    expect(report.summary.rows).toBe(18);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/1 row could not be read/);
  });

  it('reads the same facts with --source get as with search', async () => {
    const args = ['audit', '--json', '--config', sandbox.configFile];
    const search = JSON.parse((await runCli(args, { env: auditEnv() })).stdout) as {
      rows: JsonRow[];
    };
    const get = JSON.parse(
      (await runCli([...args, '--source', 'get'], { env: auditEnv() })).stdout,
    ) as {
      rows: JsonRow[];
    };
    expect(get.rows.map((r) => [r.sku, r.marketplaceId, r.signatures])).toEqual(
      search.rows.map((r) => [r.sku, r.marketplaceId, r.signatures]),
    );
  });

  it('narrows rows with --sku, --marketplace (country code) and --mto-only', async () => {
    const result = await runCli(
      [
        'audit',
        '--json',
        '--config',
        sandbox.configFile,
        '--marketplace',
        'us',
        '--mto-only',
        '--sku',
        'CARDHOLDER-RED',
        '--sku',
        'WALLET-BRN',
        '--sku',
        'BAG/CHARM, GOLD',
      ],
      { env: auditEnv() },
    );
    const report = JSON.parse(result.stdout) as { rows: JsonRow[]; marketplaces: string[] };
    expect(report.rows.map((r) => `${r.sku}@${r.marketplaceId}`)).toEqual([
      'WALLET-BRN@ATVPDKIKX0DER',
      'BAG/CHARM, GOLD@ATVPDKIKX0DER',
    ]);
    expect(report.marketplaces).toEqual(['ATVPDKIKX0DER']);
    expect(result.code).toBe(1);
  });

  it('applies --fail-on: a critical row fails "critical", nothing fails "never"', async () => {
    const base = ['audit', '--config', sandbox.configFile, '--sku', 'WALLET-BRN', '--json'];
    expect((await runCli([...base, '--fail-on', 'critical'], { env: auditEnv() })).code).toBe(1);
    expect((await runCli([...base, '--fail-on', 'never'], { env: auditEnv() })).code).toBe(0);
    const okOnly = ['audit', '--config', sandbox.configFile, '--sku', 'BAG/CHARM, GOLD', '--json'];
    expect((await runCli(okOnly, { env: auditEnv() })).code).toBe(0);
  });

  it('writes the CSV export to a file and to stdout with -', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mto-csv-'));
    const file = join(dir, 'audit.csv');
    const toFile = await runCli(
      ['audit', '--config', sandbox.configFile, '--csv', file, '--no-color'],
      {
        env: auditEnv(),
      },
    );
    const csv = readFileSync(file, 'utf8');
    expect(csv.startsWith('\uFEFFsku,marketplace_id,marketplace,product,mto,')).toBe(true);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(19);
    expect(csv).toContain('PORTEMONNAIE-ÉCRU');
    expect(toFile.stdout).toContain('Signatures');

    const toStdout = await runCli(['audit', '--config', sandbox.configFile, '--csv', '-'], {
      env: auditEnv(),
    });
    expect(toStdout.stdout).toBe(csv);
  });

  it('prints no colour when NO_COLOR is set or output is not a terminal', async () => {
    const result = await runCli(['audit', '--config', sandbox.configFile], {
      env: { ...auditEnv(), NO_COLOR: '1' },
    });
    expect(result.stdout).toContain('WALLET-BRN');
    expect(result.stdout).not.toContain('\u001b[');
    expect(result.stderr).not.toContain('\u001b[');
  });
});
