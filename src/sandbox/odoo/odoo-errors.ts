/**
 * The exceptions the fake raises and how Odoo's /xmlrpc/2 endpoint turns
 * them into faults (odoo/addons/base/controllers/rpc.py,
 * xmlrpc_handle_exception_int): AccessError -> 4, AccessDenied -> 3,
 * UserError and its children (MissingError, ValidationError) -> 2 with
 * str(e) as text; anything else -> 1 with the formatted Python traceback.
 */

export type OdooErrorKind = 'UserError' | 'MissingError' | 'ValidationError' | 'AccessError';

/** An odoo.exceptions error: its fault string is the bare message. */
export class OdooUserError extends Error {
  constructor(
    readonly kind: OdooErrorKind,
    message: string,
  ) {
    super(message);
  }

  get faultCode(): number {
    return this.kind === 'AccessError' ? 4 : 2;
  }
}

/** odoo.exceptions.AccessDenied: fault 3, "Access Denied". */
export class OdooAccessDenied extends Error {
  constructor() {
    super('Access Denied');
  }
}

/** Any other Python exception: fault 1 with a traceback ending in `type: message`. */
export class OdooException extends Error {
  constructor(
    readonly pyType: string,
    message: string,
  ) {
    super(message);
  }
}

export function userError(message: string): OdooUserError {
  return new OdooUserError('UserError', message);
}

export function accessError(message: string): OdooUserError {
  return new OdooUserError('AccessError', message);
}

export function valueError(message: string): OdooException {
  return new OdooException('ValueError', message);
}

export function typeError(message: string): OdooException {
  return new OdooException('TypeError', message);
}

export interface Fault {
  code: number;
  message: string;
}

type Frame = readonly [file: string, line: number, fn: string, code: string];

const ODOO = '/usr/lib/python3/dist-packages/odoo';
const RPC_FRAMES: Frame[] = [
  [
    `${ODOO}/addons/base/controllers/rpc.py`,
    157,
    '_xmlrpc_common',
    'response = self._xmlrpc(service)',
  ],
  [
    `${ODOO}/addons/base/controllers/rpc.py`,
    134,
    '_xmlrpc',
    'result = dispatch_rpc(service, method, params)',
  ],
  [`${ODOO}/http.py`, 368, 'dispatch_rpc', 'return dispatch(method, params)'],
];
const LOADS_FRAMES: Frame[] = [
  [
    `${ODOO}/addons/base/controllers/rpc.py`,
    157,
    '_xmlrpc_common',
    'response = self._xmlrpc(service)',
  ],
  [
    `${ODOO}/addons/base/controllers/rpc.py`,
    133,
    '_xmlrpc',
    'params, method = xmlrpc.client.loads(data, use_datetime=True)',
  ],
  ['/usr/lib/python3.10/xmlrpc/client.py', 1029, 'loads', 'p.feed(data)'],
];

export type FaultStage = 'parse' | 'dispatch';

export function toFault(error: unknown, stage: FaultStage): Fault {
  if (error instanceof OdooUserError) return { code: error.faultCode, message: error.message };
  if (error instanceof OdooAccessDenied) return { code: 3, message: error.message };
  if (error instanceof OdooException) {
    return { code: 1, message: formatTraceback(error.pyType, error.message, stage) };
  }
  const text = error instanceof Error ? error.message : String(error);
  return { code: 1, message: formatTraceback('RuntimeError', text, stage) };
}

function formatTraceback(pyType: string, message: string, stage: FaultStage): string {
  const frames = stage === 'parse' ? LOADS_FRAMES : RPC_FRAMES;
  const lines = ['Traceback (most recent call last):'];
  for (const [file, line, fn, code] of frames) {
    lines.push(`  File "${file}", line ${line}, in ${fn}`, `    ${code}`);
  }
  lines.push(message === '' ? pyType : `${pyType}: ${message}`);
  return `${lines.join('\n')}\n`;
}
