import { Flags } from '@oclif/core';
import type { AmazonSource } from '../amazon/read-amazon.js';
import { BaseCommand } from '../cli/base-command.js';
import { runFixCommand } from '../cli/run-fix-command.js';
import { selectionFlags } from '../cli/shared-flags.js';
import { VIA_OPTIONS, type ViaOption } from '../fix/types.js';

export default class Fix extends BaseCommand {
  static override summary = 'Push the expected quantity and lead time to Amazon, journaled.';

  static override description = `Runs a fresh audit and plans one change for every listing whose \
Amazon quantity or lead time differs from the expected values. Rows that are NOT_LISTED, \
READ_FAILED, DUPLICATE_LISTING, MARKETPLACE_CONFLICT or LEAD_TIME_OVER_LIMIT, or whose quantity \
is above policy.maxPushQuantity, are listed as blocked and not sent. Every write is journaled \
(JSON Lines, flushed to disk before it is sent and after its answer); --resume finishes a journal \
that a killed run left open, sending nothing twice, and \`mto-audit rollback\` undoes it. \
Exit 0 when every change applied, 1 when some did not (the journal says which), 2 for a usage \
error, 3 when Odoo or Amazon failed.`;

  static override examples = [
    '<%= config.bin %> fix --dry-run',
    '<%= config.bin %> fix --signature WRONG_CODE_PATH --signature SUPPRESSED_IN_PRODUCTION',
    '<%= config.bin %> fix --yes --verify --journal fix-march.jsonl',
    '<%= config.bin %> fix --yes --resume fix-march.jsonl',
  ];

  static override flags = {
    ...selectionFlags,
    signature: Flags.string({
      summary: 'Only rows that carry this signature code (repeatable).',
      multiple: true,
    }),
    'dry-run': Flags.boolean({ summary: 'Print the plan and change nothing.' }),
    yes: Flags.boolean({ summary: 'Apply without asking (needed when there is no terminal).' }),
    journal: Flags.string({
      summary: 'Journal file (default: mto-audit-journal-<UTC timestamp>.jsonl here).',
      exclusive: ['resume'],
    }),
    resume: Flags.string({
      summary: "Finish a journal's open changes instead of planning anew.",
      exclusive: ['sku', 'marketplace', 'signature', 'write-odoo', 'warehouse'],
    }),
    via: Flags.string({
      summary:
        'patch: one patchListingsItem a change; feed: JSON_LISTINGS_FEED; auto: feeds above 200 changes in a marketplace.',
      options: [...VIA_OPTIONS],
    }),
    verify: Flags.boolean({
      summary: 'Read Amazon again after applying; report what is not in effect.',
    }),
    'write-odoo': Flags.boolean({
      summary:
        "Also write the expected quantity into an MTO listing's own Odoo quantity when it is 0.",
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Fix);
    const global = this.globalOptions(flags);

    const code = await runFixCommand({
      ...global,
      marketplaces: flags.marketplace,
      skus: flags.sku,
      signatures: flags.signature,
      warehouse: flags.warehouse,
      source: flags.source as AmazonSource,
      via: flags.via as ViaOption | undefined,
      dryRun: flags['dry-run'],
      yes: flags.yes,
      verify: flags.verify,
      writeOdoo: flags['write-odoo'],
      journal: flags.journal,
      resume: flags.resume,
      onSecrets: (secrets) => this.useSecrets(secrets, global.verbose),
      logger: () => this.logger,
    });
    this.finish(code);
  }
}
