import { confirm } from '@inquirer/prompts';
import { ConfigError } from '../errors.js';
import type { FixPlan } from '../fix/types.js';

/** A prompt needs a terminal to read the answer from. */
export function canAsk(): boolean {
  return Boolean(process.stdin.isTTY);
}

/**
 * Without --yes a terminal asks; without a terminal there is no one to ask, so the command
 * stops before reading anything.
 */
export function assertCanConfirm(options: { dryRun: boolean; yes: boolean; command: string }) {
  if (options.dryRun || options.yes || canAsk()) return;
  throw new ConfigError(
    `${options.command} changes Amazon and needs a confirmation, but there is no terminal to ask.`,
    'Pass --yes to apply the plan, or --dry-run to only print it.',
  );
}

/** Whether this run will ask before sending. */
export function asks(options: { dryRun: boolean; yes: boolean }): boolean {
  return !options.dryRun && !options.yes;
}

/** The question, on stderr so that --json keeps stdout clean; Ctrl-C counts as no. */
export function confirmPlan(verb: string): (plan: FixPlan) => Promise<boolean> {
  return async (plan) => {
    const odoo = plan.odoo.length > 0 ? ` and ${plan.odoo.length} Odoo write(s)` : '';
    const message = `${verb} ${plan.changes.length} Amazon change(s)${odoo}?`;
    try {
      return await confirm({ message, default: false }, { output: process.stderr });
    } catch (error) {
      if (error instanceof Error && error.name === 'ExitPromptError') return false;
      throw error;
    }
  };
}
