import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ConfigError } from '../errors.js';

/**
 * Writes through a temporary file and a rename, so that an interrupted run
 * never leaves a half-written export where a complete one used to be.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    const handle = await open(temporary, 'w', 0o644);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
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
