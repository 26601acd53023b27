export interface ColorContext {
  /** `--no-color` was passed. */
  noColorFlag: boolean;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether the stream the output goes to is a terminal. */
  isTTY: boolean;
}

/**
 * Decides colour for one output stream. Off, in this order of precedence: `--no-color`,
 * `NO_COLOR` with any non-empty value (no-color.org; the contract makes it beat FORCE_COLOR),
 * `FORCE_COLOR=0` or `false`. On: any other non-empty `FORCE_COLOR` (for CI logs and pagers
 * that render ANSI), even on a pipe or a dumb terminal. Otherwise on only for a TTY whose
 * TERM is not `dumb`.
 */
export function shouldUseColor({ noColorFlag, env, isTTY }: ColorContext): boolean {
  if (noColorFlag || isSet(env.NO_COLOR)) return false;

  const force = readForceColor(env.FORCE_COLOR);
  if (force !== undefined) return force;

  return isTTY && env.TERM !== 'dumb';
}

function readForceColor(value: string | undefined): boolean | undefined {
  if (!isSet(value)) return undefined;

  return !['0', 'false'].includes(value.trim().toLowerCase());
}

function isSet(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}
