import { open, readFile, unlink } from 'node:fs/promises';
import { ConfigError } from '../errors.js';
import type { Logger } from '../logger.js';

/** Removes the lock; safe to call once the lock is gone. */
export type ReleaseLock = () => Promise<void>;

export function lockPathOf(journalPath: string): string {
  return `${journalPath}.lock`;
}

/**
 * Takes `<journal>.lock` (created exclusively, holding our pid) so that only one process at a
 * time sends the changes of a journal. A lock left by a process that is gone is taken over with
 * a warning; one held by a live process refuses the run.
 */
export async function lockJournal(journalPath: string, logger: Logger): Promise<ReleaseLock> {
  const lockPath = lockPathOf(journalPath);
  if (await tryCreate(lockPath)) return () => removeLock(lockPath);

  const holder = await readHolder(lockPath);
  if (holder !== null && isAlive(holder)) throw inUse(journalPath, lockPath, holder);

  const who = holder === null ? 'an unreadable pid' : `process ${holder}, which is gone`;
  logger.warn(`taking over the stale lock ${lockPath} (left by ${who}).`);
  await removeLock(lockPath);
  if (await tryCreate(lockPath)) return () => removeLock(lockPath);
  throw inUse(journalPath, lockPath, await readHolder(lockPath));
}

async function tryCreate(lockPath: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(lockPath, 'wx', 0o600);
  } catch (error) {
    if ((error as { code?: string }).code === 'EEXIST') return false;
    const code = (error as { code?: string }).code ?? String(error);
    throw new ConfigError(
      `cannot create the lock ${lockPath} (${code}).`,
      'Check that the journal folder is writable.',
    );
  }
  try {
    await handle.writeFile(`${process.pid}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

async function readHolder(lockPath: string): Promise<number | null> {
  try {
    const text = (await readFile(lockPath, 'utf8')).trim();
    return /^\d+$/.test(text) ? Number(text) : null;
  } catch {
    return null;
  }
}

/** Signal 0 checks that a process exists; EPERM means it exists under another user. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

async function removeLock(lockPath: string): Promise<void> {
  try {
    await unlink(lockPath);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
  }
}

function inUse(journalPath: string, lockPath: string, pid: number | null): ConfigError {
  const by = pid === null ? 'another process' : `process ${pid}`;
  return new ConfigError(
    `the journal ${journalPath} is in use by ${by} (lock file ${lockPath}).`,
    `Wait for that run to end; if no mto-audit is running, remove ${lockPath}.`,
  );
}
