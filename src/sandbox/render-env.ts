import { regionOfMarketplace } from './sp-api/marketplaces.js';
import type { Sandbox } from './start-sandbox.js';

/** Shell-quotes a value for the `export` lines (single quotes survive `|` in LWA tokens). */
function quote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The export lines a user pastes. One refresh token serves one region, so when
 * the catalog spans several, the exports name the first region's marketplaces
 * and the config file (which holds every region's token) covers them all.
 */
export function renderSandboxEnv(sandbox: Sandbox): string {
  const seller = sandbox.catalog.amazon.amazon.sellers.find(
    (s) => s.sellerId === sandbox.env.AMAZON_SELLER_ID,
  );
  const regions = Object.keys(seller?.refreshTokens ?? {});
  const env = { ...sandbox.env };
  if (regions.length > 1) {
    env.AMAZON_MARKETPLACE_IDS = sandbox.catalog.sandbox.marketplaceIds
      .filter((id) => regionOfMarketplace(id) === regions[0])
      .join(',');
  }

  const lines = [
    `# mto-audit sandbox: Odoo at ${sandbox.odoo.url}, SP-API at ${sandbox.spApi.url}`,
    `# catalog: ${sandbox.catalog.path}`,
    ...Object.entries(env).map(([key, value]) => `export ${key}=${quote(value)}`),
  ];
  if (regions.length > 1) {
    lines.push(
      `# These exports cover region ${regions[0]}. For every region (${regions.join(', ')}),`,
      '# each with its own refresh token, use the config file instead:',
      `#   mto-audit audit --config ${sandbox.configFile}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
