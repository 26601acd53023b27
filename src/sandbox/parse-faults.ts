import { ConfigError } from '../errors.js';
import type { Faults } from './sp-api/index.js';

const RATE_KEYS: Record<string, keyof Faults> = { '5xx': 'error5xxRate', drop: 'dropRate' };
const COUNT_KEYS: Record<string, keyof Faults> = { delay: 'delayMs', 'token-ttl': 'tokenTtlCalls' };

/** `5xx=0.1,drop=0.05,delay=200,token-ttl=50,down` -> the fake SP-API's fault switches. */
export function parseFaults(text: string | undefined): Faults {
  const faults: Record<string, number | boolean> = {};

  for (const part of (text ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [key = '', value] = part.split('=');
    if (key === 'down' && value === undefined) faults.down = true;
    else if (key in RATE_KEYS) faults[RATE_KEYS[key] as string] = readNumber(part, value, 1);
    else if (key in COUNT_KEYS)
      faults[COUNT_KEYS[key] as string] = readNumber(part, value, Infinity);
    else throw badFault(part);
  }
  return faults;
}

function readNumber(part: string, value: string | undefined, max: number): number {
  const number = Number(value);
  if (
    value === undefined ||
    value === '' ||
    !Number.isFinite(number) ||
    number < 0 ||
    number > max
  ) {
    throw badFault(part);
  }
  return number;
}

function badFault(part: string): ConfigError {
  return new ConfigError(
    `--faults: cannot read "${part}".`,
    'Use 5xx=RATE, drop=RATE (0 to 1), delay=MS, token-ttl=CALLS or down, comma-separated.',
  );
}
