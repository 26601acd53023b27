import { amazonLeadTimeTarget, floorFreeQty, hasCapacity } from './expected.js';
import type { AmazonIssue, Expected, Policy, RowFacts, SignatureCode } from './types.js';

/** The values of §4 that the rules read, worked out once per row. */
export interface RowView {
  facts: RowFacts;
  expected: Expected;
  policy: Policy;
  /** A: null when the SKU is not on Amazon there, or when Amazon could not be read. */
  amazonQty: number | null;
  /** F */
  freeQty: number;
  /** Q, with Odoo's False already 0; null when the listing model has no quantity field. */
  listingQty: number | null;
  capacityBounded: boolean;
  /** min(EL, maxLeadTimeDays): the lead time Amazon should show and a push sends. */
  leadTimeTarget: number;
  readFailed: boolean;
  /** Clock for temporary exemptions; without it a temporary exemption counts as live. */
  nowMs: number | undefined;
}

type Rule = (view: RowView, found: readonly SignatureCode[]) => boolean;

/** Codes that explain a difference between A and E better than DRIFT does. */
const DRIFT_EXCLUSIONS: ReadonlySet<SignatureCode> = new Set<SignatureCode>([
  'SUPPRESSED_IN_PRODUCTION',
  'OVERSELL_RISK',
  'WRONG_CODE_PATH',
  'OVER_CAPACITY',
  'QTY_TOO_LOW',
  'QTY_TOO_HIGH',
]);

/*
 * Evaluated in the order of SIGNATURE_CODES, so a row's codes come out in that order. A row that
 * could not be read has A = null: every rule that needs Amazon stays silent, while the rules that
 * rest on Odoo alone (WRONG_SCHEMA, MARKETPLACE_CONFLICT, DUPLICATE_LISTING, LEAD_TIME_OVER_LIMIT)
 * still report, because they hold whatever Amazon says.
 */
const RULES: readonly (readonly [SignatureCode, Rule])[] = [
  ['SUPPRESSED_IN_PRODUCTION', isSuppressed],
  ['OVERSELL_RISK', (v) => !v.facts.mto && v.amazonQty !== null && v.amazonQty > v.freeQty],
  ['WRONG_SCHEMA', (v) => v.facts.mto && (v.listingQty === null || v.listingQty <= 0)],
  ['WRONG_CODE_PATH', isWrongCodePath],
  ['LEAD_TIME_MISMATCH', isLeadTimeMismatch],
  ['OVER_CAPACITY', isOverCapacity],
  ['MARKETPLACE_CONFLICT', (v) => v.facts.marketplaceConflict],
  ['DUPLICATE_LISTING', (v) => v.facts.duplicate],
  ['READ_FAILED', (v) => v.readFailed],
  ['LEAD_TIME_OVER_LIMIT', (v) => v.expected.leadTimeDays > v.policy.maxLeadTimeDays],
  ['QTY_TOO_LOW', isQtyTooLow],
  ['QTY_TOO_HIGH', (v) => v.amazonQty !== null && v.amazonQty >= v.policy.tooHighFrom],
  ['NOT_LISTED', (v) => !v.facts.amazon.found && !v.readFailed],
  ['DRIFT', isDrift],
];

/** Every §4 code that applies to the row, in SIGNATURE_CODES order; `OK` when none does. */
export function detectSignatures(
  facts: RowFacts,
  expected: Expected,
  policy: Policy,
  nowMs?: number,
): SignatureCode[] {
  return detectViewSignatures(viewRow(facts, expected, policy, nowMs));
}

/** detectSignatures over a row view already built. */
export function detectViewSignatures(view: RowView): SignatureCode[] {
  const codes: SignatureCode[] = [];

  for (const [code, applies] of RULES) {
    if (applies(view, codes)) codes.push(code);
  }
  if (codes.length === 0) codes.push('OK');
  return codes;
}

export function viewRow(
  facts: RowFacts,
  expected: Expected,
  policy: Policy,
  nowMs?: number,
): RowView {
  const readFailed = Boolean(facts.amazon.readError);
  const listed = facts.amazon.found && !readFailed;

  return {
    facts,
    expected,
    policy,
    amazonQty: listed ? facts.amazon.quantity : null,
    freeQty: floorFreeQty(facts.odoo.freeQty),
    listingQty: facts.odoo.listingQty,
    capacityBounded: facts.mto && hasCapacity(facts.odoo),
    leadTimeTarget: amazonLeadTimeTarget(expected.leadTimeDays, policy),
    readFailed,
    nowMs,
  };
}

function isSuppressed(view: RowView): boolean {
  const { amazonQty, facts } = view;
  if (amazonQty === null || view.expected.quantity <= 0) return false;

  return (
    amazonQty === 0 ||
    !facts.amazon.status.includes('BUYABLE') ||
    findSuppressingIssue(facts.amazon.issues, view.nowMs) !== undefined
  );
}

/** The first issue that takes the listing's buyability down and is not exempted. */
export function findSuppressingIssue(
  issues: readonly AmazonIssue[],
  nowMs?: number,
): AmazonIssue | undefined {
  return issues.find((issue) => {
    const enforcements = issue.enforcements;
    if (!enforcements?.actions.some((a) => a.action === 'LISTING_SUPPRESSED')) return false;
    return !isExempt(enforcements.exemption, nowMs);
  });
}

/*
 * Amazon's model: EXEMPT_UNTIL_EXPIRY_DATE is a temporary exemption that holds until its
 * expiryDate, so the listing is not suppressed before then. NOT_EXEMPT means enforced.
 */
function isExempt(exemption: { status: string; expiryDate?: string }, nowMs?: number): boolean {
  if (exemption.status === 'EXEMPT') return true;
  if (exemption.status !== 'EXEMPT_UNTIL_EXPIRY_DATE') return false;
  if (nowMs === undefined || !exemption.expiryDate) return true;

  const expiry = Date.parse(exemption.expiryDate);
  return Number.isNaN(expiry) || expiry > nowMs;
}

function isWrongCodePath(view: RowView): boolean {
  const { amazonQty, listingQty } = view;
  if (!view.facts.mto || listingQty === null || listingQty <= 0) return false;

  return amazonQty === view.freeQty && amazonQty !== view.expected.quantity;
}

function isLeadTimeMismatch(view: RowView): boolean {
  return view.amazonQty !== null && view.facts.amazon.leadTimeDays !== view.leadTimeTarget;
}

function isOverCapacity(view: RowView): boolean {
  return view.capacityBounded && view.amazonQty !== null && view.amazonQty > view.expected.quantity;
}

function isQtyTooLow(view: RowView): boolean {
  const { amazonQty } = view;
  if (!view.facts.mto || view.capacityBounded || amazonQty === null) return false;

  return amazonQty > 0 && amazonQty < view.policy.lowStockBelow;
}

function isDrift(view: RowView, found: readonly SignatureCode[]): boolean {
  if (view.amazonQty === null || view.amazonQty === view.expected.quantity) return false;

  return !found.some((code) => DRIFT_EXCLUSIONS.has(code));
}
