/**
 * Binds positional and keyword arguments to a method's parameters the way
 * Python does, with Python's TypeError texts, so that a call Odoo would
 * refuse is refused here too.
 */
import { typeError } from './odoo-errors.js';
import type { PyDict, PyValue } from './py-values.js';

export interface Param {
  name: string;
  /** undefined = required */
  default?: PyValue;
}

export interface Signature {
  qualname: string;
  params: Param[];
  /** Accepts **kwargs (collected into `extra`). */
  varKeywords?: boolean;
}

export interface BoundArgs {
  values: Map<string, PyValue>;
  extra: PyDict;
}

export function bindArgs(signature: Signature, args: PyValue[], kwargs: PyDict): BoundArgs {
  const { params, qualname } = signature;
  if (args.length > params.length) throw tooManyPositional(signature, args.length);
  const values = new Map<string, PyValue>();
  args.forEach((arg, index) => values.set(params[index]!.name, arg));
  const extra: PyDict = new Map();
  for (const [key, value] of kwargs) {
    const known = params.some((param) => param.name === key);
    if (known && values.has(key)) {
      throw typeError(`${qualname}() got multiple values for argument '${key}'`);
    }
    if (known) values.set(key, value);
    else if (signature.varKeywords) extra.set(key, value);
    else throw typeError(`${qualname}() got an unexpected keyword argument '${key}'`);
  }
  fillDefaults(signature, values);
  return { values, extra };
}

function fillDefaults(signature: Signature, values: Map<string, PyValue>): void {
  const missing: string[] = [];
  for (const param of signature.params) {
    if (values.has(param.name)) continue;
    if (param.default === undefined) missing.push(param.name);
    else values.set(param.name, param.default);
  }
  if (missing.length > 0) {
    const plural = missing.length === 1 ? 'argument' : 'arguments';
    const count = `${missing.length} required positional ${plural}`;
    throw typeError(`${signature.qualname}() missing ${count}: ${listNames(missing)}`);
  }
}

function listNames(names: string[]): string {
  const quoted = names.map((name) => `'${name}'`);
  if (quoted.length === 1) return quoted[0]!;
  if (quoted.length === 2) return `${quoted[0]} and ${quoted[1]}`;
  return `${quoted.slice(0, -1).join(', ')}, and ${quoted.at(-1)}`;
}

/** Counts include `self`, as Python's messages do. */
function tooManyPositional(signature: Signature, given: number): Error {
  const total = signature.params.length + 1;
  const required = signature.params.filter((param) => param.default === undefined).length + 1;
  const takes = required === total ? `${total}` : `from ${required} to ${total}`;
  const plural = total === 1 ? 'argument' : 'arguments';
  const verb = given + 1 === 1 ? 'was' : 'were';
  return typeError(
    `${signature.qualname}() takes ${takes} positional ${plural} but ${given + 1} ${verb} given`,
  );
}
