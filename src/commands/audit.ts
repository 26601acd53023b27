import { Flags } from '@oclif/core';
import type { AmazonSource } from '../amazon/read-amazon.js';
import { FAIL_ON_LEVELS, type FailOn } from '../audit/decide-exit-code.js';
import { BaseCommand } from '../cli/base-command.js';
import { selectionFlags } from '../cli/shared-flags.js';
import { runAuditCommand } from '../cli/run-audit-command.js';

export default class Audit extends BaseCommand {
  static override summary = 'Cross-read Odoo and Amazon and name the bug behind every listing.';

  static override description = `Reads every active Amazon listing of the seller in Odoo, then each \
SKU in each marketplace on Amazon, and classifies every row with the signature codes of the \
contract (WRONG_SCHEMA, WRONG_CODE_PATH, SUPPRESSED_IN_PRODUCTION, ...), each with a one-line \
remedy. Exit 0 when nothing reaches --fail-on, 1 when something does, 3 when Odoo or Amazon \
failed or rows could not be read.`;

  static override examples = [
    '<%= config.bin %> audit',
    '<%= config.bin %> audit --marketplace US --marketplace DE --mto-only',
    '<%= config.bin %> audit --csv audit.csv --fail-on critical',
    '<%= config.bin %> audit --json > audit.json',
  ];

  static override flags = {
    ...selectionFlags,
    'mto-only': Flags.boolean({ summary: 'Leave stocked (non-MTO) listings out.' }),
    csv: Flags.string({
      summary: 'Also write the CSV export to FILE (- writes CSV to stdout instead of the table).',
    }),
    'fail-on': Flags.string({
      summary: 'The lowest severity that makes the exit code 1.',
      options: [...FAIL_ON_LEVELS],
      default: 'error',
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Audit);
    const global = this.globalOptions(flags);

    const code = await runAuditCommand({
      ...global,
      marketplaces: flags.marketplace,
      skus: flags.sku,
      warehouse: flags.warehouse,
      source: flags.source as AmazonSource,
      mtoOnly: flags['mto-only'],
      csv: flags.csv,
      failOn: flags['fail-on'] as FailOn,
      onSecrets: (secrets) => this.useSecrets(secrets, global.verbose),
      logger: () => this.logger,
    });
    this.finish(code);
  }
}
