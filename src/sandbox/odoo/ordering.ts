/**
 * Odoo's `order` strings ("default_code, name desc, id"): checked with
 * Odoo's pattern and messages, sorted like PostgreSQL does by default (NULLS
 * LAST ascending, NULLS FIRST descending), a many2one by its comodel's own
 * `_order`, non-stored fields ignored as Odoo ignores them. Text compares by
 * code point, where PostgreSQL would use the database collation, and ties
 * fall back to the id so that paging is stable.
 */
import { fieldValue } from './field-values.js';
import type { ModelDef, ModelEnv, StoredRecord, StoredValue } from './model-types.js';
import { valueError } from './odoo-errors.js';

const ORDER_PATTERN =
  /^(\s*("?)([a-z0-9:_.]+)\2(\s+(desc|asc))?(\s+(nulls first|nulls last))?\s*(,|$))+(?<!,)$/i;

export interface OrderTerm {
  field: string;
  descending: boolean;
  nullsFirst: boolean;
}

export function parseOrder(model: ModelDef, order: string): OrderTerm[] {
  if (!ORDER_PATTERN.test(order)) {
    throw valueError(
      `Invalid "order" specified (${order}). A valid "order" specification is a ` +
        'comma-separated list of valid field names (optionally followed by asc/desc for the direction)',
    );
  }
  return order.split(',').map((part) => {
    const words = part.trim().replace(/"/g, '').split(/\s+/);
    const field = (words[0] ?? '').split('.')[0] ?? '';
    if (!model.fields.has(field)) {
      throw valueError(`Invalid field '${field}' on model '${model.name}'`);
    }
    const descending = (words[1] ?? '').toLowerCase() === 'desc';
    const nulls = words.slice(2).join(' ').toLowerCase();
    return { field, descending, nullsFirst: nulls === '' ? descending : nulls === 'nulls first' };
  });
}

export type SortKey = StoredValue | SortKey[];

/** Sorts record ids in place by an order string (or the model's default). */
export function sortIds(env: ModelEnv, model: ModelDef, ids: number[], order?: string): void {
  const terms = parseOrder(model, order ?? model.order).filter((term) => isSortable(model, term));
  if (terms.length === 1 && terms[0]?.field === 'id') {
    ids.sort(terms[0].descending ? (a, b) => b - a : (a, b) => a - b);
    return;
  }
  const table = env.records(model.name);
  const keys = new Map<number, SortKey[]>();
  for (const id of ids) {
    const record = table.get(id);
    keys.set(id, record ? terms.map((term) => sortKey(env, model, record, term.field, 1)) : []);
  }
  ids.sort((a, b) => compareKeys(keys.get(a) ?? [], keys.get(b) ?? [], terms) || a - b);
}

function isSortable(model: ModelDef, term: OrderTerm): boolean {
  const field = model.fields.get(term.field);
  return field !== undefined && field.store && field.type !== 'many2many';
}

function sortKey(
  env: ModelEnv,
  model: ModelDef,
  record: StoredRecord,
  name: string,
  depth: number,
): SortKey {
  const field = model.fields.get(name);
  if (!field) return null;
  const value = fieldValue(env, model, record, field);
  if (field.type !== 'many2one' || typeof value !== 'number' || depth === 0) return value;
  return referenceSortKey(env, field.relation ?? '', value, depth);
}

/** A many2one sorts by its comodel's `_order` (one level deep, then by id). */
export function referenceSortKey(env: ModelEnv, relation: string, id: number, depth = 1): SortKey {
  const comodel = env.model(relation);
  const target = comodel ? env.records(comodel.name).get(id) : undefined;
  if (!comodel || !target) return null;
  const terms = parseOrder(comodel, comodel.order).filter((term) => isSortable(comodel, term));
  return [...terms.map((term) => sortKey(env, comodel, target, term.field, depth - 1)), id];
}

export function compareKeys(a: SortKey[], b: SortKey[], terms: OrderTerm[]): number {
  for (let i = 0; i < terms.length; i++) {
    const term = terms[i]!;
    const left = a[i] ?? null;
    const right = b[i] ?? null;
    if (left === null || right === null) {
      if (left === right) continue;
      return (left === null) === term.nullsFirst ? -1 : 1;
    }
    const order = compareKey(left, right);
    if (order !== 0) return term.descending ? -order : order;
  }
  return 0;
}

/** Nested values (a many2one's comodel order) keep PostgreSQL's NULLS LAST. */
function compareKey(a: SortKey, b: SortKey): number {
  if (a === null || b === null) {
    if (a === b) return 0;
    return a === null ? 1 : -1;
  }
  if (Array.isArray(a) && Array.isArray(b)) return compareTuples(a, b);
  return compareScalars(a, b);
}

function compareTuples(a: SortKey[], b: SortKey[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const order = compareKey(a[i] ?? null, b[i] ?? null);
    if (order !== 0) return order;
  }
  return 0;
}

function compareScalars(a: SortKey, b: SortKey): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const left = String(a);
  const right = String(b);
  return left < right ? -1 : left > right ? 1 : 0;
}
