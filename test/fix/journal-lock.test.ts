import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { lockJournal, lockPathOf } from '../../src/fix/journal-lock.js';
import { readJournal } from '../../src/fix/read-journal.js';
import { resumeFix } from '../../src/fix/resume-fix.js';
import { silentLogger } from '../../src/logger.js';
import {
  amazonChange,
  applyOptions,
  applyPlan,
  Killed,
  killWhen,
  planOf,
  startApi,
  writesOf,
  type TestApi,
} from './fix-fixture.js';

let t: TestApi;
afterEach(async () => {
  await t.api.close();
});

const SKUS = ['A', 'B'];
const plan = () =>
  planOf(
    SKUS.map((sku) =>
      amazonChange(sku, { quantity: 0, leadTimeDays: 2 }, { quantity: 9, leadTimeDays: 14 }),
    ),
  );

/** A pid that surely names no process: a child that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

function recordingLogger() {
  const warnings: string[] = [];
  return { warnings, logger: { ...silentLogger, warn: (text: string) => warnings.push(text) } };
}

/** A journal left open by a run killed after its first intent. */
async function openJournal(): Promise<string> {
  const options = applyOptions(t, { hooks: { afterWrite: killWhen((r) => r.type === 'intent') } });
  await expect(applyPlan(t, plan(), options)).rejects.toBeInstanceOf(Killed);
  return options.journalPath;
}

describe('the journal lock', () => {
  it('holds our pid while taken and is gone once released', async () => {
    t = await startApi([]);
    const path = `${t.folder}/j.jsonl`;
    const release = await lockJournal(path, silentLogger);

    expect(readFileSync(lockPathOf(path), 'utf8')).toBe(`${process.pid}\n`);
    await release();
    expect(existsSync(lockPathOf(path))).toBe(false);
  });

  it('refuses a lock held by a live process with a one-line error (exit 2) naming the lock', async () => {
    t = await startApi([]);
    const path = `${t.folder}/j.jsonl`;
    await lockJournal(path, silentLogger);

    const error = await lockJournal(path, silentLogger).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(2);
    expect((error as UserError).message).toBe(
      `the journal ${path} is in use by process ${process.pid} (lock file ${path}.lock).`,
    );
    expect((error as UserError).message).not.toContain('\n');
  });

  it('takes over a lock left by a process that is gone, with a warning', async () => {
    t = await startApi([]);
    const path = `${t.folder}/j.jsonl`;
    const pid = deadPid();
    writeFileSync(lockPathOf(path), `${pid}\n`);
    const { warnings, logger } = recordingLogger();

    const release = await lockJournal(path, logger);
    expect(readFileSync(lockPathOf(path), 'utf8')).toBe(`${process.pid}\n`);
    expect(warnings).toEqual([
      `taking over the stale lock ${path}.lock (left by process ${pid}, which is gone).`,
    ]);
    await release();
  });
});

describe('fix and fix --resume take the lock', () => {
  it('a resume while another process holds the journal sends nothing', async () => {
    t = await startApi(SKUS.map((sku) => ({ sku, quantity: 0 })));
    const path = await openJournal();
    expect(existsSync(lockPathOf(path))).toBe(false);
    const journal = await readJournal(path);
    const calls = { ...t.api.stats.callsByOperation };
    const release = await lockJournal(path, silentLogger);

    await expect(resumeFix({ ...applyOptions(t), via: 'patch', journal })).rejects.toThrow(
      /is in use by process \d+ \(lock file .*\.lock\)/,
    );
    expect(t.api.stats.callsByOperation).toEqual(calls);

    await release();
    const outcome = await resumeFix({ ...applyOptions(t), via: 'patch', journal });
    expect(outcome.summary).toMatchObject({ applied: 2 });
    expect(writesOf(t.api)).toEqual({ A: 1, B: 1 });
    expect(existsSync(lockPathOf(path))).toBe(false);
  });

  it('a resume reads the journal again once locked: what another run settled is not resent', async () => {
    t = await startApi(SKUS.map((sku) => ({ sku, quantity: 0 })));
    const path = await openJournal();
    const stale = await readJournal(path);
    await resumeFix({ ...applyOptions(t), via: 'patch', journal: await readJournal(path) });
    const calls = { ...t.api.stats.callsByOperation };

    const outcome = await resumeFix({ ...applyOptions(t), via: 'patch', journal: stale });
    expect(outcome.state).toBe('nothing');
    expect(t.api.stats.callsByOperation).toEqual(calls);
  });

  it('fix refuses a journal whose lock is held and leaves no journal behind', async () => {
    t = await startApi(SKUS.map((sku) => ({ sku, quantity: 0 })));
    const options = applyOptions(t);
    await lockJournal(options.journalPath, silentLogger);

    await expect(applyPlan(t, plan(), options)).rejects.toThrow(/is in use by process/);
    expect(existsSync(options.journalPath)).toBe(false);
    expect(writesOf(t.api)).toEqual({});
  });
});
