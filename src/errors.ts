/** Exit codes of the contract (§6). */
export const ExitCode = {
  ok: 0,
  findings: 1,
  usage: 2,
  upstream: 3,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * An error the user can fix: it carries a one-line message, the next step to
 * take, and the exit code it maps to. Anything else that escapes is a bug.
 */
export class UserError extends Error {
  readonly suggestion: string | undefined;
  readonly exitCode: ExitCodeValue;

  constructor(message: string, options: { suggestion?: string; exitCode?: ExitCodeValue } = {}) {
    super(message);
    this.name = 'UserError';
    this.suggestion = options.suggestion;
    this.exitCode = options.exitCode ?? ExitCode.usage;
  }
}

/** Bad configuration, flags or input files: nothing was read or written (exit 2). */
export class ConfigError extends UserError {
  constructor(message: string, suggestion?: string) {
    super(message, { suggestion, exitCode: ExitCode.usage });
    this.name = 'ConfigError';
  }
}

/** Odoo or Amazon failed, refused a login, or could not be reached (exit 3). */
export class UpstreamError extends UserError {
  constructor(message: string, suggestion?: string) {
    super(message, { suggestion, exitCode: ExitCode.upstream });
    this.name = 'UpstreamError';
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

export function formatUserError(error: UserError): string {
  return error.suggestion ? `${error.message} ${error.suggestion}` : error.message;
}
