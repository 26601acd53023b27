import type { AmazonSource } from '../amazon/read-amazon.js';
import type { Logger } from '../logger.js';
import { startSandbox } from '../sandbox/start-sandbox.js';
import type { GlobalOptions } from './base-command.js';
import { runAuditCommand } from './run-audit-command.js';

export interface DemoOptions extends GlobalOptions {
  source: AmazonSource;
  onSecrets: (secrets: readonly string[]) => void;
  logger: () => Logger;
}

/** Variables that would point the demo away from its sandbox, were they inherited. */
const CONFIG_VARIABLES = /^(ODOO_|AMAZON_|SP_API_|SELLING_PARTNER_|MTO_AUDIT_)/;

export async function runDemo(options: DemoOptions): Promise<void> {
  const sandbox = await startSandbox();
  try {
    const env = Object.fromEntries(
      Object.entries(options.env).filter(([key]) => !CONFIG_VARIABLES.test(key)),
    );
    await runAuditCommand({
      ...options,
      env,
      configPath: sandbox.configFile,
      source: options.source,
      mtoOnly: false,
      failOn: 'error',
    });
  } finally {
    await sandbox.close();
  }

  if (!options.json) printFixHint(options.logger());
}

function printFixHint(logger: Logger): void {
  logger.info(
    [
      '',
      'The demo shop has findings on purpose. To try a fix against the same sandbox:',
      '  1. npx mto-audit sandbox    (leave it running; it prints a config file path, CONFIG)',
      '  2. in another terminal:',
      '     npx mto-audit fix --config CONFIG --dry-run    (see the plan)',
      '     npx mto-audit fix --config CONFIG --yes        (push it; the journal path is printed)',
      '     npx mto-audit audit --config CONFIG            (the Amazon-side findings are gone)',
      '     npx mto-audit rollback JOURNAL --config CONFIG --yes',
    ].join('\n'),
  );
}
