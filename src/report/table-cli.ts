import Table from 'cli-table3';
import { applyPaint } from './paint.js';
import type { GridInput } from './table-grid.js';

/**
 * The same table through cli-table3. Its own colouring (which follows its own TTY detection)
 * is switched off: colour arrives already in the cell text, from the caller's decision.
 */
export function renderCliTable(input: GridInput): string {
  const table = new Table({
    head: input.head.map((cell) => applyPaint(input.headPaint, cell)),
    colAligns: [...input.aligns],
    style: { head: [], border: [], compact: true },
  });

  input.body.forEach((cells, index) => {
    const paint = input.rowPaint(index);
    table.push(cells.map((cell) => applyPaint(paint, cell)));
  });

  return table.toString();
}
