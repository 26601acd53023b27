import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createRegionClients } from '../../src/amazon/region-clients.js';
import { SpApiGateway } from '../../src/amazon/sp-api-gateway.js';
import { silentLogger } from '../../src/logger.js';
import { buildPatch } from '../../src/fix/fulfillment-patch.js';
import { readSubmission } from '../../src/fix/read-submission.js';
import { patchCall } from '../../src/fix/send-patch.js';
import {
  amazonChange,
  applyPlan,
  entryOf,
  journalRecords,
  planOf,
  SECRETS,
  SELLER,
  startApi,
  writesOf,
  type TestApi,
} from './fix-fixture.js';

let t: TestApi;
afterEach(async () => {
  await t.api.close();
});

describe('fix --via patch against the fake SP-API', () => {
  it('merges each DEFAULT entry once, keeping its other fields', async () => {
    t = await startApi([
      { sku: 'WALLET', quantity: 0, leadTimeDays: 2, entryFields: { restock_date: '2026-01-01' } },
      { sku: 'BELT', quantity: 7, leadTimeDays: null },
      { sku: 'TAGGED', quantity: 3, leadTimeDays: 5, marketplaceIdInEntry: true },
    ]);
    const plan = planOf([
      amazonChange('WALLET', { quantity: 0, leadTimeDays: 2 }, { quantity: 999, leadTimeDays: 14 }),
      amazonChange(
        'BELT',
        { quantity: 7, leadTimeDays: null },
        { quantity: 999, leadTimeDays: 10 },
      ),
      amazonChange('TAGGED', { quantity: 3, leadTimeDays: 5 }, { quantity: 16, leadTimeDays: 14 }),
    ]);

    const outcome = await applyPlan(t, plan);

    expect(outcome.summary).toMatchObject({ changes: 3, applied: 3, failed: 0, invalid: 0 });
    expect(outcome.exit.code).toBe(0);
    expect(writesOf(t.api)).toEqual({ WALLET: 1, BELT: 1, TAGGED: 1 });
    expect(entryOf(t.api, 'WALLET')).toEqual({
      quantity: 999,
      leadTimeDays: 14,
      entryFields: { restock_date: '2026-01-01' },
    });
    expect(entryOf(t.api, 'BELT')).toMatchObject({ quantity: 999, leadTimeDays: 10 });
    expect(entryOf(t.api, 'TAGGED')).toMatchObject({ quantity: 16, leadTimeDays: 14 });
    expect(t.api.stats.callsByOperation.patchListingsItem).toBe(3);
  });

  it('journals an intent before each write and its result after, and no secret', async () => {
    t = await startApi([{ sku: 'WALLET', quantity: 0 }]);
    const plan = planOf([
      amazonChange('WALLET', { quantity: 0, leadTimeDays: 2 }, { quantity: 999, leadTimeDays: 14 }),
    ]);

    const outcome = await applyPlan(t, plan);
    const records = journalRecords(outcome.journalPath ?? '');

    expect(records.map((r) => r.type)).toEqual(['header', 'change', 'intent', 'result', 'end']);
    expect(records[0]).toMatchObject({
      format: 'mto-audit-journal',
      kind: 'fix',
      sellerId: SELLER,
    });
    expect(records[2]).toMatchObject({
      id: 1,
      via: 'patch',
      before: { quantity: 0, leadTimeDays: 2 },
      after: { quantity: 999, leadTimeDays: 14 },
    });
    expect(records[3]).toMatchObject({
      id: 1,
      status: 'applied',
      submissionId: expect.any(String) as unknown,
    });
    const text = readFileSync(outcome.journalPath ?? '', 'utf8');
    for (const secret of [SECRETS.refreshToken, SECRETS.clientSecret, 'Atza|']) {
      expect(text).not.toContain(secret);
    }
  });

  it("records INVALID with Amazon's issues and does not retry it", async () => {
    t = await startApi([
      { sku: 'WALLET', quantity: 0 },
      { sku: 'OK', quantity: 0 },
    ]);
    const plan = planOf([
      amazonChange(
        'WALLET',
        { quantity: 0, leadTimeDays: 2 },
        { quantity: 999, leadTimeDays: 14 },
        { productType: 'SHOES' },
      ),
      amazonChange('OK', { quantity: 0, leadTimeDays: 2 }, { quantity: 999, leadTimeDays: 14 }),
    ]);

    const outcome = await applyPlan(t, plan);
    const result = journalRecords(outcome.journalPath ?? '').find(
      (r) => r.type === 'result' && r.id === 1,
    );

    expect(result).toMatchObject({
      status: 'invalid',
      issues: [
        {
          code: '4000003',
          severity: 'ERROR',
          message: expect.stringMatching(/product type 'SHOES'/) as unknown,
        },
      ],
    });
    expect(t.api.stats.callsByOperation.patchListingsItem).toBe(2);
    expect(writesOf(t.api)).toEqual({ OK: 1 });
    expect(outcome.summary).toMatchObject({ applied: 1, invalid: 1 });
    expect(outcome.exit).toMatchObject({
      code: 1,
      reason: expect.stringMatching(/1 refused by Amazon/) as unknown,
    });
  });

  it('retries 429 and 5xx through the gateway, and still writes each change once', async () => {
    t = await startApi(
      Array.from({ length: 12 }, (_, i) => ({ sku: `S${i}`, quantity: 1 })),
      { seed: 7 },
    );
    t.api.setFaults({ error5xxRate: 0.4 });
    const plan = planOf(
      Array.from({ length: 12 }, (_, i) =>
        amazonChange(`S${i}`, { quantity: 1, leadTimeDays: 2 }, { quantity: 50, leadTimeDays: 9 }),
      ),
    );

    const outcome = await applyPlan(t, plan);

    expect(t.api.stats.injected5xx).toBeGreaterThan(0);
    expect(outcome.summary.applied).toBe(12);
    expect(Object.values(writesOf(t.api))).toEqual(Array(12).fill(1));
  });
});

describe('the fake SP-API catches a regression in the entry', () => {
  async function send(entryExtra: Record<string, unknown>, drop?: string) {
    const gateway = new SpApiGateway({
      clients: createRegionClients(t.config, silentLogger),
      clock: t.clock,
    });
    const change = amazonChange(
      'WALLET',
      { quantity: 0, leadTimeDays: 2 },
      { quantity: 999, leadTimeDays: 14 },
    );
    const patch = buildPatch(change.after);
    const entry: Record<string, unknown> = { ...patch.value[0], ...entryExtra };
    if (drop) delete entry[drop];
    const answer = await gateway.request(
      'na',
      patchCall(change, { ...patch, value: [entry] }, { sellerId: SELLER }),
    );
    return readSubmission(change.id, answer);
  }

  it('the entry a fix builds carries no marketplace_id and is accepted', async () => {
    t = await startApi([{ sku: 'WALLET', quantity: 0 }]);
    expect(buildPatch({ quantity: 1, leadTimeDays: 1 }).value[0]).not.toHaveProperty(
      'marketplace_id',
    );
    expect((await send({})).status).toBe('applied');
  });

  it('a patch that carries marketplace_id comes back INVALID', async () => {
    t = await startApi([{ sku: 'WALLET', quantity: 0 }]);
    const result = await send({ marketplace_id: 'ATVPDKIKX0DER' });
    expect(result.status).toBe('invalid');
    expect(result.issues?.[0]?.message).toMatch(/'marketplace_id' is not an allowed field/);
    expect(writesOf(t.api)).toEqual({});
  });

  it('a patch without fulfillment_channel_code comes back INVALID', async () => {
    t = await startApi([{ sku: 'WALLET', quantity: 0 }]);
    const result = await send({}, 'fulfillment_channel_code');
    expect(result.status).toBe('invalid');
    expect(result.issues?.[0]?.message).toMatch(/fulfillment_channel_code' is required/);
  });
});
