/**
 * Marshals answers byte for byte the way Odoo's `dumps()` does: Python's
 * xmlrpc.client.Marshaller with allow_none=False (so no <nil/>, ever),
 * datetimes as 'YYYY-MM-DD HH:MM:SS' strings, bytes as text, and control
 * characters other than tab, newline and carriage return removed.
 */
import { PyDateTime, PyFloat, formatPyFloat, type PyValue } from './py-values.js';

const MAX_INT = 2 ** 31 - 1;
const MIN_INT = -(2 ** 31);
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\x00-\x08\x0b\x0c\x0e-\x1f]/g;

/** Raised for a value Python's marshaller refuses; Odoo turns it into fault 1. */
export class MarshalError extends Error {
  constructor(
    readonly pyType: 'TypeError' | 'OverflowError',
    message: string,
  ) {
    super(message);
  }
}

function escapeXml(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '').replace(/[&<>]/g, escapeChar);
}

function escapeChar(char: string): string {
  if (char === '&') return '&amp;';
  return char === '<' ? '&lt;' : '&gt;';
}

export function writeResponse(result: PyValue): string {
  const parts = ['<?xml version="1.0"?>\n<methodResponse>\n<params>\n<param>\n'];
  writeValue(result, parts);
  parts.push('</param>\n</params>\n\n</methodResponse>\n');
  return parts.join('');
}

export function writeFault(code: number, message: string): string {
  const parts = ['<?xml version="1.0"?>\n<methodResponse>\n<fault>\n<value><struct>\n'];
  parts.push('<member>\n<name>faultCode</name>\n');
  writeValue(code, parts);
  parts.push('</member>\n<member>\n<name>faultString</name>\n');
  writeValue(message, parts);
  parts.push('</member>\n</struct></value>\n</fault>\n\n</methodResponse>\n');
  return parts.join('');
}

function writeValue(value: PyValue, out: string[]): void {
  if (typeof value === 'string') {
    out.push('<value><string>', escapeXml(value), '</string></value>\n');
  } else if (typeof value === 'number') {
    writeNumber(value, out);
  } else if (typeof value === 'boolean') {
    out.push(
      value ? '<value><boolean>1</boolean></value>\n' : '<value><boolean>0</boolean></value>\n',
    );
  } else if (value instanceof PyFloat) {
    out.push('<value><double>', formatPyFloat(value.value), '</double></value>\n');
  } else if (Array.isArray(value)) {
    writeArray(value, out);
  } else if (value instanceof Map) {
    writeStruct(value, out);
  } else {
    writeOther(value, out);
  }
}

function writeNumber(value: number, out: string[]): void {
  if (!Number.isInteger(value)) {
    out.push('<value><double>', formatPyFloat(value), '</double></value>\n');
    return;
  }
  if (value > MAX_INT || value < MIN_INT) {
    throw new MarshalError('OverflowError', 'int exceeds XML-RPC limits');
  }
  out.push('<value><int>', String(value), '</int></value>\n');
}

function writeArray(items: PyValue[], out: string[]): void {
  out.push('<value><array><data>\n');
  for (const item of items) writeValue(item, out);
  out.push('</data></array></value>\n');
}

function writeStruct(dict: Map<string, PyValue>, out: string[]): void {
  out.push('<value><struct>\n');
  for (const [key, item] of dict) {
    out.push('<member>\n<name>', escapeXml(key), '</name>\n');
    writeValue(item, out);
    out.push('</member>\n');
  }
  out.push('</struct></value>\n');
}

function writeOther(value: PyDateTime | Buffer | null, out: string[]): void {
  if (value instanceof PyDateTime) {
    out.push('<value><string>', escapeXml(value.text), '</string></value>\n');
  } else if (Buffer.isBuffer(value)) {
    out.push('<value><string>', escapeXml(value.toString('utf8')), '</string></value>\n');
  } else {
    throw new MarshalError('TypeError', 'cannot marshal None unless allow_none is enabled');
  }
}
