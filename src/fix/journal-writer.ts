import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigError, UserError } from '../errors.js';
import type { JournalRecord } from './journal-records.js';

/**
 * Observes each batch on its way to disk. A hook that throws stops the journal for good, as if
 * the process had died there; tests use it to cut a run at an exact point.
 */
export interface JournalHooks {
  beforeWrite?: (records: readonly JournalRecord[]) => void;
  afterWrite?: (records: readonly JournalRecord[]) => void;
}

interface Waiting {
  text: string;
  records: JournalRecord[];
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Appends records as JSON Lines and fsyncs before a write() resolves, so a caller that awaits
 * it knows the records survive a crash. Writes that arrive while a flush runs share the next
 * flush (group commit): concurrent patches do not pay one fsync each.
 */
export class JournalWriter {
  private waiting: Waiting[] = [];
  private flushing: Promise<void> | null = null;
  private broken: Error | null = null;

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    private readonly hooks: JournalHooks,
  ) {}

  /** A new journal; an existing file is never overwritten. */
  static async create(path: string, hooks: JournalHooks = {}): Promise<JournalWriter> {
    let handle: FileHandle;
    try {
      handle = await open(path, 'wx', 0o600);
    } catch (error) {
      throw cannotOpen(path, error);
    }
    await syncFolder(path);
    return new JournalWriter(path, handle, hooks);
  }

  /** An existing journal, to add a resumed run's records to. */
  static async append(path: string, hooks: JournalHooks = {}): Promise<JournalWriter> {
    try {
      return new JournalWriter(path, await open(path, 'a'), hooks);
    } catch (error) {
      throw cannotOpen(path, error);
    }
  }

  write(records: readonly JournalRecord[]): Promise<void> {
    if (this.broken !== null) return Promise.reject(this.broken);
    const text = records.map((record) => `${JSON.stringify(record)}\n`).join('');

    return new Promise((resolve, reject) => {
      this.waiting.push({ text, records: [...records], resolve, reject });
      this.flushing ??= this.flushAll();
    });
  }

  async close(): Promise<void> {
    await this.flushing;
    await this.handle.close();
  }

  private async flushAll(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0);
      try {
        await this.flushBatch(batch);
        for (const item of batch) item.resolve();
      } catch (error) {
        this.broken ??= asJournalError(this.path, error);
        for (const item of [...batch, ...this.waiting.splice(0)]) item.reject(this.broken);
      }
    }
    this.flushing = null;
  }

  private async flushBatch(batch: Waiting[]): Promise<void> {
    if (this.broken !== null) throw this.broken;
    const records = batch.flatMap((item) => item.records);
    this.hooks.beforeWrite?.(records);

    await this.handle.appendFile(batch.map((item) => item.text).join(''), 'utf8');
    await this.handle.sync();
    this.hooks.afterWrite?.(records);
  }
}

/** The folder entry of a new file must reach the disk too, or a crash can lose the file. */
async function syncFolder(path: string): Promise<void> {
  try {
    const folder = await open(dirname(path), 'r');
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
  } catch {
    // Some file systems refuse fsync on a folder; the file's own fsyncs still hold.
  }
}

function cannotOpen(path: string, error: unknown): ConfigError {
  const code = (error as { code?: string }).code ?? String(error);
  if (code === 'EEXIST') {
    return new ConfigError(
      `the journal ${path} already exists; a journal is never overwritten.`,
      'Pick another --journal FILE, or finish that one with --resume.',
    );
  }
  return new ConfigError(
    `cannot open the journal ${path} (${code}).`,
    'Check that the folder exists and is writable.',
  );
}

function asJournalError(path: string, error: unknown): Error {
  if (error instanceof UserError) return error;
  const code = (error as { code?: string }).code;
  if (!code) return error instanceof Error ? error : new Error(String(error));
  return new UserError(`cannot write the journal ${path} (${code}); nothing more was sent.`, {
    suggestion: `Free the disk, then run: mto-audit fix --resume ${path}`,
    exitCode: 1,
  });
}
