import type { Writable } from 'node:stream';

/** Progress, warnings and debug lines: all to stderr, every known secret masked. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
  /** Registers a secret learned at run time (an access token, say). */
  addSecret(secret: string): void;
  readonly verbose: boolean;
}

export interface LoggerOptions {
  stream?: Pick<Writable, 'write'>;
  verbose?: boolean;
  secrets?: readonly string[];
}

const MASK = '***';

export function createLogger(options: LoggerOptions = {}): Logger {
  const stream = options.stream ?? process.stderr;
  const verbose = options.verbose ?? false;
  const secrets = new Set<string>();
  for (const secret of options.secrets ?? []) addTo(secrets, secret);

  const write = (prefix: string, message: string) => {
    stream.write(`${prefix}${redact(message, secrets)}\n`);
  };
  return {
    verbose,
    info: (message) => write('', message),
    warn: (message) => write('warning: ', message),
    debug: (message) => {
      if (verbose) write('debug: ', message);
    },
    addSecret: (secret) => addTo(secrets, secret),
  };
}

function addTo(secrets: Set<string>, secret: string) {
  // Very short values would mask ordinary words; real secrets are long.
  if (secret.length < 4) return;
  secrets.add(secret);
  secrets.add(encodeURIComponent(secret));
}

export function redact(text: string, secrets: Iterable<string>): string {
  let result = text;
  for (const secret of secrets) {
    if (result.includes(secret)) result = result.split(secret).join(MASK);
  }
  return result;
}

/** A logger that drops everything, for library callers and tests that don't care. */
export const silentLogger: Logger = {
  verbose: false,
  info: () => undefined,
  warn: () => undefined,
  debug: () => undefined,
  addSecret: () => undefined,
};
