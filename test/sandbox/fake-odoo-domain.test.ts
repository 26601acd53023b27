import { describe, expect, it } from 'vitest';
import { OdooStore } from '../../src/sandbox/odoo/odoo-store.js';
import { createEnv, searchIds } from '../../src/sandbox/odoo/search-records.js';
import type { PyValue } from '../../src/sandbox/odoo/py-values.js';
import { buildCatalog } from './fake-odoo-fixture.js';

const store17 = new OdooStore(buildCatalog('17.0'));
const store16 = new OdooStore(buildCatalog('16.0'));

function search(
  model: string,
  domain: PyValue,
  options: { context?: Record<string, PyValue>; order?: string; store?: OdooStore } = {},
): number[] {
  const env = createEnv(options.store ?? store17, new Map(Object.entries(options.context ?? {})));
  return searchIds(env, model, domain, { order: options.order ?? 'id' });
}

// Active products: 42 wallet (Wallets < Leather < All), 43 belt (All, route Buy),
// 45 café (All, routes MTO + Buy); 44 is archived (Leather).
const PRODUCT_CASES: [string, PyValue, number[]][] = [
  ['equality', [['default_code', '=', 'BELT']], [43]],
  ['or', ['|', ['default_code', '=', 'BELT'], ['name', 'ilike', 'wallet']], [42, 43]],
  ['not', ['!', ['name', 'ilike', 'wallet']], [43, 45]],
  [
    'not over or, NULL kept',
    ['!', '|', ['default_code', '=', 'BELT'], ['default_code', '=', 'WALLET-BRN']],
    [45],
  ],
  [
    'implicit and',
    [
      ['categ_id', '=', 1],
      ['route_ids', '!=', false],
    ],
    [43, 45],
  ],
  ['!= keeps NULL', [['default_code', '!=', 'BELT']], [42, 45]],
  ['= False is NULL', [['default_code', '=', false]], [45]],
  ['<> reads as !=', [['default_code', '<>', 'BELT']], [42, 45]],
  ['in', [['default_code', 'in', ['BELT', 'WALLET-BRN']]], [42, 43]],
  ['in with False', [['default_code', 'in', [false, 'BELT']]], [43, 45]],
  ['not in keeps NULL', [['default_code', 'not in', ['BELT']]], [42, 45]],
  ['= with a list reads as in', [['default_code', '=', ['BELT']]], [43]],
  ['=like', [['name', '=like', 'B%']], [43]],
  ['=ilike with _', [['name', '=ilike', 'b_lt']], [43]],
  ['not ilike keeps NULL', [['default_code', 'not ilike', 'wallet']], [43, 45]],
  ['float >', [['sale_delay', '>', 10]], [42]],
  ['float <= on defaults', [['sale_delay', '<=', 0]], [43, 45]],
  ['many2one id', [['categ_id', '=', 3]], [42]],
  ['many2one != id', [['categ_id', '!=', 1]], [42]],
  ['many2one = False', [['categ_id', '=', false]], []],
  ['many2one by name', [['categ_id', 'ilike', 'leather']], [42]],
  ['child_of id', [['categ_id', 'child_of', 2]], [42]],
  ['child_of name', [['categ_id', 'child_of', 'Leather']], [42]],
  ['parent_of', [['categ_id', 'parent_of', 2]], [43, 45]],
  ['dotted many2one', [['categ_id.name', '=', 'Wallets']], [42]],
  ['two dots', [['categ_id.parent_id.name', '=', 'Leather']], [42]],
  ['many2many in', [['route_ids', 'in', [1]]], [45]],
  ['many2many = False', [['route_ids', '=', false]], [42]],
  ['many2many not in', [['route_ids', 'not in', [2]]], [42]],
  ['dotted many2many', [['route_ids.name', '=', 'Buy']], [43, 45]],
  ['dotted many2many hides archived', [['route_ids.name', 'ilike', 'MTO']], []],
  ['TRUE leaf', [[1, '=', 1]], [42, 43, 45]],
  ['FALSE leaf', [[0, '=', 1]], []],
  ['active named: no implicit filter', [['active', '=', false]], [44]],
  ['both actives', ['|', ['active', '=', true], ['active', '=', false]], [42, 43, 44, 45]],
  ['computed field with a search method', [['free_qty', '>', 0]], [42, 43]],
  ['computed field without one is ignored', [['categ_id.total_route_ids', '=', 1]], [42, 43, 45]],
  ['display_name', [['display_name', 'ilike', '[BELT]']], [43]],
  ['any (17+)', [['categ_id', 'any', [['name', '=', 'Wallets']]]], [42]],
  ['empty domain', [], [42, 43, 45]],
];

describe('domain evaluation (product.product, default context)', () => {
  it.each(PRODUCT_CASES)('%s', (_label, domain, expected) => {
    expect(search('product.product', domain)).toEqual(expected);
  });
});

describe('domain evaluation with context and other models', () => {
  it('active_test=False shows archived records and archived many2many targets', () => {
    const context = { active_test: false };
    expect(search('product.product', [['route_ids.name', 'ilike', 'MTO']], { context })).toEqual([
      45,
    ]);
    expect(search('product.product', [['categ_id', 'child_of', 2]], { context })).toEqual([42, 44]);
  });

  it('follows many2one paths to archived records even with active_test on', () => {
    expect(search('marketplace.listing', [['product_id.active', '=', false]])).toEqual([3]);
    expect(search('marketplace.listing', [['product_id', '=', 42]])).toEqual([1]);
    expect(
      search('marketplace.listing', [['product_id', '=', 42]], { context: { active_test: false } }),
    ).toEqual([1, 4]);
  });

  it('treats id child_of on the hierarchy model itself', () => {
    expect(search('product.category', [['id', 'child_of', 2]])).toEqual([2, 3]);
    expect(search('product.category', [['id', 'parent_of', 3]])).toEqual([1, 2, 3]);
  });

  it('refuses `any` on Odoo 16, which did not have it', () => {
    expect(() => search('product.product', [['categ_id', 'any', []]], { store: store16 })).toThrow(
      "Invalid leaf ('categ_id', 'any', [])",
    );
  });

  it.each([
    [[['nope', '=', 1]], "Invalid field product.category.nope in leaf ('nope', '=', 1)"],
    [[['name', '~', 'x']], "Invalid leaf ('name', '~', 'x')"],
    [['|', ['name', '=', 'x']], "Domain ['|', ['name', '=', 'x']] is syntactically not correct."],
    ['name', "Invalid domain: 'name'"],
  ] as [PyValue, string][])("rejects %j with Odoo's message", (domain, message) => {
    expect(() => search('product.category', domain)).toThrow(message);
  });
});

describe('search order and paging', () => {
  it('sorts by the model order with NULLS LAST, and by explicit orders', () => {
    const env = createEnv(store17, new Map());
    expect(searchIds(env, 'product.product', [])).toEqual([43, 42, 45]);
    expect(search('product.product', [], { order: 'default_code desc' })).toEqual([45, 42, 43]);
    expect(search('product.product', [], { order: 'default_code desc nulls last' })).toEqual([
      42, 43, 45,
    ]);
    expect(search('product.category', [], { order: 'complete_name desc' })).toEqual([3, 2, 1]);
    expect(search('marketplace.listing', [], { order: 'product_id' })).toEqual([2, 1, 3]);
  });

  it('pages with offset and limit', () => {
    const env = createEnv(store17, new Map());
    expect(searchIds(env, 'product.product', [], { order: 'id', offset: 1, limit: 1 })).toEqual([
      43,
    ]);
  });

  it('rejects unknown order fields and malformed orders', () => {
    expect(() => search('product.product', [], { order: 'nope' })).toThrow(
      "Invalid field 'nope' on model 'product.product'",
    );
    expect(() => search('product.product', [], { order: 'name; drop table' })).toThrow(
      'Invalid "order"',
    );
  });
});
