import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import envPaths from 'env-paths';
import { DEFAULT_POLICY, type Policy } from '../audit/types.js';
import { ConfigError } from '../errors.js';
import { configFileSchema, type ConfigFile } from './schema.js';
import { findMarketplace, type Marketplace, type Region } from './marketplaces.js';
import { resolveProfile, type ListingProfile } from './profiles.js';
import { checkTransport } from './transport-policy.js';

export interface RegionAccess {
  refreshToken: string;
  /** Base URL every request of this region goes to instead of Amazon; null for Amazon itself. */
  endpoint: string | null;
}

export interface AppConfig {
  file: string | null;
  profile: ListingProfile;
  odoo: {
    url: string;
    db: string;
    username: string;
    password: string;
    timeoutMs: number;
    batchSize: number;
    warehouse: string | number | null;
  };
  amazon: {
    sellerId: string;
    marketplaces: Marketplace[];
    clientId: string;
    clientSecret: string;
    timeoutMs: number;
    regions: Partial<Record<Region, RegionAccess>>;
  };
  mtoField: string | null;
  capacityField: string | null;
  policy: Policy;
  /** Every secret value, so that output can be redacted. */
  secrets: string[];
  warnings: string[];
}

export interface ConfigInputs {
  /** --config, when given. */
  configPath?: string | undefined;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Flag values that override env and file. */
  overrides?: { warehouse?: string | undefined; marketplaces?: readonly string[] | undefined };
}

/** Labels the origin of each leaf, so an error can name the variable or key at fault. */
type Origins = Map<string, string>;

const ENV_KEYS: readonly [string, string][] = [
  ['ODOO_URL', 'odoo.url'],
  ['ODOO_DB', 'odoo.db'],
  ['ODOO_USERNAME', 'odoo.username'],
  ['ODOO_PASSWORD', 'odoo.password'],
  ['AMAZON_SELLER_ID', 'amazon.sellerId'],
  ['AMAZON_MARKETPLACE_IDS', 'amazon.marketplaceIds'],
  ['SP_API_REFRESH_TOKEN', 'amazon.refreshToken'],
  ['SELLING_PARTNER_APP_CLIENT_ID', 'amazon.clientId'],
  ['SELLING_PARTNER_APP_CLIENT_SECRET', 'amazon.clientSecret'],
  ['SP_API_ENDPOINT', 'amazon.endpoint'],
  ['MTO_AUDIT_PROFILE', 'profile'],
  ['MTO_AUDIT_CAPACITY_FIELD', 'capacityField'],
  ['MTO_AUDIT_MTO_FIELD', 'mto.field'],
];

export function loadConfig(inputs: ConfigInputs): AppConfig {
  const file = locateConfigFile(inputs);
  const origins: Origins = new Map();
  const raw = file ? readConfigFile(file, origins) : {};

  applyEnv(raw, inputs.env, origins);
  applyOverrides(raw, inputs.overrides, origins);

  const parsed = validate(raw, origins, file);
  const config = resolveConfig(parsed, origins, file);
  config.warnings.push(...checkFilePermissions(file, parsed));
  return config;
}

function locateConfigFile({ configPath, cwd }: ConfigInputs): string | null {
  if (configPath) {
    const path = resolve(cwd, configPath);
    if (!isFile(path)) {
      throw new ConfigError(
        `--config: no file at ${path}.`,
        'Check the path, or leave --config out to use ./mto-audit.config.json.',
      );
    }
    return path;
  }

  const candidates = [join(cwd, 'mto-audit.config.json'), userConfigPath()];
  return candidates.find(isFile) ?? null;
}

export function userConfigPath(): string {
  return join(envPaths('mto-audit', { suffix: '' }).config, 'config.json');
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function readConfigFile(file: string, origins: Origins): Record<string, unknown> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`${file}: not valid JSON (${reason}).`, 'Fix the file and run again.');
  }

  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ConfigError(`${file}: expected a JSON object at the top level.`);
  }
  recordOrigins(data as Record<string, unknown>, '', `${file}: `, origins);
  return data as Record<string, unknown>;
}

function recordOrigins(
  value: Record<string, unknown>,
  prefix: string,
  label: string,
  origins: Origins,
) {
  for (const [key, child] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    origins.set(path, `${label}${path}`);
    if (child && typeof child === 'object' && !Array.isArray(child)) {
      recordOrigins(child as Record<string, unknown>, path, label, origins);
    }
  }
}

function applyEnv(raw: Record<string, unknown>, env: NodeJS.ProcessEnv, origins: Origins) {
  for (const [variable, path] of ENV_KEYS) {
    const value = env[variable]?.trim();
    if (!value) continue;

    const parsed = path === 'amazon.marketplaceIds' ? splitList(value) : value;
    setPath(raw, path, parsed);
    origins.set(path, variable);
  }
}

function applyOverrides(
  raw: Record<string, unknown>,
  overrides: ConfigInputs['overrides'],
  origins: Origins,
) {
  if (overrides?.warehouse) {
    setPath(raw, 'odoo.warehouse', overrides.warehouse);
    origins.set('odoo.warehouse', '--warehouse');
  }
  if (overrides?.marketplaces?.length) {
    setPath(raw, 'amazon.marketplaceIds', overrides.marketplaces.map(marketplaceIdFromFlag));
    origins.set('amazon.marketplaceIds', '--marketplace');
  }
}

function marketplaceIdFromFlag(value: string): string {
  const marketplace = findMarketplace(value);
  if (marketplace) return marketplace.id;
  throw new ConfigError(
    `--marketplace: unknown marketplace "${value}".`,
    'Give an Amazon marketplace ID (ATVPDKIKX0DER) or a country code (US, DE, JP).',
  );
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const child = node[key];
    if (!child || typeof child !== 'object') node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1] as string] = value;
}

function validate(raw: unknown, origins: Origins, file: string | null): ConfigFile {
  const result = configFileSchema.safeParse(raw);
  if (result.success) return result.data;

  const issue = result.error.issues[0];
  const suggestion = 'See "Configuration" in the README for the expected shape.';
  if (issue?.code === 'unrecognized_keys') {
    const paths = issue.keys.map((key) => [...issue.path, key].join('.'));
    const where = file ? `${file}: ` : '';
    throw new ConfigError(`${where}unknown key ${paths.join(', ')}.`, suggestion);
  }
  const path = issue?.path.join('.') ?? '';
  const where = describeOrigin(path, origins, file);
  throw new ConfigError(`${where}: ${issue?.message ?? 'invalid'}.`, suggestion);
}

function describeOrigin(path: string, origins: Origins, file: string | null): string {
  const direct = origins.get(path);
  if (direct) return direct;

  const parent = path.split('.').slice(0, -1).join('.');
  const parentOrigin = parent ? origins.get(parent) : undefined;
  if (parentOrigin) return `${parentOrigin}${path.slice(parent.length)}`;
  return file ? `${file}: ${path || '(top level)'}` : path || 'configuration';
}

function resolveConfig(parsed: ConfigFile, origins: Origins, file: string | null): AppConfig {
  const need = requireValue(origins);
  const profileName = parsed.profile ?? 'marketplace-listing';
  const profile = resolveProfile(profileName, parsed.mapping, origins.get('profile') ?? 'profile');

  const odoo = {
    url: need(parsed.odoo?.url, 'odoo.url', 'ODOO_URL'),
    db: need(parsed.odoo?.db, 'odoo.db', 'ODOO_DB'),
    username: need(parsed.odoo?.username, 'odoo.username', 'ODOO_USERNAME'),
    password: need(parsed.odoo?.password, 'odoo.password', 'ODOO_PASSWORD'),
    timeoutMs: parsed.odoo?.timeoutMs ?? 30_000,
    batchSize: parsed.odoo?.batchSize ?? 2000,
    warehouse: parsed.odoo?.warehouse ?? null,
  };
  const amazon = resolveAmazon(parsed, origins, need);
  const allowInsecure = parsed.allowInsecureHttp ?? false;
  checkTransport(odoo.url, origins.get('odoo.url') ?? 'odoo.url', allowInsecure);
  for (const access of Object.values(amazon.regions)) {
    if (access.endpoint) checkTransport(access.endpoint, endpointOrigin(origins), allowInsecure);
  }

  return {
    file,
    profile,
    odoo,
    amazon,
    mtoField: parsed.mto?.field ?? null,
    capacityField: parsed.capacityField ?? null,
    policy: { ...DEFAULT_POLICY, ...parsed.policy },
    secrets: collectSecrets(odoo, amazon),
    warnings: [],
  };
}

function endpointOrigin(origins: Origins): string {
  return origins.get('amazon.endpoint') ?? 'amazon.regions.*.endpoint';
}

type Need = (value: string | undefined, path: string, variable: string) => string;

function requireValue(origins: Origins): Need {
  return (value, path, variable) => {
    if (value) return value;
    const hint = origins.size > 0 ? ` or "${path}" in the config file` : '';
    throw new ConfigError(`missing ${variable}: set it in the environment${hint}.`);
  };
}

function resolveAmazon(parsed: ConfigFile, origins: Origins, need: Need): AppConfig['amazon'] {
  const amazon = parsed.amazon ?? {};
  const ids = amazon.marketplaceIds ?? [];
  if (ids.length === 0) need(undefined, 'amazon.marketplaceIds', 'AMAZON_MARKETPLACE_IDS');
  const marketplaces = ids.map((id) => lookUpMarketplace(id, origins));

  return {
    sellerId: need(amazon.sellerId, 'amazon.sellerId', 'AMAZON_SELLER_ID'),
    marketplaces,
    clientId: need(amazon.clientId, 'amazon.clientId', 'SELLING_PARTNER_APP_CLIENT_ID'),
    clientSecret: need(
      amazon.clientSecret,
      'amazon.clientSecret',
      'SELLING_PARTNER_APP_CLIENT_SECRET',
    ),
    timeoutMs: amazon.timeoutMs ?? 15_000,
    regions: resolveRegions(amazon, marketplaces, origins),
  };
}

function lookUpMarketplace(id: string, origins: Origins): Marketplace {
  const marketplace = findMarketplace(id);
  if (marketplace && marketplace.id === id) return marketplace;

  const where = origins.get('amazon.marketplaceIds') ?? 'amazon.marketplaceIds';
  const hint = marketplace ? ` (did you mean ${marketplace.id} for ${marketplace.country}?)` : '';
  throw new ConfigError(
    `${where}: unknown marketplace ID "${id}"${hint}.`,
    'Use Amazon marketplace IDs such as ATVPDKIKX0DER (US) or A1PA6795UKMFR9 (DE).',
  );
}

type AmazonSection = NonNullable<ConfigFile['amazon']>;

function resolveRegions(
  amazon: AmazonSection,
  marketplaces: Marketplace[],
  origins: Origins,
): Partial<Record<Region, RegionAccess>> {
  const envEndpoint = origins.get('amazon.endpoint') === 'SP_API_ENDPOINT';
  const regions: Partial<Record<Region, RegionAccess>> = {};

  for (const region of new Set(marketplaces.map((m) => m.region))) {
    const own = amazon.regions?.[region];
    const refreshToken = own?.refreshToken ?? amazon.refreshToken;
    if (!refreshToken) {
      throw new ConfigError(
        `missing SP_API_REFRESH_TOKEN: no refresh token for region "${region}".`,
        `Set SP_API_REFRESH_TOKEN or "amazon.regions.${region}.refreshToken" in the config file.`,
      );
    }
    const endpoint = envEndpoint ? amazon.endpoint : (own?.endpoint ?? amazon.endpoint);
    regions[region] = { refreshToken, endpoint: endpoint ?? null };
  }
  return regions;
}

function collectSecrets(odoo: AppConfig['odoo'], amazon: AppConfig['amazon']): string[] {
  const tokens = Object.values(amazon.regions).map((access) => access.refreshToken);
  return [odoo.password, amazon.clientSecret, ...tokens, ...urlCredentials(odoo.url)];
}

/** A password written into ODOO_URL (https://user:pass@host) is a secret like any other. */
function urlCredentials(url: string): string[] {
  const password = decodeURIComponent(new URL(url).password);
  return password ? [password] : [];
}

function checkFilePermissions(file: string | null, parsed: ConfigFile): string[] {
  if (!file || process.platform === 'win32' || !holdsSecrets(parsed)) return [];

  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) === 0) return [];
  const octal = mode.toString(8);
  return [`${file} holds secrets and others can read it (mode ${octal}); run: chmod 600 ${file}`];
}

function holdsSecrets(parsed: ConfigFile): boolean {
  const regionTokens = Object.values(parsed.amazon?.regions ?? {}).some((r) => r?.refreshToken);
  return (
    Boolean(parsed.odoo?.password ?? parsed.amazon?.clientSecret ?? parsed.amazon?.refreshToken) ||
    regionTokens
  );
}
