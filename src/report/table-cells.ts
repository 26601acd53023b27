import type { AuditRow } from '../audit/types.js';

export type Align = 'left' | 'right';

export const TABLE_HEAD = [
  'SKU',
  'Mkt',
  'Product',
  'MTO',
  'free_qty',
  'Listing qty',
  'Amazon qty',
  'Expected qty',
  'Lead time A / E',
  'Signatures',
] as const;

export const TABLE_ALIGNS: readonly Align[] = [
  'left',
  'left',
  'left',
  'left',
  'right',
  'right',
  'right',
  'right',
  'right',
  'left',
];

/**
 * Columns holding only text this program writes (numbers, yes/no, codes, the one-cell dash), so
 * their length is their display width; SKU, marketplace and product come from outside.
 */
export const TABLE_LENGTH_IS_WIDTH: readonly boolean[] = [
  false,
  false,
  false,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
];

/** The only free-text column: the one shortened to fit the terminal. */
export const PRODUCT_COLUMN = 2;

/** What the table shows for a missing value. */
export const NULL_CELL = '—';

/**
 * Odoo and Amazon text goes to a terminal: control characters (ESC among them) and bidi
 * overrides could move the cursor, recolour or reorder the screen, so they become spaces.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_FOR_TERMINAL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function sanitizeText(text: string): string {
  return text.replace(UNSAFE_FOR_TERMINAL, ' ');
}

export function buildTableCells(row: AuditRow): string[] {
  return [
    sanitizeText(row.sku),
    sanitizeText(row.marketplace),
    row.product === null ? NULL_CELL : sanitizeText(row.product),
    row.mto ? 'yes' : 'no',
    formatNumber(row.odoo.freeQty),
    formatNumber(row.odoo.listingQty),
    formatNumber(row.amazon.quantity),
    formatNumber(row.expected.quantity),
    `${formatNumber(row.amazon.leadTimeDays)} / ${formatNumber(row.expected.leadTimeDays)}`,
    row.signatures.join(', '),
  ];
}

function formatNumber(value: number | null | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : NULL_CELL;
}
