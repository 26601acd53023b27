import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { runRollbackCommand } from '../cli/run-rollback-command.js';
import { VIA_OPTIONS, type ViaOption } from '../fix/types.js';

export default class Rollback extends BaseCommand {
  static override summary = 'Put back the Amazon values that a fix journal recorded as replaced.';

  static override description = `Reads a journal written by \`mto-audit fix\` and restores the \
before values of every change it marks done, exactly: an entry that had no lead time gets none \
back. Amazon is read first; a value someone else changed since the fix is reported and left \
alone. The rollback has its own journal, and the same --dry-run, --yes and confirmation rules \
as fix. Exit 0 when every value was restored, 1 when some were not, 2 for a usage error or a \
bad journal, 3 when Amazon failed.`;

  static override examples = [
    '<%= config.bin %> rollback mto-audit-journal-20260303T120000Z.jsonl --dry-run',
    '<%= config.bin %> rollback mto-audit-journal-20260303T120000Z.jsonl --yes --verify',
  ];

  static override args = {
    journal: Args.string({ description: 'The fix journal to undo.', required: true }),
  };

  static override flags = {
    'dry-run': Flags.boolean({ summary: 'Print what would be restored and change nothing.' }),
    yes: Flags.boolean({ summary: 'Apply without asking (needed when there is no terminal).' }),
    journal: Flags.string({
      summary:
        "The rollback's own journal (default: mto-audit-rollback-<UTC timestamp>.jsonl here).",
    }),
    via: Flags.string({
      summary: 'patch, feed, or auto (feeds above 200 changes in a marketplace).',
      options: [...VIA_OPTIONS],
      default: 'auto',
    }),
    verify: Flags.boolean({
      summary: 'Read Amazon again after applying; report what is not in effect.',
    }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Rollback);
    const global = this.globalOptions(flags);

    const code = await runRollbackCommand({
      ...global,
      source: args.journal,
      via: flags.via as ViaOption,
      dryRun: flags['dry-run'],
      yes: flags.yes,
      verify: flags.verify,
      journal: flags.journal,
      onSecrets: (secrets) => this.useSecrets(secrets, global.verbose),
      logger: () => this.logger,
    });
    this.finish(code);
  }
}
