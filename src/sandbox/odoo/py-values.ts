/**
 * The values that travel through the fake Odoo, typed the way Python types
 * them, because XML-RPC (and Odoo's error texts) tell an int from a float and
 * a list from a dict. A JS number is a Python int; PyFloat is a Python float.
 */

export class PyFloat {
  constructor(readonly value: number) {}
}

/** A `dateTime.iso8601` request value, kept as Python's datetime would print it. */
export class PyDateTime {
  constructor(readonly text: string) {}
}

export type PyDict = Map<string, PyValue>;

export type PyValue =
  null | boolean | number | string | PyFloat | PyDateTime | Buffer | PyValue[] | PyDict;

/** The numeric value of an int, float or bool (Python compares bools as 0/1). */
export function toNumber(value: PyValue): number | undefined {
  if (typeof value === 'number') return value;
  if (value instanceof PyFloat) return value.value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return undefined;
}

export function isDict(value: PyValue | undefined): value is PyDict {
  return value instanceof Map;
}

/** Python truthiness. */
export function isTruthy(value: PyValue | undefined): boolean {
  if (value === undefined || value === null || value === false) return false;
  if (typeof value === 'number') return value !== 0;
  if (value instanceof PyFloat) return value.value !== 0;
  if (typeof value === 'string' || Array.isArray(value) || Buffer.isBuffer(value)) {
    return value.length > 0;
  }
  if (value instanceof Map) return value.size > 0;
  return true;
}

/** Python's repr() of a float: shortest round-trip digits, exponent outside 1e-4..1e16. */
export function formatPyFloat(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa = '0', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  const text = value.toFixed(Math.max(0, countDecimals(mantissa) - exponent));
  return text.includes('.') ? text : `${text}.0`;
}

function countDecimals(mantissa: string): number {
  const dot = mantissa.indexOf('.');
  return dot < 0 ? 0 : mantissa.length - dot - 1;
}

/** Python's repr() of a str. */
function reprString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    out += escapeReprChar(char, quote);
  }
  return out + quote;
}

function escapeReprChar(char: string, quote: string): string {
  if (char === '\\') return '\\\\';
  if (char === quote) return `\\${quote}`;
  if (char === '\n') return '\\n';
  if (char === '\r') return '\\r';
  if (char === '\t') return '\\t';
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
  return char;
}

/** Python's repr() of a value; `asTuple` prints a list the way Odoo's normalised leaves print. */
export function pyRepr(value: PyValue | undefined, asTuple = false): string {
  if (value === undefined || value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return reprString(value);
  if (value instanceof PyFloat) return formatPyFloat(value.value);
  if (value instanceof PyDateTime) return `datetime.datetime(${value.text})`;
  if (Buffer.isBuffer(value)) return `b'${value.toString('latin1')}'`;
  if (Array.isArray(value)) return reprSequence(value, asTuple);
  const items = [...value].map(([key, item]) => `${reprString(key)}: ${pyRepr(item)}`);
  return `{${items.join(', ')}}`;
}

function reprSequence(items: PyValue[], asTuple: boolean): string {
  const inner = items.map((item) => pyRepr(item)).join(', ');
  if (!asTuple) return `[${inner}]`;
  return items.length === 1 ? `(${inner},)` : `(${inner})`;
}

/** Python's type name, for TypeError texts. */
export function pyTypeName(value: PyValue | undefined): string {
  if (value === undefined || value === null) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return 'int';
  if (typeof value === 'string') return 'str';
  if (value instanceof PyFloat) return 'float';
  if (value instanceof PyDateTime) return 'datetime';
  if (Buffer.isBuffer(value)) return 'bytes';
  return Array.isArray(value) ? 'list' : 'dict';
}

/** Python equality between two plain values (1 == 1.0 == True). */
export function pyEquals(left: PyValue, right: PyValue): boolean {
  const a = toNumber(left);
  const b = toNumber(right);
  if (a !== undefined && b !== undefined) return a === b;
  if (typeof left === 'string' && typeof right === 'string') return left === right;
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((item, i) => pyEquals(item, right[i]!));
  }
  return left === right;
}

/** Converts a Python value into plain JSON (floats become numbers, dicts objects). */
export function toJson(value: PyValue): unknown {
  if (value instanceof PyFloat) return value.value;
  if (value instanceof PyDateTime) return value.text;
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (Array.isArray(value)) return value.map(toJson);
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of value) out[key] = toJson(item);
    return out;
  }
  return value;
}
