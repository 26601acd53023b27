import type { AmazonSource } from '../amazon/read-amazon.js';
import type { FailOn } from '../audit/decide-exit-code.js';
import { runAudit, type AuditOutcome } from '../audit/run-audit.js';
import { loadCommandConfig } from './load-command-config.js';
import type { Logger } from '../logger.js';
import { writeCsv } from '../report/csv.js';
import { renderJson } from '../report/json.js';
import { createProgress, trackProgress } from '../report/progress.js';
import { renderTable } from '../report/table.js';
import { writeFileAtomic } from './write-file-atomic.js';
import type { GlobalOptions } from './base-command.js';

export interface AuditCommandOptions extends GlobalOptions {
  marketplaces?: string[] | undefined;
  skus?: string[] | undefined;
  warehouse?: string | undefined;
  source: AmazonSource;
  mtoOnly: boolean;
  csv?: string | undefined;
  failOn: FailOn;
  onSecrets: (secrets: readonly string[]) => void;
  logger: () => Logger;
}

/** `mto-audit audit`: load config, run the audit, print it the way the flags ask. */
export async function runAuditCommand(options: AuditCommandOptions): Promise<number> {
  const config = loadCommandConfig(options, {
    warehouse: options.warehouse,
    marketplaces: options.marketplaces,
  });
  const logger = options.logger();

  const progress = createProgress({
    stream: process.stderr,
    enabled: Boolean(process.stderr.isTTY) && !options.json && options.csv !== '-',
    label: 'Reading Amazon',
  });
  let outcome: AuditOutcome;
  try {
    outcome = await runAudit({
      config,
      logger,
      source: options.source,
      skus: options.skus,
      mtoOnly: options.mtoOnly,
      failOn: options.failOn,
      onProgress: trackProgress(progress),
    });
  } finally {
    progress.stop();
  }

  await printOutcome(outcome, options);
  logger.debug(
    `Odoo calls: ${outcome.stats.odooCalls}; SP-API: ${JSON.stringify(outcome.stats.amazon)}`,
  );
  warnReadFailures(outcome, logger);
  const tablePrinted = !options.json && options.csv !== '-';
  if (outcome.exit.code !== 0 && !tablePrinted) logger.info(outcome.exit.reason);
  return outcome.exit.code;
}

function warnReadFailures(outcome: AuditOutcome, logger: Logger) {
  const failed = outcome.facts.filter((facts) => facts.amazon.readError);
  const first = failed[0];
  if (!first) return;
  const others = failed.length > 1 ? ` (and ${failed.length - 1} more)` : '';
  logger.warn(
    `Amazon could not be read for ${first.sku} in ${first.marketplace}${others}: ${first.amazon.readError}`,
  );
}

async function printOutcome(outcome: AuditOutcome, options: AuditCommandOptions) {
  const { report, exit } = outcome;
  if (options.csv && options.csv !== '-') {
    await writeFileAtomic(options.csv, (stream) => writeCsv(report.rows, stream));
  }

  if (options.json) process.stdout.write(renderJson(report));
  else if (options.csv === '-') await writeCsv(report.rows, process.stdout);
  else {
    const table = renderTable(report, {
      color: options.color,
      exitReason: exit.reason,
      remedies: outcome.remedies,
    });
    process.stdout.write(table);
  }
}
