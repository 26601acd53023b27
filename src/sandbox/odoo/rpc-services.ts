/**
 * The three XML-RPC services of /xmlrpc/2/<service>, in the order Odoo runs
 * their checks: `common` (version, authenticate, login, about), `object`
 * (execute_kw / execute: database, then uid and password or API key on
 * every call, then the method name, model and method) and `db` (list,
 * server_version, db_exist; anything that needs the master password is
 * refused). An unknown database fails like PostgreSQL's connection does.
 */
import type { OdooUser } from './catalog-schema.js';
import { callModelMethod, checkMethodName } from './model-methods.js';
import type { OdooStore } from './odoo-store.js';
import { OdooAccessDenied, OdooException, typeError, userError } from './odoo-errors.js';
import {
  PyFloat,
  isDict,
  isTruthy,
  pyRepr,
  pyTypeName,
  type PyDict,
  type PyValue,
} from './py-values.js';
import { createEnv } from './search-records.js';
import { parsePyInt } from './xmlrpc-parse.js';

export interface RpcCall {
  service: string;
  method: string | null;
  params: PyValue[];
}

/** Names one call for the server's statistics: "authenticate", "product.product.search_read". */
export function describeCall(call: RpcCall): string {
  if (call.service === 'object' && typeof call.params[3] === 'string') {
    const method =
      call.method === 'execute_kw' || call.method === 'execute' ? call.params[4] : null;
    if (typeof method === 'string') return `${call.params[3]}.${method}`;
  }
  const method = call.method ?? 'None';
  return call.service === 'common' ? method : `${call.service}.${method}`;
}

export function dispatchRpc(store: OdooStore, call: RpcCall): PyValue {
  if (call.service === 'common') return dispatchCommon(store, call.method, call.params);
  if (call.service === 'object') return dispatchObject(store, call.method, call.params);
  if (call.service === 'db') return dispatchDb(store, call.method, call.params);
  throw new OdooException('KeyError', pyRepr(call.service));
}

function requireMethod(method: string | null): string {
  if (method === null) {
    throw typeError('can only concatenate str (not "NoneType") to str');
  }
  return method;
}

function dispatchCommon(store: OdooStore, method: string | null, params: PyValue[]): PyValue {
  const name = requireMethod(method);
  if (name === 'version') {
    expectArgs('exp_version', params, [], 0);
    return versionInfo(store);
  }
  if (name === 'authenticate') {
    expectArgs('exp_authenticate', params, ['db', 'login', 'password', 'user_agent_env'], 4);
    return authenticate(store, params);
  }
  if (name === 'login') {
    expectArgs('exp_login', params, ['db', 'login', 'password'], 3);
    return authenticate(store, params);
  }
  if (name === 'about') {
    expectArgs('exp_about', params, ['extended'], 0);
    const text = 'See http://openerp.com';
    return isTruthy(params[0]) ? [text, store.version.text] : text;
  }
  throw new OdooException('Exception', `Method not found: ${name}`);
}

/** Python's own check of a plain function's positional arguments. */
function expectArgs(fn: string, params: PyValue[], names: string[], required: number): void {
  if (params.length > names.length) {
    const takes =
      required === names.length ? `${names.length}` : `from ${required} to ${names.length}`;
    const plural = names.length === 1 && required === names.length ? 'argument' : 'arguments';
    const verb = params.length === 1 ? 'was' : 'were';
    throw typeError(
      `${fn}() takes ${takes} positional ${plural} but ${params.length} ${verb} given`,
    );
  }
  const missing = names.slice(params.length, required);
  if (missing.length === 0) return;
  const quoted = missing.map((name) => `'${name}'`);
  const list =
    quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
  const plural = missing.length === 1 ? 'argument' : 'arguments';
  throw typeError(`${fn}() missing ${missing.length} required positional ${plural}: ${list}`);
}

function versionInfo(store: OdooStore): PyDict {
  const { version } = store;
  const serie = version.text.replace(/\+e$/, '');
  const major = version.saas ? `saas~${version.major}` : version.major;
  return new Map<string, PyValue>([
    ['server_version', version.text],
    ['server_version_info', [major, version.minor, 0, 'final', 0, version.enterprise ? '+e' : '']],
    ['server_serie', serie],
    ['protocol_version', 1],
  ]);
}

function checkDatabase(store: OdooStore, db: PyValue): void {
  if (db === store.database) return;
  throw new OdooException(
    'psycopg2.OperationalError',
    'connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: ' +
      `FATAL:  database "${typeof db === 'string' ? db : pyRepr(db)}" does not exist\n`,
  );
}

function authenticate(store: OdooStore, params: PyValue[]): number | false {
  const [db = null, login = null, password = null] = params;
  checkDatabase(store, db);
  const user = store.users.find((candidate) => candidate.login === login && candidate.active);
  return user && passwordMatches(user, password) ? user.id : false;
}

function passwordMatches(user: OdooUser, password: PyValue): boolean {
  if (typeof password !== 'string' || password === '') return false;
  return password === user.password || user.apiKeys.includes(password);
}

function dispatchObject(store: OdooStore, method: string | null, params: PyValue[]): PyValue {
  if (params.length < 3) throw new OdooException('IndexError', 'tuple index out of range');
  const [db = null, rawUid = null, password = null] = params;
  const uid = pythonInt(rawUid);
  checkDatabase(store, db);
  const user = store.user(uid);
  if (!user || !user.active || !passwordMatches(user, password)) throw new OdooAccessDenied();
  if (method === 'execute_kw') return executeKw(store, user, params.slice(3));
  if (method === 'execute') return execute(store, user, params.slice(3));
  throw new OdooException('NameError', `Method not available ${method ?? 'None'}`);
}

/** Python's int(x), as `int(params[1])` applies it to the uid. */
function pythonInt(value: PyValue): number {
  if (typeof value === 'number') return Math.trunc(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') return parsePyInt(value);
  if (value instanceof PyFloat) return Math.trunc(value.value);
  const expected = 'a string, a bytes-like object or a real number';
  throw typeError(`int() argument must be ${expected}, not '${pyTypeName(value)}'`);
}

function executeKw(store: OdooStore, user: OdooUser, rest: PyValue[]): PyValue {
  expectArgs('execute_kw', [null, null, ...rest], ['db', 'uid', 'obj', 'method', 'args', 'kw'], 5);
  const [model = null, method = null, args = null, kw = null] = rest;
  const kwargs = isTruthy(kw) ? kw : new Map<string, PyValue>();
  if (!isDict(kwargs)) {
    throw typeError(`execute() argument after ** must be a mapping, not ${pyTypeName(kwargs)}`);
  }
  return runModelCall(store, user, model, method, iterate(args), kwargs);
}

function execute(store: OdooStore, user: OdooUser, rest: PyValue[]): PyValue {
  if (rest.length < 2) {
    const missing =
      rest.length === 0
        ? "2 required positional arguments: 'obj' and 'method'"
        : "1 required positional argument: 'method'";
    throw typeError(`execute() missing ${missing}`);
  }
  const [model = null, method = null, ...args] = rest;
  return runModelCall(store, user, model, method, args, new Map());
}

function iterate(value: PyValue): PyValue[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return [...value];
  if (isDict(value)) return [...value.keys()];
  throw typeError(`Value after * must be an iterable, not ${pyTypeName(value)}`);
}

function runModelCall(
  store: OdooStore,
  user: OdooUser,
  modelName: PyValue,
  method: PyValue,
  args: PyValue[],
  kwargs: PyDict,
): PyValue {
  if (typeof method !== 'string') {
    throw new OdooException(
      'AttributeError',
      `'${pyTypeName(method)}' object has no attribute 'startswith'`,
    );
  }
  const model = typeof modelName === 'string' ? store.model(modelName) : undefined;
  checkMethodName(method, typeof modelName === 'string' ? modelName : '', store.version.major);
  if (!model)
    throw userError(
      `Object ${typeof modelName === 'string' ? modelName : pyRepr(modelName)} doesn't exist`,
    );
  const { context, rest } = splitContext(kwargs);
  const env = createEnv(store, context);
  return callModelMethod({ store, env, model, user }, method, args, rest);
}

function splitContext(kwargs: PyDict): { context: PyDict; rest: PyDict } {
  const rest = new Map(kwargs);
  const context = rest.get('context') ?? null;
  rest.delete('context');
  if (!isTruthy(context)) return { context: new Map(), rest };
  if (!isDict(context)) throw typeError(`'${pyTypeName(context)}' object is not a mapping`);
  return { context, rest };
}

function dispatchDb(store: OdooStore, method: string | null, params: PyValue[]): PyValue {
  const name = requireMethod(method);
  if (name === 'list') return [store.database];
  if (name === 'server_version') return store.version.text;
  if (name === 'db_exist') return params[0] === store.database;
  if (name === 'list_lang') return [['en_US', 'English (US)']];
  const masterOnly = [
    'create_database',
    'duplicate_database',
    'drop',
    'dump',
    'restore',
    'rename',
    'change_admin_password',
    'migrate_databases',
  ];
  if (masterOnly.includes(name)) throw new OdooAccessDenied();
  throw new OdooException('KeyError', pyRepr(`Method not found: ${name}`));
}
