/**
 * The Odoo half of a sandbox catalog file (the `odoo` key; the `amazon` key
 * belongs to the SP-API fake). Shape:
 *
 *   {
 *     "serverVersion": "17.0",          // 16.0-18.x, "saas~17.2", "17.0+e"
 *     "database": "mto_demo",
 *     "users": [{ "id": 2, "login": "admin", "password": "admin", "name": "Mitchell Admin",
 *                 "apiKeys": ["..."], "deniedModels": ["ir.model.data"], "active": true }],
 *     "installedModules": ["mrp", "marketplace_listing"],   // base, product, stock,
 *                                                           // sale_stock always are
 *     "extraFields": { "product.product": {
 *         "x_weekly_capacity": { "type": "integer", "string": "Weekly capacity" } } },
 *     "records": {
 *       "product.product": [{ "id": 42, "name": "Leather wallet", "categ_id": 1,
 *                             "route_ids": [5], "sale_delay": 14,
 *                             "stock": { "1": { "free_qty": 0, "qty_available": 0 } } }],
 *       "stock.route": [{ "id": 5, "name": "Replenish on Order (MTO)", "active": false,
 *                         "xmlid": "stock.route_warehouse0_mto" }]
 *     }
 *   }
 *
 * Records use Odoo's write format (many2one: id or false; many2many: list of
 * ids). A field left out is NULL, so it reads as False / 0 / 0.0 / [] unless
 * Odoo gives it a default (active = true, sequence, state...). Extra keys:
 * `xmlid` ("module.name", adds an ir.model.data row) on any record and
 * `stock` (free_qty / qty_available per warehouse id, not a field) on
 * products. res.users come from `users`; ir.model and ir.module.module are
 * generated from the installed modules.
 */
import { z } from 'zod';
import { ConfigError } from '../../errors.js';
import type { FieldDef, ModelDef } from './model-types.js';
import {
  SERVER_VERSION_PATTERN,
  buildRegistry,
  builtinModelModules,
  parseServerVersion,
} from './model-registry.js';

const MODEL_NAME = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/;
const FIELD_NAME = /^[a-z_][a-z0-9_]*$/;
const GENERATED_MODELS = new Set(['res.users', 'ir.model', 'ir.module.module']);
const RESERVED_FIELDS = new Set(['__proto__', 'constructor', 'prototype']);

const modelNameSchema = z
  .string()
  .regex(MODEL_NAME, 'expected an Odoo model name like "product.product"');
const fieldNameSchema = z
  .string()
  .regex(FIELD_NAME, 'expected a field name like "x_weekly_capacity"')
  .refine((name) => !RESERVED_FIELDS.has(name), 'this name is reserved');

const extraFieldSchema = z
  .object({
    type: z.enum(['char', 'integer', 'float', 'boolean', 'many2one', 'selection']),
    string: z.string().min(1).optional(),
    relation: modelNameSchema.optional(),
    selection: z.array(z.tuple([z.string(), z.string()])).optional(),
  })
  .strict()
  .superRefine((spec, ctx) => {
    if (spec.type === 'many2one' && spec.relation === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['relation'],
        message: 'a many2one field needs a relation',
      });
    }
    if (spec.type === 'selection' && spec.selection === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['selection'],
        message: 'a selection field needs choices',
      });
    }
  });

const userSchema = z
  .object({
    id: z.int().positive(),
    login: z.string().min(1),
    password: z.string().min(1),
    name: z.string().min(1).optional(),
    apiKeys: z.array(z.string().min(1)).default([]),
    deniedModels: z.array(modelNameSchema).default([]),
    active: z.boolean().default(true),
  })
  .strict();

const recordSchema = z.record(z.string(), z.unknown());

const odooCatalogObject = z
  .object({
    serverVersion: z
      .string()
      .regex(SERVER_VERSION_PATTERN, 'expected a version like "17.0", "saas~17.2" or "17.0+e"')
      .refine((text) => {
        const major = parseServerVersion(text).major;
        return major >= 16 && major <= 18;
      }, 'the sandbox speaks Odoo 16, 17 and 18'),
    database: z.string().min(1),
    users: z.array(userSchema).min(1),
    installedModules: z.array(z.string().regex(FIELD_NAME, 'expected a module name')).default([]),
    extraFields: z.record(modelNameSchema, z.record(fieldNameSchema, extraFieldSchema)).default({}),
    records: z.record(modelNameSchema, z.array(recordSchema)).default({}),
  })
  .strict();

export type OdooCatalog = z.output<typeof odooCatalogObject>;
export type OdooCatalogInput = z.input<typeof odooCatalogObject>;
export type OdooUser = OdooCatalog['users'][number];

type IssueSink = (path: (string | number)[], message: string) => void;

/** The Odoo half of a catalog, records checked against the models they belong to. */
export const odooCatalogSchema = odooCatalogObject.superRefine((catalog, ctx) => {
  const report: IssueSink = (path, message) => ctx.addIssue({ code: 'custom', path, message });
  checkUsers(catalog, report);
  const registry = buildRegistry(catalog);
  checkExtraFields(catalog, registry, report);
  checkRecords(catalog, registry, report);
});

/** Reads a whole catalog file (an object with an `odoo` key) and returns its Odoo half. */
export function parseOdooCatalog(json: unknown): OdooCatalog {
  const result = z.looseObject({ odoo: odooCatalogSchema }).safeParse(json);
  if (result.success) return result.data.odoo;
  const issue = result.error.issues[0];
  const path = formatIssuePath(issue?.path ?? []);
  throw new ConfigError(
    `Sandbox catalog ${path}: ${issue?.message ?? 'invalid'}.`,
    'Fix that entry of the catalog file (its Odoo half is described in src/sandbox/odoo/catalog-schema.ts).',
  );
}

function formatIssuePath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    text += typeof part === 'number' ? `[${part}]` : `${text === '' ? '' : '.'}${String(part)}`;
  }
  return text === '' ? '(top level)' : text;
}

function checkUsers(catalog: OdooCatalog, report: IssueSink): void {
  const seen = new Set<number>();
  catalog.users.forEach((user, index) => {
    if (seen.has(user.id)) report(['users', index, 'id'], `user id ${user.id} is used twice`);
    seen.add(user.id);
  });
}

function checkExtraFields(
  catalog: OdooCatalog,
  registry: Map<string, ModelDef>,
  report: IssueSink,
): void {
  const builtins = buildRegistry({ ...catalog, extraFields: {} });
  for (const [modelName, fields] of Object.entries(catalog.extraFields)) {
    if (!registry.has(modelName)) {
      report(['extraFields', modelName], missingModelMessage(modelName));
      continue;
    }
    for (const [name, spec] of Object.entries(fields)) {
      if (builtins.get(modelName)?.fields.has(name)) {
        report(['extraFields', modelName, name], `${modelName} already has a field ${name}`);
      } else if (spec.relation !== undefined && !registry.has(spec.relation)) {
        report(['extraFields', modelName, name, 'relation'], missingModelMessage(spec.relation));
      }
    }
  }
}

function missingModelMessage(modelName: string): string {
  const module = builtinModelModules().get(modelName);
  if (module === undefined) return `unknown model ${modelName}`;
  return `model ${modelName} needs module ${module} in installedModules`;
}

function checkRecords(
  catalog: OdooCatalog,
  registry: Map<string, ModelDef>,
  report: IssueSink,
): void {
  const ids = collectIds(catalog);
  for (const [modelName, records] of Object.entries(catalog.records)) {
    const model = registry.get(modelName);
    if (GENERATED_MODELS.has(modelName)) {
      report(['records', modelName], `${modelName} is generated (users come from odoo.users)`);
    } else if (!model) {
      report(['records', modelName], missingModelMessage(modelName));
    } else {
      const seen = new Set<unknown>();
      records.forEach((record, index) => {
        const path = ['records', modelName, index];
        if (seen.has(record.id)) report([...path, 'id'], `id ${String(record.id)} is used twice`);
        seen.add(record.id);
        checkRecord(record, { model, ids, report, path });
      });
    }
  }
}

function collectIds(catalog: OdooCatalog): Map<string, Set<number>> {
  const ids = new Map<string, Set<number>>();
  for (const [modelName, records] of Object.entries(catalog.records)) {
    ids.set(modelName, new Set(records.map((record) => record.id).filter(isPositiveInt)));
  }
  ids.set('res.users', new Set(catalog.users.map((user) => user.id)));
  return ids;
}

function isPositiveInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 2 ** 31;
}

interface RecordCheck {
  model: ModelDef;
  ids: Map<string, Set<number>>;
  report: IssueSink;
  path: (string | number)[];
}

function checkRecord(record: Record<string, unknown>, check: RecordCheck): void {
  if (!isPositiveInt(record.id)) {
    check.report([...check.path, 'id'], 'expected a positive integer id');
  }
  for (const [key, value] of Object.entries(record)) {
    if (key === 'id') continue;
    const message = checkEntry(key, value, check);
    if (message !== undefined) check.report([...check.path, key], message);
  }
}

function checkEntry(key: string, value: unknown, check: RecordCheck): string | undefined {
  if (key === 'xmlid') return checkXmlId(value);
  if (key === 'stock') return checkStock(value, check);
  const field = check.model.fields.get(key);
  if (!field) return `${check.model.name} has no field ${key}`;
  if (!field.store || field.compute || field.related || key === 'display_name') {
    return `${key} is computed by the sandbox; leave it out`;
  }
  return checkFieldValue(field, value, check.ids);
}

function checkXmlId(value: unknown): string | undefined {
  if (typeof value === 'string' && /^[a-z0-9_]+\.[A-Za-z0-9_.]+$/.test(value)) return undefined;
  return 'expected an external id like "stock.route_warehouse0_mto"';
}

function checkStock(value: unknown, check: RecordCheck): string | undefined {
  if (check.model.name !== 'product.product') return 'stock figures belong on product.product';
  if (!isPlainObject(value))
    return 'expected {"<warehouse id>": {"free_qty": n, "qty_available": n}}';
  const warehouses = check.ids.get('stock.warehouse') ?? new Set<number>();
  for (const [key, figures] of Object.entries(value)) {
    if (!warehouses.has(Number(key))) return `no stock.warehouse record with id ${key}`;
    if (!isPlainObject(figures) || !Object.entries(figures).every(isFigure)) {
      return `warehouse ${key}: expected {"free_qty": number, "qty_available": number}`;
    }
  }
  return undefined;
}

function isFigure([key, value]: [string, unknown]): boolean {
  return (key === 'free_qty' || key === 'qty_available') && typeof value === 'number';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkFieldValue(
  field: FieldDef,
  value: unknown,
  ids: Map<string, Set<number>>,
): string | undefined {
  if (value === null || (value === false && field.type !== 'many2many')) return undefined;
  switch (field.type) {
    case 'char':
    case 'text':
    case 'datetime':
      return typeof value === 'string' ? undefined : 'expected a string or false';
    case 'selection':
      return checkSelection(field, value);
    case 'integer':
    case 'many2one_reference':
      return Number.isInteger(value) && Math.abs(value as number) < 2 ** 31
        ? undefined
        : 'expected an integer';
    case 'float':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'expected a number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'expected true or false';
    case 'many2one':
      return checkReference(field, value, ids);
    case 'many2many':
      return checkReferences(field, value, ids);
  }
}

function checkSelection(field: FieldDef, value: unknown): string | undefined {
  const choices = (field.selection ?? []).map(([key]) => key);
  if (typeof value === 'string' && choices.includes(value)) return undefined;
  return `expected one of ${choices.map((choice) => JSON.stringify(choice)).join(', ')}`;
}

function checkReference(
  field: FieldDef,
  value: unknown,
  ids: Map<string, Set<number>>,
): string | undefined {
  if (!isPositiveInt(value)) return `expected a ${field.relation} id or false`;
  if (ids.get(field.relation ?? '')?.has(value)) return undefined;
  return `no ${field.relation} record with id ${value}`;
}

function checkReferences(
  field: FieldDef,
  value: unknown,
  ids: Map<string, Set<number>>,
): string | undefined {
  if (!Array.isArray(value)) return `expected a list of ${field.relation} ids`;
  for (const item of value) {
    const problem = checkReference(field, item, ids);
    if (problem !== undefined) return problem;
  }
  return undefined;
}
