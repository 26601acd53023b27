/** Signature codes of the contract (§4), in the order the report lists them. */
export const SIGNATURE_CODES = [
  'SUPPRESSED_IN_PRODUCTION',
  'OVERSELL_RISK',
  'WRONG_SCHEMA',
  'WRONG_CODE_PATH',
  'LEAD_TIME_MISMATCH',
  'OVER_CAPACITY',
  'MARKETPLACE_CONFLICT',
  'DUPLICATE_LISTING',
  'READ_FAILED',
  'LEAD_TIME_OVER_LIMIT',
  'QTY_TOO_LOW',
  'QTY_TOO_HIGH',
  'NOT_LISTED',
  'DRIFT',
  'OK',
] as const;

export type SignatureCode = (typeof SIGNATURE_CODES)[number];

export const SEVERITIES = ['critical', 'error', 'warning', 'ok'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Policy numbers of the contract, overridable in the config file's `policy`. */
export interface Policy {
  mtoQuantity: number;
  defaultLeadTimeDays: number;
  maxLeadTimeDays: number;
  lowStockBelow: number;
  tooHighFrom: number;
  maxPushQuantity: number;
}

export const DEFAULT_POLICY: Policy = {
  mtoQuantity: 999,
  defaultLeadTimeDays: 10,
  maxLeadTimeDays: 30,
  lowStockBelow: 20,
  tooHighFrom: 99_999,
  maxPushQuantity: 10_000,
};

/** What Odoo says about one listing's product (already normalised: no `False`). */
export interface OdooFacts {
  freeQty: number | null;
  qtyAvailable: number | null;
  /** The listing's own quantity; null when the model has no such field. */
  listingQty: number | null;
  saleDelay: number | null;
  weeklyCapacity: number | null;
  inProduction: number;
}

/** What Amazon says about one SKU in one marketplace. */
export interface AmazonFacts {
  found: boolean;
  quantity: number | null;
  leadTimeDays: number | null;
  status: string[];
  issues: AmazonIssue[];
  productType?: string | null;
  /** Set when the row could not be read after retries; the reason, one line. */
  readError?: string | null;
}

export interface AmazonIssue {
  code: string;
  message: string;
  severity: string;
  categories?: string[];
  enforcements?: {
    actions: { action: string }[];
    exemption: { status: string; expiryDate?: string };
  };
}

/** One Odoo listing x one marketplace, before classification. */
export interface RowFacts {
  /** The Odoo listing record behind the row, when known (fix --write-odoo writes to it). */
  listingId?: number | null;
  sku: string;
  marketplaceId: string;
  /** Country code of the marketplace (US, DE, ...). */
  marketplace: string;
  productId: number | null;
  product: string | null;
  mto: boolean;
  odoo: OdooFacts;
  amazon: AmazonFacts;
  /** Two Odoo listings resolve to this SKU and marketplace. */
  duplicate: boolean;
  /** Set by the cross-row pass: another marketplace of this region wants a different E. */
  marketplaceConflict: boolean;
}

export interface Expected {
  quantity: number;
  leadTimeDays: number;
}

/** A classified row, as `audit --json` prints it (§5). */
export interface AuditRow {
  sku: string;
  marketplaceId: string;
  marketplace: string;
  productId: number | null;
  product: string | null;
  mto: boolean;
  capacityBounded: boolean;
  odoo: OdooFacts;
  amazon: {
    found: boolean;
    quantity: number | null;
    leadTimeDays: number | null;
    status: string[];
    issues: AmazonIssue[];
  };
  expected: Expected;
  signatures: SignatureCode[];
  severity: Severity;
  remedy: string;
}

export interface AuditReport {
  generatedAt: string;
  sellerId: string;
  marketplaces: string[];
  summary: {
    rows: number;
    bySignature: Partial<Record<SignatureCode, number>>;
    bySeverity: Partial<Record<Severity, number>>;
  };
  rows: AuditRow[];
}
