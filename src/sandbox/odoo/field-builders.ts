import type { FieldDef, FieldType, ModelDef, ModelEnv, StoredRecord } from './model-types.js';

type FieldOptions = Partial<Omit<FieldDef, 'name' | 'type' | 'string'>>;

function field(name: string, type: FieldType, string: string, options: FieldOptions): FieldDef {
  const computed = options.compute !== undefined || options.related !== undefined;
  return {
    name,
    type,
    string,
    store: !computed,
    readonly: computed,
    required: false,
    ...options,
  };
}

export function char(name: string, string: string, options: FieldOptions = {}): FieldDef {
  return field(name, 'char', string, options);
}

export function integer(name: string, string: string, options: FieldOptions = {}): FieldDef {
  return field(name, 'integer', string, options);
}

export function float(name: string, string: string, options: FieldOptions = {}): FieldDef {
  return field(name, 'float', string, options);
}

export function boolean(name: string, string: string, options: FieldOptions = {}): FieldDef {
  return field(name, 'boolean', string, options);
}

export function datetime(name: string, string: string, options: FieldOptions = {}): FieldDef {
  return field(name, 'datetime', string, options);
}

export function selection(
  name: string,
  string: string,
  choices: [string, string][],
  options: FieldOptions = {},
): FieldDef {
  return field(name, 'selection', string, { selection: choices, ...options });
}

export function many2one(
  name: string,
  string: string,
  relation: string,
  options: FieldOptions = {},
): FieldDef {
  return field(name, 'many2one', string, { relation, ...options });
}

export function many2many(
  name: string,
  string: string,
  relation: string,
  options: FieldOptions = {},
): FieldDef {
  return field(name, 'many2many', string, { relation, ...options });
}

/** Odoo's `active` field: a stored boolean that defaults to True. */
export function active(): FieldDef {
  return boolean('active', 'Active', { default: true });
}

export interface ModelSpec {
  name: string;
  description: string;
  module: string;
  order?: string;
  recName?: string | null;
  parentName?: string;
  fields: FieldDef[];
  displayName?: (env: ModelEnv, record: StoredRecord) => string;
}

/** Adds the fields every Odoo model has: id, display_name and the write dates. */
export function defineModel(spec: ModelSpec): ModelDef {
  const names = new Set(spec.fields.map((item) => item.name));
  const recName = spec.recName !== undefined ? spec.recName : names.has('name') ? 'name' : null;
  const magic = [
    integer('id', 'ID', { readonly: true }),
    char('display_name', 'Display Name', { compute: () => null }),
    datetime('create_date', 'Created on', { readonly: true }),
    datetime('write_date', 'Last Updated on', { readonly: true }),
  ];
  const fields = new Map([...spec.fields, ...magic].map((item) => [item.name, item]));
  return {
    name: spec.name,
    description: spec.description,
    module: spec.module,
    order: spec.order ?? 'id',
    recName,
    ...(spec.parentName !== undefined ? { parentName: spec.parentName } : {}),
    fields,
    ...(spec.displayName ? { displayName: spec.displayName } : {}),
  };
}
