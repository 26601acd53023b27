import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('--help', () => {
  it('lists every command with its summary', async () => {
    const result = await runCli(['--help']);
    expect(result.stdout).toMatch(/^Audit and fix made-to-order Amazon listings/);
    expect(result.stdout).toMatch(/^USAGE\n\s+\$ mto-audit \[COMMAND\]/m);
    for (const command of ['audit', 'demo', 'doctor', 'fix', 'rollback', 'sandbox']) {
      expect(result.stdout).toMatch(new RegExp(`^  ${command} +[A-Z]\\w+`, 'm'));
    }
    expect(result.code).toBe(0);
  });

  it.each(['doctor', 'audit', 'sandbox', 'demo'])(
    '%s --help shows a summary, a description, examples and the global flags',
    async (command) => {
      const result = await runCli([command, '--help']);
      const text = result.stdout;
      const [summary] = text.split('\n');

      expect(summary).toMatch(/^[A-Z].{20,}\.$/);
      expect(text).toContain(`$ mto-audit ${command}`);
      const description = /\nDESCRIPTION\n {2}(.+)\n\n {2}([\s\S]+?)\n\n(?:EXAMPLES|[A-Z])/.exec(
        text,
      );
      expect(description?.[1]).toBe(summary);
      expect((description?.[2] ?? '').length).toBeGreaterThan(80);
      const examples = text.slice(text.indexOf('\nEXAMPLES\n'));
      expect(
        examples.match(new RegExp(`\\$ mto-audit ${command}\\b`, 'g'))?.length,
      ).toBeGreaterThanOrEqual(2);
      for (const flag of ['--config', '--json', '--verbose', '--[no-]color']) {
        expect(text).toContain(flag);
      }
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    },
  );
});
