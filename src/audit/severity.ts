import type { Severity, SignatureCode } from './types.js';

/** The severity of each signature code (§4). */
export const SIGNATURE_SEVERITY: Readonly<Record<SignatureCode, Severity>> = {
  SUPPRESSED_IN_PRODUCTION: 'critical',
  OVERSELL_RISK: 'critical',
  WRONG_SCHEMA: 'error',
  WRONG_CODE_PATH: 'error',
  LEAD_TIME_MISMATCH: 'error',
  OVER_CAPACITY: 'error',
  MARKETPLACE_CONFLICT: 'error',
  DUPLICATE_LISTING: 'error',
  READ_FAILED: 'error',
  LEAD_TIME_OVER_LIMIT: 'warning',
  QTY_TOO_LOW: 'warning',
  QTY_TOO_HIGH: 'warning',
  NOT_LISTED: 'warning',
  DRIFT: 'warning',
  OK: 'ok',
};

const SEVERITY_RANK: Readonly<Record<Severity, number>> = {
  critical: 0,
  error: 1,
  warning: 2,
  ok: 3,
};

export function severityOf(code: SignatureCode): Severity {
  return SIGNATURE_SEVERITY[code];
}

/** 0 for critical up to 3 for ok: a lower rank is more severe. */
export function severityRank(severity: Severity): number {
  return SEVERITY_RANK[severity];
}

/** Negative when `a` is more severe than `b`, so sorting puts critical first. */
export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITY_RANK[a] - SEVERITY_RANK[b];
}

export function isAtOrAbove(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_RANK[severity] <= SEVERITY_RANK[threshold];
}

/** The highest severity among a row's codes; `ok` when it has none. */
export function rowSeverity(codes: readonly SignatureCode[]): Severity {
  let highest: Severity = 'ok';

  for (const code of codes) {
    const severity = SIGNATURE_SEVERITY[code];
    if (SEVERITY_RANK[severity] < SEVERITY_RANK[highest]) highest = severity;
  }
  return highest;
}
