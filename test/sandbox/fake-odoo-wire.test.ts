import http from 'node:http';
import xmlrpc from 'xmlrpc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOdoo, type FakeOdoo } from '../../src/sandbox/odoo/index.js';
import { buildCatalog, runPythonProbe, type ProbeOutcome } from './fake-odoo-fixture.js';

function methodCall(method: string, params: string[]): string {
  const body = params.map((param) => `<param><value>${param}</value></param>`).join('\n');
  const name = `<methodName>${method}</methodName>`;
  return `<?xml version="1.0"?>\n<methodCall>${name}<params>\n${body}\n</params></methodCall>`;
}

const ADMIN = ['mto_demo', '<i4>2</i4>', '<string>admin</string>'];
const leaf = (field: string, op: string, value: string) =>
  `<array><data><value>${field}</value><value>${op}</value><value>${value}</value></data></array>`;
const list = (...items: string[]) =>
  `<array><data>${items.map((item) => `<value>${item}</value>`).join('')}</data></array>`;
const struct = (members: Record<string, string>) =>
  `<struct>${Object.entries(members)
    .map(([name, value]) => `<member><name>${name}</name><value>${value}</value></member>`)
    .join('')}</struct>`;

const RAW_CALLS = [
  {
    name: 'nilAndUntyped',
    service: 'object',
    raw: methodCall('execute_kw', [
      ...ADMIN,
      'product.product',
      'search_read',
      list(list(leaf('default_code', '=', '<string><![CDATA[BELT]]></string>'))),
      struct({ fields: list('name', 'free_qty'), limit: '<nil/>', offset: '<ex:nil/>' }),
    ]),
  },
  {
    name: 'unicode',
    service: 'object',
    raw: methodCall('execute_kw', [
      ...ADMIN,
      'product.product',
      'search_read',
      list(list(leaf('name', 'ilike', 'crème'))),
      struct({ fields: list('name', 'categ_id', 'route_ids', 'sale_delay', 'active') }),
    ]),
  },
  {
    name: 'groups',
    service: 'object',
    raw: methodCall('execute_kw', [
      ...ADMIN,
      'marketplace.listing',
      'read_group',
      list(list(), list('qty:sum'), list('seller_id')),
      struct({
        lazy: '<boolean>0</boolean>',
        context: struct({ active_test: '<boolean>0</boolean>' }),
      }),
    ]),
  },
  {
    name: 'fieldsGet',
    service: 'object',
    raw: methodCall('execute_kw', [...ADMIN, 'stock.rule', 'fields_get', list()]),
  },
  {
    name: 'accessDenied',
    service: 'object',
    raw: methodCall('execute_kw', [
      'mto_demo',
      '<int>2</int>',
      'x',
      'product.product',
      'search',
      list(list()),
    ]),
  },
  {
    name: 'malformed',
    service: 'object',
    raw: '<?xml version="1.0"?><methodCall><methodName>execute_kw</methodName><params>',
  },
  { name: 'unknownService', service: 'report', raw: methodCall('render', []) },
  { name: 'unknownCommon', service: 'common', raw: methodCall('frobnicate', []) },
  { name: 'getMethod', service: 'common', raw: '', httpMethod: 'GET' },
  { name: 'unknownPath', service: 'common/extra', raw: methodCall('version', []) },
];

describe('fake Odoo wire format', () => {
  let odoo: FakeOdoo;
  let out: Record<string, ProbeOutcome & { sameBytesAsOdoo?: boolean }>;

  beforeAll(async () => {
    odoo = await startFakeOdoo({ catalog: buildCatalog('17.0') });
    out = await runPythonProbe(odoo.url, RAW_CALLS);
  });

  afterAll(() => odoo.close());

  it('accepts <nil/>, untyped strings, <i4> and CDATA in requests, as Python loads() does', () => {
    expect(out.nilAndUntyped?.result).toEqual([{ id: 43, name: 'Belt', free_qty: 5.75 }]);
  });

  it('writes answers byte for byte as Odoo dumps() them', () => {
    for (const name of ['nilAndUntyped', 'unicode', 'groups', 'fieldsGet', 'accessDenied']) {
      expect({ name, same: out[name]?.sameBytesAsOdoo, nil: out[name]?.hasNil }).toEqual({
        name,
        same: true,
        nil: false,
      });
    }
    expect(out.unicode?.repr).toBe(
      "[{'id': 45, 'name': 'Café <crème> & co', 'categ_id': [1, 'All'], 'route_ids': [2], " +
        "'sale_delay': 0.0, 'active': True}]",
    );
    expect(out.accessDenied?.fault).toEqual({ code: 3, string: 'Access Denied' });
  });

  it('answers non-lazy read_group with __count and a False group for empty values', () => {
    expect(out.groups?.result).toEqual([
      { seller_id: 'A1SELLER', __count: 3, qty: 1002, __domain: [['seller_id', '=', 'A1SELLER']] },
      { seller_id: 'A2OTHER', __count: 1, qty: false, __domain: [['seller_id', '=', 'A2OTHER']] },
    ]);
  });

  it('answers malformed XML and unknown services with fault 1 and HTTP 200', () => {
    expect(out.malformed?.status).toBe(200);
    expect(out.malformed?.fault?.code).toBe(1);
    expect(out.malformed?.fault?.string).toMatch(
      /\nxml.parsers.expat.ExpatError: no element found: line 1, column \d+\n$/,
    );
    expect(out.unknownService?.fault?.string).toMatch(/\nKeyError: 'report'\n$/);
    expect(out.unknownCommon?.fault?.string).toMatch(
      /\nException: Method not found: frobnicate\n$/,
    );
  });

  it('answers other HTTP methods with 405 and other paths with 404', () => {
    expect(out.getMethod?.status).toBe(405);
    expect(out.unknownPath?.status).toBe(404);
    expect(out.fieldsGet?.contentType).toBe('text/xml; charset=utf-8');
  });

  it('is understood by the npm xmlrpc client (CDATA strings, null as <nil/>)', async () => {
    const client = xmlrpc.createClient({ url: `${odoo.url}/xmlrpc/2/object` });
    const result = await new Promise<unknown>((resolve, reject) => {
      const domain = [['name', 'ilike', '<crème>']];
      const params = [
        'mto_demo',
        2,
        'admin',
        'product.product',
        'search_read',
        [domain],
        { fields: ['name', 'default_code'], limit: null },
      ];
      client.methodCall('execute_kw', params, (error, value) =>
        error ? reject(new Error('xmlrpc call failed', { cause: error })) : resolve(value),
      );
    });
    expect(result).toEqual([{ id: 45, name: 'Café <crème> & co', default_code: false }]);
  });
});

describe('fake Odoo server lifecycle', () => {
  it('adds the configured latency and closes kept-alive sockets at once', async () => {
    const odoo = await startFakeOdoo({ catalog: buildCatalog('17.0'), latencyMs: 60 });
    const agent = new http.Agent({ keepAlive: true });
    const started = Date.now();
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(
        `${odoo.url}/xmlrpc/2/common`,
        { method: 'POST', agent },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        },
      );
      request.on('error', reject);
      request.end(methodCall('version', []));
    });
    const elapsed = Date.now() - started;
    const closing = Date.now();
    await odoo.close();
    agent.destroy();
    expect(status).toBe(200);
    expect(elapsed).toBeGreaterThanOrEqual(55);
    expect(Date.now() - closing).toBeLessThan(1_000);
  });

  it('binds to loopback on a free port', async () => {
    const odoo = await startFakeOdoo({ catalog: buildCatalog('17.0') });
    try {
      expect(odoo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await odoo.close();
    }
  });
});
