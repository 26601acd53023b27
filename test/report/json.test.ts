import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/report/json.js';
import { buildReport, buildRow, EXAMPLE_REMEDY } from './fixtures.js';
import { CONTRACT_REPORT } from '../fixtures/contract-example.js';

const ROW_KEYS = [
  'sku',
  'marketplaceId',
  'marketplace',
  'productId',
  'product',
  'mto',
  'capacityBounded',
  'odoo',
  'amazon',
  'expected',
  'signatures',
  'severity',
  'remedy',
];
const ODOO_KEYS = [
  'freeQty',
  'qtyAvailable',
  'listingQty',
  'saleDelay',
  'weeklyCapacity',
  'inProduction',
];
const AMAZON_KEYS = ['found', 'quantity', 'leadTimeDays', 'status', 'issues'];

type JsonObject = Record<string, unknown>;

function parse(text: string): JsonObject {
  return JSON.parse(text) as JsonObject;
}

function firstRow(document: JsonObject): JsonObject {
  return (document.rows as JsonObject[])[0]!;
}

describe('renderJson', () => {
  it('prints the contract example row exactly, plus the remedy after severity', () => {
    const document = parse(renderJson(buildReport([buildRow()])));

    expect(document).toEqual({
      ...CONTRACT_REPORT,
      rows: [{ ...CONTRACT_REPORT.rows[0], remedy: EXAMPLE_REMEDY }],
    });
  });

  it('keeps the key order of the contract at every level', () => {
    const document = parse(renderJson(buildReport([buildRow()])));
    const row = firstRow(document);

    expect(Object.keys(document)).toEqual([
      'generatedAt',
      'sellerId',
      'marketplaces',
      'summary',
      'rows',
    ]);
    expect(Object.keys(document.summary as JsonObject)).toEqual([
      'rows',
      'bySignature',
      'bySeverity',
    ]);
    expect(Object.keys(row)).toEqual(ROW_KEYS);
    expect(Object.keys(row.odoo as JsonObject)).toEqual(ODOO_KEYS);
    expect(Object.keys(row.amazon as JsonObject)).toEqual(AMAZON_KEYS);
    expect(Object.keys(row.expected as JsonObject)).toEqual(['quantity', 'leadTimeDays']);
  });

  it('writes missing values as null instead of leaving keys out', () => {
    const row = buildRow({
      productId: null,
      product: null,
      odoo: { freeQty: null, qtyAvailable: null, listingQty: null, saleDelay: null },
      amazon: { found: false, quantity: null, leadTimeDays: null, status: [] },
      signatures: ['WRONG_SCHEMA', 'NOT_LISTED'],
      severity: 'error',
    });
    const parsed = firstRow(parse(renderJson(buildReport([row]))));

    expect(Object.keys(parsed)).toEqual(ROW_KEYS);
    expect(parsed.product).toBeNull();
    expect(parsed.productId).toBeNull();
    expect(parsed.odoo).toEqual({
      freeQty: null,
      qtyAvailable: null,
      listingQty: null,
      saleDelay: null,
      weeklyCapacity: null,
      inProduction: 0,
    });
    expect(parsed.amazon).toEqual({
      found: false,
      quantity: null,
      leadTimeDays: null,
      status: [],
      issues: [],
    });
  });

  it('turns undefined that slipped through upstream into null', () => {
    const row = buildRow();
    Object.assign(row.odoo, { weeklyCapacity: undefined, saleDelay: undefined });
    Object.assign(row, { product: undefined });
    const parsed = firstRow(parse(renderJson(buildReport([row]))));

    expect(parsed.product).toBeNull();
    expect((parsed.odoo as JsonObject).weeklyCapacity).toBeNull();
    expect((parsed.odoo as JsonObject).saleDelay).toBeNull();
  });

  it('leaves out internal fields a row object may carry', () => {
    const row = buildRow();
    Object.assign(row.amazon, { productType: 'WALLET', readError: null });
    Object.assign(row, { duplicate: false });
    const parsed = firstRow(parse(renderJson(buildReport([row]))));

    expect(Object.keys(parsed)).toEqual(ROW_KEYS);
    expect(Object.keys(parsed.amazon as JsonObject)).toEqual(AMAZON_KEYS);
  });

  it('lists summary counts in contract order and drops zero counts', () => {
    const report = buildReport([buildRow()]);
    report.summary.bySignature = { DRIFT: 2, OK: 0, SUPPRESSED_IN_PRODUCTION: 1 };
    report.summary.bySeverity = { ok: 3, warning: 0, critical: 1 };
    const summary = parse(renderJson(report)).summary as JsonObject;

    expect(Object.entries(summary.bySignature as JsonObject)).toEqual([
      ['SUPPRESSED_IN_PRODUCTION', 1],
      ['DRIFT', 2],
    ]);
    expect(Object.entries(summary.bySeverity as JsonObject)).toEqual([
      ['critical', 1],
      ['ok', 3],
    ]);
  });

  it('keeps the given row order and Amazon issues as Amazon gave them', () => {
    const issue = {
      code: '18027',
      message: 'Listing suppressed',
      severity: 'ERROR',
      categories: ['INVALID_ATTRIBUTE'],
      enforcements: {
        actions: [{ action: 'LISTING_SUPPRESSED' }],
        exemption: { status: 'NOT_EXEMPT' },
      },
    };
    const rows = [buildRow({ sku: 'B', amazon: { issues: [issue] } }), buildRow({ sku: 'A' })];
    const parsed = parse(renderJson(buildReport(rows))).rows as JsonObject[];

    expect(parsed.map((row) => row.sku)).toEqual(['B', 'A']);
    expect((parsed[0]!.amazon as JsonObject).issues).toEqual([issue]);
  });

  it('pretty-prints with two spaces and ends with one newline', () => {
    const text = renderJson(buildReport([]));

    expect(text).toMatch(/^\{\n {2}"generatedAt": "2026-12-03T12:00:00Z",\n/);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
    expect(parse(text).rows).toEqual([]);
  });
});
