import type { Sandbox } from './start-sandbox.js';

/** Shell-quotes a value for the `export` lines (single quotes survive `|` in LWA tokens). */
function quote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function renderSandboxEnv(sandbox: Sandbox): string {
  const exports = Object.entries(sandbox.env).map(
    ([key, value]) => `export ${key}=${quote(value)}`,
  );
  const regions = Object.keys(
    sandbox.catalog.amazon.amazon.sellers.find((s) => s.sellerId === sandbox.env.AMAZON_SELLER_ID)
      ?.refreshTokens ?? {},
  );
  const lines = [
    `# mto-audit sandbox: Odoo at ${sandbox.odoo.url}, SP-API at ${sandbox.spApi.url}`,
    `# catalog: ${sandbox.catalog.path}`,
    ...exports,
  ];
  if (regions.length > 1) {
    lines.push(
      `# SP_API_REFRESH_TOKEN above serves region ${regions[0]}; regions ${regions.join(', ')} each`,
      `# have their own token in: ${sandbox.configFile}`,
      `#   mto-audit audit --config ${sandbox.configFile}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
