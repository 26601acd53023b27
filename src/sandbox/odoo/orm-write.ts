/**
 * write(ids, vals) with Odoo's conversions and refusals: unknown field ->
 * ValueError; missing record -> MissingError; a required field emptied or a
 * many2one to a record that does not exist -> the ValidationError Odoo makes
 * of the database's NOT NULL / foreign key error; computed fields without an
 * inverse are ignored. Integers and floats written as False store 0, as
 * Odoo's column conversion does. Returns True.
 */
import { checkAccess, type CallContext } from './call-context.js';
import type { FieldDef, ModelDef, StoredValue } from './model-types.js';
import { OdooException, OdooUserError, valueError } from './odoo-errors.js';
import {
  isDict,
  isTruthy,
  pyRepr,
  pyTypeName,
  toJson,
  toNumber,
  type PyValue,
} from './py-values.js';

export function writeRecords(ctx: CallContext, ids: number[], vals: PyValue): true {
  checkAccess(ctx, 'write');
  if (!isDict(vals)) {
    throw new OdooException(
      'AttributeError',
      `'${pyTypeName(vals)}' object has no attribute 'items'`,
    );
  }
  const table = ctx.env.records(ctx.model.name) as Map<number, Record<string, StoredValue>>;
  const missing = ids.filter((id) => !table.has(id));
  if (missing.length > 0) throw missingError(ctx, missing);
  const changes = convertVals(ctx, vals);
  const now = new Date().toISOString().slice(0, 19).replace('T', ' ');
  for (const id of ids) {
    const record = table.get(id)!;
    for (const change of changes) {
      record[change.name] =
        change.commands !== undefined
          ? applyCommands(record[change.name], change.commands)
          : change.value;
    }
    record.write_date = now;
  }
  ctx.store.writes.push({
    model: ctx.model.name,
    ids: [...ids],
    vals: toJson(vals) as Record<string, unknown>,
  });
  return true;
}

function missingError(ctx: CallContext, missing: number[]): OdooUserError {
  const detail =
    `(Document type: ${ctx.model.name}, Operation: write, ` +
    `Records: ${pyRepr(missing.slice(0, 6))}, User: ${ctx.user.id})`;
  return new OdooUserError(
    'MissingError',
    'One of the documents you are trying to access has been deleted, please try again ' +
      `after refreshing.\n\n${detail}`,
  );
}

interface Change {
  name: string;
  value: StoredValue;
  commands?: Command[];
}

type Command = [number, number, number[]];

function convertVals(ctx: CallContext, vals: Map<string, PyValue>): Change[] {
  const changes: Change[] = [];
  for (const [name, value] of vals) {
    const field = ctx.model.fields.get(name);
    if (!field) throw valueError(`Invalid field '${name}' on model '${ctx.model.name}'`);
    if (!isWritable(field)) continue;
    if (field.type === 'many2many')
      changes.push({ name, value: null, commands: commandsOf(ctx, field, value) });
    else changes.push({ name, value: convertValue(ctx, field, value) });
  }
  return changes;
}

function isWritable(field: FieldDef): boolean {
  const magic = ['id', 'display_name', 'create_date', 'write_date'].includes(field.name);
  return !magic && field.store && !field.compute && field.related === undefined;
}

function convertValue(ctx: CallContext, field: FieldDef, value: PyValue): StoredValue {
  switch (field.type) {
    case 'integer':
    case 'many2one_reference':
      return Math.trunc(numberOf(field, value));
    case 'float':
      return numberOf(field, value);
    case 'boolean':
      return isTruthy(value);
    case 'many2one':
      return referenceOf(ctx, field, value);
    default:
      return textOf(ctx.model, field, value);
  }
}

function numberOf(field: FieldDef, value: PyValue): number {
  if (!isTruthy(value)) return 0;
  const number = toNumber(typeof value === 'string' ? Number(value) : value);
  if (number === undefined || Number.isNaN(number)) {
    throw valueError(`could not convert ${pyRepr(value)} for field ${field.name}`);
  }
  return number;
}

function textOf(model: ModelDef, field: FieldDef, value: PyValue): StoredValue {
  if (value === false || value === null) return requiredCheck(model, field, null);
  const text = typeof value === 'string' ? value : pyRepr(value);
  if (field.type === 'selection' && !(field.selection ?? []).some(([key]) => key === text)) {
    throw valueError(`Wrong value for ${model.name}.${field.name}: ${pyRepr(value)}`);
  }
  return text;
}

function requiredCheck(model: ModelDef, field: FieldDef, value: StoredValue): StoredValue {
  if (value !== null || !field.required) return value;
  throw new OdooUserError(
    'ValidationError',
    'The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n' +
      '- Delete: another model requires the record being deleted. If possible, archive it ' +
      `instead.\n\nModel: ${model.description} (${model.name})\n` +
      `Field: ${field.string} (${field.name})\n`,
  );
}

function referenceOf(ctx: CallContext, field: FieldDef, value: PyValue): StoredValue {
  if (!isTruthy(value)) return requiredCheck(ctx.model, field, null);
  const id = toNumber(value);
  if (id === undefined || !ctx.env.records(field.relation ?? '').has(id)) {
    throw foreignKeyError(ctx.model, field);
  }
  return id;
}

function foreignKeyError(model: ModelDef, field: FieldDef): OdooUserError {
  const table = model.name.replace(/\./g, '_');
  return new OdooUserError(
    'ValidationError',
    'The operation cannot be completed: another model requires the record being deleted. ' +
      `If possible, archive it instead.\n\nModel: ${model.description} (${model.name})\n` +
      `Constraint: ${table}_${field.name}_fkey\n`,
  );
}

/** Odoo's x2many commands: (6, 0, ids), (4, id), (3, id), (5,), or a bare list of ids. */
function commandsOf(ctx: CallContext, field: FieldDef, value: PyValue): Command[] {
  if (!isTruthy(value)) return [[5, 0, []]];
  if (!Array.isArray(value))
    throw valueError(`Wrong value for ${ctx.model.name}.${field.name}: ${pyRepr(value)}`);
  const commands: Command[] = [];
  const bareIds: number[] = [];
  for (const item of value) {
    if (typeof item === 'number') bareIds.push(item);
    else commands.push(toCommand(ctx, field, item));
  }
  if (bareIds.length > 0) commands.push([6, 0, bareIds]);
  for (const [, , ids] of commands) {
    for (const id of ids) {
      if (!ctx.env.records(field.relation ?? '').has(id)) throw foreignKeyError(ctx.model, field);
    }
  }
  return commands;
}

function toCommand(ctx: CallContext, field: FieldDef, item: PyValue): Command {
  if (Array.isArray(item)) {
    const code = toNumber(item[0] ?? null);
    const id = toNumber(item[1] ?? null) ?? 0;
    if (code === 6)
      return [6, 0, Array.isArray(item[2]) ? item[2].map((x) => toNumber(x) ?? 0) : []];
    if (code === 4) return [4, id, [id]];
    if (code === 3) return [3, id, []];
    if (code === 5) return [5, 0, []];
  }
  throw valueError(`Wrong value for ${ctx.model.name}.${field.name}: ${pyRepr(item)}`);
}

function applyCommands(current: StoredValue | undefined, commands: Command[]): number[] {
  let ids = Array.isArray(current) ? [...current] : [];
  for (const [code, id, list] of commands) {
    if (code === 6) ids = [...new Set(list)];
    else if (code === 5) ids = [];
    else if (code === 4 && !ids.includes(id)) ids.push(id);
    else if (code === 3) ids = ids.filter((existing) => existing !== id);
  }
  return ids;
}
