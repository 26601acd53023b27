import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { AuditRow } from '../audit/types.js';

/** The CSV columns of §5, in the contract's order. */
export const CSV_COLUMNS = [
  'sku',
  'marketplace_id',
  'marketplace',
  'product',
  'mto',
  'free_qty',
  'qty_available',
  'listing_qty',
  'amazon_qty',
  'amazon_lead_time_days',
  'expected_qty',
  'expected_lead_time_days',
  'signatures',
  'severity',
  'remedy',
] as const;

export interface CsvOptions {
  /** Prefix a UTF-8 byte-order mark so Excel reads non-ASCII text right (default true). */
  bom?: boolean;
}

type CsvCell = string | number | boolean | null;

const BOM = '\uFEFF';
const RECORD_END = '\r\n';
/** Fields with these need quotes under RFC 4180 (a lone CR or LF too, not only CRLF). */
const NEEDS_QUOTES = /[",\r\n]/;
/**
 * Text a spreadsheet would run as a formula. The full-width forms are there because some
 * spreadsheets (Apple Numbers) fold them into their ASCII twins before evaluating.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const BATCH_ROWS = 1_000;

export function renderCsv(rows: Iterable<AuditRow>, options: CsvOptions = {}): string {
  return [...formatCsvBatches(rows, options)].join('');
}

/**
 * Writes the same bytes as renderCsv batch by batch, waiting for `drain`, so a huge export never
 * sits in memory whole. The destination is left open: stdout must not be ended.
 */
export async function writeCsv(
  rows: Iterable<AuditRow>,
  destination: Writable,
  options: CsvOptions = {},
): Promise<void> {
  let failure: Error | undefined;
  const onError = (error: Error) => (failure ??= error);
  destination.on('error', onError);

  try {
    for (const chunk of formatCsvBatches(rows, options)) {
      if (failure !== undefined) break;
      if (!destination.write(chunk, 'utf8')) await once(destination, 'drain');
    }
  } finally {
    destination.off('error', onError);
  }
  if (failure !== undefined) throw failure;
}

function* formatCsvBatches(rows: Iterable<AuditRow>, options: CsvOptions): Generator<string> {
  let batch = [formatHeader(options)];
  for (const row of rows) {
    batch.push(formatCsvRecord(buildCsvRecord(row)));
    if (batch.length < BATCH_ROWS) continue;

    yield batch.join('');
    batch = [];
  }
  if (batch.length) yield batch.join('');
}

function formatHeader(options: CsvOptions): string {
  return (options.bom === false ? '' : BOM) + CSV_COLUMNS.join(',') + RECORD_END;
}

export function buildCsvRecord(row: AuditRow): CsvCell[] {
  return [
    row.sku,
    row.marketplaceId,
    row.marketplace,
    row.product,
    row.mto,
    row.odoo.freeQty,
    row.odoo.qtyAvailable,
    row.odoo.listingQty,
    row.amazon.quantity,
    row.amazon.leadTimeDays,
    row.expected.quantity,
    row.expected.leadTimeDays,
    row.signatures.join(';'),
    row.severity,
    row.remedy,
  ];
}

function formatCsvRecord(cells: readonly CsvCell[]): string {
  return cells.map(formatCsvCell).join(',') + RECORD_END;
}

/** RFC 4180 quoting; numbers and booleans as bare values; formulas neutralised in text only. */
export function formatCsvCell(value: CsvCell | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';

  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
