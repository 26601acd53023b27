import { measureWidth, truncateToWidth } from './display-width.js';

/** Display widths of a table, each cell measured once: the slow part for 100,000 rows. */
export interface TableWidths {
  head: number[];
  /** Row-major: the width of body cell (row, column) is at row * columnCount + column. */
  body: Uint32Array;
  columns: number[];
}

/**
 * `lengthIsWidth[column]` marks columns whose text the program itself writes in characters one
 * cell wide (numbers, codes), so their length is their width and they need no measuring.
 */
export function measureTable(
  head: readonly string[],
  body: readonly string[][],
  lengthIsWidth: readonly boolean[] = [],
): TableWidths {
  const count = head.length;
  const widths: TableWidths = {
    head: head.map((cell) => measureWidth(cell)),
    body: new Uint32Array(body.length * count),
    columns: [],
  };

  body.forEach((cells, row) => {
    for (let column = 0; column < count; column++) {
      const text = cells[column] ?? '';
      widths.body[row * count + column] = lengthIsWidth[column] ? text.length : measureWidth(text);
    }
  });
  widths.columns = findColumnWidths(widths.head, widths.body);

  return widths;
}

function findColumnWidths(head: readonly number[], body: Uint32Array): number[] {
  return head.map((headWidth, column) => {
    let widest = headWidth;
    for (let index = column; index < body.length; index += head.length) {
      widest = Math.max(widest, body[index] ?? 0);
    }
    return widest;
  });
}

/** Outer width of a cli-table3-style table: each column is padded by 1 and followed by a bar. */
export function measureTableWidth(widths: TableWidths): number {
  return widths.columns.reduce((sum, width) => sum + width + 3, 1);
}

/**
 * Shortens one column's cells (with an ellipsis) until the table fits `maxWidth`, never below
 * `minWidth`; updates `widths` to match.
 */
export function shrinkColumn(
  body: string[][],
  widths: TableWidths,
  column: number,
  limits: { maxWidth: number; minWidth: number },
): void {
  const current = widths.columns[column] ?? 0;
  const overflow = measureTableWidth(widths) - limits.maxWidth;
  const target = Math.max(limits.minWidth, current - overflow);
  if (overflow <= 0 || target >= current) return;

  const count = widths.columns.length;
  body.forEach((cells, row) => {
    const index = row * count + column;
    if ((widths.body[index] ?? 0) <= target) return;

    cells[column] = truncateToWidth(cells[column] ?? '', target);
    widths.body[index] = measureWidth(cells[column]);
  });
  widths.columns = findColumnWidths(widths.head, widths.body);
}
