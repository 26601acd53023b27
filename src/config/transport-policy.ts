import { ConfigError } from '../errors.js';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** Plain http sends passwords and tokens in clear text, so only loopback may use it by default. */
export function checkTransport(url: string, origin: string, allowInsecureHttp: boolean): void {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' || allowInsecureHttp || isLoopbackHost(parsed.hostname)) return;

  throw new ConfigError(
    `${origin}: plain http:// to ${parsed.hostname} would send credentials unencrypted.`,
    'Use https://, or set "allowInsecureHttp": true in the config file if you accept the risk.',
  );
}
