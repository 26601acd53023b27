import type { ChalkInstance } from 'chalk';
import type { Severity } from '../audit/types.js';

/** The escape codes around a coloured text; both empty when colour is off. */
export interface Paint {
  open: string;
  close: string;
}

export type SeverityPaints = Readonly<Record<Severity, Paint>>;

const MARK = '\u0000';

/**
 * Takes chalk's codes apart once, so 100,000 rows cost two string joins each instead of a
 * chalk call per cell. Plain concatenation equals chalk's output because table text never
 * holds escape codes or line breaks (sanitizeText removes them).
 */
export function capturePaint(style: (text: string) => string): Paint {
  const [open = '', close = ''] = style(MARK).split(MARK);
  return { open, close };
}

export function applyPaint(paint: Paint, text: string): string {
  return text === '' ? '' : `${paint.open}${text}${paint.close}`;
}

/** critical red bold, error red, warning yellow, ok green. */
export function buildSeverityPaints(chalk: ChalkInstance): SeverityPaints {
  return {
    critical: capturePaint(chalk.red.bold),
    error: capturePaint(chalk.red),
    warning: capturePaint(chalk.yellow),
    ok: capturePaint(chalk.green),
  };
}
