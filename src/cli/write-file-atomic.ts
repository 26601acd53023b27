import { createWriteStream, type WriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ConfigError } from '../errors.js';

/**
 * Streams into a temporary file, syncs it, then renames it over `path`, so an
 * interrupted run never leaves a half-written export where a complete one was.
 */
export async function writeFileAtomic(
  path: string,
  write: (stream: WriteStream) => Promise<void>,
): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    const stream = createWriteStream(temporary, { mode: 0o644 });
    await write(stream);
    await endStream(stream);
    await syncFile(temporary);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    const reason = (error as { code?: string }).code ?? String(error);
    throw new ConfigError(
      `cannot write ${path} (${reason}).`,
      'Check that the folder exists and is writable.',
    );
  }
}

function endStream(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.end(() => resolve());
  });
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
