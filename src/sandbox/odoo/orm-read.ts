/**
 * read, search, search_read, search_count, name_search, name_get and exists,
 * with Odoo's results: read() leaves out ids that do not exist (no error:
 * Odoo skips deleted records on read), search() returns ids, limit 0 means
 * no limit.
 */
import { checkAccess, type CallContext } from './call-context.js';
import { displayName } from './field-values.js';
import type { FieldDef } from './model-types.js';
import { typeError, valueError } from './odoo-errors.js';
import { isTruthy, pyRepr, toNumber, type PyDict, type PyValue } from './py-values.js';
import { readField, type LoadMode } from './read-format.js';
import { searchIds } from './search-records.js';

export function readRecords(
  ctx: CallContext,
  ids: number[],
  fields: PyValue,
  load: PyValue,
): PyDict[] {
  checkAccess(ctx, 'read');
  const selected = selectFields(ctx, fields);
  const mode: LoadMode = load === '_classic_read' ? 'classic' : 'ids';
  const table = ctx.env.records(ctx.model.name);
  const rows: PyDict[] = [];
  for (const id of ids) {
    const record = table.get(id);
    if (!record) continue;
    const row: PyDict = new Map([['id', id]]);
    for (const field of selected) {
      row.set(field.name, readField(ctx.env, ctx.model, record, field, mode));
    }
    rows.push(row);
  }
  return rows;
}

function selectFields(ctx: CallContext, fields: PyValue): FieldDef[] {
  if (!isTruthy(fields)) return [...ctx.model.fields.values()];
  const names = Array.isArray(fields) ? fields : typeof fields === 'string' ? [...fields] : null;
  if (names === null) throw typeError(`'${typeof fields}' object is not iterable`);
  return names.map((name) => {
    const field = typeof name === 'string' ? ctx.model.fields.get(name) : undefined;
    if (!field) throw valueError(`Invalid field ${pyRepr(name)} on model '${ctx.model.name}'`);
    return field;
  });
}

export interface SearchArgs {
  domain: PyValue;
  offset: PyValue;
  limit: PyValue;
  order: PyValue;
}

export function searchRecordIds(ctx: CallContext, args: SearchArgs): number[] {
  checkAccess(ctx, 'read');
  const offset = toCount(args.offset, 'offset');
  const limit = toCount(args.limit, 'limit');
  const order = typeof args.order === 'string' && args.order.trim() !== '' ? args.order : null;
  return searchIds(ctx.env, ctx.model.name, args.domain, {
    offset: offset ?? 0,
    limit,
    order,
  });
}

/** Odoo passes limit/offset to SQL only when truthy, so 0 and False mean "none". */
function toCount(value: PyValue, name: string): number | null {
  if (!isTruthy(value)) return null;
  const number = toNumber(value);
  if (number === undefined) {
    throw valueError(`invalid literal for int() with base 10: ${pyRepr(value)} (${name})`);
  }
  return Math.trunc(number);
}

export function searchRead(
  ctx: CallContext,
  args: SearchArgs & { fields: PyValue; load: PyValue },
): PyDict[] {
  const ids = searchRecordIds(ctx, { ...args, domain: isTruthy(args.domain) ? args.domain : [] });
  if (ids.length === 0) return [];
  return readRecords(ctx, ids, args.fields, args.load);
}

export function countRecords(ctx: CallContext, domain: PyValue, limit: PyValue): number {
  const ids = searchRecordIds(ctx, { domain, offset: 0, limit, order: 'id' });
  return ids.length;
}

export function existingIds(ctx: CallContext, ids: number[]): number[] {
  const table = ctx.env.records(ctx.model.name);
  return ids.filter((id) => table.has(id));
}

export function nameGet(ctx: CallContext, ids: number[]): PyValue[] {
  checkAccess(ctx, 'read');
  const table = ctx.env.records(ctx.model.name);
  return existingIds(ctx, ids).map((id) => [id, displayName(ctx.env, ctx.model, table.get(id)!)]);
}

export function nameSearch(
  ctx: CallContext,
  name: PyValue,
  domain: PyValue,
  operator: PyValue,
  limit: PyValue,
): PyValue[] {
  const extra = Array.isArray(domain) ? domain : [];
  const text = typeof name === 'string' ? name : '';
  const op = typeof operator === 'string' ? operator : 'ilike';
  const nameLeaf = nameDomain(ctx, text, op);
  const ids = searchRecordIds(ctx, {
    domain: [...nameLeaf, ...extra],
    offset: 0,
    limit,
    order: null,
  });
  return nameGet(ctx, ids);
}

function nameDomain(ctx: CallContext, text: string, operator: string): PyValue[] {
  if (text === '' && operator === 'ilike') return [];
  if (ctx.model.name === 'product.product') {
    return ['|', ['default_code', operator, text], ['name', operator, text]];
  }
  const recName = ctx.model.recName ?? 'display_name';
  return [[recName, operator, text]];
}
