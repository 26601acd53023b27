import { describe, expect, it } from 'vitest';
import { compareCodePoints, sortRows } from '../../src/audit/sort-rows.js';
import type { AuditRow, Severity } from '../../src/audit/types.js';

function row(sku: string, marketplaceId: string, severity: Severity): AuditRow {
  return {
    sku,
    marketplaceId,
    marketplace: 'US',
    productId: null,
    product: null,
    mto: true,
    capacityBounded: false,
    odoo: {
      freeQty: 0,
      qtyAvailable: 0,
      listingQty: 999,
      saleDelay: 14,
      weeklyCapacity: null,
      inProduction: 0,
    },
    amazon: { found: true, quantity: 999, leadTimeDays: 14, status: [], issues: [] },
    expected: { quantity: 999, leadTimeDays: 14 },
    signatures: ['OK'],
    severity,
    remedy: '',
  };
}

const keys = (rows: AuditRow[]) => rows.map((r) => `${r.severity} ${r.sku} ${r.marketplaceId}`);

describe('sortRows', () => {
  it('orders by severity, then SKU, then marketplace ID', () => {
    const rows = [
      row('A', 'M2', 'ok'),
      row('B', 'M1', 'warning'),
      row('A', 'M1', 'critical'),
      row('C', 'M1', 'error'),
      row('B', 'M1', 'error'),
      row('A', 'M2', 'warning'),
      row('A', 'M1', 'warning'),
    ];

    expect(keys(sortRows(rows))).toEqual([
      'critical A M1',
      'error B M1',
      'error C M1',
      'warning A M1',
      'warning A M2',
      'warning B M1',
      'ok A M2',
    ]);
  });

  it('compares SKUs by code point, not by locale', () => {
    const skus = ['a', 'é', 'Z', 'z', '10', '9', 'B'];
    const sorted = sortRows(skus.map((sku) => row(sku, 'M1', 'warning'))).map((r) => r.sku);

    expect(sorted).toEqual(['10', '9', 'B', 'Z', 'a', 'z', 'é']);
  });

  it('puts characters beyond U+FFFF after the rest of the BMP', () => {
    const skus = ['\u{1F600}', '\uFF5E', 'x'];
    const sorted = sortRows(skus.map((sku) => row(sku, 'M1', 'ok'))).map((r) => r.sku);

    expect(sorted).toEqual(['x', '\uFF5E', '\u{1F600}']);
  });

  it('keeps severity first when some SKU needs the code point path', () => {
    const rows = [
      row('\u{1F600}', 'M1', 'critical'),
      row('\uFF5E', 'M2', 'ok'),
      row('\uFF5E', 'M1', 'ok'),
      row('b', 'M1', 'critical'),
      row('a', 'M1', 'error'),
    ];

    expect(keys(sortRows(rows))).toEqual([
      'critical b M1',
      'critical \u{1F600} M1',
      'error a M1',
      'ok \uFF5E M1',
      'ok \uFF5E M2',
    ]);
  });

  it('leaves its input in place', () => {
    const rows = [row('B', 'M1', 'ok'), row('A', 'M1', 'ok')];
    sortRows(rows);
    expect(rows.map((r) => r.sku)).toEqual(['B', 'A']);
  });
});

describe('compareCodePoints', () => {
  it.each([
    ['A', 'A', 0],
    ['A', 'AB', -1],
    ['AB', 'A', 1],
    ['Z', 'a', -1],
    ['z', 'é', -1],
    ['\u{10000}', '\uFFFF', 1],
    ['\u{1F600}', '\u{1F601}', -1],
  ])('%s vs %s has sign %i', (a, b, sign) => {
    expect(Math.sign(compareCodePoints(a, b))).toBe(sign);
  });
});
