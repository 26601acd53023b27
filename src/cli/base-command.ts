import { Command, Flags, Errors } from '@oclif/core';
import { ExitCode, formatUserError, isUserError } from '../errors.js';
import { createLogger, redact, type Logger } from '../logger.js';
import { shouldUseColor } from '../report/color.js';

/** Exit code for a bug in mto-audit itself (sysexits' EX_SOFTWARE), outside the contract's 0-3. */
export const BUG_EXIT_CODE = 70;

export interface GlobalOptions {
  configPath: string | undefined;
  json: boolean;
  verbose: boolean;
  color: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/**
 * What every command shares: the contract's global flags, one logger on stderr,
 * and one place that turns errors into a single line and an exit code.
 */
export abstract class BaseCommand extends Command {
  static override baseFlags = {
    config: Flags.string({
      summary: 'Config file (default: ./mto-audit.config.json, then the user config folder).',
      helpGroup: 'GLOBAL',
    }),
    json: Flags.boolean({
      summary: 'Print machine-readable JSON on stdout and nothing else there.',
      helpGroup: 'GLOBAL',
    }),
    verbose: Flags.boolean({
      summary: 'Print debug lines (requests, timings) on stderr; secrets are masked.',
      helpGroup: 'GLOBAL',
    }),
    color: Flags.boolean({
      summary: 'Colour the output (--no-color or NO_COLOR turns it off).',
      allowNo: true,
      default: true,
      helpGroup: 'GLOBAL',
    }),
  };

  protected logger: Logger = createLogger();
  private secrets: string[] = [];

  protected globalOptions(flags: {
    config?: string | undefined;
    json: boolean;
    verbose: boolean;
    color: boolean;
  }): GlobalOptions {
    const env = process.env;
    const color = shouldUseColor({
      noColorFlag: !flags.color,
      env,
      isTTY: Boolean(process.stdout.isTTY),
    });
    this.logger = createLogger({ verbose: flags.verbose });
    return {
      configPath: flags.config,
      json: flags.json,
      verbose: flags.verbose,
      color,
      cwd: process.cwd(),
      env,
    };
  }

  /** Secrets known once the config is loaded; every stderr line is masked with them. */
  protected useSecrets(secrets: readonly string[], verbose: boolean): void {
    this.secrets = [...secrets];
    this.logger = createLogger({ verbose, secrets });
  }

  protected print(text: string): void {
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  protected finish(code: number): void {
    if (code !== ExitCode.ok) this.exit(code);
  }

  protected override catch(error: Error & { exitCode?: number }): Promise<unknown> {
    if (error instanceof Errors.ExitError) throw error;
    const verbose = this.argv.includes('--verbose');

    if (isUserError(error)) {
      this.writeError(formatUserError(error));
      this.exit(error.exitCode);
    }
    if (isParseError(error)) {
      this.writeError(`${firstLine(error.message)} See: mto-audit ${this.id ?? ''} --help`);
      this.exit(ExitCode.usage);
    }

    this.writeError(`unexpected failure: ${firstLine(error.message)}`);
    if (verbose) this.writeError(error.stack ?? '');
    else
      this.writeError('This is a bug in mto-audit; run again with --verbose for the stack trace.');
    this.exit(BUG_EXIT_CODE);
  }

  private writeError(text: string): void {
    process.stderr.write(`error: ${redact(text, this.secrets)}\n`);
  }
}

function isParseError(error: Error): boolean {
  for (let proto: unknown = error; proto; proto = Object.getPrototypeOf(proto)) {
    if ((proto as { constructor?: { name?: string } }).constructor?.name === 'CLIParseError') {
      return true;
    }
  }
  return false;
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .find((line) => line.trim())
      ?.trim() ?? text
  );
}
