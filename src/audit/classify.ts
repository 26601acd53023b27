import { findMarketplace } from '../config/marketplaces.js';
import { findMarketplaceConflicts } from './conflicts.js';
import { computeExpected } from './expected.js';
import { remedyForView } from './remedies.js';
import { rowSeverity } from './severity.js';
import { detectViewSignatures, viewRow, type RowView } from './signatures.js';
import type { AuditRow, Expected, Policy, RowFacts } from './types.js';

export interface ClassifyContext {
  /** Odoo schema profile; remedies name its fields and its connector's behaviour. */
  profile: string;
  /** The audit's clock (epoch ms), for issue exemptions that expire. */
  nowMs?: number;
}

/** One row's facts to its classified, remedied audit row. */
export function classifyRow(
  facts: RowFacts,
  policy: Policy,
  context: ClassifyContext,
  expected: Expected = computeExpected(facts, policy),
): AuditRow {
  const view = viewRow(facts, expected, policy, context.nowMs);
  const signatures = detectViewSignatures(view);

  return {
    sku: facts.sku,
    marketplaceId: facts.marketplaceId,
    marketplace: facts.marketplace,
    productId: facts.productId,
    product: facts.product,
    mto: facts.mto,
    capacityBounded: view.capacityBounded,
    odoo: facts.odoo,
    amazon: describeAmazon(view),
    expected,
    signatures,
    severity: rowSeverity(signatures),
    remedy: remedyForView(signatures, view, context.profile),
  };
}

/**
 * Every row of an audit, with the cross-row pass that sets `marketplaceConflict` from the
 * expected quantities. Rows come back in input order; `sortRows` orders them for output.
 */
export function classifyRows(
  rows: readonly RowFacts[],
  policy: Policy,
  context: ClassifyContext,
): AuditRow[] {
  const expected = rows.map((facts) => computeExpected(facts, policy));
  const conflicts = findMarketplaceConflicts(
    rows.map((facts, i) => ({
      sku: facts.sku,
      marketplaceId: facts.marketplaceId,
      region: regionOf(facts.marketplaceId),
      expectedQuantity: (expected[i] as Expected).quantity,
    })),
  );

  return rows.map((facts, i) => {
    const conflict = conflicts[i] ?? false;
    const marked = conflict === facts.marketplaceConflict ? facts : withConflict(facts, conflict);
    return classifyRow(marked, policy, context, expected[i]);
  });
}

/** A marketplace outside the known table shares its quantity with no other. */
function regionOf(marketplaceId: string): string {
  return findMarketplace(marketplaceId)?.region ?? `marketplace:${marketplaceId}`;
}

function withConflict(facts: RowFacts, marketplaceConflict: boolean): RowFacts {
  return { ...facts, marketplaceConflict };
}

function describeAmazon(view: RowView): AuditRow['amazon'] {
  const { amazon } = view.facts;
  const listed = amazon.found && !view.readFailed;

  return {
    found: amazon.found,
    quantity: view.amazonQty,
    leadTimeDays: listed ? amazon.leadTimeDays : null,
    status: amazon.status,
    issues: amazon.issues,
  };
}
