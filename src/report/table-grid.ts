import type { Paint } from './paint.js';
import type { Align } from './table-cells.js';
import type { TableWidths } from './table-measure.js';

/** A table as plain cell text plus how to colour it; both renderers take the same input. */
export interface GridInput {
  head: readonly string[];
  body: readonly string[][];
  aligns: readonly Align[];
  headPaint: Paint;
  rowPaint: (rowIndex: number) => Paint;
}

/** Lines are joined in chunks so they die young instead of being copied by the GC. */
const CHUNK_LINES = 1_000;

const BORDERS = {
  top: ['┌', '┬', '┐'],
  middle: ['├', '┼', '┤'],
  bottom: ['└', '┴', '┘'],
} as const;

/**
 * Draws the table in the same characters and padding as cli-table3's compact style, in one
 * linear pass: cli-table3's layout step grows quadratically with the row count.
 */
export function renderGrid(input: GridInput, widths: TableWidths): string {
  const count = widths.columns.length;
  const layout = { widths: widths.columns, aligns: input.aligns };
  const chunks = [
    drawRule(widths.columns, BORDERS.top),
    drawCells(input.head, widths.head, input.headPaint, layout),
    drawRule(widths.columns, BORDERS.middle),
  ];
  let lines: string[] = [];

  input.body.forEach((cells, row) => {
    const cellWidths = widths.body.subarray(row * count, (row + 1) * count);
    lines.push(drawCells(cells, cellWidths, input.rowPaint(row), layout));
    if (lines.length < CHUNK_LINES) return;

    chunks.push(lines.join('\n'));
    lines = [];
  });
  if (lines.length) chunks.push(lines.join('\n'));
  chunks.push(drawRule(widths.columns, BORDERS.bottom));

  return chunks.join('\n');
}

function drawRule(widths: readonly number[], [left, join, right]: readonly string[]): string {
  return `${left}${widths.map((width) => '─'.repeat(width + 2)).join(join)}${right}`;
}

interface Layout {
  widths: readonly number[];
  aligns: readonly Align[];
}

function drawCells(
  cells: readonly string[],
  cellWidths: ArrayLike<number>,
  paint: Paint,
  layout: Layout,
): string {
  const parts = ['│'];
  for (let column = 0; column < layout.widths.length; column++) {
    const text = cells[column] ?? '';
    const gap = spaces((layout.widths[column] ?? 0) - (cellWidths[column] ?? 0));
    const open = text === '' ? '' : paint.open;
    const close = text === '' ? '' : paint.close;
    if (layout.aligns[column] === 'right') parts.push(' ', gap, open, text, close, ' │');
    else parts.push(' ', open, text, close, gap, ' │');
  }
  return parts.join('');
}

const SPACES: string[] = [];

function spaces(count: number): string {
  return (SPACES[count] ??= ' '.repeat(count));
}
