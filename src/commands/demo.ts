import { Flags } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { runDemo } from '../cli/run-demo.js';

export default class Demo extends BaseCommand {
  static override summary =
    'Audit the bundled demo shop in the sandbox: no Odoo or Amazon account needed.';

  static override description = `Starts the sandbox with the bundled demo catalog (a made-to-order \
leather workshop on amazon.com, .ca and .de) on free ports, runs \`audit\` against it, prints the \
report and stops the sandbox. The catalog has findings on purpose, so the demo exits 0 whenever \
it ran.`;

  static override examples = [
    '<%= config.bin %> demo',
    '<%= config.bin %> demo --json',
    '<%= config.bin %> demo --source get',
  ];

  static override flags = {
    source: Flags.string({
      summary: 'How to read Amazon: searchListingsItems (20 SKUs a call) or getListingsItem.',
      options: ['search', 'get'],
      default: 'search',
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Demo);
    const global = this.globalOptions(flags);
    await runDemo({
      ...global,
      source: flags.source as 'search' | 'get',
      onSecrets: (secrets) => this.useSecrets(secrets, global.verbose),
      logger: () => this.logger,
    });
  }
}
