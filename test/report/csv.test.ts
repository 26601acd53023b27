import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, renderCsv, writeCsv } from '../../src/report/csv.js';
import { buildRow } from './fixtures.js';
import { parseCsv } from './parse-csv.js';

const HEADER =
  'sku,marketplace_id,marketplace,product,mto,free_qty,qty_available,listing_qty,amazon_qty,' +
  'amazon_lead_time_days,expected_qty,expected_lead_time_days,signatures,severity,remedy';

function parseBody(csv: string): Record<string, string>[] {
  const [header, ...records] = parseCsv(csv.replace(/^\uFEFF/, ''));
  return records.map((record) =>
    Object.fromEntries(header!.map((column, index) => [column, record[index]!])),
  );
}

class Collector extends Writable {
  readonly chunks: Buffer[] = [];

  constructor(private readonly delayMs = 0) {
    super({ highWaterMark: 1024 });
  }

  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.chunks.push(chunk);
    setTimeout(done, this.delayMs);
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

describe('renderCsv', () => {
  it('starts with a UTF-8 BOM and the contract header, records end in CRLF', () => {
    const csv = renderCsv([buildRow()]);

    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.slice(1).split('\r\n')[0]).toBe(HEADER);
    expect(CSV_COLUMNS.join(',')).toBe(HEADER);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(3);
  });

  it('omits the BOM on request', () => {
    expect(renderCsv([], { bom: false })).toBe(`${HEADER}\r\n`);
  });

  it('writes numbers and booleans bare, null as an empty cell, signatures joined by ;', () => {
    const row = buildRow({
      product: null,
      odoo: { freeQty: -3, qtyAvailable: 2.5, listingQty: null },
      amazon: { found: false, quantity: null, leadTimeDays: null },
      signatures: ['OVERSELL_RISK', 'NOT_LISTED'],
      severity: 'critical',
    });
    const line = renderCsv([row]).split('\r\n')[1];

    expect(line).toBe(
      'WALLET-BRN,ATVPDKIKX0DER,US,,true,-3,2.5,,,,999,14,OVERSELL_RISK;NOT_LISTED,critical,' +
        '"Sync the listing quantity, not free_qty; send sale_delay as the lead time."',
    );
  });

  it('writes false for a stocked product', () => {
    const [record] = parseBody(renderCsv([buildRow({ mto: false })]));

    expect(record!.mto).toBe('false');
  });

  it.each(['=', '+', '-', '@', '\t', '\r'])(
    'neutralises text starting with %j and leaves negative numbers alone',
    (start) => {
      const row = buildRow({
        sku: `${start}SKU`,
        product: `${start}HYPERLINK("http://x")`,
        odoo: { freeQty: -3 },
      });
      const [record] = parseBody(renderCsv([row]));

      expect(record!.sku).toBe(`'${start}SKU`);
      expect(record!.product).toBe(`'${start}HYPERLINK("http://x")`);
      expect(record!.free_qty).toBe('-3');
    },
  );

  it('neutralises a formula hidden in full-width characters', () => {
    const [record] = parseBody(renderCsv([buildRow({ product: '＝1+1' })]));

    expect(record!.product).toBe("'＝1+1");
  });

  it('does not touch text with a formula character later on', () => {
    const [record] = parseBody(renderCsv([buildRow({ sku: 'A-1=2', product: 'x@y' })]));

    expect(record!.sku).toBe('A-1=2');
    expect(record!.product).toBe('x@y');
  });

  it('quotes commas, quotes and line breaks so every value reads back unchanged', () => {
    const products = [
      'Wallet, brown',
      'The "Classic" wallet',
      'two\nlines',
      'cr\ronly',
      'crlf\r\n',
    ];
    const rows = products.map((product, index) => buildRow({ sku: `S${index}`, product }));
    const csv = renderCsv(rows);
    const records = parseBody(csv);

    expect(records.map((record) => record.product)).toEqual(products);
    expect(csv).toContain('"The ""Classic"" wallet"');
    expect(csv).toContain('"Wallet, brown"');
    expect(records.map((record) => record.sku)).toEqual(['S0', 'S1', 'S2', 'S3', 'S4']);
  });

  it('keeps non-ASCII text intact', () => {
    const products = ['Sac à main', '革財布 ブラウン', 'Gürtel 👜'];
    const rows = products.map((product) => buildRow({ product, marketplace: 'JP' }));
    const bytes = Buffer.from(renderCsv(rows), 'utf8');

    expect(parseBody(bytes.toString('utf8')).map((record) => record.product)).toEqual(products);
    expect(bytes.includes(Buffer.from('革財布', 'utf8'))).toBe(true);
  });

  it('has one record per row with every column filled from the row', () => {
    const rows = [buildRow(), buildRow({ sku: 'B', marketplaceId: 'A1PA6795UKMFR9' })];
    const records = parseBody(renderCsv(rows));

    expect(records).toHaveLength(2);
    expect(records[1]).toEqual({
      sku: 'B',
      marketplace_id: 'A1PA6795UKMFR9',
      marketplace: 'US',
      product: 'Leather wallet',
      mto: 'true',
      free_qty: '0',
      qty_available: '0',
      listing_qty: '999',
      amazon_qty: '0',
      amazon_lead_time_days: '2',
      expected_qty: '999',
      expected_lead_time_days: '14',
      signatures: 'SUPPRESSED_IN_PRODUCTION;WRONG_CODE_PATH;LEAD_TIME_MISMATCH',
      severity: 'critical',
      remedy: 'Sync the listing quantity, not free_qty; send sale_delay as the lead time.',
    });
  });
});

describe('writeCsv', () => {
  const rows = Array.from({ length: 2_500 }, (_, index) =>
    buildRow({ sku: `SKU-${index}`, product: index % 2 ? '=cmd' : 'Wallet, "brown"' }),
  );

  it('writes the same bytes as renderCsv across batches and waits for a slow reader', async () => {
    const destination = new Collector(1);

    await writeCsv(rows, destination);

    expect(destination.text()).toBe(renderCsv(rows));
  });

  it('leaves the destination open so stdout is never ended', async () => {
    const destination = new Collector();

    await writeCsv([buildRow()], destination, { bom: false });

    expect(destination.writableEnded).toBe(false);
    expect(destination.text().startsWith('sku,')).toBe(true);
  });

  it('rejects when the destination fails', async () => {
    const failing = new Writable({
      highWaterMark: 16,
      write: (_chunk, _encoding, done) => done(new Error('disk full')),
    });

    await expect(writeCsv(rows, failing)).rejects.toThrow('disk full');
  });
});
