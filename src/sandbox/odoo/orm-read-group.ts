/**
 * read_group as Odoo 16-18 answer it over RPC: one dict per group with the
 * groupby value ([id, name] for a many2one), `<groupby>_count` when lazy
 * (else `__count`), aggregates for `field:agg`, `name:agg(field)` or plain
 * numeric fields, `__domain` (the group's leaf AND the caller's domain) and,
 * when lazy with more groupbys, `__context`. Aggregates keep SQL's types;
 * NULL results read as False (_read_group_prepare_data). Odoo 16 lists count
 * and aggregates before the groupby values; 17+ after.
 */
import { checkAccess, type CallContext } from './call-context.js';
import { normalizeDomain } from './domain-parse.js';
import { displayName, fieldValue } from './field-values.js';
import type { FieldDef, StoredRecord, StoredValue } from './model-types.js';
import { userError, valueError } from './odoo-errors.js';
import { compareKeys, referenceSortKey, type OrderTerm, type SortKey } from './ordering.js';
import { isTruthy, PyFloat, toNumber, type PyDict, type PyValue } from './py-values.js';
import { searchIds } from './search-records.js';

export interface ReadGroupArgs {
  domain: PyValue;
  fields: PyValue;
  groupby: PyValue;
  offset: PyValue;
  limit: PyValue;
  orderby: PyValue;
  lazy: PyValue;
}

interface GroupBy {
  key: string;
  field: FieldDef;
}

interface Aggregate {
  name: string;
  func: string;
  field: FieldDef;
}

interface Group {
  values: StoredValue[];
  records: StoredRecord[];
}

const AGGREGATES = new Set([
  'array_agg',
  'count',
  'count_distinct',
  'bool_and',
  'bool_or',
  'max',
  'min',
  'avg',
  'sum',
]);

export function readGroup(ctx: CallContext, args: ReadGroupArgs): PyDict[] {
  checkAccess(ctx, 'read');
  const all = groupbyList(args.groupby);
  const lazy = isTruthy(args.lazy);
  const groupbys = (lazy ? all.slice(0, 1) : all).map((key) => resolveGroupby(ctx, key));
  const aggregates = parseAggregates(ctx, args.fields, groupbys);
  const countKey = lazy && groupbys[0] ? `${groupbys[0].field.name}_count` : '__count';
  const groups = collectGroups(ctx, args.domain, groupbys);
  const rows = groups.map((group) => ({ group, count: group.records.length }));
  sortGroups(ctx, rows, groupbys, aggregates, countKey, args.orderby);
  const page = pageOf(rows, args.offset, args.limit);
  const rest = lazy ? all.slice(1) : [];
  return page.map(({ group }) =>
    formatGroup(ctx, { group, groupbys, aggregates, countKey, domain: args.domain, rest }),
  );
}

function groupbyList(groupby: PyValue): string[] {
  const items = typeof groupby === 'string' ? [groupby] : Array.isArray(groupby) ? groupby : [];
  return [...new Set(items.filter((item): item is string => typeof item === 'string'))];
}

function resolveGroupby(ctx: CallContext, key: string): GroupBy {
  const name = key.split(':')[0] ?? '';
  const field = ctx.model.fields.get(name);
  if (!field) throw valueError(`Invalid field '${name}' on model '${ctx.model.name}'`);
  if (!field.store) {
    throw userError(
      `Field ${ctx.model.name}.${name} is not a stored field, only stored fields (regular or ` +
        "many2many) are valid for the 'groupby' parameter",
    );
  }
  return { key, field };
}

function parseAggregates(ctx: CallContext, fields: PyValue, groupbys: GroupBy[]): Aggregate[] {
  const specs = isTruthy(fields) && Array.isArray(fields) ? fields : storedFieldNames(ctx);
  const grouped = new Set(groupbys.map((groupby) => groupby.field.name));
  const result: Aggregate[] = [];
  for (const spec of specs) {
    if (spec === 'sequence' || spec === '__count') continue;
    const aggregate = parseAggregate(ctx, spec);
    if (!aggregate || grouped.has(aggregate.field.name)) continue;
    if (result.some((item) => item.name === aggregate.name)) {
      throw userError(`Output name '${aggregate.name}' is used twice.`);
    }
    result.push(aggregate);
  }
  return result;
}

function storedFieldNames(ctx: CallContext): string[] {
  return [...ctx.model.fields.values()].filter((field) => field.store).map((field) => field.name);
}

function parseAggregate(ctx: CallContext, spec: PyValue): Aggregate | undefined {
  const match = typeof spec === 'string' ? /^(\w+)(?::(\w+)(?:\((\w+)\))?)?/.exec(spec) : null;
  if (!match) throw userError(`Invalid field specification ${JSON.stringify(spec)}.`);
  const [, name = '', func, inner] = match;
  const fieldName = func ? (inner ?? name) : name;
  const field = ctx.model.fields.get(fieldName);
  if (!field) throw valueError(`Invalid field '${fieldName}' on model '${ctx.model.name}'`);
  if (!func) {
    const numeric = field.type === 'integer' || field.type === 'float';
    return field.store && numeric && field.name !== 'id' ? { name, func: 'sum', field } : undefined;
  }
  if (!field.store || field.type === 'many2many') {
    throw userError(`Cannot aggregate field '${fieldName}'.`);
  }
  if (!AGGREGATES.has(func)) throw userError(`Invalid aggregation function '${func}'.`);
  return { name, func, field };
}

function collectGroups(ctx: CallContext, domain: PyValue, groupbys: GroupBy[]): Group[] {
  const groups = new Map<string, Group>();
  if (groupbys.length === 0) groups.set('[]', { values: [], records: [] });
  const table = ctx.env.records(ctx.model.name);
  for (const id of searchIds(ctx.env, ctx.model.name, domain)) {
    const record = table.get(id)!;
    for (const values of groupValues(ctx, record, groupbys)) {
      const key = JSON.stringify(values);
      const group = groups.get(key) ?? { values, records: [] };
      group.records.push(record);
      groups.set(key, group);
    }
  }
  return [...groups.values()];
}

/** A record belongs to one group per combination of its many2many links. */
function groupValues(ctx: CallContext, record: StoredRecord, groupbys: GroupBy[]): StoredValue[][] {
  let combinations: StoredValue[][] = [[]];
  for (const { field } of groupbys) {
    const value = fieldValue(ctx.env, ctx.model, record, field);
    const options: StoredValue[] = Array.isArray(value)
      ? value.length > 0
        ? value
        : [null]
      : [value];
    combinations = combinations.flatMap((prefix) => options.map((option) => [...prefix, option]));
  }
  return combinations;
}

interface GroupRow {
  group: Group;
  count: number;
}

function sortGroups(
  ctx: CallContext,
  rows: GroupRow[],
  groupbys: GroupBy[],
  aggregates: Aggregate[],
  countKey: string,
  orderby: PyValue,
): void {
  const spec =
    typeof orderby === 'string' && orderby.trim() !== ''
      ? orderby
      : groupbys.map((g) => g.key).join(',');
  if (spec === '') return;
  const terms = spec.split(',').map((part) => parseGroupOrder(part, ctx.model.name));
  const keyOf = (row: GroupRow): SortKey[] =>
    terms.map((term) => groupSortKey(ctx, row, term.field, { groupbys, aggregates, countKey }));
  const keys = new Map(rows.map((row) => [row, keyOf(row)]));
  rows.sort((a, b) => compareKeys(keys.get(a) ?? [], keys.get(b) ?? [], terms));
}

function parseGroupOrder(part: string, modelName: string): OrderTerm {
  const [field = '', direction = 'asc'] = part.trim().split(/\s+/);
  if (!/^(asc|desc)$/i.test(direction) || field === '') {
    throw valueError(`Invalid "order" specified (${part.trim()}) on model ${modelName}`);
  }
  const descending = direction.toLowerCase() === 'desc';
  return { field, descending, nullsFirst: descending };
}

interface GroupShape {
  groupbys: GroupBy[];
  aggregates: Aggregate[];
  countKey: string;
}

function groupSortKey(ctx: CallContext, row: GroupRow, name: string, shape: GroupShape): SortKey {
  if (name === shape.countKey || name === '__count') return row.count;
  const index = shape.groupbys.findIndex(
    (groupby) => groupby.key === name || groupby.field.name === name,
  );
  const groupby = shape.groupbys[index];
  if (groupby) {
    const value = row.group.values[index] ?? null;
    const relational = groupby.field.type === 'many2one' || groupby.field.type === 'many2many';
    return relational && typeof value === 'number'
      ? referenceSortKey(ctx.env, groupby.field.relation ?? '', value)
      : value;
  }
  const aggregate = shape.aggregates.find((item) => item.name === name);
  if (!aggregate) throw valueError(`Invalid field '${name}' on model '${ctx.model.name}'`);
  const value = aggregateValue(ctx, aggregate, row.group.records);
  return value instanceof PyFloat ? value.value : (value as SortKey);
}

/** Odoo 16's SQL applies OFFSET only together with LIMIT. */
function pageOf<T>(rows: T[], offset: PyValue, limit: PyValue): T[] {
  if (!isTruthy(limit)) return rows;
  const start = Math.trunc(toNumber(offset) ?? 0);
  return rows.slice(start, start + Math.trunc(toNumber(limit) ?? 0));
}

function aggregateValue(ctx: CallContext, aggregate: Aggregate, records: StoredRecord[]): PyValue {
  const values = records.map((record) => fieldValue(ctx.env, ctx.model, record, aggregate.field));
  const present = values.filter((value) => value !== null);
  const isFloat = aggregate.field.type === 'float';
  switch (aggregate.func) {
    case 'count':
      return present.length;
    case 'count_distinct':
      return new Set(present.map((value) => JSON.stringify(value))).size;
    case 'array_agg':
      return values.map((value) => typed(value, isFloat));
    case 'bool_and':
      return present.length === 0 ? null : present.every((value) => value === true);
    case 'bool_or':
      return present.length === 0 ? null : present.some((value) => value === true);
    default:
      return numericAggregate(aggregate.func, present as number[], isFloat);
  }
}

function numericAggregate(func: string, values: number[], isFloat: boolean): PyValue {
  if (values.length === 0) return null;
  if (func === 'sum')
    return typed(
      values.reduce((a, b) => a + b, 0),
      isFloat,
    );
  if (func === 'avg') return new PyFloat(values.reduce((a, b) => a + b, 0) / values.length);
  if (func === 'max') return typed(Math.max(...values), isFloat);
  return typed(Math.min(...values), isFloat);
}

function typed(value: StoredValue, isFloat: boolean): PyValue {
  return typeof value === 'number' && isFloat ? new PyFloat(value) : value;
}

interface FormatInput extends GroupShape {
  group: Group;
  domain: PyValue;
  rest: string[];
}

function formatGroup(ctx: CallContext, input: FormatInput): PyDict {
  const groupbyEntries = input.groupbys.map(
    (groupby, index) =>
      [groupby.key, groupLabel(ctx, groupby, input.group.values[index] ?? null)] as const,
  );
  const counted: [string, PyValue][] = [[input.countKey, input.group.records.length]];
  for (const aggregate of input.aggregates) {
    const value = aggregateValue(ctx, aggregate, input.group.records);
    counted.push([aggregate.name, value === null ? false : value]);
  }
  const ordered =
    ctx.env.majorVersion >= 17 ? [...groupbyEntries, ...counted] : [...counted, ...groupbyEntries];
  const row: PyDict = new Map(ordered);
  row.set('__domain', groupDomain(input));
  if (input.rest.length > 0) row.set('__context', new Map([['group_by', input.rest]]));
  return row;
}

function groupLabel(ctx: CallContext, groupby: GroupBy, value: StoredValue): PyValue {
  const { field } = groupby;
  if (field.type === 'many2one' || field.type === 'many2many') {
    const comodel = ctx.env.model(field.relation ?? '');
    const target =
      typeof value === 'number' ? ctx.env.records(field.relation ?? '').get(value) : undefined;
    return comodel && target ? [value, displayName(ctx.env, comodel, target)] : false;
  }
  if (field.type === 'float' && typeof value === 'number') return new PyFloat(value);
  return value === null ? false : value;
}

/** expression.AND([[(field, '=', value)] for each groupby] + [domain]). */
function groupDomain(input: FormatInput): PyValue {
  const parts: PyValue[][] = input.groupbys.map((groupby, index) => [
    [groupby.field.name, '=', input.group.values[index] ?? false],
  ]);
  if (Array.isArray(input.domain) && input.domain.length > 0)
    parts.push(normalizeDomain(input.domain));
  const operators: PyValue[] = Array.from({ length: parts.length - 1 }, () => '&');
  return [...operators, ...parts.flat()];
}
