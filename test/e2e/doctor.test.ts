import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxCatalog } from '../../src/sandbox/load-catalog.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/start-sandbox.js';
import { runCli, type CliResult } from './run-cli.js';
import { deniedXmlIdCatalog, odoo18Catalog, saleAmazonCatalog } from './sandbox-catalogs.js';

interface Check {
  name: string;
  status: 'pass' | 'fail' | 'info';
  detail: string;
  kind?: string;
}

const DEMO_CHECKS = [
  'config',
  'odoo',
  'odoo login',
  'listing model',
  'mto route',
  'mrp',
  'capacity field',
  'lwa na',
  'marketplace US',
  'marketplace CA',
  'lwa eu',
  'marketplace DE',
];

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});

afterAll(async () => {
  await sandbox.close();
});

/** The sandbox's config file holds every region's token; `env` only changes what a test needs. */
function doctor(target: Sandbox, extraArgs: string[] = [], env: Record<string, string> = {}) {
  return runCli(['doctor', '--config', target.configFile, ...extraArgs], { env });
}

/** "✓ name: detail" lines, keyed by check name. */
function parseLines(stdout: string): Map<string, { mark: string; detail: string }> {
  const lines = new Map<string, { mark: string; detail: string }>();
  for (const line of stdout.trim().split('\n')) {
    const match = /^([✓✗-]) ([^:]+): (.*)$/.exec(line);
    expect(match, line).not.toBeNull();
    if (match) lines.set(match[2] ?? '', { mark: match[1] ?? '', detail: match[3] ?? '' });
  }
  return lines;
}

async function withSandbox(catalog: SandboxCatalog, run: (s: Sandbox) => Promise<void>) {
  const own = await startSandbox({ catalog });
  try {
    await run(own);
  } finally {
    await own.close();
  }
}

describe('doctor against the demo sandbox', () => {
  it('prints every check in order, all passing, and exits 0', async () => {
    const result = await doctor(sandbox);
    const lines = parseLines(result.stdout);

    expect([...lines.keys()]).toEqual(DEMO_CHECKS);
    for (const [name, line] of lines) {
      expect(line.mark, name).toBe(name === 'mrp' ? '-' : '✓');
    }
    const detail = (name: string) => lines.get(name)?.detail ?? '';
    expect(detail('config')).toContain('profile marketplace-listing');
    expect(detail('odoo')).toMatch(/reachable at http:\/\/127\.0\.0\.1:\d+ \(Odoo 17\.0\)/);
    expect(detail('odoo login')).toBe('accepted for admin on leather_demo (uid 2)');
    expect(detail('listing model')).toBe(
      'marketplace.listing found, with its own quantity field qty',
    );
    expect(detail('mto route')).toMatch(/^"Replenish on Order \(MTO\)" \(id 5, archived.*xml id$/);
    expect(detail('mrp')).toMatch(/^installed/);
    expect(detail('capacity field')).toBe('product.product.x_weekly_capacity (integer) found');
    expect(detail('lwa na')).toBe('access token obtained for region na');
    expect(detail('lwa eu')).toBe('access token obtained for region eu');
    expect(detail('marketplace US')).toBe(
      'ATVPDKIKX0DER answers for seller A1LEATHERCO (11 listings)',
    );
    expect(detail('marketplace CA')).toMatch(/^A2EUQ1WTGCTBG2 answers/);
    expect(detail('marketplace DE')).toMatch(/^A1PA6795UKMFR9 answers/);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('prints one JSON object with --json and nothing else on stdout', async () => {
    const result = await doctor(sandbox, ['--json']);
    const report = JSON.parse(result.stdout) as { checks: Check[]; exitCode: number };

    expect(report.exitCode).toBe(0);
    expect(report.checks.map((check) => check.name)).toEqual(DEMO_CHECKS);
    for (const check of report.checks) {
      expect(check.status).toBe(check.name === 'mrp' ? 'info' : 'pass');
      expect(typeof check.detail).toBe('string');
    }
    expect(result.stdout).not.toContain('✓');
    expect(result.code).toBe(0);
  });

  it('says the listing model is missing for a profile whose connector is not installed', async () => {
    const result = await doctor(sandbox, [], { MTO_AUDIT_PROFILE: 'sale-amazon' });
    const lines = parseLines(result.stdout);

    expect(lines.get('listing model')?.mark).toBe('✗');
    expect(lines.get('listing model')?.detail).toMatch(
      /^amazon\.offer does not exist in Odoo: is the connector of profile sale-amazon installed\?/,
    );
    expect(lines.get('listing model')?.detail).toMatch(/pick another MTO_AUDIT_PROFILE/i);
    expect(lines.get('lwa na')?.mark).toBe('✓');
    expect(result.code).toBe(1);
  });
});

describe('doctor with one refresh token for two regions', () => {
  it('names the region token to give when a marketplace refuses it', async () => {
    const home = mkdtempSync(join(tmpdir(), 'mto-doctor-home-'));
    const env = {
      ...sandbox.env,
      HOME: home,
      AMAZON_MARKETPLACE_IDS: 'ATVPDKIKX0DER,A1PA6795UKMFR9',
      SP_API_REFRESH_TOKEN: sandbox.catalog.amazon.amazon.sellers[0]?.refreshTokens.na ?? '',
    };
    const result = await runCli(['doctor'], { env, cwd: home });
    const lines = parseLines(result.stdout);

    expect(lines.get('marketplace US')?.mark).toBe('✓');
    expect(lines.get('lwa eu')?.mark).toBe('✓');
    expect(lines.get('marketplace DE')?.mark).toBe('✗');
    const detail = lines.get('marketplace DE')?.detail ?? '';
    expect(detail).toMatch(/^A1PA6795UKMFR9 for seller A1LEATHERCO: HTTP 403 Unauthorized: /);
    expect(detail).toContain(
      'Check that the refresh token of region eu (amazon.regions.eu.refreshToken, else ' +
        'SP_API_REFRESH_TOKEN) was issued for this seller in that region.',
    );
    expect(result.code).toBe(3);
  });
});

describe('doctor against other Odoo schemas', () => {
  it('calls a listing model without a quantity field the wrong-schema bug (exit 1)', async () => {
    await withSandbox(saleAmazonCatalog(), async (own) => {
      const result = await doctor(own, ['--json']);
      const report = JSON.parse(result.stdout) as { checks: Check[]; exitCode: number };
      const listing = report.checks.find((check) => check.name === 'listing model');

      expect(listing).toMatchObject({ status: 'fail', kind: 'schema' });
      expect(listing?.detail).toMatch(/^amazon\.offer has no quantity field of its own/);
      expect(listing?.detail).toContain('WRONG_SCHEMA bug at schema level');
      expect(report.checks.filter((check) => check.status === 'fail')).toHaveLength(1);
      expect(report.exitCode).toBe(1);
      expect(result.code).toBe(1);
    });
  });

  it('finds the MTO route through the warehouse rule when ir.model.data is closed', async () => {
    await withSandbox(deniedXmlIdCatalog(), async (own) => {
      const result = await doctor(own);
      const route = parseLines(result.stdout).get('mto route');

      expect(route?.mark).toBe('✓');
      expect(route?.detail).toMatch(/^"Replenish on Order \(MTO\)" \(id 5, archived/);
      expect(route?.detail).toContain("through the warehouse's MTO rule");
      expect(result.code).toBe(0);
    });
  });

  it('shows the Odoo 18 server version', async () => {
    await withSandbox(odoo18Catalog(), async (own) => {
      const result = await doctor(own);
      expect(parseLines(result.stdout).get('odoo')?.detail).toMatch(/\(Odoo 18\.0\)$/);
      expect(result.code).toBe(0);
    });
  });
});

const ODOO = 'http://127.0.0.1:';
const SP_API_NA = 'https://sellingpartnerapi-na.amazon.com';
const SP_API_EU = 'https://sellingpartnerapi-eu.amazon.com';
const LISTINGS = '/listings/2021-08-01/items/A1LEATHERCO?';

/** A --verbose line: method, a URL that starts with `prefix` (then `rest`), and status 200. */
function debugLine(method: string, prefix: string, rest = ''): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(
    `^debug: ${method} ${escape(prefix)}\\S*${escape(rest)} -> 200 \\(\\d+ ms\\)$`,
    'm',
  );
}

describe('secrets in --verbose output', () => {
  function secretsOf(target: Sandbox): string[] {
    const seller = target.catalog.amazon.amazon.sellers[0];
    const secrets = [
      target.env.ODOO_PASSWORD ?? '',
      target.catalog.amazon.amazon.app.clientSecret,
      ...Object.values(seller?.refreshTokens ?? {}),
    ];
    expect(secrets.every((secret) => secret.length >= 8)).toBe(true);
    expect(secrets).toHaveLength(4);
    return secrets;
  }

  /** An access token as the fake's LWA issues them, to know what one looks like. */
  async function sampleAccessToken(target: Sandbox): Promise<string> {
    const answer = await fetch(`${target.spApi.url}/auth/o2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'refresh_token',
        refresh_token: target.env.SP_API_REFRESH_TOKEN,
        client_id: target.env.SELLING_PARTNER_APP_CLIENT_ID,
        client_secret: target.env.SELLING_PARTNER_APP_CLIENT_SECRET,
      }),
    });
    return ((await answer.json()) as { access_token: string }).access_token;
  }

  function expectNoSecret(result: CliResult, secrets: string[]) {
    const output = result.stdout + result.stderr;
    for (const secret of secrets) {
      expect(output).not.toContain(secret);
      expect(output).not.toContain(encodeURIComponent(secret));
    }
    expect(output).not.toContain('Atza|');
    expect(output).not.toContain('Atza%7C');
  }

  it('doctor --verbose shows requests with status but no secret', async () => {
    const token = await sampleAccessToken(sandbox);
    expect(token).toMatch(/^Atza\|/);

    for (const extra of [[], ['--json']]) {
      const result = await doctor(sandbox, ['--verbose', ...extra]);
      expectNoSecret(result, [...secretsOf(sandbox), token]);
      expect(result.stderr).toMatch(debugLine('POST', ODOO, '/xmlrpc/2/common authenticate'));
      expect(result.stderr).toMatch(debugLine('POST', 'https://api.amazon.com/auth/o2/token'));
      expect(result.stderr).toMatch(debugLine('GET', `${SP_API_NA}${LISTINGS}`));
      expect(result.code).toBe(0);
    }
  });

  it('audit --verbose shows requests with status but no secret', async () => {
    const result = await runCli(['audit', '--verbose', '--config', sandbox.configFile]);
    expectNoSecret(result, secretsOf(sandbox));
    expect(result.stderr).toMatch(
      debugLine('POST', ODOO, '/xmlrpc/2/object marketplace.listing.search_read'),
    );
    expect(result.stderr).toMatch(debugLine('GET', `${SP_API_EU}${LISTINGS}`));
    // The demo has one row Amazon answers malformed on purpose: exit 3, but a full report.
    expect(result.stdout).toContain('WALLET-BRN');
    expect(result.code).toBe(3);
  });

  it('keeps secrets out when the login is refused and when LWA echoes the request', async () => {
    const echo: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        res.writeHead(502, { 'Content-Type': 'text/html' });
        res.end(`<html><pre>${Buffer.concat(chunks).toString()}</pre></html>`);
      });
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const { port } = echo.address() as AddressInfo;
    try {
      const wrongPassword = 'not-the-password-4711';
      const result = await doctor(sandbox, ['--verbose'], {
        ODOO_PASSWORD: wrongPassword,
        SP_API_ENDPOINT: `http://127.0.0.1:${port}`,
      });
      expectNoSecret(result, [wrongPassword, ...secretsOf(sandbox).slice(1)]);
      expect(result.stdout).toMatch(/^✗ odoo login: Odoo refused the login/m);
      expect(result.stdout).toMatch(/^✗ lwa na: Amazon LWA answered a body that is not JSON/m);
      expect(result.code).toBe(3);
    } finally {
      await new Promise<void>((resolve) => {
        echo.close(() => resolve());
        echo.closeAllConnections();
      });
    }
  });
});
