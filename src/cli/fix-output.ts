import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { FixOutcome, RunCommand } from '../fix/fix-outcome.js';
import { renderOutcomeJson } from '../fix/render-outcome-json.js';
import { renderOutcome } from '../fix/render-outcome.js';
import { renderPlan } from '../fix/render-plan.js';
import type { FixPlan, Via } from '../fix/types.js';
import type { GlobalOptions } from './base-command.js';

/** mto-audit-journal-20260303T120000Z.jsonl: sorts by time, and names the run it belongs to. */
export function defaultJournalName(prefix: string, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
  return `${prefix}-${stamp}.jsonl`;
}

/** The journal to create; refused up front when the file exists, before anything is read. */
export async function chooseJournal(
  given: string | undefined,
  cwd: string,
  prefix: string,
): Promise<string> {
  const path = resolve(cwd, given ?? defaultJournalName(prefix, new Date()));
  const exists = await access(path).then(
    () => true,
    () => false,
  );
  if (exists) {
    throw new ConfigError(
      `the journal ${path} already exists; a journal is never overwritten.`,
      'Pick another --journal FILE, or finish that run with mto-audit fix --resume FILE.',
    );
  }
  return path;
}

/**
 * Prints the plan table as soon as it is known, before the question. Under --json stdout holds
 * only the final document, so a plan shown for a question goes to stderr.
 */
export function planPrinter(global: GlobalOptions, command: RunCommand, asking: boolean) {
  return (plan: FixPlan, via: Map<number, Via>) => {
    const text = renderPlan(plan, via, { color: global.color, command });
    if (!global.json) process.stdout.write(text);
    else if (asking) process.stderr.write(text);
  };
}

export function announceJournal(logger: () => Logger) {
  return (path: string) => logger().info(`Journal: ${path}`);
}

/** The outcome on stdout; a cancelled run says so on stderr only. */
export function printOutcome(outcome: FixOutcome, global: GlobalOptions, logger: Logger): number {
  if (outcome.state === 'cancelled') {
    logger.info(outcome.exit.reason);
    return outcome.exit.code;
  }
  if (global.json) process.stdout.write(renderOutcomeJson(outcome));
  else process.stdout.write(renderOutcome(outcome, { color: global.color }));
  return outcome.exit.code;
}
