/**
 * Reads a methodCall the way Odoo does: Odoo hands the body to Python's
 * `xmlrpc.client.loads(data, use_datetime=True)`, so this mirrors Python's
 * Unmarshaller, quirks included. Notably `<nil/>` IS accepted in requests
 * (the Unmarshaller always understands it; allow_none only restrains the
 * marshaller), so `None` reaches the method, where Odoo treats it as Python
 * would (limit=None means no limit, kwargs=None means no kwargs). Untyped
 * `<value>text</value>` is a string; `<i4>`, `<i8>`, `<int>` are ints;
 * namespace prefixes (`<ex:nil/>`) are dropped. Errors carry the Python
 * exception Odoo would raise, which Odoo answers with fault 1.
 */
import sax from 'sax';
import { PyDateTime, PyFloat, pyRepr, type PyValue } from './py-values.js';
import { OdooException } from './odoo-errors.js';

export interface MethodCall {
  methodName: string | null;
  params: PyValue[];
}

const INT_TAGS = new Set(['int', 'i1', 'i2', 'i4', 'i8', 'biginteger']);
const KNOWN_TAGS = new Set([
  ...INT_TAGS,
  'nil',
  'boolean',
  'double',
  'float',
  'bigdecimal',
  'string',
  'array',
  'struct',
  'base64',
  'dateTime.iso8601',
  'value',
  'params',
  'fault',
  'methodName',
  'name',
]);

interface ParseState {
  stack: PyValue[];
  marks: number[];
  data: string[];
  inValue: boolean;
  type: 'params' | 'methodName' | 'fault' | null;
  methodName: string | null;
  sawElement: boolean;
}

export function parseMethodCall(body: string): MethodCall {
  const state: ParseState = {
    stack: [],
    marks: [],
    data: [],
    inValue: false,
    type: null,
    methodName: null,
    sawElement: false,
  };
  runParser(body, state);
  if (state.type === null || state.marks.length > 0) {
    throw new OdooException('xmlrpc.client.ResponseError', 'ResponseError()');
  }
  return { methodName: state.methodName, params: state.stack };
}

function runParser(body: string, state: ParseState): void {
  const parser = sax.parser(true, { position: true });
  let failure: unknown;
  parser.onopentag = (tag) => startTag(localName(tag.name), state);
  parser.ontext = (text) => state.data.push(text);
  parser.oncdata = (text) => state.data.push(text);
  parser.onclosetag = (name) => endTag(localName(name), state);
  parser.onerror = (error) => {
    failure ??= expatError(error.message, parser.line, parser.column);
    throw failure;
  };
  try {
    parser.write(body).close();
  } catch (error) {
    throw failure ?? error;
  }
  if (!state.sawElement) throw expatError('Unexpected end', parser.line, parser.column);
}

function localName(tag: string): string {
  const colon = tag.lastIndexOf(':');
  return colon < 0 ? tag : tag.slice(colon + 1);
}

function startTag(tag: string, state: ParseState): void {
  state.sawElement = true;
  if (tag === 'array' || tag === 'struct') state.marks.push(state.stack.length);
  state.data = [];
  if (state.inValue && !KNOWN_TAGS.has(tag)) {
    throw new OdooException('xmlrpc.client.ResponseError', `ResponseError("unknown tag '${tag}'")`);
  }
  state.inValue = tag === 'value';
}

/** Every handler of Python's Unmarshaller ends by clearing its `_value` flag. */
function endTag(tag: string, state: ParseState): void {
  if (!KNOWN_TAGS.has(tag)) return;
  const data = state.data.join('');
  if (INT_TAGS.has(tag)) {
    state.stack.push(parsePyInt(data));
  } else if (tag === 'value') {
    if (state.inValue) state.stack.push(data);
  } else {
    endOtherTag(tag, data, state);
  }
  state.inValue = false;
}

function endOtherTag(tag: string, data: string, state: ParseState): void {
  switch (tag) {
    case 'nil':
      state.stack.push(null);
      break;
    case 'boolean':
      state.stack.push(parseBoolean(data));
      break;
    case 'double':
    case 'float':
    case 'bigdecimal':
      state.stack.push(new PyFloat(parsePyFloat(data)));
      break;
    case 'string':
    case 'name':
      state.stack.push(data);
      break;
    case 'base64':
      state.stack.push(Buffer.from(data, 'base64'));
      break;
    case 'dateTime.iso8601':
      state.stack.push(new PyDateTime(formatIsoDateTime(data)));
      break;
    default:
      endStructureTag(tag, data, state);
  }
}

function endStructureTag(tag: string, data: string, state: ParseState): void {
  if (tag === 'array') {
    const mark = state.marks.pop() ?? 0;
    state.stack.push(state.stack.splice(mark));
  } else if (tag === 'struct') {
    const mark = state.marks.pop() ?? 0;
    state.stack.push(pairsToDict(state.stack.splice(mark)));
  } else if (tag === 'params') {
    state.type = 'params';
  } else if (tag === 'methodName') {
    state.methodName = data;
    state.type = 'methodName';
  } else if (tag === 'fault') {
    state.type = 'fault';
  }
}

function pairsToDict(items: PyValue[]): Map<string, PyValue> {
  const dict = new Map<string, PyValue>();
  for (let i = 0; i + 1 < items.length; i += 2) {
    const key = items[i] ?? null;
    dict.set(typeof key === 'string' ? key : pyRepr(key), items[i + 1] ?? null);
  }
  return dict;
}

function parseBoolean(data: string): boolean {
  if (data === '0') return false;
  if (data === '1') return true;
  throw new OdooException('TypeError', 'bad boolean value');
}

/** Python's int(text): surrounding blanks, a sign and digit-group underscores are fine. */
export function parsePyInt(data: string): number {
  const text = data.trim();
  if (!/^[+-]?\d+(_\d+)*$/.test(text)) {
    throw new OdooException('ValueError', `invalid literal for int() with base 10: '${data}'`);
  }
  return Number(text.replace(/_/g, ''));
}

function parsePyFloat(data: string): number {
  const text = data.trim().toLowerCase().replace(/_/g, '');
  const special = /^([+-]?)(inf|infinity|nan)$/.exec(text);
  if (special) return special[2] === 'nan' ? NaN : special[1] === '-' ? -Infinity : Infinity;
  if (text !== '' && /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(text)) return Number(text);
  throw new OdooException('ValueError', `could not convert string to float: '${data}'`);
}

function formatIsoDateTime(data: string): string {
  const match = /^(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(data.trim());
  if (!match) throw new OdooException('ValueError', `time data '${data}' does not match format`);
  const [, year, month, day, hour, minute, second] = match;
  return `${year}-${month}-${day} ${hour}:${minute}:${second}`;
}

/** Expat's wording for the common cases, so the fault reads like Odoo's. */
function expatError(message: string, line: number, column: number): OdooException {
  const reason = describeSaxError(message);
  return new OdooException(
    'xml.parsers.expat.ExpatError',
    `${reason}: line ${line + 1}, column ${column}`,
  );
}

function describeSaxError(message: string): string {
  if (message.startsWith('Unexpected end')) return 'no element found';
  if (message.startsWith('Unexpected close tag')) return 'mismatched tag';
  if (message.startsWith('Non-whitespace before first tag')) return 'syntax error';
  if (message.startsWith('Unclosed root tag')) return 'no element found';
  return 'not well-formed (invalid token)';
}
