/**
 * fields_get as Odoo builds it from each field's description attributes
 * (alphabetical, attributes without a value left out). It does not check
 * read access; a user who may neither write nor create sees every field
 * readonly. Odoo 16/17 call the aggregate `group_operator`, 18 `aggregator`;
 * `groupable` exists from 17.
 */
import { hasAccess, type CallContext } from './call-context.js';
import type { FieldDef } from './model-types.js';
import { isTruthy, type PyDict, type PyValue } from './py-values.js';

export function fieldsGet(ctx: CallContext, allfields: PyValue, attributes: PyValue): PyDict {
  const wanted = isTruthy(allfields) && Array.isArray(allfields) ? new Set(allfields) : null;
  const attrs = Array.isArray(attributes) ? new Set(attributes) : null;
  const readonlyModel = !(hasAccess(ctx, 'write') || hasAccess(ctx, 'create'));
  const result: PyDict = new Map();
  for (const field of ctx.model.fields.values()) {
    if (wanted && !wanted.has(field.name)) continue;
    const description = describeField(field, ctx.env.majorVersion);
    if (description.has('readonly')) {
      description.set('readonly', description.get('readonly') === true || readonlyModel);
    }
    result.set(field.name, attrs ? pick(description, attrs) : description);
  }
  return result;
}

function pick(description: PyDict, attrs: Set<PyValue>): PyDict {
  return new Map([...description].filter(([key]) => attrs.has(key)));
}

function describeField(field: FieldDef, majorVersion: number): PyDict {
  const attributes: [string, PyValue | undefined][] = [
    ['aggregator', majorVersion >= 18 ? aggregator(field) : undefined],
    ['change_default', false],
    ['company_dependent', false],
    ['context', isRelational(field) ? new Map() : undefined],
    ['depends', field.depends ?? dependsOf(field)],
    ['domain', isRelational(field) ? [] : undefined],
    ['exportable', true],
    ['group_operator', majorVersion < 18 ? aggregator(field) : undefined],
    ['groupable', majorVersion >= 17 ? field.store : undefined],
    ['help', field.help],
    ['manual', field.manual === true],
    ['name', field.name],
    ['readonly', field.readonly],
    ['related', field.related],
    ['relation', field.relation],
    ['required', field.required],
    ['searchable', isSearchable(field)],
    ['selection', field.selection?.map(([value, label]) => [value, label])],
    ['sortable', field.store && field.type !== 'many2many'],
    ['store', field.store],
    ['string', field.string],
    ['translate', isText(field) ? false : undefined],
    ['trim', field.type === 'char' ? true : undefined],
    ['type', field.type],
  ];
  return new Map(attributes.filter((entry): entry is [string, PyValue] => entry[1] !== undefined));
}

function aggregator(field: FieldDef): string | undefined {
  if (field.name === 'id') return undefined;
  return field.type === 'integer' || field.type === 'float' ? 'sum' : undefined;
}

function dependsOf(field: FieldDef): string[] {
  if (field.related !== undefined) return [field.related];
  return field.name === 'display_name' ? ['name'] : [];
}

function isRelational(field: FieldDef): boolean {
  return field.type === 'many2one' || field.type === 'many2many';
}

function isText(field: FieldDef): boolean {
  return field.type === 'char' || field.type === 'text';
}

function isSearchable(field: FieldDef): boolean {
  if (field.store || field.search || field.related !== undefined) return true;
  return field.searchable !== false;
}
