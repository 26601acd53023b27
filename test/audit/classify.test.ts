import { describe, expect, it } from 'vitest';
import { classifyRow, classifyRows } from '../../src/audit/classify.js';
import { DEFAULT_POLICY, type RowFacts } from '../../src/audit/types.js';
import { contractRow } from '../fixtures/contract-example.js';
import { makeFacts } from './make-facts.js';

const CONTEXT = { profile: 'marketplace-listing' };

function contractFacts(): RowFacts {
  return {
    sku: 'WALLET-BRN',
    marketplaceId: 'ATVPDKIKX0DER',
    marketplace: 'US',
    productId: 42,
    product: 'Leather wallet',
    mto: true,
    odoo: {
      freeQty: 0,
      qtyAvailable: 0,
      listingQty: 999,
      saleDelay: 14,
      weeklyCapacity: null,
      inProduction: 0,
    },
    amazon: { found: true, quantity: 0, leadTimeDays: 2, status: ['DISCOVERABLE'], issues: [] },
    duplicate: false,
    marketplaceConflict: false,
  };
}

describe('classifyRow', () => {
  it('classifies the contract example row exactly as the contract prints it', () => {
    const { remedy, ...row } = classifyRow(contractFacts(), DEFAULT_POLICY, CONTEXT);

    expect(row).toEqual(contractRow());
    expect(remedy).toContain('Then run mto-audit fix to push quantity 999 and lead time 14 days');
  });

  it('marks capacity-bounded MTO rows and keeps EL above 30 in the output', () => {
    const facts = makeFacts({
      odoo: { weeklyCapacity: 7, saleDelay: 45, inProduction: 5, listingQty: 10 },
      amazon: { quantity: 40, leadTimeDays: 30 },
    });
    const row = classifyRow(facts, DEFAULT_POLICY, CONTEXT);

    expect(row.capacityBounded).toBe(true);
    expect(row.expected).toEqual({ quantity: 40, leadTimeDays: 45 });
    expect(row.signatures).toEqual(['LEAD_TIME_OVER_LIMIT']);
    expect(row.severity).toBe('warning');
  });

  it('does not call a stocked product with a capacity field capacity-bounded', () => {
    const facts = makeFacts({ mto: false, odoo: { weeklyCapacity: 7, listingQty: null } });
    expect(classifyRow(facts, DEFAULT_POLICY, CONTEXT).capacityBounded).toBe(false);
  });

  it('prints null Amazon values for a row that is not listed or not read', () => {
    const notListed = makeFacts({ amazon: { found: false, quantity: 5, leadTimeDays: 3 } });
    const unread = makeFacts({ amazon: { quantity: 5, leadTimeDays: 3, readError: 'timeout' } });

    for (const facts of [notListed, unread]) {
      const row = classifyRow(facts, DEFAULT_POLICY, CONTEXT);
      expect(row.amazon.quantity).toBeNull();
      expect(row.amazon.leadTimeDays).toBeNull();
    }
  });

  it('is an ok row with an ok remedy when nothing is wrong', () => {
    const row = classifyRow(makeFacts(), DEFAULT_POLICY, CONTEXT);
    expect(row.signatures).toEqual(['OK']);
    expect(row.severity).toBe('ok');
    expect(row.remedy).toBe('No action needed.');
  });
});

describe('classifyRows', () => {
  it('flags marketplaces of one region whose expected quantities differ', () => {
    const us = makeFacts({ odoo: { listingQty: 999 } });
    const ca = makeFacts({
      marketplaceId: 'A2EUQ1WTGCTBG2',
      marketplace: 'CA',
      odoo: { listingQty: 500 },
      amazon: { quantity: 500 },
    });
    const de = makeFacts({ marketplaceId: 'A1PA6795UKMFR9', marketplace: 'DE' });

    const rows = classifyRows([us, ca, de], DEFAULT_POLICY, CONTEXT);

    expect(rows.map((row) => row.signatures)).toEqual([
      ['MARKETPLACE_CONFLICT'],
      ['MARKETPLACE_CONFLICT'],
      ['OK'],
    ]);
    expect(rows.map((row) => row.severity)).toEqual(['error', 'error', 'ok']);
  });

  it('clears a stale conflict flag that the rows do not bear out', () => {
    const facts = makeFacts({ marketplaceConflict: true });
    expect(classifyRows([facts], DEFAULT_POLICY, CONTEXT)[0]?.signatures).toEqual(['OK']);
  });

  it('does not share quantities with a marketplace outside the known table', () => {
    const us = makeFacts({ odoo: { listingQty: 999 } });
    const unknown = makeFacts({ marketplaceId: 'AXXXXXXXXXXXX', odoo: { listingQty: 5 } });
    const rows = classifyRows([us, unknown], DEFAULT_POLICY, CONTEXT);

    expect(rows.map((row) => row.signatures.includes('MARKETPLACE_CONFLICT'))).toEqual([
      false,
      false,
    ]);
  });
});
