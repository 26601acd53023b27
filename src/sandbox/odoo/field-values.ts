/**
 * A field's value for one record, whether stored, related or computed, and
 * the record's display name (Odoo's `display_name` / name_get).
 */
import type { FieldDef, ModelDef, ModelEnv, StoredRecord, StoredValue } from './model-types.js';

export function fieldValue(
  env: ModelEnv,
  model: ModelDef,
  record: StoredRecord,
  field: FieldDef,
): StoredValue {
  if (field.name === 'display_name') return displayName(env, model, record);
  if (field.related !== undefined) return relatedValue(env, model, record, field.related);
  if (field.compute) return field.compute(env, record);
  const value = record[field.name];
  if (value === undefined) return field.type === 'many2many' ? [] : null;
  return value;
}

export function fieldValueByName(
  env: ModelEnv,
  model: ModelDef,
  record: StoredRecord,
  name: string,
): StoredValue {
  const field = model.fields.get(name);
  return field ? fieldValue(env, model, record, field) : null;
}

function relatedValue(
  env: ModelEnv,
  model: ModelDef,
  record: StoredRecord,
  path: string,
): StoredValue {
  const [head = '', ...rest] = path.split('.');
  const field = model.fields.get(head);
  if (!field) return null;
  const value = fieldValue(env, model, record, field);
  if (rest.length === 0) return value;
  const comodel = field.relation !== undefined ? env.model(field.relation) : undefined;
  const target =
    typeof value === 'number' && comodel ? env.records(comodel.name).get(value) : undefined;
  if (!comodel || !target) return null;
  return relatedValue(env, comodel, target, rest.join('.'));
}

/** Odoo's display name; false when the record has no name to show. */
export function displayName(env: ModelEnv, model: ModelDef, record: StoredRecord): string | false {
  if (model.displayName) return model.displayName(env, record);
  if (model.recName === null) return `${model.name},${String(record.id)}`;
  const value = fieldValueByName(env, model, record, model.recName);
  if (value === null || value === false) return false;
  return String(value);
}

/** The record a many2one points to, when it exists. */
export function targetRecord(
  env: ModelEnv,
  relation: string | undefined,
  id: StoredValue,
): StoredRecord | undefined {
  if (typeof id !== 'number' || relation === undefined) return undefined;
  return env.records(relation).get(id);
}
