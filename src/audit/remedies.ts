import { BLOCKING_CODES } from './blocking.js';
import { severityOf, severityRank } from './severity.js';
import { findSuppressingIssue, viewRow, type RowView } from './signatures.js';
import type { Expected, Policy, RowFacts, SignatureCode } from './types.js';

export interface RemedyContext {
  /** Odoo schema profile: `marketplace-listing`, `sale-amazon`, `amazon-ept` or a custom name. */
  profile: string;
  facts: RowFacts;
  expected: Expected;
  policy: Policy;
  nowMs?: number;
}

/** One clause of advice, and whether pushing the expected values is part of the cure. */
interface Remedy {
  text: string;
  push: boolean;
}

const WHITESPACE_RUN = /\s+/g;
const FINAL_STOP = /\.$/;

const push = (text: string): Remedy => ({ text, push: true });
const advise = (text: string): Remedy => ({ text, push: false });

const REMEDIES: Readonly<Record<SignatureCode, (view: RowView, profile: string) => Remedy>> = {
  SUPPRESSED_IN_PRODUCTION: remedySuppressed,
  OVERSELL_RISK: (v) =>
    push(
      `Amazon offers ${v.amazonQty} but only ${v.freeQty} are free in Odoo, ` +
        'so orders can exceed stock',
    ),
  WRONG_SCHEMA: remedyWrongSchema,
  WRONG_CODE_PATH: (v, profile) =>
    push(
      `The sync sends product free_qty (${v.freeQty}), not ${listingQtyName(profile)} ` +
        `(${v.listingQty}): point the connector's quantity at the listing`,
    ),
  LEAD_TIME_MISMATCH: remedyLeadTimeMismatch,
  OVER_CAPACITY: remedyOverCapacity,
  MARKETPLACE_CONFLICT: (v) =>
    advise(
      `Marketplaces of this region share one Amazon quantity, but Odoo wants ` +
        `${v.expected.quantity} here and a different quantity elsewhere: ` +
        'give the SKU one listing quantity across the region',
    ),
  DUPLICATE_LISTING: (v) =>
    advise(
      `Two Odoo listings map to this SKU in ${v.facts.marketplace}: ` +
        `archive one so that a single quantity is synced`,
    ),
  READ_FAILED: (v) =>
    advise(
      `Amazon could not be read (${describeReadError(v)}): rerun mto-audit audit, ` +
        `and run mto-audit doctor if it keeps failing`,
    ),
  LEAD_TIME_OVER_LIMIT: (v) =>
    advise(
      `Product sale_delay gives ${v.expected.leadTimeDays} days, more than the ` +
        `${v.policy.maxLeadTimeDays} Amazon can hold: ` +
        `lower it to ${v.policy.maxLeadTimeDays} or less`,
    ),
  QTY_TOO_LOW: remedyQtyTooLow,
  QTY_TOO_HIGH: (v) =>
    push(
      `Amazon quantity ${v.amazonQty} is a placeholder (${v.policy.tooHighFrom} or more), ` +
        `not a real figure`,
    ),
  NOT_LISTED: remedyNotListed,
  DRIFT: (v) =>
    push(
      `Amazon has ${v.amazonQty}, Odoo expects ${v.expected.quantity}: ` +
        `a sync did not land or something else writes the quantity`,
    ),
  OK: () => advise('No action needed'),
};

/** The remedy of one code, as a clause without a final full stop. */
export function describeRemedy(code: SignatureCode, context: RemedyContext): string {
  return REMEDIES[code](viewContext(context), context.profile).text;
}

/**
 * One line for the row: the remedies of its codes, most severe first, then the `fix` step
 * when pushing the expected values is part of the cure.
 */
export function remedyFor(codes: readonly SignatureCode[], context: RemedyContext): string {
  return remedyForView(codes, viewContext(context), context.profile);
}

/** remedyFor over a row view already built. */
export function remedyForView(
  codes: readonly SignatureCode[],
  view: RowView,
  profile: string,
): string {
  const ordered = isBySeverity(codes) ? codes : [...codes].sort((a, b) => rankOf(a) - rankOf(b));
  const parts: string[] = [];
  let needsPush = false;

  for (const code of ordered) {
    const remedy = REMEDIES[code](view, profile);
    parts.push(remedy.text);
    needsPush ||= remedy.push;
  }
  if (needsPush) parts.push(describeFixStep(codes, view, profile));

  // join builds one flat string; a chain of `+=` would keep every piece alive as a rope.
  return `${parts.join('. ')}.`;
}

function isBySeverity(codes: readonly SignatureCode[]): boolean {
  for (let i = 1; i < codes.length; i++) {
    if (rankOf(codes[i - 1] as SignatureCode) > rankOf(codes[i] as SignatureCode)) return false;
  }
  return true;
}

function rankOf(code: SignatureCode): number {
  return severityRank(severityOf(code));
}

function viewContext(context: RemedyContext): RowView {
  return viewRow(context.facts, context.expected, context.policy, context.nowMs);
}

function describeFixStep(codes: readonly SignatureCode[], view: RowView, profile: string): string {
  const { expected, policy } = view;

  if (codes.some((code) => BLOCKING_CODES.has(code))) {
    return 'mto-audit fix skips this row until that is resolved';
  }
  if (expected.quantity > policy.maxPushQuantity) {
    return (
      `mto-audit fix will not push more than ${policy.maxPushQuantity}: ` +
      `lower ${listingQtyName(profile)} first`
    );
  }
  return (
    `Then run mto-audit fix to push quantity ${expected.quantity} ` +
    `and lead time ${view.leadTimeTarget} days`
  );
}

function remedySuppressed(view: RowView): Remedy {
  if (view.amazonQty === 0) return push('Amazon has 0 in stock, so buyers cannot order');

  const issue = findSuppressingIssue(view.facts.amazon.issues, view.nowMs);
  if (issue !== undefined) {
    return advise(
      `Amazon suppressed the listing (issue ${issue.code}): resolve that issue in Seller Central`,
    );
  }
  return advise(
    'Amazon does not mark the offer BUYABLE: check its status and issues in Seller Central',
  );
}

function remedyWrongSchema(view: RowView, profile: string): Remedy {
  const { freeQty } = view;

  if (profile === 'sale-amazon') {
    return push(
      `Odoo's amazon.offer has no quantity of its own, so its stock sync sends product ` +
        `free_qty (${freeQty}) and overwrites a pushed quantity at its next run: ` +
        "turn off the offer's Stock Synchronization (sync_stock) " +
        'or override _get_available_product_qty first',
    );
  }
  if (view.listingQty === null) {
    return push(
      `The listing model has no quantity field, so the connector can only send free_qty ` +
        `(${freeQty}): add one and map it in the config file`,
    );
  }
  const field = profile === 'marketplace-listing' ? ` (${listingQtyName(profile)})` : '';
  return push(
    `The listing quantity${field} is 0, so the connector falls back to free_qty ` +
      `(${freeQty}): set it to ${view.expected.quantity}`,
  );
}

function remedyLeadTimeMismatch(view: RowView, profile: string): Remedy {
  const amazonLeadTime = view.facts.amazon.leadTimeDays;
  const found =
    amazonLeadTime === null
      ? 'Amazon has no lead time'
      : `Amazon lead time is ${amazonLeadTime} days`;
  const cause =
    profile === 'sale-amazon'
      ? "Odoo's Amazon connector never sends one"
      : 'have the connector send product sale_delay as lead_time_to_ship_max_days';

  return push(`${found}, Odoo expects ${view.leadTimeTarget} (product sale_delay): ${cause}`);
}

function remedyOverCapacity(view: RowView): Remedy {
  const { weeklyCapacity, inProduction } = view.facts.odoo;
  const { leadTimeDays, quantity } = view.expected;

  return push(
    `Amazon offers ${view.amazonQty}, more than capacity allows: ${weeklyCapacity}/week over ` +
      `${leadTimeDays} days minus ${inProduction} in production leaves ${quantity}`,
  );
}

function remedyQtyTooLow(view: RowView, profile: string): Remedy {
  const { amazonQty, expected, policy } = view;
  const found = `Amazon shows only ${amazonQty} left, too few for concurrent orders`;
  if (expected.quantity >= policy.lowStockBelow) return push(found);

  return advise(
    `${found}: raise ${listingQtyName(profile)} (${view.listingQty}) to at least ` +
      `${policy.lowStockBelow}, or clear it to offer ${policy.mtoQuantity}`,
  );
}

function remedyNotListed(view: RowView, profile: string): Remedy {
  const marketplace = view.facts.marketplace;
  const found = `No ${marketplace} offer for this SKU on Amazon: create it there, or`;

  if (profile === 'marketplace-listing') {
    return advise(`${found} set the listing's marketplace_id to the marketplaces it sells in`);
  }
  if (profile === 'sale-amazon') {
    return advise(`${found} delete its amazon.offer for ${marketplace}`);
  }
  return advise(`${found} stop listing it for ${marketplace} in Odoo`);
}

function describeReadError(view: RowView): string {
  const reason = (view.facts.amazon.readError ?? '').replace(WHITESPACE_RUN, ' ').trim();
  return reason.replace(FINAL_STOP, '') || 'no reason given';
}

function listingQtyName(profile: string): string {
  return profile === 'marketplace-listing' ? 'marketplace.listing qty' : "the listing's quantity";
}
