import { resolve } from 'node:path';
import type { AmazonSource } from '../amazon/read-amazon.js';
import type { AppConfig } from '../config/load-config.js';
import { loadCommandConfig } from './load-command-config.js';
import type { Logger } from '../logger.js';
import { parseSignatures } from '../fix/parse-signatures.js';
import { checkJournalSeller, journalMarketplaces, readJournal } from '../fix/read-journal.js';
import { resumeFix } from '../fix/resume-fix.js';
import { runFix } from '../fix/run-fix.js';
import type { ViaOption } from '../fix/types.js';
import { createProgress, trackProgress } from '../report/progress.js';
import type { GlobalOptions } from './base-command.js';
import { asks, assertCanConfirm, confirmPlan } from './confirm-apply.js';
import { announceJournal, chooseJournal, planPrinter, printOutcome } from './fix-output.js';

export interface FixCommandOptions extends GlobalOptions {
  marketplaces?: string[] | undefined;
  skus?: string[] | undefined;
  signatures?: string[] | undefined;
  warehouse?: string | undefined;
  source: AmazonSource;
  /** Undefined: auto for a new run, the journal's own choice for --resume. */
  via?: ViaOption | undefined;
  dryRun: boolean;
  yes: boolean;
  verify: boolean;
  writeOdoo: boolean;
  journal?: string | undefined;
  resume?: string | undefined;
  onSecrets: (secrets: readonly string[]) => void;
  logger: () => Logger;
}

/** `mto-audit fix`: checks what can be checked before reading, then plans and applies. */
export async function runFixCommand(options: FixCommandOptions): Promise<number> {
  const signatures = parseSignatures(options.signatures);
  assertCanConfirm({ ...options, command: 'fix' });
  if (options.resume) return runResume(options, options.resume);

  // A dry run opens no journal, so an existing --journal file is no reason to stop it.
  const journalPath = options.dryRun
    ? resolve(options.cwd, options.journal ?? 'dry-run.jsonl')
    : await chooseJournal(options.journal, options.cwd, 'mto-audit-journal');
  const config = loadCommandConfig(options, {
    warehouse: options.warehouse,
    marketplaces: options.marketplaces,
  });
  const logger = options.logger();
  const progress = createProgress({
    stream: process.stderr,
    enabled: Boolean(process.stderr.isTTY) && !options.json,
    label: 'Reading Amazon',
  });

  try {
    const outcome = await runFix({
      ...applyOptions(options, config, logger),
      via: options.via ?? 'auto',
      journalPath,
      source: options.source,
      skus: options.skus,
      signatures,
      writeOdoo: options.writeOdoo,
      onProgress: trackProgress(progress),
      onPlan: (plan, via) => {
        progress.stop();
        planPrinter(options, 'fix', asks(options))(plan, via);
      },
    });
    return printOutcome(outcome, options, logger);
  } finally {
    progress.stop();
  }
}

async function runResume(options: FixCommandOptions, path: string): Promise<number> {
  const journal = await readJournal(resolve(options.cwd, path));
  const config = loadCommandConfig(options, {
    warehouse: options.warehouse,
    marketplaces: journalMarketplaces(journal),
  });
  checkJournalSeller(journal, config.amazon.sellerId);
  const logger = options.logger();

  const outcome = await resumeFix({
    ...applyOptions(options, config, logger),
    via: options.via ?? journal.header.via,
    journal,
    onPlan: planPrinter(options, 'resume', asks(options)),
  });
  return printOutcome(outcome, options, logger);
}

function applyOptions(options: FixCommandOptions, config: AppConfig, logger: Logger) {
  return {
    config,
    logger,
    dryRun: options.dryRun,
    verify: options.verify,
    confirm: options.yes ? undefined : confirmPlan('Send'),
    onJournal: announceJournal(options.logger),
  };
}
