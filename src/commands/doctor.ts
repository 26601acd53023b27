import { BaseCommand } from '../cli/base-command.js';
import { renderDoctor, renderDoctorJson } from '../doctor/render-doctor.js';
import { runDoctor } from '../doctor/run-doctor.js';

export default class Doctor extends BaseCommand {
  static override summary = 'Check configuration, connectivity, credentials and the Odoo schema.';

  static override description = `Runs one check per line, in order: the configuration, Odoo (reachable, \
version, login), the listing model of the chosen profile and whether it has a quantity field of its \
own, the MTO route, the mrp module, an LWA access token per region, and each marketplace for the \
seller. Exit 0 when all pass, 1 when both systems answer but a schema check fails, 2 for a \
configuration error, 3 when Odoo or Amazon fails.`;

  static override examples = [
    '<%= config.bin %> doctor',
    '<%= config.bin %> doctor --config ./shop.config.json --verbose',
    '<%= config.bin %> doctor --json',
  ];

  async run(): Promise<void> {
    const { flags } = await this.parse(Doctor);
    const global = this.globalOptions(flags);

    const result = await runDoctor({
      configPath: global.configPath,
      env: global.env,
      cwd: global.cwd,
      makeLogger: (secrets) => {
        this.useSecrets(secrets, global.verbose);
        return this.logger;
      },
    });

    this.print(global.json ? renderDoctorJson(result) : renderDoctor(result, global.color));
    this.finish(result.exitCode);
  }
}
