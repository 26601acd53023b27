import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { applyPaint, buildSeverityPaints, capturePaint } from '../../src/report/paint.js';

describe('capturePaint', () => {
  it('paints exactly as chalk does', () => {
    const chalk = new Chalk({ level: 1 });

    expect(applyPaint(capturePaint(chalk.red.bold), 'Wallet')).toBe(chalk.red.bold('Wallet'));
    expect(applyPaint(capturePaint(chalk.yellow), '財布')).toBe(chalk.yellow('財布'));
  });

  it('adds nothing at colour level 0 and never paints empty text', () => {
    const paints = buildSeverityPaints(new Chalk({ level: 0 }));
    const red = capturePaint(new Chalk({ level: 1 }).red);

    expect(Object.values(paints)).toEqual(Array(4).fill({ open: '', close: '' }));
    expect(applyPaint(red, '')).toBe('');
  });

  it('gives each severity its colour', () => {
    const paints = buildSeverityPaints(new Chalk({ level: 1 }));

    expect(paints.critical).toEqual({ open: '\u001b[31m\u001b[1m', close: '\u001b[22m\u001b[39m' });
    expect(paints.error).toEqual({ open: '\u001b[31m', close: '\u001b[39m' });
    expect(paints.warning).toEqual({ open: '\u001b[33m', close: '\u001b[39m' });
    expect(paints.ok).toEqual({ open: '\u001b[32m', close: '\u001b[39m' });
  });
});
