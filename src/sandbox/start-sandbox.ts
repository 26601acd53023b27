import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog, type SandboxCatalog } from './load-catalog.js';
import { startFakeOdoo, type FakeOdoo } from './odoo/index.js';
import { startFakeSpApi, type FakeSpApi, type Faults } from './sp-api/index.js';

export interface SandboxOptions {
  catalog?: SandboxCatalog;
  catalogPath?: string;
  host?: string;
  odooPort?: number;
  spApiPort?: number;
  rateScale?: number;
  faults?: Faults;
  applyDelayMs?: number;
  odooLatencyMs?: number;
  seed?: number;
}

export interface Sandbox {
  catalog: SandboxCatalog;
  odoo: FakeOdoo;
  spApi: FakeSpApi;
  /** The environment a CLI run needs; every region's refresh token is in `configFile`. */
  env: Record<string, string>;
  /** A config file (mode 600) holding everything, per-region refresh tokens included. */
  configFile: string;
  close(): Promise<void>;
}

/** Both fakes on loopback, loaded from one catalog file. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const catalog = options.catalog ?? loadCatalog(options.catalogPath);
  const host = options.host ?? '127.0.0.1';
  const odoo = await startFakeOdoo({
    catalog: catalog.odoo,
    host,
    ...(options.odooPort !== undefined ? { port: options.odooPort } : {}),
    ...(options.odooLatencyMs !== undefined ? { latencyMs: options.odooLatencyMs } : {}),
  });
  const spApi = await startSpApi(catalog, host, options).catch(async (error: unknown) => {
    await odoo.close();
    throw error;
  });

  const env = buildEnv(catalog, odoo.url, spApi.url);
  const folder = mkdtempSync(join(tmpdir(), 'mto-audit-sandbox-'));
  const configFile = join(folder, 'mto-audit.config.json');
  writeFileSync(configFile, JSON.stringify(buildConfigFile(catalog, env), null, 2), {
    mode: 0o600,
  });

  const close = async () => {
    await Promise.all([odoo.close(), spApi.close()]);
    rmSync(folder, { recursive: true, force: true });
  };
  return { catalog, odoo, spApi, env, configFile, close };
}

function startSpApi(catalog: SandboxCatalog, host: string, options: SandboxOptions) {
  return startFakeSpApi({
    catalog: catalog.amazon,
    host,
    ...(options.spApiPort !== undefined ? { port: options.spApiPort } : {}),
    ...(options.rateScale !== undefined ? { rateScale: options.rateScale } : {}),
    ...(options.faults ? { faults: options.faults } : {}),
    ...(options.applyDelayMs !== undefined ? { applyDelayMs: options.applyDelayMs } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  });
}

function buildEnv(
  catalog: SandboxCatalog,
  odooUrl: string,
  spApiUrl: string,
): Record<string, string> {
  const user = catalog.odoo.users[0];
  const seller = sellerOf(catalog);
  const firstToken = Object.values(seller?.refreshTokens ?? {})[0] ?? '';
  const env: Record<string, string> = {
    ODOO_URL: odooUrl,
    ODOO_DB: catalog.odoo.database,
    ODOO_USERNAME: user?.login ?? '',
    ODOO_PASSWORD: user?.password ?? '',
    AMAZON_SELLER_ID: catalog.sandbox.sellerId,
    AMAZON_MARKETPLACE_IDS: catalog.sandbox.marketplaceIds.join(','),
    SP_API_REFRESH_TOKEN: firstToken,
    SELLING_PARTNER_APP_CLIENT_ID: catalog.amazon.amazon.app.clientId,
    SELLING_PARTNER_APP_CLIENT_SECRET: catalog.amazon.amazon.app.clientSecret,
    SP_API_ENDPOINT: spApiUrl,
  };
  if (catalog.sandbox.profile) env.MTO_AUDIT_PROFILE = catalog.sandbox.profile;
  if (catalog.sandbox.capacityField) env.MTO_AUDIT_CAPACITY_FIELD = catalog.sandbox.capacityField;
  if (catalog.sandbox.mtoField) env.MTO_AUDIT_MTO_FIELD = catalog.sandbox.mtoField;
  return env;
}

function sellerOf(catalog: SandboxCatalog) {
  return catalog.amazon.amazon.sellers.find((s) => s.sellerId === catalog.sandbox.sellerId);
}

function buildConfigFile(catalog: SandboxCatalog, env: Record<string, string>) {
  const regions = Object.fromEntries(
    Object.entries(sellerOf(catalog)?.refreshTokens ?? {}).map(([region, token]) => [
      region,
      { refreshToken: token },
    ]),
  );
  return {
    ...(catalog.sandbox.profile ? { profile: catalog.sandbox.profile } : {}),
    odoo: {
      url: env.ODOO_URL,
      db: env.ODOO_DB,
      username: env.ODOO_USERNAME,
      password: env.ODOO_PASSWORD,
    },
    amazon: {
      sellerId: env.AMAZON_SELLER_ID,
      marketplaceIds: catalog.sandbox.marketplaceIds,
      clientId: env.SELLING_PARTNER_APP_CLIENT_ID,
      clientSecret: env.SELLING_PARTNER_APP_CLIENT_SECRET,
      endpoint: env.SP_API_ENDPOINT,
      regions,
    },
    ...(catalog.sandbox.capacityField ? { capacityField: catalog.sandbox.capacityField } : {}),
    ...(catalog.sandbox.mtoField ? { mto: { field: catalog.sandbox.mtoField } } : {}),
  };
}
