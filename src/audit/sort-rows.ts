import { SEVERITIES, type AuditRow } from './types.js';

/** UTF-16 units at and above the surrogates, where code unit order and code point order part. */
const HIGH_UNITS = /[\uD800-\uFFFF]/;

/** Severity (critical first), then SKU, then marketplace ID, both by code point. */
export function sortRows(rows: readonly AuditRow[]): AuditRow[] {
  const buckets = SEVERITIES.map(() => [] as AuditRow[]);
  let highUnits = false;

  for (const row of rows) {
    buckets[SEVERITIES.indexOf(row.severity)]?.push(row);
    highUnits ||= HIGH_UNITS.test(row.sku) || HIGH_UNITS.test(row.marketplaceId);
  }

  if (!highUnits) return buckets.flatMap((bucket) => bucket.sort(compareByCodeUnits));
  return buckets.flatMap(sortByCodePointKeys);
}

/**
 * Unicode code point order. JavaScript's `<` compares UTF-16 code units, which puts characters
 * above U+FFFF (surrogate pairs) before U+E000..U+FFFF; locale collation differs further.
 */
export function compareCodePoints(a: string, b: string): number {
  return compareUnits(toCodePointKey(a), toCodePointKey(b));
}

/** Without units from U+D800 up, code unit order is code point order. */
function compareByCodeUnits(a: AuditRow, b: AuditRow): number {
  return compareUnits(a.sku, b.sku) || compareUnits(a.marketplaceId, b.marketplaceId);
}

function sortByCodePointKeys(rows: AuditRow[]): AuditRow[] {
  const keyed = rows.map((row) => ({
    row,
    sku: toCodePointKey(row.sku),
    marketplaceId: toCodePointKey(row.marketplaceId),
  }));

  keyed.sort(
    (a, b) => compareUnits(a.sku, b.sku) || compareUnits(a.marketplaceId, b.marketplaceId),
  );
  return keyed.map((key) => key.row);
}

/** A string whose code unit order is the code point order of `text`. */
function toCodePointKey(text: string): string {
  if (!HIGH_UNITS.test(text)) return text;

  let key = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    key += String.fromCharCode(
      unit < 0xd800 ? unit : unit >= 0xe000 ? unit - 0x800 : unit + 0x2000,
    );
  }
  return key;
}

function compareUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
