import { Flags } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { parseFaults } from '../sandbox/parse-faults.js';
import { renderSandboxEnv } from '../sandbox/render-env.js';
import { startSandbox } from '../sandbox/start-sandbox.js';

export default class SandboxCommand extends BaseCommand {
  static override summary = 'Serve the built-in Odoo and SP-API sandbox on loopback until stopped.';

  static override description = `Starts a fake Odoo (XML-RPC, as Odoo speaks it) and a fake SP-API \
(LWA, Listings Items 2021-08-01, Feeds 2021-06-30, rate limits) loaded from a catalog file, prints \
the export lines to point mto-audit at them, and serves until Ctrl-C. Faults can be switched on to \
rehearse outages.`;

  static override examples = [
    '<%= config.bin %> sandbox',
    '<%= config.bin %> sandbox --odoo-port 8069 --sp-api-port 8443 --rate-scale 10',
    '<%= config.bin %> sandbox --faults 5xx=0.1,drop=0.05,token-ttl=50',
    '<%= config.bin %> sandbox --catalog ./my-catalog.json',
  ];

  static override flags = {
    catalog: Flags.string({
      summary: 'Catalog file for both fakes (default: the bundled demo catalog).',
    }),
    'odoo-port': Flags.integer({
      summary: 'Port of the fake Odoo (default: a free one).',
      min: 0,
      max: 65535,
    }),
    'sp-api-port': Flags.integer({
      summary: 'Port of the fake SP-API (default: a free one).',
      min: 0,
      max: 65535,
    }),
    'rate-scale': Flags.integer({
      summary: "Multiply Amazon's published request rates.",
      min: 1,
      default: 1,
    }),
    faults: Flags.string({
      summary: 'Faults to inject: 5xx=RATE,drop=RATE,delay=MS,token-ttl=CALLS,down.',
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(SandboxCommand);
    const global = this.globalOptions(flags);

    const sandbox = await startSandbox({
      catalogPath: flags.catalog,
      odooPort: flags['odoo-port'],
      spApiPort: flags['sp-api-port'],
      rateScale: flags['rate-scale'],
      faults: parseFaults(flags.faults),
    });
    this.print(
      global.json
        ? JSON.stringify({ env: sandbox.env, configFile: sandbox.configFile })
        : renderSandboxEnv(sandbox),
    );
    this.logger.info('Sandbox running; press Ctrl-C to stop.');

    await waitForSignal();
    await sandbox.close();
    this.logger.info('Sandbox stopped.');
  }
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
