/** Odoo's XML-RPC fault codes (odoo/addons/base/controllers/rpc.py). */
export type OdooFaultKind = 'application' | 'warning' | 'access-denied' | 'access-error';

const KIND_BY_CODE: Record<number, OdooFaultKind> = {
  1: 'application',
  2: 'warning',
  3: 'access-denied',
  4: 'access-error',
};

/** A fault answered by Odoo: the server was reached and refused or failed the call. */
export class OdooFault extends Error {
  readonly code: number;
  readonly kind: OdooFaultKind;
  readonly faultString: string;

  constructor(code: number, faultString: string) {
    super(summariseFault(faultString));
    this.name = 'OdooFault';
    this.code = code;
    this.kind = KIND_BY_CODE[code] ?? 'application';
    this.faultString = faultString;
  }
}

/**
 * /xmlrpc/2 answers integer codes; the legacy /xmlrpc endpoint and some proxies
 * answer strings ("3", "AccessDenied", "warning -- ..."), so both are read.
 */
export function parseFaultCode(raw: unknown): number {
  if (typeof raw === 'number' && Number.isInteger(raw)) return raw;

  const text = typeof raw === 'string' ? raw.trim() : '';
  if (/^\d+$/.test(text)) return Number(text);
  if (/^AccessDenied/i.test(text)) return 3;
  if (/^warning/i.test(text)) return 2;
  if (/^access/i.test(text)) return 4;
  return 1;
}

/** A traceback's last line says what went wrong; the rest is noise for a one-line error. */
export function summariseFault(faultString: string): string {
  const lines = faultString
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const last = lines.at(-1) ?? 'unknown Odoo fault';
  return last.length > 300 ? `${last.slice(0, 297)}...` : last;
}

/**
 * Odoo answers a call on a model it does not have with fault 2 "Object x
 * doesn't exist" (odoo/service/model.py); some versions and proxies surface the
 * underlying KeyError as fault 1 instead.
 */
export function isUnknownModelFault(error: unknown): boolean {
  if (!(error instanceof OdooFault)) return false;
  return /Object .+ doesn't exist|KeyError/.test(error.faultString);
}
