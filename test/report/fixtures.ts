import type { AuditReport, AuditRow, Severity, SignatureCode } from '../../src/audit/types.js';

export interface RowOverrides extends Partial<Omit<AuditRow, 'odoo' | 'amazon' | 'expected'>> {
  odoo?: Partial<AuditRow['odoo']>;
  amazon?: Partial<AuditRow['amazon']>;
  expected?: Partial<AuditRow['expected']>;
}

/** The contract's §5 example row, with the remedy the renderers also carry. */
export function buildRow(overrides: RowOverrides = {}): AuditRow {
  const { odoo, amazon, expected, ...rest } = overrides;
  return {
    sku: 'WALLET-BRN',
    marketplaceId: 'ATVPDKIKX0DER',
    marketplace: 'US',
    productId: 42,
    product: 'Leather wallet',
    mto: true,
    capacityBounded: false,
    odoo: {
      freeQty: 0,
      qtyAvailable: 0,
      listingQty: 999,
      saleDelay: 14,
      weeklyCapacity: null,
      inProduction: 0,
      ...odoo,
    },
    amazon: {
      found: true,
      quantity: 0,
      leadTimeDays: 2,
      status: ['DISCOVERABLE'],
      issues: [],
      ...amazon,
    },
    expected: { quantity: 999, leadTimeDays: 14, ...expected },
    signatures: ['SUPPRESSED_IN_PRODUCTION', 'WRONG_CODE_PATH', 'LEAD_TIME_MISMATCH'],
    severity: 'critical',
    remedy: 'Sync the listing quantity, not free_qty; send sale_delay as the lead time.',
    ...rest,
  };
}

/** A report whose summary is counted from its rows, as the summariser would. */
export function buildReport(rows: AuditRow[]): AuditReport {
  const bySignature: Partial<Record<SignatureCode, number>> = {};
  const bySeverity: Partial<Record<Severity, number>> = {};
  for (const row of rows) {
    for (const code of row.signatures) bySignature[code] = (bySignature[code] ?? 0) + 1;
    bySeverity[row.severity] = (bySeverity[row.severity] ?? 0) + 1;
  }
  return {
    generatedAt: '2026-12-03T12:00:00Z',
    sellerId: 'A1SELLER',
    marketplaces: ['ATVPDKIKX0DER'],
    summary: { rows: rows.length, bySignature, bySeverity },
    rows,
  };
}
