import { describe, expect, it } from 'vitest';
import { measureWidth } from '../../src/report/display-width.js';
import { CLI_TABLE3_MAX_ROWS, renderTable } from '../../src/report/table.js';
import { buildReport, buildRow } from './fixtures.js';

const ESC = '\u001b';

function buildMixedReport() {
  return buildReport([
    buildRow(),
    buildRow({
      sku: 'BELT-01',
      marketplaceId: 'A1PA6795UKMFR9',
      marketplace: 'DE',
      product: 'Gürtel, schwarz',
      signatures: ['WRONG_SCHEMA', 'LEAD_TIME_MISMATCH'],
      severity: 'error',
      odoo: { listingQty: null },
    }),
    buildRow({
      sku: 'PURSE-JP',
      marketplace: 'JP',
      product: '革財布 ブラウン',
      signatures: ['NOT_LISTED'],
      severity: 'warning',
      amazon: { found: false, quantity: null, leadTimeDays: null },
    }),
    buildRow({
      sku: 'CUP',
      product: 'Cup',
      mto: false,
      signatures: ['OK'],
      severity: 'ok',
      odoo: { freeQty: 12 },
      amazon: { quantity: 12, leadTimeDays: 14 },
      expected: { quantity: 12 },
    }),
  ]);
}

const EXIT_REASON = 'Exit 1: 2 rows at or above --fail-on error.';

function render(color: boolean, extra: { columns?: number } = {}) {
  return renderTable(buildMixedReport(), { color, exitReason: EXIT_REASON, ...extra });
}

function findLine(text: string, needle: string): string {
  return text.split('\n').find((line) => line.includes(needle)) ?? '';
}

/** Splits a body line into trimmed cell texts. */
function readCells(line: string): string[] {
  return line
    .split('│')
    .slice(1, -1)
    .map((cell) => cell.trim());
}

describe('renderTable', () => {
  it('writes no ANSI escape at all without colour, even for hostile product names', () => {
    const report = buildMixedReport();
    report.rows[0]!.product = `evil${ESC}[2J${ESC}]0;title\u0007 name`;
    const text = renderTable(report, { color: false, exitReason: EXIT_REASON });

    expect(text).not.toContain(ESC);
    expect(text).not.toContain('\u0007');
    expect(findLine(text, 'WALLET-BRN')).toContain('evil [2J ]0;title  name');
  });

  it('colours rows by severity when colour is on', () => {
    const text = render(true);

    expect(findLine(text, 'WALLET-BRN')).toContain(`${ESC}[31m${ESC}[1mWALLET-BRN`);
    expect(findLine(text, 'BELT-01')).toContain(`${ESC}[31mBELT-01${ESC}[39m`);
    expect(findLine(text, 'BELT-01')).not.toContain(`${ESC}[1m`);
    expect(findLine(text, 'PURSE-JP')).toContain(`${ESC}[33mPURSE-JP`);
    expect(findLine(text, 'CUP')).toContain(`${ESC}[32mCUP`);
    expect(text).toContain(`  ${ESC}[33mNOT_LISTED${' '.repeat(16)}warning${ESC}[39m   1`);
  });

  it('shows the contract columns with null as a dash and lead time as Amazon / expected', () => {
    const text = render(false);
    const head = readCells(findLine(text, 'SKU'));

    expect(head).toEqual([
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
    ]);
    expect(readCells(findLine(text, 'WALLET-BRN'))).toEqual([
      'WALLET-BRN',
      'US',
      'Leather wallet',
      'yes',
      '0',
      '999',
      '0',
      '999',
      '2 / 14',
      'SUPPRESSED_IN_PRODUCTION, WRONG_CODE_PATH, LEAD_TIME_MISMATCH',
    ]);
    expect(readCells(findLine(text, 'PURSE-JP')).slice(6, 9)).toEqual(['—', '999', '— / 14']);
    expect(readCells(findLine(text, 'BELT-01'))[5]).toBe('—');
    expect(readCells(findLine(text, '│ CUP'))[3]).toBe('no');
  });

  it('lines up every table line to the same display width, wide characters included', () => {
    const lines = render(false).split('\n\n')[0]!.split('\n');
    const widths = new Set(lines.map((line) => measureWidth(line)));

    expect(lines).toHaveLength(8);
    expect(widths.size).toBe(1);
  });

  it('counts signatures in contract order with severity, then the exit reason last', () => {
    const text = render(false);
    const block = text.split('\n\n')[1]!.split('\n');

    expect(block).toEqual([
      'Signatures (4 rows: 1 critical, 1 error, 1 warning, 1 ok)',
      '  SUPPRESSED_IN_PRODUCTION  critical  1',
      '  WRONG_SCHEMA              error     1',
      '  WRONG_CODE_PATH           error     1',
      '  LEAD_TIME_MISMATCH        error     2',
      '  NOT_LISTED                warning   1',
      '  OK                        ok        1',
    ]);
    expect(text.endsWith(`\n\n${EXIT_REASON}\n`)).toBe(true);
  });

  it('prints the remedy of each signature present under its count', () => {
    const remedies = {
      NOT_LISTED: 'Create the offer on Amazon, or retire the Odoo listing.',
      DRIFT: 'never shown: no row has it',
    };
    const text = renderTable(buildMixedReport(), {
      color: false,
      exitReason: EXIT_REASON,
      remedies,
    });
    const lines = text.split('\n');
    const at = lines.indexOf('  NOT_LISTED                warning   1');

    expect(lines[at + 1]).toBe('      Create the offer on Amazon, or retire the Odoo listing.');
    expect(text).not.toContain('never shown');
  });

  it('shortens product names to fit the terminal width, down to 12 cells', () => {
    const report = buildMixedReport();
    report.rows[3]!.product = 'A very long product name that would push the table past the edge';
    const options = { color: false, exitReason: EXIT_REASON };
    const wide = findLine(renderTable(report, options), '│ CUP');
    const fitted = findLine(renderTable(report, { ...options, columns: 180 }), '│ CUP');
    const narrow = findLine(renderTable(report, { ...options, columns: 100 }), '│ CUP');

    expect(measureWidth(wide)).toBeGreaterThan(180);
    expect(readCells(fitted)[2]).toBe('A very long pro…');
    expect(measureWidth(fitted)).toBe(180);
    expect(readCells(narrow)[2]).toBe('A very long…');
    expect(readCells(narrow)[9]).toBe('OK');
  });

  it('says so when there are no rows, and still prints the exit reason', () => {
    const text = renderTable(buildReport([]), { color: false, exitReason: 'Exit 0: clean.' });

    expect(text).toBe('No listings to report.\n\nSignatures (0 rows)\n\nExit 0: clean.\n');
  });

  it('draws large tables in the same layout, coloured or not', () => {
    const rows = Array.from({ length: CLI_TABLE3_MAX_ROWS + 50 }, (_, index) =>
      buildRow({ sku: `SKU-${String(index).padStart(4, '0')}`, product: `財布 ${index}` }),
    );
    const plain = renderTable(buildReport(rows), { color: false, exitReason: EXIT_REASON });
    const colored = renderTable(buildReport(rows), { color: true, exitReason: EXIT_REASON });
    const lines = plain.split('\n\n')[0]!.split('\n');

    expect(lines).toHaveLength(rows.length + 4);
    expect(new Set(lines.map((line) => measureWidth(line))).size).toBe(1);
    expect(readCells(findLine(plain, 'SKU-0249'))[2]).toBe('財布 249');
    expect(plain).not.toContain(ESC);
    expect(findLine(colored, 'SKU-0249')).toContain(`${ESC}[31m${ESC}[1mSKU-0249`);
  });
});
