import { loadConfig, type AppConfig, type ConfigInputs } from '../config/load-config.js';
import type { Logger } from '../logger.js';

export interface CommandConfigOptions {
  configPath: string | undefined;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Hands the secrets to the command, so every later line on stderr masks them. */
  onSecrets: (secrets: readonly string[]) => void;
  logger: () => Logger;
}

/** Loads the config for a command, arms secret masking, then prints the config's warnings. */
export function loadCommandConfig(
  options: CommandConfigOptions,
  overrides: ConfigInputs['overrides'] = {},
): AppConfig {
  const config = loadConfig({
    configPath: options.configPath,
    env: options.env,
    cwd: options.cwd,
    overrides,
  });
  options.onSecrets(config.secrets);
  const logger = options.logger();
  for (const warning of config.warnings) logger.warn(warning);
  return config;
}
