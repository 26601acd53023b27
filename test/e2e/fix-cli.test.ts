import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startSandbox,
  type Sandbox,
  type SandboxOptions,
} from '../../src/sandbox/start-sandbox.js';
import { AMAZON_SIDE_SIGNATURES } from '../fixtures/amazon-side-signatures.js';
import { baseEnv, runCli, type CliResult } from './run-cli.js';

const BIN = fileURLToPath(new URL('../../bin/run.js', import.meta.url));
/** The demo catalog's seven fixable listings (the others are blocked or already right). */
const FIXED_SKUS = [
  'BELT-BLK',
  'CARDHOLDER-RED',
  'KEYRING-OAK',
  'ORGANIZER-DESK',
  'SATCHEL-TAN',
  'TOTE-XL',
  'WALLET-BRN',
];

interface JsonRow {
  sku: string;
  marketplaceId: string;
  signatures: string[];
  amazon: unknown;
}

let sandbox: Sandbox | undefined;
let folder: string;

afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function start(options: SandboxOptions = {}): Promise<Sandbox> {
  sandbox = await startSandbox({ rateScale: 20, ...options });
  folder = mkdtempSync(join(tmpdir(), 'mto-fix-e2e-'));
  return sandbox;
}

function cli(args: string[]): Promise<CliResult> {
  const s = sandbox as Sandbox;
  return runCli([...args, '--config', s.configFile], { env: s.env, cwd: folder });
}

/** Every listing of the fake as it stands, less the timestamps any write moves. */
function amazonState(s: Sandbox): string {
  const listings = (s.catalog.amazon.amazon.listings ?? []).map((l) => {
    const snapshot = s.spApi.listing(l.region, l.sellerId, l.sku);
    const markets = Object.entries(snapshot?.marketplaces ?? {}).map(
      ([id, m]): [string, unknown] => [id, { ...m, lastUpdatedDate: undefined }],
    );
    return { ...snapshot, marketplaces: Object.fromEntries(markets) };
  });
  return JSON.stringify(listings);
}

function writesPerSku(s: Sandbox): Record<string, number> {
  const prefix = `/${s.env.AMAZON_SELLER_ID}/`;
  const writes: Record<string, number> = {};
  for (const [key, count] of Object.entries(s.spApi.stats.writesBySku)) {
    const sku = key.slice(key.indexOf(prefix) + prefix.length);
    writes[sku] = (writes[sku] ?? 0) + count;
  }
  return writes;
}

async function auditRows(): Promise<JsonRow[]> {
  return (JSON.parse((await cli(['audit', '--json'])).stdout) as { rows: JsonRow[] }).rows;
}

describe('mto-audit fix and rollback, end to end on the demo sandbox', () => {
  it('fix --yes cures the Amazon side of every unblocked row; rollback restores it byte for byte', async () => {
    const s = await start();
    const original = amazonState(s);
    const before = await auditRows();
    const journal = join(folder, 'fix.jsonl');

    const fixed = await cli(['fix', '--yes', '--journal', journal]);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(fixed.stderr).toContain(`Journal: ${journal}`);
    expect(fixed.stdout).toMatch(/Applied 7, invalid 0, failed 0, blocked 3/);

    const after = await auditRows();
    for (const row of after.filter((r) => FIXED_SKUS.includes(r.sku))) {
      expect(
        row.signatures.filter((code) => AMAZON_SIDE_SIGNATURES.includes(code)),
        row.sku,
      ).toEqual([]);
    }
    for (const sku of ['PASSPORT-NAVY', 'WATCHSTRAP-20', 'PORTEMONNAIE-ÉCRU', 'GLOVES-M']) {
      const pick = (rows: JsonRow[]) => rows.filter((r) => r.sku === sku).map((r) => r.amazon);
      expect(pick(after), sku).toEqual(pick(before));
    }
    expect(Object.keys(writesPerSku(s)).sort()).toEqual(FIXED_SKUS);

    const rolledBack = await cli(['rollback', journal, '--yes', '--json']);
    expect(rolledBack.code, rolledBack.stderr).toBe(0);
    expect(JSON.parse(rolledBack.stdout)).toMatchObject({ summary: { applied: 7 } });
    expect(amazonState(s)).toBe(original);
  });

  it('fix --json --dry-run prints the plan as JSON and sends nothing', async () => {
    const s = await start();
    const result = await cli(['fix', '--dry-run', '--json', '--signature', 'qty_too_high']);

    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout) as {
      state: string;
      changes: { sku: string; status: string }[];
    };
    expect(plan.state).toBe('dry-run');
    expect(plan.changes).toEqual([expect.objectContaining({ sku: 'TOTE-XL', status: 'planned' })]);
    expect(s.spApi.stats.writesBySku).toEqual({});
    expect(existsSync(folder) && readdir(folder)).toEqual([]);
  });
});

describe('bad input: one clear line, exit 2, nothing written', () => {
  it('no terminal and no --yes', async () => {
    const s = await start();
    const result = await cli(['fix']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(
      /^error: .*no terminal to ask\. Pass --yes .* or --dry-run/,
    );
    expect(s.spApi.stats.callsByOperation).toEqual({});
  });

  it('an unknown --signature code', async () => {
    const s = await start();
    const result = await cli(['fix', '--yes', '--signature', 'DRIFTY']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/unknown code "DRIFTY". Use one of SUPPRESSED_IN_PRODUCTION/);
    expect(s.spApi.stats.callsByOperation).toEqual({});
  });

  it('a journal that is missing, truncated mid-line, or from another seller', async () => {
    const s = await start();
    const journal = join(folder, 'fix.jsonl');
    await cli(['fix', '--yes', '--journal', journal, '--sku', 'TOTE-XL']);
    const writes = { ...s.spApi.stats.writesBySku };
    const text = readFileSync(journal, 'utf8');
    const cut = join(folder, 'cut.jsonl');
    writeFileSync(cut, text.slice(0, text.lastIndexOf('\n', text.length - 2) + 20));
    const other = join(folder, 'other.jsonl');
    writeFileSync(other, text.replace('"sellerId":"A1LEATHERCO"', '"sellerId":"A9OTHER"'));

    const cases: [string[], RegExp][] = [
      [['fix', '--yes', '--resume', join(folder, 'none.jsonl')], /there is no journal at/],
      [['fix', '--yes', '--resume', cut], /ends in the middle of line \d+/],
      [['rollback', cut, '--yes'], /ends in the middle of line \d+/],
      [['fix', '--yes', '--resume', other], /belongs to seller A9OTHER, not to A1LEATHERCO/],
      [['rollback', other, '--yes'], /belongs to seller A9OTHER, not to A1LEATHERCO/],
    ];
    for (const [args, message] of cases) {
      const result = await cli(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(result.stderr).toMatch(message);
    }
    expect(s.spApi.stats.writesBySku).toEqual(writes);
  });

  it('--resume of a finished journal: nothing to do, exit 0', async () => {
    await start();
    const journal = join(folder, 'fix.jsonl');
    await cli(['fix', '--yes', '--journal', journal]);
    const result = await cli(['fix', '--yes', '--resume', journal]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/nothing to do, every change in .*fix\.jsonl is finished/);
  });

  it('Ctrl-C at the question cancels cleanly: exit 2, nothing sent', async () => {
    const s = await start();
    const result = await runInTerminal(
      ['fix', '--config', s.configFile],
      s.env,
      'Amazon change(s)?',
    );
    expect(result.output).toMatch(/Send 7 Amazon change\(s\)\?/);
    expect(result.output).toMatch(/Cancelled: nothing was sent\./);
    expect(result.code).toBe(2);
    expect(s.spApi.stats.writesBySku).toEqual({});
  });
});

describe('kill -9 at any moment, then --resume: every change applied exactly once', () => {
  const points: [string, string[], (lines: string[]) => boolean][] = [
    [
      'after the first intents, before any answer',
      ['--via', 'patch'],
      (l) => count(l, 'intent') >= 1,
    ],
    ['after some results, others in flight', ['--via', 'patch'], (l) => count(l, 'result') >= 3],
    ['mid-feed, once the feed id is journaled', ['--via', 'feed'], (l) => count(l, 'feed') >= 1],
  ];

  it.each(points)('%s', async (_label, via, killWhen) => {
    const s = await start({ rateScale: 1, faults: { delayMs: 200 } });
    const journal = join(folder, 'fix.jsonl');

    const killed = await runAndKill(
      ['fix', '--yes', '--journal', journal, ...via],
      s,
      journal,
      killWhen,
    );
    expect(killed.signal).toBe('SIGKILL');
    await settled(s, 400);
    s.spApi.setFaults({});

    const resumed = await cli(['fix', '--yes', '--resume', journal]);
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(writesPerSku(s)).toEqual(Object.fromEntries(FIXED_SKUS.map((sku) => [sku, 1])));
    const rows = await auditRows();
    for (const row of rows.filter((r) => FIXED_SKUS.includes(r.sku))) {
      expect(
        row.signatures.filter((code) => AMAZON_SIDE_SIGNATURES.includes(code)),
        row.sku,
      ).toEqual([]);
    }
  });
});

function count(lines: string[], type: string): number {
  return lines.filter((line) => line.startsWith(`{"type":"${type}"`)).length;
}

function readdir(path: string): string[] {
  return existsSync(path) ? readdirSync(path) : [];
}

/** Runs the CLI and SIGKILLs it as soon as its journal satisfies `killWhen`. */
function runAndKill(
  args: string[],
  s: Sandbox,
  journal: string,
  killWhen: (lines: string[]) => boolean,
): Promise<{ signal: NodeJS.Signals | null }> {
  const env = { ...baseEnv(), ...s.env };
  const child = spawn(process.execPath, [BIN, ...args, '--config', s.configFile], {
    env,
    cwd: folder,
    stdio: 'ignore',
  });
  const watch = setInterval(() => {
    const lines = existsSync(journal) ? readFileSync(journal, 'utf8').split('\n') : [];
    if (killWhen(lines)) child.kill('SIGKILL');
  }, 5);
  return new Promise((resolve) => {
    child.on('exit', (_code, signal) => {
      clearInterval(watch);
      resolve({ signal });
    });
  });
}

/**
 * Requests the killed run had in flight still land after the fake's delay: wait until no write
 * has landed for a while, as a user who resumes later would.
 */
async function settled(s: Sandbox, quietMs: number): Promise<void> {
  const total = () => Object.values(s.spApi.stats.writesBySku).reduce((a, b) => a + b, 0);
  let seen = total();
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    if (total() !== seen || s.spApi.stats.pendingWrites > 0) {
      seen = total();
      since = Date.now();
    }
  }
}

/** Runs the CLI on a pseudo-terminal (Python's pty), presses Ctrl-C once `prompt` shows. */
function runInTerminal(
  args: string[],
  env: Record<string, string>,
  prompt: string,
): Promise<{ output: string; code: number | null }> {
  const script = `
import os, pty, sys, select, time
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
out = b''
sent = False
deadline = time.time() + 30
while time.time() < deadline:
    r, _, _ = select.select([fd], [], [], 0.1)
    if r:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    if not sent and ${JSON.stringify(prompt)}.encode() in out:
        os.write(fd, b'\\x03')
        sent = True
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode('utf8', 'replace'))
sys.exit(os.waitstatus_to_exitcode(status))
`;
  const fullEnv = { ...baseEnv(), ...env };
  const child = spawn('python3', ['-c', script, process.execPath, BIN, ...args], {
    env: fullEnv,
    cwd: folder,
  });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve) => {
    child.on('close', (code) => resolve({ output: Buffer.concat(chunks).toString('utf8'), code }));
  });
}
