import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { UpstreamError } from '../../src/errors.js';
import { silentLogger } from '../../src/logger.js';
import { createOdooClient, type OdooClient } from '../../src/odoo/client.js';
import { isUnknownModelFault, OdooFault, parseFaultCode } from '../../src/odoo/faults.js';
import { readOdoo } from '../../src/odoo/read-odoo.js';
import { warehouseContext } from '../../src/odoo/warehouse.js';
import { startFakeOdoo, type FakeOdoo } from '../../src/sandbox/odoo/index.js';
import {
  faultResponse,
  shopCatalog,
  startRecordingServer,
  UID_RESPONSE,
} from './odoo-test-servers.js';

let odoo17: FakeOdoo;
let odoo18: FakeOdoo;
const clients: OdooClient[] = [];

beforeAll(async () => {
  [odoo17, odoo18] = await Promise.all([
    startFakeOdoo({ catalog: shopCatalog('17.0') }),
    startFakeOdoo({ catalog: shopCatalog('18.0') }),
  ]);
});

afterAll(async () => {
  for (const client of clients) client.close();
  await Promise.all([odoo17.close(), odoo18.close()]);
});

function clientOf(
  url: string,
  overrides: Partial<{ db: string; username: string; password: string }> = {},
) {
  const client = createOdooClient({
    url,
    db: 'shop',
    username: 'admin',
    password: 'admin-pw',
    timeoutMs: 5_000,
    logger: silentLogger,
    ...overrides,
  });
  clients.push(client);
  return client;
}

async function faultOf(promise: Promise<unknown>): Promise<OdooFault> {
  const error: unknown = await promise.then(
    () => new Error('expected a fault'),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(OdooFault);
  return error as OdooFault;
}

describe('Odoo client: version and login', () => {
  it('reads the server version once, however often and concurrently it is asked', async () => {
    const before = odoo17.stats.byMethod.version ?? 0;
    const client = clientOf(odoo17.url);

    const answers = await Promise.all([client.version(), client.version(), client.version()]);
    await client.version();
    await warehouseContext(client, 'BER');

    expect(answers.map((v) => v.serverVersion)).toEqual(['17.0', '17.0', '17.0']);
    expect(answers[0]?.major).toBe(17);
    expect((odoo17.stats.byMethod.version ?? 0) - before).toBe(1);
  });

  it('accepts a password or an API key, and turns a False login into exit 3', async () => {
    expect(await clientOf(odoo17.url).authenticate()).toBe(2);
    expect(await clientOf(odoo17.url, { password: 'api-key-0123456789' }).authenticate()).toBe(2);

    const refused = clientOf(odoo17.url, { password: 'wrong' });
    const error: unknown = await refused.authenticate().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).exitCode).toBe(3);
    expect((error as UpstreamError).message).toMatch(/refused the login of "admin"/);
    // A model call behind a refused login fails the same way and never reaches execute_kw.
    const calls = odoo17.stats.byMethod['product.product.search_read'] ?? 0;
    await expect(refused.call('product.product', 'search_read', [[]])).rejects.toThrow(
      UpstreamError,
    );
    expect(odoo17.stats.byMethod['product.product.search_read'] ?? 0).toBe(calls);
  });

  it('names ODOO_DB when the database does not exist', async () => {
    const error: unknown = await clientOf(odoo17.url, { db: 'nope' })
      .authenticate()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).message).toContain('no database "nope"');
    expect((error as UpstreamError).suggestion).toContain('ODOO_DB');
  });
});

describe('Odoo client: typed faults', () => {
  it('types an unknown model as fault 2 "doesn\'t exist"', async () => {
    const fault = await faultOf(clientOf(odoo17.url).call('no.such.model', 'search_read', [[]]));
    expect(fault.code).toBe(2);
    expect(fault.kind).toBe('warning');
    expect(fault.faultString).toMatch(/Object no\.such\.model doesn't exist/);
    expect(isUnknownModelFault(fault)).toBe(true);
  });

  it('types a write to a missing record as fault 2, with a one-line message', async () => {
    const call = clientOf(odoo17.url).call('marketplace.listing', 'write', [[999], { qty: 1 }]);
    const fault = await faultOf(call);
    expect(fault.code).toBe(2);
    expect(fault.kind).toBe('warning');
    expect(fault.faultString).toMatch(/has been deleted/);
    expect(fault.message.split('\n')).toHaveLength(1);
    expect(isUnknownModelFault(fault)).toBe(false);
  });

  it('types a model the user may not read as fault 4', async () => {
    const sync = clientOf(odoo17.url, { username: 'sync', password: 'sync-pw' });
    const fault = await faultOf(sync.call('ir.model.data', 'search_read', [[]], { limit: 1 }));
    expect(fault.code).toBe(4);
    expect(fault.kind).toBe('access-error');
  });

  it('parses fault codes given as integers or as strings', () => {
    expect(parseFaultCode(2)).toBe(2);
    expect(parseFaultCode('2')).toBe(2);
    expect(parseFaultCode(' 4 ')).toBe(4);
    expect(parseFaultCode('AccessDenied')).toBe(3);
    expect(parseFaultCode('warning -- Warning\n\nNo such record')).toBe(2);
    expect(parseFaultCode('AccessError')).toBe(4);
    expect(parseFaultCode('Traceback (most recent call last)')).toBe(1);
    expect(parseFaultCode(undefined)).toBe(1);
    expect(new OdooFault(parseFaultCode('3'), 'Access Denied').kind).toBe('access-denied');
  });

  it('reads a string fault code off the wire', async () => {
    const cases: [string, number, string][] = [
      ['<string>AccessDenied</string>', 3, 'access-denied'],
      ['<string>warning -- Warning</string>', 2, 'warning'],
      ['<int>4</int>', 4, 'access-error'],
    ];
    for (const [code, expected, kind] of cases) {
      const server = await startRecordingServer(faultResponse(code, 'refused'));
      try {
        const fault = await faultOf(clientOf(server.url).version());
        expect(fault.code).toBe(expected);
        expect(fault.kind).toBe(kind);
      } finally {
        await server.close();
      }
    }
  });
});

describe('Odoo client: what goes on the wire', () => {
  it("drops undefined, sends null as False and a Date as Odoo's UTC string", async () => {
    const server = await startRecordingServer(UID_RESPONSE);
    try {
      const client = clientOf(server.url);
      await client.call('marketplace.listing', 'write', [
        [1, undefined, 2],
        {
          qty: 5,
          marketplace_id: null,
          amazon_sku: undefined,
          seen: new Date(Date.UTC(2025, 2, 4, 5, 6, 7)),
        },
      ]);
      const body = server.bodies.at(-1) ?? '';
      expect(body).not.toContain('<nil/>');
      expect(body).not.toContain('dateTime.iso8601');
      expect(body).not.toContain('amazon_sku');
      expect(body).toContain('<string>2025-03-04 05:06:07</string>');
      expect(body).toMatch(/<name>marketplace_id<\/name>\s*<value>\s*<boolean>0<\/boolean>/);
      // The undefined id is gone, not sent as a nil between 1 and 2.
      const ids = '<array><data><value><int>1</int></value><value><int>2</int></value></data>';
      expect(body).toContain(ids);
    } finally {
      await server.close();
    }
  });

  it("writes null as False and leaves undefined fields out (the fake's write log)", async () => {
    const client = clientOf(odoo17.url);
    await client.call('marketplace.listing', 'write', [
      [1],
      { qty: 7, marketplace_id: null, amazon_sku: undefined },
    ]);
    expect(odoo17.writes.at(-1)).toEqual({
      model: 'marketplace.listing',
      ids: [1],
      vals: { qty: 7, marketplace_id: false },
    });
  });

  it('compares a Date in a domain as Odoo compares its datetime strings', async () => {
    const client = clientOf(odoo17.url);
    const search = (date: Date) =>
      client.call<unknown[]>('product.product', 'search_read', [[['create_date', '<', date]]], {
        fields: ['id'],
      });
    expect(await search(new Date('2100-01-01T00:00:00Z'))).toHaveLength(1);
    expect(await search(new Date('2000-01-01T00:00:00Z'))).toHaveLength(0);
  });
});

describe('Odoo client: the warehouse context key follows the server version', () => {
  it('gives per-warehouse free_qty on Odoo 17 (warehouse) and 18 (warehouse_id)', async () => {
    const c17 = clientOf(odoo17.url);
    const c18 = clientOf(odoo18.url);
    expect(await warehouseContext(c17, 'BER')).toEqual({ warehouse: 2 });
    expect(await warehouseContext(c18, 'Berlin')).toEqual({ warehouse_id: 2 });

    for (const fake of [odoo17, odoo18]) {
      const all = await readOdoo(clientOf(fake.url), {
        config: configFor(fake),
        logger: silentLogger,
      });
      const berlin = await readOdoo(clientOf(fake.url), {
        config: configFor(fake, 'BER'),
        logger: silentLogger,
      });
      expect(all.products.get(42)?.freeQty).toBe(4.5);
      expect(berlin.products.get(42)?.freeQty).toBe(3.5);
      expect(berlin.products.get(42)?.qtyAvailable).toBe(4);
    }
  });

  it('would read every warehouse if Odoo 18 were sent the old key', async () => {
    const rows = await clientOf(odoo18.url).call<{ free_qty: number }[]>(
      'product.product',
      'search_read',
      [[['id', '=', 42]]],
      { fields: ['free_qty'], context: { warehouse: 2 } },
    );
    expect(rows[0]?.free_qty).toBe(4.5);
  });
});

function configFor(fake: FakeOdoo, warehouse?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'mto-odoo-client-'));
  const file = join(dir, 'empty.json');
  writeFileSync(file, '{}');
  return loadConfig({
    configPath: file,
    cwd: dir,
    env: {
      ODOO_URL: fake.url,
      ODOO_DB: 'shop',
      ODOO_USERNAME: 'admin',
      ODOO_PASSWORD: 'admin-pw',
      AMAZON_SELLER_ID: 'A1SELLER',
      AMAZON_MARKETPLACE_IDS: 'ATVPDKIKX0DER',
      SP_API_REFRESH_TOKEN: 'Atzr|unused',
      SELLING_PARTNER_APP_CLIENT_ID: 'unused',
      SELLING_PARTNER_APP_CLIENT_SECRET: 'unused',
    },
    overrides: { warehouse },
  });
}
