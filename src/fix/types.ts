import type { SignatureCode } from '../audit/types.js';

/** How Amazon writes travel: one patchListingsItem each, or JSON_LISTINGS_FEED documents. */
export type Via = 'patch' | 'feed';
export type ViaOption = Via | 'auto';
export const VIA_OPTIONS: readonly ViaOption[] = ['auto', 'patch', 'feed'];

/** The DEFAULT fulfillment_availability entry as a fix reads and writes it. */
export interface ListingValues {
  quantity: number;
  /** Null: the entry has no lead_time_to_ship_max_days. */
  leadTimeDays: number | null;
}

/** One write to Amazon: the DEFAULT entry of one SKU in one marketplace. */
export interface AmazonChange {
  id: number;
  target: 'amazon';
  sku: string;
  marketplaceId: string;
  productType: string;
  before: ListingValues;
  after: ListingValues;
}

/** One write to Odoo: the listing record's own quantity field (--write-odoo). */
export interface OdooChange {
  id: number;
  target: 'odoo';
  sku: string;
  model: string;
  recordId: number;
  field: string;
  before: number;
  after: number;
}

export type Change = AmazonChange | OdooChange;

/** A row the plan lists but does not send, and why. */
export interface BlockedRow {
  sku: string;
  marketplaceId: string;
  reason: string;
  signatures: SignatureCode[];
  before: { quantity: number | null; leadTimeDays: number | null };
  after: ListingValues;
}

export interface FixPlan {
  changes: AmazonChange[];
  odoo: OdooChange[];
  blocked: BlockedRow[];
}

/**
 * applied: Amazon accepted it (or Odoo wrote it), or a re-read found it in effect;
 * invalid: Amazon refused it with issues (final, not retried);
 * conflict: someone else changed the value, so it was not sent;
 * failed: no usable answer after retries (resume re-reads and decides).
 */
export type ResultStatus = 'applied' | 'invalid' | 'conflict' | 'failed';

/** An issue of a submission or of a feed's processing report. */
export interface WriteIssue {
  code?: string | undefined;
  severity: string;
  message: string;
  attributeNames?: string[] | undefined;
}

export interface ChangeResult {
  id: number;
  status: ResultStatus;
  submissionId?: string | undefined;
  feedId?: string | undefined;
  issues?: WriteIssue[] | undefined;
  /** One line: why it failed, or what someone else changed. */
  reason?: string | undefined;
  /** How it was settled without a write of this run, e.g. "in effect when re-read". */
  note?: string | undefined;
}

/** Changes left open: a feed Amazon was still processing when polling stopped. */
export interface PendingFeed {
  feedId: string;
  ids: number[];
}

export interface FixSummary {
  changes: number;
  applied: number;
  invalid: number;
  failed: number;
  conflict: number;
  pending: number;
  blocked: number;
  /** Applied, but a --verify read did not show it yet. */
  notInEffect: number;
}

export interface VerifyReport {
  checked: number;
  notInEffect: { id: number; current: ListingValues | null; reason: string }[];
}
