import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createRegionClients } from '../../src/amazon/region-clients.js';
import { SpApiGateway } from '../../src/amazon/sp-api-gateway.js';
import { buildPatch } from '../../src/fix/fulfillment-patch.js';
import { readJournal } from '../../src/fix/read-journal.js';
import { runRollback } from '../../src/fix/run-rollback.js';
import { patchCall } from '../../src/fix/send-patch.js';
import type { ViaOption } from '../../src/fix/types.js';
import { silentLogger, type Logger } from '../../src/logger.js';
import {
  amazonChange,
  applyOptions,
  applyPlan,
  journalRecords,
  Killed,
  killWhen,
  planOf,
  SELLER,
  startApi,
  writesOf,
  type ListingSpec,
  type TestApi,
} from './fix-fixture.js';

let t: TestApi;
afterEach(async () => {
  await t.api.close();
});

const LISTINGS: ListingSpec[] = [
  { sku: 'WALLET', quantity: 0, leadTimeDays: 2, entryFields: { restock_date: '2026-01-01' } },
  {
    sku: 'NO-LEAD',
    quantity: 4,
    leadTimeDays: null,
    entryFields: { is_inventory_available: true },
  },
  { sku: 'TAGGED', quantity: 3, leadTimeDays: 5, marketplaceIdInEntry: true },
];

function fixPlan() {
  return planOf([
    amazonChange('WALLET', { quantity: 0, leadTimeDays: 2 }, { quantity: 999, leadTimeDays: 14 }),
    amazonChange(
      'NO-LEAD',
      { quantity: 4, leadTimeDays: null },
      { quantity: 999, leadTimeDays: 10 },
    ),
    amazonChange('TAGGED', { quantity: 3, leadTimeDays: 5 }, { quantity: 16, leadTimeDays: 14 }),
  ]);
}

/** The fake's state of every listing, without the update timestamps Amazon moves on any write. */
function state() {
  return LISTINGS.map(({ sku }) => {
    const listing = t.api.listing('na', SELLER, sku);
    const markets = Object.entries(listing?.marketplaces ?? {}).map(
      ([id, m]): [string, unknown] => [id, { ...m, lastUpdatedDate: undefined }],
    );
    return { ...listing, marketplaces: Object.fromEntries(markets) };
  });
}

async function rollback(path: string, via: ViaOption = 'patch', logger: Logger = silentLogger) {
  const source = await readJournal(path);
  return runRollback({ ...applyOptions(t), logger, via, source });
}

describe('rollback against the fake SP-API', () => {
  it.each<ViaOption>(['patch', 'feed'])(
    'restores every value exactly, an entry without lead time included (via %s)',
    async (via) => {
      t = await startApi(LISTINGS);
      const original = state();
      const fixed = await applyPlan(t, fixPlan());
      expect(state()).not.toEqual(original);

      const outcome = await rollback(fixed.journalPath ?? '', via);

      expect(outcome.summary).toMatchObject({ changes: 3, applied: 3, conflict: 0 });
      expect(state()).toEqual(original);
      expect(writesOf(t.api)).toEqual({ WALLET: 2, 'NO-LEAD': 2, TAGGED: 2 });
    },
  );

  it('writes its own journal, with before and after swapped and the replace it sent', async () => {
    t = await startApi(LISTINGS);
    const fixed = await applyPlan(t, fixPlan());

    const outcome = await rollback(fixed.journalPath ?? '');
    const records = journalRecords(outcome.journalPath ?? '');

    expect(outcome.journalPath).not.toBe(fixed.journalPath);
    expect(records[0]).toMatchObject({ kind: 'rollback', undoes: fixed.journalPath });
    expect(records.find((r) => r.type === 'change' && r.sku === 'NO-LEAD')).toMatchObject({
      before: { quantity: 999, leadTimeDays: 10 },
      after: { quantity: 4, leadTimeDays: null },
    });
    expect(records.find((r) => r.type === 'intent' && r.id === 2)).toMatchObject({
      value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 4, is_inventory_available: true }],
    });
  });

  it('leaves alone a value someone changed since the fix, and restores the rest', async () => {
    t = await startApi(LISTINGS);
    const fixed = await applyPlan(t, fixPlan());
    const gateway = new SpApiGateway({
      clients: createRegionClients(t.config, silentLogger),
      clock: t.clock,
    });
    const manual = amazonChange(
      'WALLET',
      { quantity: 999, leadTimeDays: 14 },
      { quantity: 40, leadTimeDays: 14 },
    );
    await gateway.request('na', patchCall(manual, buildPatch(manual.after), { sellerId: SELLER }));

    const outcome = await rollback(fixed.journalPath ?? '');

    expect(outcome.summary).toMatchObject({ applied: 2, conflict: 1 });
    expect(t.api.listing('na', SELLER, 'WALLET')?.quantity).toBe(40);
    expect(t.api.listing('na', SELLER, 'NO-LEAD')?.quantity).toBe(4);
    expect(outcome.exit.code).toBe(1);
  });

  it('rolls back only what the journal marks done, and warns about what is open', async () => {
    t = await startApi(LISTINGS);
    const plan = fixPlan();
    const refused = plan.changes[1];
    if (refused) refused.productType = 'SHOES';
    const hooks = { beforeWrite: killWhen((r) => r.type === 'result' && r.id === 3) };
    const options = applyOptions(t, { hooks, concurrency: 1 });
    await expect(applyPlan(t, plan, options)).rejects.toBeInstanceOf(Killed);
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (text: string) => warnings.push(text) };

    const outcome = await rollback(options.journalPath, 'patch', logger);

    expect(outcome.plan.changes.map((c) => c.sku)).toEqual(['WALLET']);
    expect(t.api.listing('na', SELLER, 'WALLET')?.quantity).toBe(0);
    expect(t.api.listing('na', SELLER, 'NO-LEAD')?.quantity).toBe(4);
    expect(t.api.listing('na', SELLER, 'TAGGED')?.quantity).toBe(16);
    expect(warnings).toEqual([
      expect.stringMatching(/^1 change\(s\) in .* are not finished.*--resume/),
    ]);
  });

  it('undoes a rollback too: its journal is a journal like any other', async () => {
    t = await startApi(LISTINGS);
    const fixed = await applyPlan(t, fixPlan());
    const afterFix = state();
    const undone = await rollback(fixed.journalPath ?? '');

    const redone = await rollback(undone.journalPath ?? '');

    expect(redone.summary.applied).toBe(3);
    expect(state()).toEqual(afterFix);
  });

  it('prints the plan on --dry-run and sends nothing, writing no journal', async () => {
    t = await startApi(LISTINGS);
    const fixed = await applyPlan(t, fixPlan());
    const calls = { ...t.api.stats.callsByOperation };
    const source = await readJournal(fixed.journalPath ?? '');
    const options = applyOptions(t, { dryRun: true });

    const outcome = await runRollback({ ...options, source });

    expect(outcome.state).toBe('dry-run');
    expect(outcome.plan.changes).toHaveLength(3);
    expect(t.api.stats.callsByOperation).toEqual(calls);
    expect(existsSync(options.journalPath)).toBe(false);
  });
});
