import { SEVERITIES, SIGNATURE_CODES } from '../audit/types.js';
import { SIGNATURE_SEVERITY } from '../audit/severity.js';
import type { AuditReport, SignatureCode } from '../audit/types.js';
import { sanitizeText } from './table-cells.js';
import { applyPaint, type SeverityPaints } from './paint.js';

export interface SummaryOptions {
  exitReason: string;
  remedies?: Partial<Record<SignatureCode, string>>;
  paints: SeverityPaints;
}

/** Counts per signature with severity and remedy, the severity totals, then the exit reason. */
export function renderSummary(summary: AuditReport['summary'], options: SummaryOptions): string {
  const present = SIGNATURE_CODES.filter((code) => (summary.bySignature[code] ?? 0) > 0);
  const lines = [`Signatures (${describeTotals(summary)})`];
  const widths = {
    code: Math.max(0, ...present.map((code) => code.length)),
    count: Math.max(0, ...present.map((code) => String(summary.bySignature[code]).length)),
  };

  for (const code of present) {
    lines.push(...formatSignature(code, summary.bySignature[code] ?? 0, widths, options));
  }
  lines.push('', sanitizeText(options.exitReason));

  return lines.join('\n');
}

function formatSignature(
  code: SignatureCode,
  count: number,
  widths: { code: number; count: number },
  options: SummaryOptions,
): string[] {
  const severity = SIGNATURE_SEVERITY[code];
  const label = applyPaint(options.paints[severity], `${code.padEnd(widths.code)}  ${severity}`);
  const padding = ' '.repeat(8 - severity.length);
  const line = `  ${label}${padding}  ${String(count).padStart(widths.count)}`;
  const remedy = options.remedies?.[code];

  return remedy ? [line, `      ${sanitizeText(remedy)}`] : [line];
}

function describeTotals(summary: AuditReport['summary']): string {
  const rows = `${summary.rows} ${summary.rows === 1 ? 'row' : 'rows'}`;
  const bySeverity = SEVERITIES.filter((severity) => (summary.bySeverity[severity] ?? 0) > 0).map(
    (severity) => `${summary.bySeverity[severity]} ${severity}`,
  );
  return bySeverity.length ? `${rows}: ${bySeverity.join(', ')}` : rows;
}
