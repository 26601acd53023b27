import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from '../../src/errors.js';
import { odooCatalogSchema, parseOdooCatalog } from '../../src/sandbox/odoo/index.js';
import { catalogJson } from './fake-odoo-fixture.js';

type Json = Record<string, unknown>;

function withOdoo(change: (odoo: Json) => void): Json {
  const json = catalogJson('17.0');
  change(json.odoo as Json);
  return json;
}

function records(odoo: Json): Record<string, Json[]> {
  return odoo.records as Record<string, Json[]>;
}

describe('odoo catalog schema', () => {
  it('accepts the fixture and fills in defaults', () => {
    const catalog = parseOdooCatalog({ ...catalogJson('18.0'), amazon: { anything: true } });
    expect(catalog.serverVersion).toBe('18.0');
    expect(catalog.users[1]).toMatchObject({ login: 'sync', apiKeys: [], active: true });
  });

  it('composes into a whole-catalog schema', () => {
    const whole = z.object({ odoo: odooCatalogSchema, amazon: z.unknown() });
    expect(whole.safeParse({ ...catalogJson('16.0'), amazon: {} }).success).toBe(true);
  });

  it.each([
    ['no odoo half', {}, 'Sandbox catalog odoo: '],
    [
      'a user without login',
      withOdoo((odoo) => delete (odoo.users as Json[])[0]!.login),
      'Sandbox catalog odoo.users[0].login: ',
    ],
    [
      'an unsupported version',
      withOdoo((odoo) => (odoo.serverVersion = '15.0')),
      'odoo.serverVersion: the sandbox speaks Odoo 16, 17 and 18',
    ],
    [
      'a model whose module is missing',
      withOdoo((odoo) => (odoo.installedModules = ['marketplace_listing'])),
      'odoo.records.mrp.production: model mrp.production needs module mrp in installedModules',
    ],
    [
      'an unknown field',
      withOdoo((odoo) => (records(odoo)['product.product']![0]!.colour = 'brown')),
      'odoo.records.product.product[0].colour: product.product has no field colour',
    ],
    [
      'a many2one to nothing',
      withOdoo((odoo) => (records(odoo)['marketplace.listing']![1]!.product_id = 999)),
      'odoo.records.marketplace.listing[1].product_id: no product.product record with id 999',
    ],
    [
      'a bad selection value',
      withOdoo((odoo) => (records(odoo)['mrp.production']![0]!.state = 'started')),
      'odoo.records.mrp.production[0].state: expected one of "draft", "confirmed"',
    ],
    [
      'a computed field',
      withOdoo((odoo) => (records(odoo)['product.product']![0]!.free_qty = 3)),
      'odoo.records.product.product[0].free_qty: free_qty is computed by the sandbox; leave it out',
    ],
    [
      'stock in an unknown warehouse',
      withOdoo((odoo) => (records(odoo)['product.product']![1]!.stock = { '9': { free_qty: 1 } })),
      'odoo.records.product.product[1].stock: no stock.warehouse record with id 9',
    ],
    [
      'a many2one extra field without relation',
      withOdoo(
        (odoo) => (odoo.extraFields = { 'product.product': { x_vendor: { type: 'many2one' } } }),
      ),
      'odoo.extraFields.product.product.x_vendor.relation: a many2one field needs a relation',
    ],
    [
      'a duplicate id',
      withOdoo((odoo) => (records(odoo)['stock.route']![1]!.id = 1)),
      'odoo.records.stock.route[1].id: id 1 is used twice',
    ],
    [
      'users given as records',
      withOdoo((odoo) => (records(odoo)['res.users'] = [{ id: 3, login: 'x' }])),
      'odoo.records.res.users: res.users is generated (users come from odoo.users)',
    ],
  ])('names the dotted path of %s', (_label, json, message) => {
    expect(() => parseOdooCatalog(json)).toThrow(message);
  });

  it('throws a ConfigError, so the CLI exits 2 with a next step', () => {
    try {
      parseOdooCatalog({ odoo: { database: 'x' } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).exitCode).toBe(2);
      expect((error as ConfigError).suggestion).toMatch(/catalog/);
    }
  });
});
