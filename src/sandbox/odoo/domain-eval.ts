/**
 * Evaluates a parsed domain against stored records with Odoo's SQL
 * semantics: NULL never matches a comparison, but `!=`, `not in` and the
 * negated `like`s do match NULL (Odoo adds "OR col IS NULL"); '!' is pushed
 * into the leaf operator as expression.distribute_not does; dotted paths go
 * through many2one (searched with active_test=False) and many2many
 * (searched in the caller's context); many2one/many2many compared with
 * text match the related record's name.
 */
import type { DomainNode, Leaf } from './domain-parse.js';
import { leafText, parseDomain } from './domain-parse.js';
import { displayName, fieldValue, fieldValueByName } from './field-values.js';
import type { FieldDef, ModelDef, ModelEnv, StoredRecord, StoredValue } from './model-types.js';
import { valueError } from './odoo-errors.js';
import {
  PyFloat,
  formatPyFloat,
  isTruthy,
  pyEquals,
  pyRepr,
  toNumber,
  type PyValue,
} from './py-values.js';

export type Predicate = (record: StoredRecord) => boolean;

const ALWAYS: Predicate = () => true;
const NEVER: Predicate = () => false;

const NEGATIONS: Record<string, string> = {
  '<': '>=',
  '>': '<=',
  '<=': '>',
  '>=': '<',
  '=': '!=',
  '!=': '=',
  in: 'not in',
  'not in': 'in',
  like: 'not like',
  'not like': 'like',
  ilike: 'not ilike',
  'not ilike': 'ilike',
};

export interface EvalContext {
  env: ModelEnv;
  model: ModelDef;
}

export function compileDomain(env: ModelEnv, model: ModelDef, domain: PyValue): Predicate {
  const tree = parseDomain(domain, env.majorVersion);
  return compileNode(tree, { env, model }, false);
}

function compileNode(node: DomainNode, ctx: EvalContext, negate: boolean): Predicate {
  if (node.kind === 'not') return compileNode(node.child, ctx, !negate);
  if (node.kind === 'leaf') return compileLeafWithNot(node.leaf, ctx, negate);
  const children = node.children.map((child) => compileNode(child, ctx, negate));
  const isAnd = (node.kind === 'and') !== negate;
  if (children.length === 0) return isAnd ? ALWAYS : NEVER;
  return isAnd ? combineAll(children) : combineAny(children);
}

function combineAll(children: Predicate[]): Predicate {
  return (record) => children.every((child) => child(record));
}

function combineAny(children: Predicate[]): Predicate {
  return (record) => children.some((child) => child(record));
}

function compileLeafWithNot(leaf: Leaf, ctx: EvalContext, negate: boolean): Predicate {
  if (!negate) return compileLeaf(leaf, ctx);
  const negated = NEGATIONS[leaf.operator];
  if (negated !== undefined) return compileLeaf({ ...leaf, operator: negated }, ctx);
  const inner = compileLeaf(leaf, ctx);
  return (record) => !inner(record);
}

function compileLeaf(leaf: Leaf, ctx: EvalContext): Predicate {
  if (typeof leaf.left !== 'string') return leaf.left === 1 || leaf.left === true ? ALWAYS : NEVER;
  const path = leaf.left.split('.');
  const field = ctx.model.fields.get(path[0] ?? '');
  if (!field) {
    throw valueError(`Invalid field ${ctx.model.name}.${path[0]} in leaf ${leafText(leaf)}`);
  }
  if (field.related !== undefined) {
    const left = [field.related, ...path.slice(1)].join('.');
    return compileLeaf({ ...leaf, left }, ctx);
  }
  if (path.length > 1) return compilePathLeaf(leaf, path, field, ctx);
  if (field.search)
    return compileDomain(
      ctx.env,
      ctx.model,
      field.search(ctx.env, leaf.operator, leaf.right) as PyValue,
    );
  if (field.searchable === false) return ALWAYS;
  return compileFieldLeaf(leaf, field, ctx);
}

function compilePathLeaf(leaf: Leaf, path: string[], field: FieldDef, ctx: EvalContext): Predicate {
  const rest = path.slice(1).join('.');
  const subLeaf: PyValue[] = [rest, leaf.operator, leaf.right];
  if (field.type === 'many2one' && field.store) {
    const env = ctx.env.withContext({ active_test: false });
    const ids = new Set(ctx.env.searchIds(field.relation ?? '', [subLeaf], env));
    return (record) => ids.has(record[field.name] as number);
  }
  if (field.type === 'many2many' && field.store) {
    const ids = new Set(ctx.env.searchIds(field.relation ?? '', [subLeaf], ctx.env));
    return (record) => linkedIds(record, field).some((id) => ids.has(id));
  }
  if (!field.store && field.searchable === false) return ALWAYS;
  throw valueError(
    `Invalid field ${ctx.model.name}.${leaf.left as string} in leaf ${leafText(leaf)}`,
  );
}

function linkedIds(record: StoredRecord, field: FieldDef): number[] {
  const value = record[field.name];
  return Array.isArray(value) ? value : [];
}

function compileFieldLeaf(leaf: Leaf, field: FieldDef, ctx: EvalContext): Predicate {
  const { operator } = leaf;
  if (operator === 'child_of' || operator === 'parent_of')
    return compileHierarchy(leaf, field, ctx);
  if (operator === 'any' || operator === 'not any') return compileAny(leaf, field, ctx);
  if (operator === '=?') {
    if (leaf.right === false || leaf.right === null) return ALWAYS;
    return compileFieldLeaf({ ...leaf, operator: '=' }, field, ctx);
  }
  if (field.type === 'many2one') return compileMany2one(leaf, field, ctx);
  if (field.type === 'many2many') return compileMany2many(leaf, field, ctx);
  const test = scalarTest(operator, leaf.right, field, ctx.env.majorVersion);
  const { env, model } = ctx;
  if (field.compute || field.name === 'display_name') {
    return (record) => test(fieldValue(env, model, record, field));
  }
  const name = field.name;
  return (record) => test(record[name] ?? null);
}

type ValueTest = (value: StoredValue) => boolean;

const NEGATIVE = new Set(['!=', 'not in', 'not like', 'not ilike']);

/** The test one scalar column value must pass, NULL-aware like Odoo's SQL. */
function scalarTest(
  operator: string,
  right: PyValue,
  field: Pick<FieldDef, 'type'>,
  majorVersion: number,
): ValueTest {
  if (operator === '=' || operator === '!=')
    return equalityTest(operator, right, field, majorVersion);
  if (operator === 'in' || operator === 'not in') return membershipTest(operator, right);
  if (operator.endsWith('like')) return likeTest(operator, right);
  return orderTest(operator, right);
}

function isEmpty(value: StoredValue, field: Pick<FieldDef, 'type'>, majorVersion: number): boolean {
  if (value === null) return true;
  if (field.type === 'boolean') return value === false;
  const textual = field.type === 'char' || field.type === 'text';
  return textual && majorVersion >= 17 && value === '';
}

function equalityTest(
  operator: string,
  right: PyValue,
  field: Pick<FieldDef, 'type'>,
  majorVersion: number,
): ValueTest {
  const negative = operator === '!=';
  if (right === false || right === null) {
    return (value) => isEmpty(value, field, majorVersion) !== negative;
  }
  if (field.type === 'boolean') {
    const wanted = isTruthy(right);
    return (value) => ((value === true) === wanted) !== negative;
  }
  const target = coerce(right, field);
  return (value) => (value === null ? negative : sameValue(value, target) !== negative);
}

function coerce(right: PyValue, field: Pick<FieldDef, 'type'>): PyValue {
  const numeric = field.type === 'integer' || field.type === 'float';
  if (numeric && typeof right === 'string' && right.trim() !== '' && !isNaN(Number(right))) {
    return Number(right);
  }
  return right;
}

function sameValue(value: StoredValue, target: PyValue): boolean {
  if (Array.isArray(value)) return false;
  return pyEquals(value, target);
}

function membershipTest(operator: string, right: PyValue): ValueTest {
  const items = Array.isArray(right) ? right : [right];
  const matchesNull = items.some((item) => item === false || item === null);
  const values = items.filter((item) => item !== false && item !== null);
  const inList = (value: StoredValue) => values.some((item) => sameValue(value, item));
  if (operator === 'in') return (value) => (value === null ? matchesNull : inList(value));
  return (value) => (value === null ? !matchesNull : !inList(value));
}

function likeTest(operator: string, right: PyValue): ValueTest {
  const negative = operator.startsWith('not');
  const wrap = operator === 'like' || operator === 'ilike' || negative;
  const text = right === null || right === false ? '' : stringOf(right);
  if (wrap && text === '') return () => !negative;
  const pattern = likePattern(wrap ? `%${text}%` : text, operator.includes('ilike'));
  return (value) => {
    if (value === null) return negative;
    return pattern.test(String(value)) !== negative;
  };
}

/** Odoo applies str() to a like operand. */
function stringOf(value: PyValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return value instanceof PyFloat ? formatPyFloat(value.value) : pyRepr(value);
}

/** SQL LIKE: % is any run, _ any one character, backslash escapes. */
function likePattern(pattern: string, caseInsensitive: boolean): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] ?? '';
    if (char === '\\' && i + 1 < pattern.length) source += escapeRegExp(pattern[++i] ?? '');
    else if (char === '%') source += '[\\s\\S]*';
    else if (char === '_') source += '[\\s\\S]';
    else source += escapeRegExp(char);
  }
  return new RegExp(`^${source}$`, caseInsensitive ? 'iu' : 'u');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function orderTest(operator: string, right: PyValue): ValueTest {
  const target = toNumber(right) ?? right;
  return (value) => {
    if (value === null || Array.isArray(value)) return false;
    const left = typeof value === 'boolean' ? Number(value) : value;
    const order = compareLoose(left, target);
    if (order === undefined) return false;
    if (operator === '<') return order < 0;
    if (operator === '>') return order > 0;
    return operator === '<=' ? order <= 0 : order >= 0;
  };
}

function compareLoose(left: string | number, right: PyValue): number | undefined {
  if (typeof right === 'number' || typeof left === 'number') {
    const a = Number(left);
    const b = typeof right === 'number' ? right : Number(right);
    return isNaN(a) || isNaN(b) ? undefined : a - b;
  }
  if (typeof right !== 'string') return undefined;
  return left < right ? -1 : left > right ? 1 : 0;
}

function isTextual(right: PyValue): boolean {
  if (typeof right === 'string') return true;
  return (
    Array.isArray(right) && right.length > 0 && right.every((item) => typeof item === 'string')
  );
}

function compileMany2one(leaf: Leaf, field: FieldDef, ctx: EvalContext): Predicate {
  const name = field.name;
  if (isTextual(leaf.right)) {
    const { ids, negative } = nameSearchIds(leaf, field, ctx, false);
    if (negative) return (record) => record[name] === null || ids.has(record[name] as number);
    return (record) => ids.has(record[name] as number);
  }
  const test = scalarTest(leaf.operator, leaf.right, { type: 'integer' }, ctx.env.majorVersion);
  return (record) => test(record[name] ?? null);
}

/** Odoo's _name_search on the comodel, with the leaf's operator. */
function nameSearchIds(
  leaf: Leaf,
  field: FieldDef,
  ctx: EvalContext,
  activeTest: boolean,
): { ids: Set<number>; negative: boolean } {
  let operator = ['<', '>', '<=', '>='].includes(leaf.operator) ? 'in' : leaf.operator;
  if (!Array.isArray(leaf.right) && (operator === 'in' || operator === 'not in')) {
    operator = operator === 'in' ? '=' : '!=';
  }
  const comodel = ctx.env.model(field.relation ?? '');
  if (!comodel) return { ids: new Set(), negative: NEGATIVE.has(operator) };
  const env = ctx.env.withContext({ active_test: activeTest });
  const test = scalarTest(operator, leaf.right, { type: 'char' }, ctx.env.majorVersion);
  const candidates = env.searchIds(comodel.name, [], env);
  const table = env.records(comodel.name);
  const ids = candidates.filter((id) => nameMatches(env, comodel, table.get(id), test, operator));
  return { ids: new Set(ids), negative: NEGATIVE.has(operator) };
}

function nameMatches(
  env: ModelEnv,
  model: ModelDef,
  record: StoredRecord | undefined,
  test: ValueTest,
  operator: string,
): boolean {
  if (!record) return false;
  if (model.name !== 'product.product') {
    const name =
      model.recName !== null ? fieldValueByName(env, model, record, model.recName) : null;
    return test(name ?? displayName(env, model, record) ?? null);
  }
  const byCode = test(record.default_code ?? null);
  const byName = test(record.name ?? null);
  return NEGATIVE.has(operator) ? byCode && byName : byCode || byName;
}

function compileMany2many(leaf: Leaf, field: FieldDef, ctx: EvalContext): Predicate {
  const { operator, right } = leaf;
  const links = (record: StoredRecord) =>
    field.compute
      ? (fieldValue(ctx.env, ctx.model, record, field) as number[])
      : linkedIds(record, field);
  if (isTextual(right)) {
    const { ids, negative } = nameSearchIds(leaf, field, ctx, isTruthy(activeTest(ctx.env)));
    if (negative) return (record) => !links(record).some((id) => ids.has(id));
    return (record) => links(record).some((id) => ids.has(id));
  }
  if ((operator === '=' || operator === '!=') && (right === false || right === null)) {
    return (record) => (links(record).length === 0) === (operator === '=');
  }
  const items = Array.isArray(right) ? right : [right];
  const wanted = new Set(items.map((item) => toNumber(item)).filter((id) => id !== undefined));
  const withEmpty = items.some((item) => item === false || item === null);
  const hit = (record: StoredRecord) => {
    const ids = links(record);
    return ids.some((id) => wanted.has(id)) || (withEmpty && ids.length === 0);
  };
  if (operator === 'in' || operator === '=') return hit;
  if (operator === 'not in' || operator === '!=') return (record) => !hit(record);
  throw valueError(`Invalid operator ${operator} for many2many field in leaf ${leafText(leaf)}`);
}

function activeTest(env: ModelEnv): PyValue {
  return env.context.has('active_test') ? (env.context.get('active_test') ?? null) : true;
}

function compileHierarchy(leaf: Leaf, field: FieldDef, ctx: EvalContext): Predicate {
  const comodelName = field.name === 'id' ? ctx.model.name : (field.relation ?? '');
  const comodel = ctx.env.model(comodelName);
  if (!comodel || (!['many2one', 'many2many'].includes(field.type) && field.name !== 'id')) {
    throw valueError(`Invalid leaf ${leafText(leaf)}`);
  }
  const roots = hierarchyRoots(leaf.right, comodel, ctx);
  const ids =
    leaf.operator === 'child_of'
      ? descendants(comodel, roots, ctx)
      : ancestors(comodel, roots, ctx);
  if (field.type === 'many2many')
    return (record) => linkedIds(record, field).some((id) => ids.has(id));
  const name = field.name;
  return (record) => ids.has(record[name] as number);
}

function hierarchyRoots(right: PyValue, comodel: ModelDef, ctx: EvalContext): number[] {
  const items = Array.isArray(right) ? right : [right];
  const ids: number[] = [];
  for (const item of items) {
    const id = typeof item === 'boolean' ? undefined : toNumber(item);
    if (id !== undefined) ids.push(id);
    else if (typeof item === 'string') ids.push(...matchNames(comodel, item, ctx));
  }
  return ids;
}

function matchNames(comodel: ModelDef, name: string, ctx: EvalContext): number[] {
  const env = ctx.env.withContext({ active_test: false });
  const test = likeTest('ilike', name);
  const table = env.records(comodel.name);
  return env.searchIds(comodel.name, [], env).filter((id) => {
    const record = table.get(id);
    return record !== undefined && test(displayName(env, comodel, record) || null);
  });
}

function descendants(model: ModelDef, roots: number[], ctx: EvalContext): Set<number> {
  const result = new Set(roots);
  if (!model.parentName) return result;
  const table = ctx.env.records(model.name);
  let grew = true;
  while (grew) {
    grew = false;
    for (const record of table.values()) {
      const parent = record[model.parentName];
      if (typeof parent === 'number' && result.has(parent) && !result.has(Number(record.id))) {
        result.add(Number(record.id));
        grew = true;
      }
    }
  }
  return result;
}

function ancestors(model: ModelDef, roots: number[], ctx: EvalContext): Set<number> {
  const result = new Set<number>();
  const table = ctx.env.records(model.name);
  for (const root of roots) {
    let current = table.get(root);
    while (current && !result.has(Number(current.id))) {
      result.add(Number(current.id));
      const parent = model.parentName ? current[model.parentName] : null;
      current = typeof parent === 'number' ? table.get(parent) : undefined;
    }
  }
  return result;
}

function compileAny(leaf: Leaf, field: FieldDef, ctx: EvalContext): Predicate {
  if (field.type !== 'many2one' && field.type !== 'many2many') {
    throw valueError(`Invalid leaf ${leafText(leaf)}`);
  }
  const env = field.type === 'many2one' ? ctx.env.withContext({ active_test: false }) : ctx.env;
  const ids = new Set(ctx.env.searchIds(field.relation ?? '', leaf.right as unknown[], env));
  const hit = (record: StoredRecord) =>
    field.type === 'many2one'
      ? ids.has(record[field.name] as number)
      : linkedIds(record, field).some((id) => ids.has(id));
  return leaf.operator === 'any' ? hit : (record) => !hit(record);
}
