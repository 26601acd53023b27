import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, Server, type ServerResponse } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/start-sandbox.js';
import { runCli, type CliResult } from './run-cli.js';

/**
 * Every bad input runs the real CLI: `audit` runs get the sandbox's environment with one
 * thing broken, `doctor --config` runs the sandbox's config file (every region) and only
 * the variable under test, since the environment wins over the file. The runs are
 * independent, so they all start up front (a few at a time) and each test reads its result.
 */
let sandbox: Sandbox;
let folder: string;
const servers: (Server | net.Server)[] = [];
const results = new Map<string, CliResult>();

type Run = [name: string, args: string[], env: Record<string, string>];

beforeAll(async () => {
  sandbox = await startSandbox();
  folder = mkdtempSync(join(tmpdir(), 'mto-bad-input-'));
  const runs = await planRuns();
  await runPool(runs, 4);
}, 60_000);

afterAll(async () => {
  for (const server of servers) {
    if (server instanceof Server) server.closeAllConnections();
    server.close();
  }
  await sandbox.close();
});

async function planRuns(): Promise<Run[]> {
  const refused = `http://127.0.0.1:${await closedPort()}`;
  const silent = `http://127.0.0.1:${await listen(net.createServer(() => undefined))}`;
  const html = `http://127.0.0.1:${await listen(createServer((_q, res) => sendHtml(res, 200)))}`;
  const htmlApi = `http://127.0.0.1:${await listen(tokensOnlyProxy(sandbox.spApi.url))}`;
  const file = sandbox.configFile;
  const slow = configFile('slow.json', JSON.stringify({ odoo: { timeoutMs: 300 } }));
  const unknownKey = { amazon: { regions: { na: { token: 'x' } } } };
  const env = envWith;

  return [
    ['missing url', ['audit'], env({ ODOO_URL: undefined })],
    ['missing url doctor', ['doctor'], env({ ODOO_URL: undefined })],
    ['malformed url', ['audit'], env({ ODOO_URL: 'odoo.example.com' })],
    ['unknown profile', ['audit'], env({ MTO_AUDIT_PROFILE: 'odoo-magic' })],
    ['bad json', ['audit', '--config', configFile('broken.json', '{"odoo": {"url": ')], env({})],
    ['unknown key', ['audit', '--config', configFile('unknown.json', json(unknownKey))], env({})],
    ['wrong type', ['audit', '--config', configFile('type.json', typeConfig())], env({})],
    ['plain http', ['audit'], env({ ODOO_URL: 'http://odoo.example.com' })],
    ['bad marketplace env', ['audit'], env({ AMAZON_MARKETPLACE_IDS: 'ATVPDKIKX0DER,A1NOPE' })],
    ['bad marketplace flag', ['audit', '--marketplace', 'ZZ'], env({})],
    ['unknown flag', ['audit', '--frobnicate'], env({})],
    ['bad fail-on', ['audit', '--fail-on', 'sometimes'], env({})],
    ['wrong password', ['audit'], env({ ODOO_PASSWORD: 'wrong-password' })],
    ['wrong password doctor', ['doctor', '--config', file], { ODOO_PASSWORD: 'wrong-pw' }],
    ['unknown db', ['audit'], env({ ODOO_DB: 'no_such_db' })],
    ['refused', ['audit'], env({ ODOO_URL: refused })],
    ['timeout', ['audit', '--config', slow], env({ ODOO_URL: silent })],
    ['timeout doctor', ['doctor', '--config', slow], env({ ODOO_URL: silent })],
    ['wrong refresh', ['audit'], env({ SP_API_REFRESH_TOKEN: 'Atzr|not-a-token' })],
    ['wrong refresh doctor', ['doctor'], env({ SP_API_REFRESH_TOKEN: 'Atzr|not-a-token' })],
    ['html lwa', ['audit'], env({ SP_API_ENDPOINT: html })],
    ['html lwa doctor', ['doctor', '--config', file], { SP_API_ENDPOINT: html }],
    ['html api doctor', ['doctor', '--config', file], { SP_API_ENDPOINT: htmlApi }],
  ];
}

async function runPool(runs: Run[], width: number): Promise<void> {
  const queue = [...runs];
  const worker = async () => {
    for (let run = queue.shift(); run; run = queue.shift()) {
      const [name, args, env] = run;
      // A folder of our own as cwd and HOME: no stray mto-audit.config.json is picked up.
      results.set(name, await runCli(args, { env: { HOME: folder, ...env }, cwd: folder }));
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
}

function resultOf(name: string): CliResult {
  const result = results.get(name);
  if (!result) throw new Error(`no run named ${name}`);
  return result;
}

/** The sandbox's environment with some variables changed (undefined removes one). */
function envWith(changes: Record<string, string | undefined>): Record<string, string> {
  const env: Record<string, string> = { ...sandbox.env };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

function configFile(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text, { mode: 0o600 });
  return path;
}

const json = (value: unknown) => JSON.stringify(value);
const typeConfig = () => json({ odoo: { timeoutMs: 'fast' } });

async function listen(server: Server | net.Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function sendHtml(res: ServerResponse, status: number) {
  res.writeHead(status, { 'Content-Type': 'text/html' });
  res.end('<html><body><h1>Service unavailable</h1></body></html>');
}

/** Passes LWA through to the fake and answers every SP-API call with an HTML page (200). */
function tokensOnlyProxy(target: string): Server {
  const upstream = new URL(target);
  return createServer((req, res) => {
    if (req.url !== '/auth/o2/token') return sendHtml(res, 200);
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: 'POST',
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(forward);
  });
}

function expectNoStack(result: CliResult) {
  expect(result.stdout + result.stderr).not.toMatch(/^\s+at /m);
}

/** One line on stderr, starting with "error:", and the exit code. */
function expectOneLineError(name: string, code: number, pattern: RegExp) {
  const result = resultOf(name);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: /);
  expect(lines[0]).toMatch(pattern);
  expectNoStack(result);
  expect(result.code).toBe(code);
}

/** A failing doctor line, and the exit code. */
function expectFailingCheck(name: string, check: string, code: number, pattern: RegExp) {
  const result = resultOf(name);
  const line = result.stdout.split('\n').find((text) => text.startsWith(`✗ ${check}: `));
  expect(line, `${result.code} ${result.stdout}\n${result.stderr}`).toBeDefined();
  expect(line).toMatch(pattern);
  expectNoStack(result);
  expect(result.code).toBe(code);
}

describe('bad configuration: exit 2, naming the variable or key', () => {
  it('missing ODOO_URL', () => {
    expectOneLineError('missing url', 2, /missing ODOO_URL/);
    expectFailingCheck('missing url doctor', 'config', 2, /missing ODOO_URL/);
  });

  it('malformed ODOO_URL', () => {
    expectOneLineError('malformed url', 2, /ODOO_URL: expected an http\(s\) URL/);
  });

  it('unknown profile', () => {
    expectOneLineError(
      'unknown profile',
      2,
      /MTO_AUDIT_PROFILE: unknown profile "odoo-magic"; expected one of marketplace-listing/,
    );
  });

  it('config file that is not JSON', () => {
    expectOneLineError('bad json', 2, /broken\.json: not valid JSON/);
  });

  it('unknown key, named by its dotted path', () => {
    expectOneLineError('unknown key', 2, /unknown\.json: unknown key amazon\.regions\.na\.token\b/);
  });

  it('wrong type', () => {
    expectOneLineError('wrong type', 2, /type\.json: odoo\.timeoutMs: .*expected number/);
  });

  it('plain http:// to a host that is not loopback', () => {
    expectOneLineError(
      'plain http',
      2,
      /ODOO_URL: plain http:\/\/ to odoo\.example\.com would send credentials unencrypted/,
    );
  });

  it('unknown marketplace ID in AMAZON_MARKETPLACE_IDS and in --marketplace', () => {
    expectOneLineError(
      'bad marketplace env',
      2,
      /AMAZON_MARKETPLACE_IDS: unknown marketplace ID "A1NOPE"/,
    );
    expectOneLineError('bad marketplace flag', 2, /--marketplace: unknown marketplace "ZZ"/);
  });

  it('unknown flag and a bad --fail-on value', () => {
    expectOneLineError('unknown flag', 2, /--frobnicate/);
    expectOneLineError(
      'bad fail-on',
      2,
      /--fail-on=sometimes to be one of: critical, error, warning, never/,
    );
  });
});

describe('Odoo refuses or fails: exit 3', () => {
  it('wrong password', () => {
    expectOneLineError('wrong password', 3, /^error: Odoo refused the login of "admin"/);
    expectFailingCheck('wrong password doctor', 'odoo login', 3, /Odoo refused the login/);
  });

  it('unknown database', () => {
    expectOneLineError('unknown db', 3, /no database "no_such_db".*ODOO_DB/);
  });

  it('refused connection', () => {
    expectOneLineError('refused', 3, /is unreachable \(connection refused\).*ODOO_URL/);
  });

  it('a server that accepts and never answers', () => {
    expectOneLineError('timeout', 3, /did not answer within 0\.3 s.*odoo\.timeoutMs/);
    expectFailingCheck('timeout doctor', 'odoo', 3, /did not answer within 0\.3 s/);
  });
});

describe('Amazon refuses or fails: exit 3', () => {
  it('wrong refresh token', () => {
    expectOneLineError('wrong refresh', 3, /refresh token for region na.*SP_API_REFRESH_TOKEN/);
    expectFailingCheck('wrong refresh doctor', 'lwa na', 3, /SP_API_REFRESH_TOKEN/);
  });

  it('an endpoint that answers HTML to LWA', () => {
    expectOneLineError('html lwa', 3, /LWA answered a body that is not JSON/);
    expectFailingCheck('html lwa doctor', 'lwa na', 3, /not JSON/);
    expectFailingCheck('html lwa doctor', 'lwa eu', 3, /not JSON/);
  });

  it('an endpoint that gives tokens but answers SP-API calls with an HTML 200', () => {
    expect(resultOf('html api doctor').stdout).toMatch(/^✓ lwa na: /m);
    expectFailingCheck(
      'html api doctor',
      'marketplace US',
      3,
      /HTTP 200, and the body is not JSON/,
    );
    expectFailingCheck('html api doctor', 'marketplace DE', 3, /not JSON/);
  });
});
