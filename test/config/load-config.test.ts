import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { ConfigError } from '../../src/errors.js';

const BASE_ENV = {
  ODOO_URL: 'http://127.0.0.1:8069',
  ODOO_DB: 'shop',
  ODOO_USERNAME: 'admin',
  ODOO_PASSWORD: 'odoo-secret-pw',
  AMAZON_SELLER_ID: 'A1SELLER',
  AMAZON_MARKETPLACE_IDS: 'ATVPDKIKX0DER,A1PA6795UKMFR9',
  SP_API_REFRESH_TOKEN: 'Atzr|refresh-secret',
  SELLING_PARTNER_APP_CLIENT_ID: 'amzn1.application-oa2-client.x',
  SELLING_PARTNER_APP_CLIENT_SECRET: 'client-secret-value',
};

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'mto-config-'));
}

function load(env: Record<string, string | undefined>, cwd = tempDir(), configPath?: string) {
  return loadConfig({ env, cwd, configPath });
}

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('builds a config from the environment alone, with both regions sharing the refresh token', () => {
    const config = load(BASE_ENV);
    expect(config.file).toBeNull();
    expect(config.profile.model).toBe('marketplace.listing');
    expect(config.amazon.marketplaces.map((m) => m.country)).toEqual(['US', 'DE']);
    expect(config.amazon.regions.na?.refreshToken).toBe('Atzr|refresh-secret');
    expect(config.amazon.regions.eu?.refreshToken).toBe('Atzr|refresh-secret');
    expect(config.secrets).toEqual(
      expect.arrayContaining(['odoo-secret-pw', 'client-secret-value', 'Atzr|refresh-secret']),
    );
  });

  it.each([
    ['ODOO_URL', /missing ODOO_URL/],
    ['ODOO_PASSWORD', /missing ODOO_PASSWORD/],
    ['AMAZON_SELLER_ID', /missing AMAZON_SELLER_ID/],
    ['AMAZON_MARKETPLACE_IDS', /missing AMAZON_MARKETPLACE_IDS/],
    ['SP_API_REFRESH_TOKEN', /missing SP_API_REFRESH_TOKEN: no refresh token for region "na"/],
  ])('names the missing variable %s', (variable, message) => {
    const error = errorOf(() => load({ ...BASE_ENV, [variable]: undefined }));
    expect(error.message).toMatch(message);
    expect(error.exitCode).toBe(2);
  });

  it('names the variable holding a malformed value', () => {
    expect(errorOf(() => load({ ...BASE_ENV, ODOO_URL: 'not a url' })).message).toMatch(
      /^ODOO_URL: /,
    );
    const unknown = errorOf(() => load({ ...BASE_ENV, AMAZON_MARKETPLACE_IDS: 'US' }));
    expect(unknown.message).toContain('AMAZON_MARKETPLACE_IDS: unknown marketplace ID "US"');
    expect(unknown.message).toContain('ATVPDKIKX0DER');
  });

  it('names the dotted key of a bad config file value and the file', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'mto-audit.config.json'),
      JSON.stringify({ odoo: { timeoutMs: 'soon' } }),
    );
    const error = errorOf(() => load(BASE_ENV, dir));
    expect(error.message).toContain('mto-audit.config.json: odoo.timeoutMs');
    expect(error.message).toMatch(/expected int|number/);
  });

  it('reports unknown keys and broken JSON in one line', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'mto-audit.config.json'),
      JSON.stringify({ amazon: { sellerID: 'x' } }),
    );
    expect(errorOf(() => load(BASE_ENV, dir)).message).toMatch(/amazon.*sellerID/);

    writeFileSync(join(dir, 'mto-audit.config.json'), '{"odoo": ');
    const broken = errorOf(() => load(BASE_ENV, dir));
    expect(broken.message).toMatch(/not valid JSON/);
    expect(broken.message.split('\n')).toHaveLength(1);
  });

  it('lets the environment win over the file, and a flag over both', () => {
    const dir = tempDir();
    const file = join(dir, 'shop.json');
    writeFileSync(file, JSON.stringify({ odoo: { db: 'from-file', warehouse: 'WH' } }));
    const config = loadConfig({
      env: { ...BASE_ENV, ODOO_DB: 'from-env' },
      cwd: dir,
      configPath: 'shop.json',
      overrides: { warehouse: 'WH2', marketplaces: ['de'] },
    });
    expect(config.odoo.db).toBe('from-env');
    expect(config.odoo.warehouse).toBe('WH2');
    expect(config.amazon.marketplaces.map((m) => m.id)).toEqual(['A1PA6795UKMFR9']);
    expect(config.amazon.regions.na).toBeUndefined();
  });

  it('refuses an unknown --marketplace and a missing --config file', () => {
    const flagError = errorOf(() =>
      loadConfig({ env: BASE_ENV, cwd: tempDir(), overrides: { marketplaces: ['XX'] } }),
    );
    expect(flagError.message).toContain('--marketplace: unknown marketplace "XX"');
    expect(errorOf(() => load(BASE_ENV, tempDir(), 'nope.json')).message).toMatch(
      /^--config: no file/,
    );
  });

  it('rejects an unknown profile, naming the choices', () => {
    const error = errorOf(() => load({ ...BASE_ENV, MTO_AUDIT_PROFILE: 'odoo-magic' }));
    expect(error.message).toContain('MTO_AUDIT_PROFILE: unknown profile "odoo-magic"');
    expect(error.message).toContain('marketplace-listing, sale-amazon, amazon-ept');
  });

  it('refuses plain http to a remote host unless the file allows it', () => {
    const remote = { ...BASE_ENV, ODOO_URL: 'http://odoo.example.com' };
    expect(errorOf(() => load(remote)).message).toMatch(
      /^ODOO_URL: plain http:\/\/ to odoo.example.com/,
    );

    const dir = tempDir();
    writeFileSync(join(dir, 'mto-audit.config.json'), JSON.stringify({ allowInsecureHttp: true }));
    expect(load(remote, dir).odoo.url).toBe('http://odoo.example.com');
    expect(
      errorOf(() => load({ ...BASE_ENV, SP_API_ENDPOINT: 'http://10.1.1.1:9' })).message,
    ).toMatch(/^SP_API_ENDPOINT: plain http/);
  });

  it('gives each region its own refresh token and endpoint from the file', () => {
    const dir = tempDir();
    const regions = { eu: { refreshToken: 'Atzr|eu-token', endpoint: 'https://eu.example.com' } };
    writeFileSync(join(dir, 'mto-audit.config.json'), JSON.stringify({ amazon: { regions } }));
    chmodSync(join(dir, 'mto-audit.config.json'), 0o600);
    const config = load(BASE_ENV, dir);
    expect(config.amazon.regions.eu).toEqual({
      refreshToken: 'Atzr|eu-token',
      endpoint: 'https://eu.example.com',
    });
    expect(config.amazon.regions.na).toEqual({
      refreshToken: 'Atzr|refresh-secret',
      endpoint: null,
    });
    expect(config.secrets).toContain('Atzr|eu-token');
    expect(config.warnings).toEqual([]);
  });

  it('treats a password written into ODOO_URL as a secret', () => {
    const config = load({ ...BASE_ENV, ODOO_URL: 'http://sync:url%21pass@127.0.0.1:8069' });
    expect(config.secrets).toContain('url!pass');
  });

  it('warns when a config file holding secrets is readable by others', () => {
    const dir = tempDir();
    const file = join(dir, 'mto-audit.config.json');
    writeFileSync(file, JSON.stringify({ odoo: { password: 'file-secret' } }));
    chmodSync(file, 0o644);
    const config = load({ ...BASE_ENV, ODOO_PASSWORD: undefined }, dir);
    expect(config.odoo.password).toBe('file-secret');
    expect(config.warnings.join('\n')).toMatch(/holds secrets.*chmod 600/);
    expect(config.warnings.join('\n')).not.toContain('file-secret');
  });
});
