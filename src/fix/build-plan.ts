import { findBlockReason } from '../audit/blocking.js';
import { amazonLeadTimeTarget } from '../audit/expected.js';
import type { AuditRow, Policy, RowFacts, SignatureCode } from '../audit/types.js';
import type { AmazonChange, BlockedRow, FixPlan, ListingValues, OdooChange } from './types.js';

export interface PlanOptions {
  policy: Policy;
  /** Only rows that carry at least one of these codes (--signature). */
  signatures?: ReadonlySet<SignatureCode> | undefined;
  /** Where --write-odoo writes the listing quantity; null leaves Odoo alone. */
  odooTarget?: { model: string; field: string } | null | undefined;
}

const BLOCK_EXPLANATIONS: Partial<Record<SignatureCode, string>> = {
  NOT_LISTED: 'NOT_LISTED: the SKU is not on Amazon in this marketplace',
  READ_FAILED: 'READ_FAILED: Amazon could not be read for this row',
  DUPLICATE_LISTING: 'DUPLICATE_LISTING: two Odoo listings claim this SKU here',
  MARKETPLACE_CONFLICT: 'MARKETPLACE_CONFLICT: the region shares one quantity, Odoo wants two',
  LEAD_TIME_OVER_LIMIT: 'LEAD_TIME_OVER_LIMIT: the lead time is longer than Amazon can hold',
};

type RowDecision =
  | { kind: 'change'; change: Omit<AmazonChange, 'id'> }
  | { kind: 'blocked'; blocked: BlockedRow }
  | { kind: 'none' };

/**
 * The fix plan of §7 from a classified audit: one change per row whose Amazon quantity or lead
 * time differs from the expected values, blocked rows listed with their reason, and (with
 * --write-odoo) one Odoo write per MTO listing whose own quantity is 0. Ids follow the rows'
 * report order: Amazon changes first, then Odoo writes.
 */
export function buildPlan(
  rows: readonly AuditRow[],
  facts: readonly RowFacts[],
  options: PlanOptions,
): FixPlan {
  const factsByKey = groupFacts(facts);
  const selected = rows.filter((row) => matchesSignatures(row, options.signatures));
  const plan: FixPlan = { changes: [], odoo: [], blocked: [] };

  for (const row of selected) {
    const decision = decideRow(row, factsByKey.get(rowKey(row)) ?? [], options.policy);
    if (decision.kind === 'change') {
      plan.changes.push({ id: plan.changes.length + 1, ...decision.change });
    }
    if (decision.kind === 'blocked') plan.blocked.push(decision.blocked);
  }

  if (options.odooTarget) {
    plan.odoo = planOdooWrites(selected, factsByKey, options, plan.changes.length);
  }
  return plan;
}

function matchesSignatures(row: AuditRow, wanted: ReadonlySet<SignatureCode> | undefined) {
  return !wanted || wanted.size === 0 || row.signatures.some((code) => wanted.has(code));
}

function decideRow(row: AuditRow, rowFacts: readonly RowFacts[], policy: Policy): RowDecision {
  const after = targetValues(row, policy);
  const { quantity, leadTimeDays } = row.amazon;
  const differs =
    quantity !== null && (quantity !== after.quantity || leadTimeDays !== after.leadTimeDays);
  const unknown = row.signatures.includes('NOT_LISTED') || row.signatures.includes('READ_FAILED');
  if (!differs && !unknown) return { kind: 'none' };

  const productType = rowFacts.length === 1 ? rowFacts[0]?.amazon.productType : null;
  const reason = blockReason(row, policy, after) ?? missingProductType(productType);
  if (reason !== null || quantity === null || !productType) {
    const before = { quantity, leadTimeDays };
    const why = reason ?? 'Amazon has no merchant-fulfilled (DEFAULT) quantity for this SKU';
    return { kind: 'blocked', blocked: { ...rowRef(row), reason: why, before, after } };
  }

  const before: ListingValues = { quantity, leadTimeDays };
  const change = { target: 'amazon' as const, ...rowId(row), productType, before, after };
  return { kind: 'change', change };
}

/** What a write sends: E, and the lead time Amazon can hold, min(EL, 30). */
function targetValues(row: AuditRow, policy: Policy): ListingValues {
  const leadTimeDays = amazonLeadTimeTarget(row.expected.leadTimeDays, policy);
  return { quantity: row.expected.quantity, leadTimeDays };
}

function blockReason(row: AuditRow, policy: Policy, after: ListingValues): string | null {
  const reason = findBlockReason(row.signatures, row.expected, policy);
  if (reason !== null) return BLOCK_EXPLANATIONS[reason as SignatureCode] ?? reason;

  // E is never 0 for uncapped MTO by §4; this guard keeps a regression from selling out a shop.
  if (row.mto && !row.capacityBounded && after.quantity === 0) {
    return 'an uncapped MTO listing must never be sent quantity 0';
  }
  return null;
}

function missingProductType(productType: string | null | undefined): string | null {
  return productType ? null : "Amazon did not report the listing's product type";
}

function planOdooWrites(
  rows: readonly AuditRow[],
  factsByKey: Map<string, RowFacts[]>,
  options: PlanOptions,
  firstId: number,
): OdooChange[] {
  const target = options.odooTarget;
  if (!target) return [];
  const wanted = new Map<number, { sku: string; before: number; after: number } | null>();

  for (const row of rows) {
    const listingId = odooCandidate(row, factsByKey.get(rowKey(row)) ?? [], options.policy);
    if (listingId === null) continue;
    const seen = wanted.get(listingId);
    const entry = { sku: row.sku, before: row.odoo.listingQty ?? 0, after: row.expected.quantity };
    // One listing that serves several marketplaces gets one write, if they agree on E.
    wanted.set(listingId, seen === undefined || seen?.after === entry.after ? entry : null);
  }

  const writes: OdooChange[] = [];
  for (const [recordId, entry] of wanted) {
    if (!entry) continue;
    const id = firstId + writes.length + 1;
    writes.push({ id, target: 'odoo', recordId, ...target, ...entry });
  }
  return writes;
}

/** The Odoo listing id to write, for an unblocked MTO row whose own quantity is 0. */
function odooCandidate(row: AuditRow, rowFacts: readonly RowFacts[], policy: Policy) {
  const listingQty = row.odoo.listingQty;
  if (!row.mto || listingQty === null || listingQty > 0 || row.expected.quantity <= 0) return null;
  if (findBlockReason(row.signatures, row.expected, policy) !== null) return null;
  const listingId = rowFacts.length === 1 ? rowFacts[0]?.listingId : null;
  return listingId ?? null;
}

function groupFacts(facts: readonly RowFacts[]): Map<string, RowFacts[]> {
  const byKey = new Map<string, RowFacts[]>();
  for (const fact of facts) {
    const list = byKey.get(rowKey(fact));
    if (list) list.push(fact);
    else byKey.set(rowKey(fact), [fact]);
  }
  return byKey;
}

function rowKey(row: { sku: string; marketplaceId: string }): string {
  return `${row.marketplaceId}\u0000${row.sku}`;
}

function rowId(row: AuditRow) {
  return { sku: row.sku, marketplaceId: row.marketplaceId };
}

function rowRef(row: AuditRow) {
  return { ...rowId(row), signatures: [...row.signatures] };
}
