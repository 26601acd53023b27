import type { AuditReport, AuditRow, Severity, SignatureCode } from '../../src/audit/types.js';
import { contractRow } from '../fixtures/contract-example.js';

export interface RowOverrides extends Partial<Omit<AuditRow, 'odoo' | 'amazon' | 'expected'>> {
  odoo?: Partial<AuditRow['odoo']>;
  amazon?: Partial<AuditRow['amazon']>;
  expected?: Partial<AuditRow['expected']>;
}

export const EXAMPLE_REMEDY =
  'Sync the listing quantity, not free_qty; send sale_delay as the lead time.';

/** The contract's §5 example row, with a remedy as the renderers also carry one. */
export function buildRow(overrides: RowOverrides = {}): AuditRow {
  const { odoo, amazon, expected, ...rest } = overrides;
  const row = contractRow();
  return {
    ...row,
    odoo: { ...row.odoo, ...odoo },
    amazon: { ...row.amazon, ...amazon },
    expected: { ...row.expected, ...expected },
    remedy: EXAMPLE_REMEDY,
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
