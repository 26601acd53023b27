import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run-audit.js';
import { loadConfig, type AppConfig } from '../../src/config/load-config.js';
import type { JournalRecord } from '../../src/fix/journal-records.js';
import { readJournal } from '../../src/fix/read-journal.js';
import { resumeFix } from '../../src/fix/resume-fix.js';
import { runFix, type FixOptions } from '../../src/fix/run-fix.js';
import { runRollback } from '../../src/fix/run-rollback.js';
import { silentLogger } from '../../src/logger.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/start-sandbox.js';
import { AMAZON_SIDE_SIGNATURES } from '../fixtures/amazon-side-signatures.js';

let sandbox: Sandbox;
let config: AppConfig;
let folder: string;

beforeEach(async () => {
  sandbox = await startSandbox({ rateScale: 50 });
  folder = mkdtempSync(join(tmpdir(), 'mto-fix-demo-'));
  config = loadConfig({ configPath: sandbox.configFile, env: sandbox.env, cwd: folder });
});

afterEach(async () => {
  await sandbox.close();
});

function options(overrides: Partial<FixOptions> = {}): FixOptions {
  return {
    config,
    logger: silentLogger,
    source: 'search',
    via: 'auto',
    dryRun: false,
    verify: false,
    writeOdoo: false,
    journalPath: join(folder, `journal-${Math.random()}.jsonl`),
    ...overrides,
  };
}

function audit() {
  return runAudit({
    config,
    logger: silentLogger,
    source: 'search',
    mtoOnly: false,
    failOn: 'never',
  });
}

describe('fix on the demo catalog (in process)', () => {
  it("plans the catalog's fixable rows and blocks the others with their reason", async () => {
    const outcome = await runFix(options({ dryRun: true }));

    expect(outcome.state).toBe('dry-run');
    expect(
      outcome.plan.changes.map((c) => [c.sku, c.after.quantity, c.after.leadTimeDays]),
    ).toEqual([
      ['BELT-BLK', 999, 7],
      ['CARDHOLDER-RED', 5, 2],
      ['WALLET-BRN', 999, 14],
      ['SATCHEL-TAN', 16, 14],
      ['KEYRING-OAK', 999, 10],
      ['ORGANIZER-DESK', 200, 10],
      ['TOTE-XL', 999, 10],
    ]);
    expect(
      outcome.plan.blocked.map((b) => [b.sku, b.marketplaceId, b.reason.split(':')[0]]),
    ).toEqual([
      ['PORTEMONNAIE-ÉCRU', 'A1PA6795UKMFR9', 'READ_FAILED'],
      ['WATCHSTRAP-20', 'A2EUQ1WTGCTBG2', 'MARKETPLACE_CONFLICT'],
      ['PASSPORT-NAVY', 'ATVPDKIKX0DER', 'NOT_LISTED'],
    ]);
    expect(outcome.plan.changes.find((c) => c.sku === 'BELT-BLK')?.productType).toBe(
      'APPAREL_BELT',
    );
    expect(sandbox.spApi.stats.callsByOperation.patchListingsItem).toBeUndefined();
  });

  it('cures every Amazon-side finding of the unblocked rows and leaves blocked rows alone', async () => {
    const before = await audit();
    const outcome = await runFix(options());
    const after = await audit();

    expect(outcome.summary).toMatchObject({ changes: 7, applied: 7, blocked: 3, failed: 0 });
    expect(outcome.exit.code).toBe(0);
    const changed = new Set(outcome.plan.changes.map((c) => `${c.sku}@${c.marketplaceId}`));
    for (const row of after.report.rows) {
      const key = `${row.sku}@${row.marketplaceId}`;
      if (changed.has(key))
        expect(
          row.signatures.filter((c) => AMAZON_SIDE_SIGNATURES.includes(c)),
          key,
        ).toEqual([]);
    }
    for (const blocked of outcome.plan.blocked) {
      const find = (rows: typeof after.report.rows) =>
        rows.find((r) => r.sku === blocked.sku && r.marketplaceId === blocked.marketplaceId)
          ?.amazon;
      expect(find(after.report.rows)).toEqual(find(before.report.rows));
    }
    const writes = sandbox.spApi.stats.writesBySku;
    expect(Object.keys(writes).filter((k) => /PASSPORT|WATCHSTRAP|PORTEMONNAIE/.test(k))).toEqual(
      [],
    );
  });

  it('--write-odoo gives an MTO listing with quantity 0 its expected quantity in Odoo', async () => {
    const outcome = await runFix(
      options({ writeOdoo: true, signatures: new Set(['WRONG_SCHEMA']) }),
    );

    expect(outcome.plan.odoo).toEqual([
      expect.objectContaining({
        sku: 'BELT-BLK',
        model: 'marketplace.listing',
        recordId: 2,
        field: 'qty',
        after: 999,
      }),
    ]);
    expect(outcome.summary).toMatchObject({ applied: 2, failed: 0 });
    const belt = sandbox.odoo.records('marketplace.listing').find((r) => r.id === 2);
    expect(belt?.qty).toBe(999);
    const row = (await audit()).report.rows.find((r) => r.sku === 'BELT-BLK');
    expect(row?.signatures).toEqual(['OK']);
  });

  it('--write-odoo: a resumed run re-reads Odoo and writes nothing twice; rollback restores it', async () => {
    const signatures = new Set(['WRONG_SCHEMA'] as const);
    const killAtOdooResult = {
      beforeWrite: (records: readonly JournalRecord[]) => {
        if (records.some((r) => r.type === 'result' && r.id === 2)) throw new Error('killed');
      },
    };
    const first = options({ writeOdoo: true, signatures, hooks: killAtOdooResult });
    await expect(runFix(first)).rejects.toThrow('killed');
    expect(odooWrites()).toBe(1);

    const journal = await readJournal(first.journalPath);
    const resumed = await resumeFix({ ...options(), journal });
    expect(resumed.results).toEqual([
      expect.objectContaining({
        id: 2,
        status: 'applied',
        note: expect.stringMatching(/re-read/) as unknown,
      }),
    ]);
    expect(odooWrites()).toBe(1);

    const undone = await runRollback({
      ...options(),
      source: await readJournal(first.journalPath),
    });
    expect(undone.summary).toMatchObject({ changes: 2, applied: 2 });
    expect(listingQty(2)).toBe(0);
    expect(sandbox.spApi.listing('na', 'A1LEATHERCO', 'BELT-BLK')?.quantity).toBe(0);
  });
});

function odooWrites(): number {
  return sandbox.odoo.writes.filter((w) => w.model === 'marketplace.listing').length;
}

function listingQty(id: number): unknown {
  const value = sandbox.odoo.records('marketplace.listing').find((r) => r.id === id)?.qty;
  return value === false ? 0 : value;
}
