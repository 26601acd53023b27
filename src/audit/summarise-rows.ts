import { SEVERITIES, SIGNATURE_CODES, type AuditReport, type AuditRow } from './types.js';

export type AuditSummary = AuditReport['summary'];

/** Row count and counts per signature and severity; only what occurs, in contract order. */
export function summariseRows(rows: readonly AuditRow[]): AuditSummary {
  const signatureCounts = new Map<string, number>();
  const severityCounts = new Map<string, number>();

  for (const row of rows) {
    for (const code of row.signatures) increment(signatureCounts, code);
    increment(severityCounts, row.severity);
  }

  return {
    rows: rows.length,
    bySignature: pickCounts(SIGNATURE_CODES, signatureCounts),
    bySeverity: pickCounts(SEVERITIES, severityCounts),
  };
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function pickCounts<K extends string>(
  order: readonly K[],
  counts: Map<string, number>,
): Partial<Record<K, number>> {
  const picked: Partial<Record<K, number>> = {};

  for (const key of order) {
    const count = counts.get(key);
    if (count !== undefined) picked[key] = count;
  }
  return picked;
}
