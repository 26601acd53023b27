import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOdooCatalog, startFakeOdoo, type FakeOdoo } from '../../src/sandbox/odoo/index.js';
import {
  buildCatalog,
  catalogJson,
  kw,
  runPythonProbe,
  type ProbeOutcome,
} from './fake-odoo-fixture.js';

const LISTING_FIELDS = ['amazon_sku', 'product_id', 'qty', 'marketplace_id', 'active'];

const CALLS_17 = [
  { name: 'version', service: 'common', method: 'version', args: [] },
  {
    name: 'authOk',
    service: 'common',
    method: 'authenticate',
    args: ['mto_demo', 'admin', 'admin', {}],
  },
  {
    name: 'authBad',
    service: 'common',
    method: 'authenticate',
    args: ['mto_demo', 'admin', 'nope', {}],
  },
  {
    name: 'authKey',
    service: 'common',
    method: 'authenticate',
    args: ['mto_demo', 'admin', 'key-123', {}],
  },
  {
    name: 'authInactive',
    service: 'common',
    method: 'authenticate',
    args: ['mto_demo', 'gone', 'gone', {}],
  },
  { name: 'login', service: 'common', method: 'login', args: ['mto_demo', 'admin', 'admin'] },
  {
    name: 'authNoDb',
    service: 'common',
    method: 'authenticate',
    args: ['nodb', 'admin', 'admin', {}],
  },
  kw(
    'dottedDefault',
    'marketplace.listing',
    'search_read',
    [[['product_id.categ_id.complete_name', 'ilike', 'leather']]],
    { fields: LISTING_FIELDS },
  ),
  kw(
    'dottedAll',
    'marketplace.listing',
    'search_read',
    [[['product_id.categ_id.complete_name', 'ilike', 'leather']]],
    { fields: LISTING_FIELDS, context: { active_test: false } },
  ),
  kw('routesDefault', 'stock.route', 'search_read', [[]], { fields: ['name', 'active'] }),
  kw('routesAll', 'stock.route', 'search_read', [[['name', 'ilike', 'MTO']]], {
    fields: ['name', 'active'],
    context: { active_test: false },
  }),
  kw(
    'xmlid',
    'ir.model.data',
    'search_read',
    [
      [
        ['module', '=', 'stock'],
        ['name', '=', 'route_warehouse0_mto'],
      ],
    ],
    { fields: ['model', 'res_id'] },
  ),
  kw('readProducts', 'product.product', 'read', [[42, 45]], {
    fields: [
      'name',
      'display_name',
      'default_code',
      'categ_id',
      'route_ids',
      'sale_delay',
      'x_weekly_capacity',
    ],
  }),
  kw('readRoutesAll', 'product.product', 'read', [[45]], {
    fields: ['route_ids'],
    context: { active_test: false },
  }),
  kw('readMissing', 'product.product', 'read', [[999]], { fields: ['name'] }),
  kw('readMixed', 'product.product', 'read', [[999, 42]], { fields: ['name'] }),
  kw('readArchivedById', 'product.product', 'read', [[44]], { fields: ['active'] }),
  kw('totalRoutes', 'product.category', 'read', [[3]], {
    fields: ['complete_name', 'total_route_ids'],
    context: { active_test: false },
  }),
  kw('writeMissing', 'marketplace.listing', 'write', [[999], { qty: 1 }]),
  kw('unknownModel', 'foo.model', 'search_read', [[]]),
  kw('unknownField', 'product.product', 'read', [[42]], { fields: ['nope'] }),
  kw('unknownMethod', 'product.product', 'frobnicate', [[]]),
  kw('denied', 'ir.model.data', 'search_read', [[]], {}, ['mto_demo', 7, 'sync']),
  kw('deniedFieldsGet', 'ir.model.data', 'fields_get', [], { attributes: ['type'] }, [
    'mto_demo',
    7,
    'sync',
  ]),
  kw('wrongPassword', 'product.product', 'search', [[]], {}, ['mto_demo', 2, 'wrong']),
  kw('failedUid', 'product.product', 'search', [[]], {}, [
    'mto_demo',
    false as unknown as number,
    'admin',
  ]),
  kw('apiKey', 'product.product', 'search_count', [[]], {}, ['mto_demo', 2, 'key-123']),
  kw('noDb', 'product.product', 'search', [[]], {}, ['nodb', 2, 'admin']),
  kw('fieldsGet', 'product.product', 'fields_get', [], {
    allfields: ['free_qty', 'categ_id', 'route_ids', 'x_weekly_capacity'],
    attributes: ['type', 'string', 'relation', 'readonly', 'store'],
  }),
  kw('readGroup', 'mrp.production', 'read_group', [
    [['state', 'in', ['confirmed', 'progress', 'to_close']]],
    ['product_qty:sum'],
    ['product_id'],
  ]),
  kw('writeQty', 'marketplace.listing', 'write', [
    [2],
    { qty: 25, marketplace_id: 'ATVPDKIKX0DER' },
  ]),
  kw('readBack', 'marketplace.listing', 'read', [[2]], {
    fields: ['qty', 'marketplace_id', 'product_id'],
  }),
  kw('emptyValues', 'marketplace.listing', 'read', [[3]], {
    fields: ['marketplace_id', 'qty', 'product_id'],
  }),
  kw('qtyWarehouse', 'product.product', 'read', [[42, 43]], {
    fields: ['free_qty', 'qty_available'],
    context: { warehouse: 2 },
  }),
  kw('qtyWarehouseId', 'product.product', 'read', [[42, 43]], {
    fields: ['free_qty', 'qty_available'],
    context: { warehouse_id: 2 },
  }),
  kw('qtyAll', 'product.product', 'read', [[42, 43]], { fields: ['free_qty'] }),
  kw('qtyByName', 'product.product', 'read', [[43]], {
    fields: ['free_qty'],
    context: { warehouse: 'berl' },
  }),
  kw('searchCount16Style', 'product.product', 'search', [[]], { count: true }),
  {
    name: 'executeOld',
    service: 'object',
    method: 'execute',
    args: ['mto_demo', 2, 'admin', 'product.product', 'search', [['default_code', '=', 'BELT']]],
  },
];

describe('fake Odoo 17 seen from Python xmlrpc.client', () => {
  let odoo: FakeOdoo;
  let out: Record<string, ProbeOutcome>;

  beforeAll(async () => {
    odoo = await startFakeOdoo({ catalog: buildCatalog('17.0') });
    out = await runPythonProbe(odoo.url, CALLS_17);
  });

  afterAll(() => odoo.close());

  it('answers version() with the catalog version', () => {
    expect(out.version?.result).toEqual({
      server_version: '17.0',
      server_version_info: [17, 0, 0, 'final', 0, ''],
      server_serie: '17.0',
      protocol_version: 1,
    });
    expect(out.version?.contentType).toBe('text/xml; charset=utf-8');
  });

  it('authenticates with password or API key and answers False otherwise', () => {
    expect(out.authOk?.result).toBe(2);
    expect(out.authKey?.result).toBe(2);
    expect(out.login?.result).toBe(2);
    expect(out.authBad?.result).toBe(false);
    expect(out.authInactive?.result).toBe(false);
  });

  it('fails an unknown database like PostgreSQL does, as fault 1', () => {
    for (const name of ['authNoDb', 'noDb']) {
      expect(out[name]?.fault?.code).toBe(1);
      expect(out[name]?.fault?.string).toMatch(
        /psycopg2.OperationalError: .*database "nodb" does not exist/,
      );
    }
  });

  it('follows dotted paths through many2one without hiding archived targets', () => {
    const skus = (name: string) =>
      (out[name]?.result as { amazon_sku: string }[]).map((row) => row.amazon_sku);
    expect(skus('dottedDefault')).toEqual(['WALLET-BRN', 'BAG']);
    expect(skus('dottedAll')).toEqual(['WALLET-BRN', 'BAG', 'WALLET-OLD']);
  });

  it('hides archived records unless active_test is false', () => {
    expect(out.routesDefault?.result).toEqual([{ id: 2, name: 'Buy', active: true }]);
    expect(out.routesAll?.result).toEqual([
      { id: 1, name: 'Replenish on Order (MTO)', active: false },
    ]);
    expect(out.xmlid?.result).toEqual([{ id: 1, model: 'stock.route', res_id: 1 }]);
    expect(out.readArchivedById?.result).toEqual([{ id: 44, active: false }]);
  });

  it('reads many2one as [id, name], empty values as False, floats as doubles', () => {
    expect(out.readProducts?.repr).toBe(
      "[{'id': 42, 'name': 'Leather wallet', 'display_name': '[WALLET-BRN] Leather wallet', " +
        "'default_code': 'WALLET-BRN', 'categ_id': [3, 'All / Leather / Wallets'], 'route_ids': [], " +
        "'sale_delay': 14.0, 'x_weekly_capacity': 12}, {'id': 45, 'name': 'Café <crème> & co', " +
        "'display_name': 'Café <crème> & co', 'default_code': False, 'categ_id': [1, 'All'], " +
        "'route_ids': [2], 'sale_delay': 0.0, 'x_weekly_capacity': 0}]",
    );
    expect(out.emptyValues?.result).toEqual([
      { id: 3, marketplace_id: false, qty: 3, product_id: [44, 'Old bag'] },
    ]);
  });

  it('leaves archived routes out of many2many values unless active_test is false', () => {
    expect(out.readRoutesAll?.result).toEqual([{ id: 45, route_ids: [1, 2] }]);
    expect(out.totalRoutes?.result).toEqual([
      { id: 3, complete_name: 'All / Leather / Wallets', total_route_ids: [1] },
    ]);
  });

  it('skips missing ids on read and refuses to write them (MissingError, fault 2)', () => {
    expect(out.readMissing?.result).toEqual([]);
    expect(out.readMixed?.result).toEqual([{ id: 42, name: 'Leather wallet' }]);
    expect(out.writeMissing?.fault?.code).toBe(2);
    expect(out.writeMissing?.fault?.string).toMatch(
      /^One of the documents you are trying to access has been deleted/,
    );
  });

  it('answers unknown models, fields and methods as Odoo 17 does', () => {
    expect(out.unknownModel?.fault).toEqual({ code: 2, string: "Object foo.model doesn't exist" });
    expect(out.unknownField?.fault?.code).toBe(1);
    expect(out.unknownField?.fault?.string).toMatch(/^Traceback \(most recent call last\):\n/);
    expect(out.unknownField?.fault?.string).toMatch(
      /\nValueError: Invalid field 'nope' on model 'product.product'\n$/,
    );
    expect(out.unknownMethod?.fault?.string).toMatch(
      /\nAttributeError: The method 'frobnicate' does not exist on the model 'product.product'\n$/,
    );
    expect(out.searchCount16Style?.fault?.string).toMatch(
      /TypeError: BaseModel.search\(\) got an unexpected keyword argument 'count'\n$/,
    );
  });

  it('checks access on every call: denied model 4, wrong password 3', () => {
    expect(out.denied?.fault?.code).toBe(4);
    expect(out.denied?.fault?.string).toMatch(
      /^You are not allowed to access 'Model Data' \(ir.model.data\) records./,
    );
    expect(out.deniedFieldsGet?.result).toHaveProperty('res_id', { type: 'many2one_reference' });
    expect(out.wrongPassword?.fault).toEqual({ code: 3, string: 'Access Denied' });
    expect(out.failedUid?.fault).toEqual({ code: 3, string: 'Access Denied' });
    expect(out.apiKey?.result).toBe(3);
  });

  it('describes fields like fields_get does', () => {
    expect(out.fieldsGet?.result).toEqual({
      free_qty: { readonly: true, store: false, string: 'Free To Use Quantity ', type: 'float' },
      categ_id: {
        readonly: false,
        relation: 'product.category',
        store: true,
        string: 'Product Category',
        type: 'many2one',
      },
      route_ids: {
        readonly: false,
        relation: 'stock.route',
        store: true,
        string: 'Routes',
        type: 'many2many',
      },
      x_weekly_capacity: {
        readonly: false,
        store: true,
        string: 'Weekly capacity',
        type: 'integer',
      },
    });
  });

  it('groups with read_group in the Odoo 17 shape', () => {
    expect(out.readGroup?.repr).toBe(
      "[{'product_id': [42, '[WALLET-BRN] Leather wallet'], 'product_id_count': 2, " +
        "'product_qty': 10.5, '__domain': ['&', ['product_id', '=', 42], " +
        "['state', 'in', ['confirmed', 'progress', 'to_close']]]}]",
    );
  });

  it('writes and reads the new values back', () => {
    expect(out.writeQty?.result).toBe(true);
    expect(out.readBack?.result).toEqual([
      { id: 2, qty: 25, marketplace_id: 'ATVPDKIKX0DER', product_id: [43, '[BELT] Belt'] },
    ]);
    expect(odoo.writes).toEqual([
      {
        model: 'marketplace.listing',
        ids: [2],
        vals: { qty: 25, marketplace_id: 'ATVPDKIKX0DER' },
      },
    ]);
    expect(odoo.records('marketplace.listing').find((row) => row.id === 2)).toMatchObject({
      qty: 25,
    });
  });

  it("reads a warehouse's stock under 17's `warehouse` key and ignores `warehouse_id`", () => {
    expect(out.qtyWarehouse?.repr).toBe(
      "[{'id': 42, 'free_qty': 3.5, 'qty_available': 4.0}, {'id': 43, 'free_qty': -1.25, 'qty_available': 0.0}]",
    );
    expect(out.qtyWarehouseId?.result).toEqual([
      { id: 42, free_qty: 4.5, qty_available: 5 },
      { id: 43, free_qty: 5.75, qty_available: 8 },
    ]);
    expect(out.qtyAll?.result).toEqual([
      { id: 42, free_qty: 4.5 },
      { id: 43, free_qty: 5.75 },
    ]);
    expect(out.qtyByName?.result).toEqual([{ id: 43, free_qty: -1.25 }]);
  });

  it('serves the old execute() form too', () => {
    expect(out.executeOld?.result).toEqual([43]);
  });

  it('counts every call by name', () => {
    expect(odoo.stats.byMethod.authenticate).toBe(5);
    expect(odoo.stats.byMethod['product.product.read']).toBe(10);
    expect(odoo.stats.calls).toBe(CALLS_17.length);
  });
});

describe('fake Odoo 18 and 16 seen from Python xmlrpc.client', () => {
  it("reads warehouse stock under 18's `warehouse_id` key and ignores `warehouse`", async () => {
    const odoo = await startFakeOdoo({ catalog: buildCatalog('18.0') });
    try {
      const out = await runPythonProbe(odoo.url, [
        kw('byId', 'product.product', 'read', [[42]], {
          fields: ['free_qty'],
          context: { warehouse_id: 2 },
        }),
        kw('byOldKey', 'product.product', 'read', [[42]], {
          fields: ['free_qty'],
          context: { warehouse: 2 },
        }),
        kw('unknownMethod', 'product.product', 'frobnicate', [[]]),
        kw('hasAccess', 'ir.model.data', 'has_access', [[], 'read'], {}, ['mto_demo', 7, 'sync']),
      ]);
      expect(out.byId?.result).toEqual([{ id: 42, free_qty: 3.5 }]);
      expect(out.byOldKey?.result).toEqual([{ id: 42, free_qty: 4.5 }]);
      expect(out.unknownMethod?.fault?.string).toMatch(
        /AttributeError: The method 'product.product.frobnicate' does not exist\n$/,
      );
      expect(out.hasAccess?.result).toBe(false);
    } finally {
      await odoo.close();
    }
  });

  it("keeps 16's search(count=True) and its AttributeError text", async () => {
    const odoo = await startFakeOdoo({ catalog: buildCatalog('16.0') });
    try {
      const out = await runPythonProbe(odoo.url, [
        kw('count', 'product.product', 'search', [[]], { count: true }),
        kw('unknownMethod', 'product.product', 'frobnicate', [[]]),
        kw('nameGet', 'product.product', 'name_get', [[42]]),
        { name: 'version', service: 'common', method: 'version', args: [] },
      ]);
      expect(out.count?.result).toBe(3);
      expect(out.unknownMethod?.fault?.string).toMatch(
        /AttributeError: type object 'product.product' has no attribute 'frobnicate'\n$/,
      );
      expect(out.nameGet?.result).toEqual([[42, '[WALLET-BRN] Leather wallet']]);
      expect(out.version?.result).toMatchObject({
        server_version_info: [16, 0, 0, 'final', 0, ''],
      });
    } finally {
      await odoo.close();
    }
  });
});

describe('connector models seen from Python xmlrpc.client', () => {
  it('serves sale_amazon and amazon_ept models, related fields and module states', async () => {
    const json = catalogJson('17.0');
    const odooPart = json.odoo as Record<string, unknown>;
    odooPart.installedModules = ['sale_amazon', 'amazon_ept'];
    const records = odooPart.records as Record<string, unknown[]>;
    delete records['mrp.production'];
    delete records['marketplace.listing'];
    Object.assign(records, {
      'amazon.account': [{ id: 1, name: 'EU account', seller_key: 'A1SELLER' }],
      'amazon.marketplace': [{ id: 4, name: 'Amazon.de', api_ref: 'A1PA6795UKMFR9' }],
      'amazon.offer': [
        { id: 9, account_id: 1, marketplace_id: 4, product_id: 42, sku: 'WALLET-BRN' },
      ],
      'amazon.seller.ept': [{ id: 1, name: 'Seller', merchant_id: 'A1SELLER' }],
      'amazon.marketplace.ept': [{ id: 2, name: 'Germany', market_place_id: 'A1PA6795UKMFR9' }],
      'amazon.instance.ept': [{ id: 3, name: 'DE', seller_id: 1, marketplace_id: 2 }],
      'amazon.product.ept': [{ id: 5, seller_sku: 'WALLET-BRN', product_id: 42, instance_id: 3 }],
    });
    const odoo = await startFakeOdoo({ catalog: parseOdooCatalog(json) });
    try {
      const out = await runPythonProbe(odoo.url, [
        kw('offers', 'amazon.offer', 'search_read', [[]], {
          fields: ['sku', 'product_id', 'marketplace_id', 'account_id', 'display_name'],
        }),
        kw(
          'instances',
          'amazon.instance.ept',
          'search_read',
          [[['market_place_id', '=', 'A1PA6795UKMFR9']]],
          {
            fields: ['market_place_id', 'merchant_id', 'marketplace_id'],
          },
        ),
        kw(
          'eptProducts',
          'amazon.product.ept',
          'search_read',
          [[['instance_id.seller_id.merchant_id', '=', 'A1SELLER']]],
          {
            fields: ['seller_sku', 'product_id', 'instance_id'],
          },
        ),
        kw('related', 'amazon.instance.ept', 'fields_get', [['market_place_id']], {
          attributes: ['related', 'store', 'type'],
        }),
        kw(
          'modules',
          'ir.module.module',
          'search_read',
          [[['name', 'in', ['mrp', 'sale_amazon', 'stock']]]],
          {
            fields: ['name', 'state'],
          },
        ),
        kw('noListing', 'marketplace.listing', 'search', [[]]),
        kw('models', 'ir.model', 'search_count', [[['model', '=', 'amazon.offer']]]),
      ]);
      expect(out.offers?.result).toEqual([
        {
          id: 9,
          sku: 'WALLET-BRN',
          product_id: [42, '[WALLET-BRN] Leather wallet'],
          marketplace_id: [4, 'Amazon.de'],
          account_id: [1, 'EU account'],
          display_name: 'amazon.offer,9',
        },
      ]);
      expect(out.instances?.result).toEqual([
        {
          id: 3,
          market_place_id: 'A1PA6795UKMFR9',
          merchant_id: 'A1SELLER',
          marketplace_id: [2, 'Germany'],
        },
      ]);
      expect(out.eptProducts?.result).toEqual([
        {
          id: 5,
          seller_sku: 'WALLET-BRN',
          product_id: [42, '[WALLET-BRN] Leather wallet'],
          instance_id: [3, 'DE'],
        },
      ]);
      expect(out.related?.result).toEqual({
        market_place_id: { related: 'marketplace_id.market_place_id', store: true, type: 'char' },
      });
      const modules = out.modules?.result as { name: string; state: string }[];
      expect(modules.map(({ name, state }) => [name, state])).toEqual([
        ['mrp', 'uninstalled'],
        ['sale_amazon', 'installed'],
        ['stock', 'installed'],
      ]);
      expect(out.noListing?.fault?.string).toBe("Object marketplace.listing doesn't exist");
      expect(out.models?.result).toBe(1);
    } finally {
      await odoo.close();
    }
  });
});
