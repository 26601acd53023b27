import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Tests make temporary folders (configs, journals, CSV exports, sandbox config
 * files) in os.tmpdir(). Pointing TMPDIR at one folder per run, inherited by
 * the test workers and the CLI processes they spawn, lets teardown remove all
 * of it at once.
 */
export default function setup(): () => void {
  const folder = mkdtempSync(join(tmpdir(), 'mto-audit-tests-'));
  process.env.TMPDIR = folder;
  return () => rmSync(folder, { recursive: true, force: true });
}
