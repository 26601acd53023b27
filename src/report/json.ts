import { SEVERITIES, SIGNATURE_CODES } from '../audit/types.js';
import type { AuditReport, AuditRow } from '../audit/types.js';

/**
 * The `audit --json` document of §5. Objects are built key by key so the key order and the
 * `null`s of the contract do not depend on how the rows were assembled upstream.
 */
export function renderJson(report: AuditReport): string {
  const document = {
    generatedAt: report.generatedAt,
    sellerId: report.sellerId,
    marketplaces: [...report.marketplaces],
    summary: buildSummary(report.summary),
    rows: report.rows.map(buildJsonRow),
  };

  return `${JSON.stringify(document, null, 2)}\n`;
}

function buildSummary(summary: AuditReport['summary']) {
  return {
    rows: summary.rows,
    bySignature: pickNonZero(SIGNATURE_CODES, summary.bySignature),
    bySeverity: pickNonZero(SEVERITIES, summary.bySeverity),
  };
}

function pickNonZero<K extends string>(
  order: readonly K[],
  counts: Partial<Record<K, number>>,
): Partial<Record<K, number>> {
  const picked: Partial<Record<K, number>> = {};
  for (const key of order) {
    const count = counts[key];
    if (count) picked[key] = count;
  }
  return picked;
}

/** One row with exactly the keys of the contract's example, in its order, plus `remedy`. */
export function buildJsonRow(row: AuditRow) {
  return {
    sku: row.sku,
    marketplaceId: row.marketplaceId,
    marketplace: row.marketplace ?? null,
    productId: row.productId ?? null,
    product: row.product ?? null,
    mto: row.mto,
    capacityBounded: row.capacityBounded,
    odoo: buildOdoo(row.odoo),
    amazon: buildAmazon(row.amazon),
    expected: { quantity: row.expected.quantity, leadTimeDays: row.expected.leadTimeDays },
    signatures: [...row.signatures],
    severity: row.severity,
    remedy: row.remedy ?? null,
  };
}

function buildOdoo(odoo: AuditRow['odoo']) {
  return {
    freeQty: odoo.freeQty ?? null,
    qtyAvailable: odoo.qtyAvailable ?? null,
    listingQty: odoo.listingQty ?? null,
    saleDelay: odoo.saleDelay ?? null,
    weeklyCapacity: odoo.weeklyCapacity ?? null,
    inProduction: odoo.inProduction ?? null,
  };
}

function buildAmazon(amazon: AuditRow['amazon']) {
  return {
    found: amazon.found,
    quantity: amazon.quantity ?? null,
    leadTimeDays: amazon.leadTimeDays ?? null,
    status: [...(amazon.status ?? [])],
    issues: [...(amazon.issues ?? [])],
  };
}
