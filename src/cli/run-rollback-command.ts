import { resolve } from 'node:path';
import { loadCommandConfig } from './load-command-config.js';
import type { Logger } from '../logger.js';
import { checkJournalSeller, journalMarketplaces, readJournal } from '../fix/read-journal.js';
import { runRollback } from '../fix/run-rollback.js';
import type { ViaOption } from '../fix/types.js';
import type { GlobalOptions } from './base-command.js';
import { asks, assertCanConfirm, confirmPlan } from './confirm-apply.js';
import { announceJournal, chooseJournal, planPrinter, printOutcome } from './fix-output.js';

export interface RollbackCommandOptions extends GlobalOptions {
  source: string;
  via: ViaOption;
  dryRun: boolean;
  yes: boolean;
  verify: boolean;
  journal?: string | undefined;
  onSecrets: (secrets: readonly string[]) => void;
  logger: () => Logger;
}

/** `mto-audit rollback JOURNAL`: the same checks as fix, then the inverted plan. */
export async function runRollbackCommand(options: RollbackCommandOptions): Promise<number> {
  assertCanConfirm({ ...options, command: 'rollback' });
  const source = await readJournal(resolve(options.cwd, options.source));
  const journalPath = await chooseJournal(options.journal, options.cwd, 'mto-audit-rollback');

  const config = loadCommandConfig(options, { marketplaces: journalMarketplaces(source) });
  const logger = options.logger();
  checkJournalSeller(source, config.amazon.sellerId);

  const outcome = await runRollback({
    config,
    logger,
    source,
    journalPath,
    via: options.via,
    dryRun: options.dryRun,
    verify: options.verify,
    confirm: options.yes ? undefined : confirmPlan('Restore'),
    onPlan: planPrinter(options, 'rollback', asks(options)),
    onJournal: announceJournal(options.logger),
  });
  return printOutcome(outcome, options, logger);
}
