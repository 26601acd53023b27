import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { capturePaint } from '../../src/report/paint.js';
import { renderCliTable } from '../../src/report/table-cli.js';
import { renderGrid, type GridInput } from '../../src/report/table-grid.js';
import { measureTable } from '../../src/report/table-measure.js';

const PRODUCTS = ['Leather wallet', 'Sac à main', '革財布 ブラウン', 'Gürtel 👜', 'x', ''];

function buildInput(color: boolean): GridInput {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  const paints = [capturePaint(chalk.red.bold), capturePaint(chalk.yellow)];
  return {
    head: ['SKU', 'Product', 'Qty', 'Lead time A / E'],
    body: Array.from({ length: 30 }, (_, index) => [
      `SKU-${index}`,
      PRODUCTS[index % PRODUCTS.length]!,
      String(index * 37 - 100),
      `${index % 3 ? index : '—'} / 14`,
    ]),
    aligns: ['left', 'left', 'right', 'right'],
    headPaint: capturePaint(chalk.bold),
    rowPaint: (index) => paints[index % 2]!,
  };
}

describe('renderGrid', () => {
  it.each([false, true])('draws byte for byte what cli-table3 draws (colour %s)', (color) => {
    const input = buildInput(color);

    const ours = renderGrid(input, measureTable(input.head, input.body));

    expect(ours).toBe(renderCliTable(input));
  });

  it('uses the given widths for columns whose length is their width', () => {
    const input = buildInput(false);

    const measured = measureTable(input.head, input.body, [false, false, true, true]);

    expect(renderGrid(input, measured)).toBe(renderCliTable(input));
    expect(measured.columns).toEqual([6, 15, 4, 15]);
  });
});
