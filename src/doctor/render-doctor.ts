import { Chalk } from 'chalk';
import type { DoctorResult } from './run-doctor.js';

const MARK = { pass: '✓', fail: '✗', info: '-' } as const;

export function renderDoctor(result: DoctorResult, color: boolean): string {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  const paint = { pass: chalk.green, fail: chalk.red, info: chalk.dim };
  const lines = result.checks.map((check) => {
    const mark = paint[check.status](MARK[check.status]);
    return `${mark} ${check.name}: ${check.detail}`;
  });
  return `${lines.join('\n')}\n`;
}

export function renderDoctorJson(result: DoctorResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
