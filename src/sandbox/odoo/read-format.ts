/**
 * Field values as Odoo's read() returns them (convert_to_read): False for
 * empty text, selection, date and many2one; 0 / 0.0 for empty numbers;
 * many2one as [id, display_name] (the name read as superuser); x2many as the
 * ids of records that exist, archived ones left out unless active_test is off.
 */
import { displayName, fieldValue, targetRecord } from './field-values.js';
import type { FieldDef, ModelDef, ModelEnv, StoredRecord, StoredValue } from './model-types.js';
import { activeTestEnabled } from './search-records.js';
import { sortIds } from './ordering.js';
import { roundToUnit } from './stock-quantities.js';
import { PyFloat, type PyValue } from './py-values.js';

export type LoadMode = 'classic' | 'ids';

export function readField(
  env: ModelEnv,
  model: ModelDef,
  record: StoredRecord,
  field: FieldDef,
  load: LoadMode,
): PyValue {
  const value = fieldValue(env, model, record, field);
  return toReadValue(env, field, value, load);
}

function toReadValue(env: ModelEnv, field: FieldDef, value: StoredValue, load: LoadMode): PyValue {
  switch (field.type) {
    case 'integer':
    case 'many2one_reference':
      return typeof value === 'number' ? Math.trunc(value) : 0;
    case 'float':
      return new PyFloat(floatValue(field, value));
    case 'boolean':
      return value === true;
    case 'many2one':
      return many2oneValue(env, field, value, load);
    case 'many2many':
      return many2manyValue(env, field, value);
    default:
      return value === null || value === false ? false : String(value);
  }
}

function floatValue(field: FieldDef, value: StoredValue): number {
  const number = typeof value === 'number' ? value : 0;
  return field.digits !== undefined ? roundToUnit(number, field.digits) : number;
}

function many2oneValue(
  env: ModelEnv,
  field: FieldDef,
  value: StoredValue,
  load: LoadMode,
): PyValue {
  const target = targetRecord(env, field.relation, value);
  const comodel = env.model(field.relation ?? '');
  if (!target || !comodel) return false;
  if (load === 'ids') return Number(target.id);
  return [Number(target.id), displayName(env, comodel, target)];
}

function many2manyValue(env: ModelEnv, field: FieldDef, value: StoredValue): PyValue {
  const comodel = env.model(field.relation ?? '');
  if (!comodel || !Array.isArray(value)) return [];
  const table = env.records(comodel.name);
  const hideArchived = comodel.fields.has('active') && activeTestEnabled(env.context);
  const ids = value.filter((id) => {
    const record = table.get(id);
    return record !== undefined && !(hideArchived && record.active !== true);
  });
  if (!field.compute) sortIds(env, comodel, ids);
  return ids;
}
