import { isAtOrAbove } from './severity.js';
import type { AuditRow } from './types.js';

export const FAIL_ON_LEVELS = ['critical', 'error', 'warning', 'never'] as const;
export type FailOn = (typeof FAIL_ON_LEVELS)[number];

export interface ExitDecision {
  code: 0 | 1 | 3;
  /** One sentence for the report's last line. */
  reason: string;
}

/**
 * Exit code of `audit` (§6). Unreadable rows make the audit incomplete: that is exit 3 whatever
 * --fail-on says, and it wins over findings.
 */
export function decideExitCode(rows: readonly AuditRow[], failOn: FailOn): ExitDecision {
  const unread = rows.filter((row) => row.signatures.includes('READ_FAILED')).length;
  if (unread > 0) {
    return {
      code: 3,
      reason:
        `exit 3: ${countRows(unread)} could not be read (READ_FAILED), ` +
        'the audit is incomplete',
    };
  }
  if (failOn === 'never') {
    return { code: 0, reason: 'exit 0: findings never fail the audit (--fail-on never)' };
  }

  const failing = rows.filter((row) => isAtOrAbove(row.severity, failOn)).length;
  const flag = `(--fail-on ${failOn})`;
  if (failing > 0) {
    return { code: 1, reason: `exit 1: ${countRows(failing)} at or above ${failOn} ${flag}` };
  }
  return { code: 0, reason: `exit 0: no rows at or above ${failOn} ${flag}` };
}

function countRows(count: number): string {
  return count === 1 ? '1 row' : `${count} rows`;
}
