import { Chalk } from 'chalk';
import type { AuditReport, SignatureCode } from '../audit/types.js';
import { buildSeverityPaints, capturePaint, type SeverityPaints } from './paint.js';
import {
  buildTableCells,
  PRODUCT_COLUMN,
  TABLE_ALIGNS,
  TABLE_HEAD,
  TABLE_LENGTH_IS_WIDTH,
} from './table-cells.js';
import { renderCliTable } from './table-cli.js';
import { renderGrid, type GridInput } from './table-grid.js';
import { measureTable, shrinkColumn, type TableWidths } from './table-measure.js';
import { renderSummary } from './table-summary.js';

export interface TableOptions {
  /** Decided by the caller (see shouldUseColor); false means no ANSI escape at all. */
  color: boolean;
  /** The line that explains the exit code, printed last. */
  exitReason: string;
  /** Terminal width; the product column is shortened to fit it. */
  columns?: number;
  /** One-line remedy per signature code, shown under its count. */
  remedies?: Partial<Record<SignatureCode, string>>;
}

/** Above this many rows cli-table3's layout gets slow (0.1 s at 200 rows, 1.7 s at 2,000). */
export const CLI_TABLE3_MAX_ROWS = 200;

const MIN_PRODUCT_WIDTH = 12;

export function renderTable(report: AuditReport, options: TableOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const paints = buildSeverityPaints(chalk);
  const input = buildGridInput(report, paints, capturePaint(chalk.bold));
  const widths = measureTable(input.head, input.body, TABLE_LENGTH_IS_WIDTH);
  if (options.columns) fitTerminal(input.body, widths, options.columns);

  const table = report.rows.length === 0 ? 'No listings to report.' : drawTable(input, widths);
  const summary = renderSummary(report.summary, { ...options, paints });

  return `${table}\n\n${summary}\n`;
}

function buildGridInput(
  report: AuditReport,
  paints: SeverityPaints,
  headPaint: GridInput['headPaint'],
): GridInput & { body: string[][] } {
  return {
    head: TABLE_HEAD,
    body: report.rows.map(buildTableCells),
    aligns: TABLE_ALIGNS,
    headPaint,
    rowPaint: (index) => paints[report.rows[index]?.severity ?? 'ok'],
  };
}

/** Only the product column gives way: the others are short, or must stay whole. */
function fitTerminal(body: string[][], widths: TableWidths, columns: number): void {
  shrinkColumn(body, widths, PRODUCT_COLUMN, { maxWidth: columns, minWidth: MIN_PRODUCT_WIDTH });
}

function drawTable(input: GridInput, widths: TableWidths): string {
  if (input.body.length <= CLI_TABLE3_MAX_ROWS) return renderCliTable(input);

  return renderGrid(input, widths);
}
