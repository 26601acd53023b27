/**
 * The public model methods the fake answers, with the signatures of the
 * Odoo version it poses as, called the way odoo.api.call_kw calls them:
 * `context` popped from kwargs, model methods given args as they are,
 * record methods taking their ids from args[0]. Anything else raises the
 * AttributeError that version raises for a method that does not exist.
 */
import { bindArgs, type BoundArgs, type Param } from './call-args.js';
import { checkAccess, hasAccess, refuseOperation, type CallContext } from './call-context.js';
import { OdooException, accessError, typeError } from './odoo-errors.js';
import { fieldsGet } from './orm-fields-get.js';
import {
  countRecords,
  existingIds,
  nameGet,
  nameSearch,
  readRecords,
  searchRead,
  searchRecordIds,
} from './orm-read.js';
import { readGroup } from './orm-read-group.js';
import { writeRecords } from './orm-write.js';
import { isTruthy, pyRepr, pyTypeName, toNumber, type PyDict, type PyValue } from './py-values.js';

type Runner = (ctx: CallContext, bound: BoundArgs, ids: number[]) => PyValue;

interface MethodSpec {
  params: Param[];
  varKeywords?: boolean;
  /** Record methods take their ids from args[0]. */
  onRecords?: boolean;
  run: Runner;
}

const READ_PARAMS: Param[] = [
  { name: 'fields', default: null },
  { name: 'load', default: '_classic_read' },
];

function methodTable(majorVersion: number): Map<string, MethodSpec> {
  const table = new Map<string, MethodSpec>([
    ['search_read', searchReadSpec()],
    ['read', { params: READ_PARAMS, onRecords: true, run: runRead }],
    ['search', searchSpec(majorVersion)],
    ['search_count', searchCountSpec()],
    ['fields_get', fieldsGetSpec()],
    ['write', { params: [{ name: 'vals' }], onRecords: true, run: runWrite }],
    ['read_group', readGroupSpec()],
    ['name_search', nameSearchSpec(majorVersion)],
    ['exists', { params: [], onRecords: true, run: (ctx, _b, ids) => existingIds(ctx, ids) }],
    ['check_access_rights', checkAccessRightsSpec()],
    ['create', { params: [{ name: 'vals_list' }], run: (ctx) => refuseOperation(ctx, 'create') }],
    ['unlink', { params: [], onRecords: true, run: (ctx) => refuseOperation(ctx, 'unlink') }],
    [
      'copy',
      {
        params: [{ name: 'default', default: null }],
        onRecords: true,
        run: (ctx) => refuseOperation(ctx, 'create'),
      },
    ],
  ]);
  if (majorVersion < 17) {
    table.set('name_get', {
      params: [],
      onRecords: true,
      run: (ctx, _b, ids) => nameGet(ctx, ids),
    });
  }
  if (majorVersion >= 18) table.set('has_access', hasAccessSpec());
  return table;
}

function searchReadSpec(): MethodSpec {
  return {
    params: [
      { name: 'domain', default: null },
      { name: 'fields', default: null },
      { name: 'offset', default: 0 },
      { name: 'limit', default: null },
      { name: 'order', default: null },
    ],
    varKeywords: true,
    run: (ctx, { values, extra }) => {
      const read = bindArgs(
        { qualname: 'BaseModel.read', params: READ_PARAMS },
        [values.get('fields') ?? null],
        extra,
      );
      return searchRead(ctx, {
        domain: values.get('domain') ?? null,
        fields: read.values.get('fields') ?? null,
        load: read.values.get('load') ?? null,
        offset: values.get('offset') ?? 0,
        limit: values.get('limit') ?? null,
        order: values.get('order') ?? null,
      });
    },
  };
}

function runRead(ctx: CallContext, { values }: BoundArgs, ids: number[]): PyValue {
  return readRecords(ctx, ids, values.get('fields') ?? null, values.get('load') ?? null);
}

function runWrite(ctx: CallContext, { values }: BoundArgs, ids: number[]): PyValue {
  return writeRecords(ctx, ids, values.get('vals') ?? null);
}

/** Odoo 17 dropped search()'s `count` parameter. */
function searchSpec(majorVersion: number): MethodSpec {
  const params: Param[] = [
    { name: 'domain' },
    { name: 'offset', default: 0 },
    { name: 'limit', default: null },
    { name: 'order', default: null },
  ];
  if (majorVersion < 17) params.push({ name: 'count', default: false });
  return {
    params,
    run: (ctx, { values }) => {
      const ids = searchRecordIds(ctx, {
        domain: values.get('domain') ?? null,
        offset: values.get('offset') ?? 0,
        limit: values.get('limit') ?? null,
        order: values.get('order') ?? null,
      });
      return isTruthy(values.get('count')) ? ids.length : ids;
    },
  };
}

function searchCountSpec(): MethodSpec {
  return {
    params: [{ name: 'domain' }, { name: 'limit', default: null }],
    run: (ctx, { values }) =>
      countRecords(ctx, values.get('domain') ?? null, values.get('limit') ?? null),
  };
}

function fieldsGetSpec(): MethodSpec {
  return {
    params: [
      { name: 'allfields', default: null },
      { name: 'attributes', default: null },
    ],
    run: (ctx, { values }) =>
      fieldsGet(ctx, values.get('allfields') ?? null, values.get('attributes') ?? null),
  };
}

function readGroupSpec(): MethodSpec {
  return {
    params: [
      { name: 'domain' },
      { name: 'fields' },
      { name: 'groupby' },
      { name: 'offset', default: 0 },
      { name: 'limit', default: null },
      { name: 'orderby', default: false },
      { name: 'lazy', default: true },
    ],
    run: (ctx, { values }) =>
      readGroup(ctx, {
        domain: values.get('domain') ?? null,
        fields: values.get('fields') ?? null,
        groupby: values.get('groupby') ?? null,
        offset: values.get('offset') ?? 0,
        limit: values.get('limit') ?? null,
        orderby: values.get('orderby') ?? false,
        lazy: values.get('lazy') ?? true,
      }),
  };
}

/** name_search's domain parameter is `args` up to Odoo 17, `domain` from 18. */
function nameSearchSpec(majorVersion: number): MethodSpec {
  const domainName = majorVersion >= 18 ? 'domain' : 'args';
  return {
    params: [
      { name: 'name', default: '' },
      { name: domainName, default: null },
      { name: 'operator', default: 'ilike' },
      { name: 'limit', default: 100 },
    ],
    run: (ctx, { values }) =>
      nameSearch(
        ctx,
        values.get('name') ?? '',
        values.get(domainName) ?? null,
        values.get('operator') ?? 'ilike',
        values.get('limit') ?? null,
      ),
  };
}

function checkAccessRightsSpec(): MethodSpec {
  return {
    params: [{ name: 'operation' }, { name: 'raise_exception', default: true }],
    run: (ctx, { values }) => {
      const operation = operationOf(values.get('operation') ?? null);
      if (isTruthy(values.get('raise_exception'))) checkAccess(ctx, operation);
      return hasAccess(ctx, operation);
    },
  };
}

function hasAccessSpec(): MethodSpec {
  return {
    params: [{ name: 'operation' }],
    onRecords: true,
    run: (ctx, { values }) => hasAccess(ctx, operationOf(values.get('operation') ?? null)),
  };
}

function operationOf(value: PyValue): 'read' | 'write' | 'create' | 'unlink' {
  if (value === 'read' || value === 'write' || value === 'create' || value === 'unlink')
    return value;
  throw new OdooException('KeyError', pyRepr(value));
}

/** check_method_name: private methods are refused before anything else. */
export function checkMethodName(method: string, model: string, majorVersion: number): void {
  if (!method.startsWith('_')) return;
  const name = majorVersion >= 18 ? `'${model}.${method}'` : method;
  throw accessError(`Private methods (such as ${name}) cannot be called remotely.`);
}

export function callModelMethod(
  ctx: CallContext,
  method: string,
  args: PyValue[],
  kwargs: PyDict,
): PyValue {
  const spec = methodTable(ctx.env.majorVersion).get(method);
  if (!spec) throw missingMethod(ctx.model.name, method, ctx.env.majorVersion);
  const signature = {
    qualname: `BaseModel.${method}`,
    params: spec.params,
    varKeywords: spec.varKeywords ?? false,
  };
  if (!spec.onRecords) return spec.run(ctx, bindArgs(signature, args, kwargs), []);
  if (args.length === 0) throw new OdooException('IndexError', 'tuple index out of range');
  const ids = browseIds(args[0] ?? null);
  return spec.run(ctx, bindArgs(signature, args.slice(1), kwargs), ids);
}

function missingMethod(model: string, method: string, majorVersion: number): OdooException {
  if (majorVersion >= 18) {
    return new OdooException('AttributeError', `The method '${model}.${method}' does not exist`);
  }
  if (majorVersion === 17) {
    return new OdooException(
      'AttributeError',
      `The method '${method}' does not exist on the model '${model}'`,
    );
  }
  return new OdooException('AttributeError', `type object '${model}' has no attribute '${method}'`);
}

/** Model.browse(ids): an id, a list of ids, or a falsy value for none. */
function browseIds(value: PyValue): number[] {
  if (!isTruthy(value)) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.map((item) => {
    const id = typeof item === 'number' ? item : undefined;
    if (id === undefined || !Number.isInteger(toNumber(item))) {
      throw typeError(`'${pyTypeName(item)}' object cannot be interpreted as an integer`);
    }
    return id;
  });
}
