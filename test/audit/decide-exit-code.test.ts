import { describe, expect, it } from 'vitest';
import { classifyRow } from '../../src/audit/classify.js';
import { decideExitCode, type FailOn } from '../../src/audit/decide-exit-code.js';
import { DEFAULT_POLICY, type AuditRow } from '../../src/audit/types.js';
import { makeFacts, type FactsOverrides } from './make-facts.js';

const classify = (overrides: FactsOverrides): AuditRow =>
  classifyRow(makeFacts(overrides), DEFAULT_POLICY, { profile: 'marketplace-listing' });

const OK = classify({});
const WARNING = classify({ amazon: { quantity: 500 } });
const ERROR = classify({ amazon: { leadTimeDays: 3 } });
const CRITICAL = classify({ amazon: { quantity: 0 } });
const UNREAD = classify({ amazon: { found: false, quantity: null, readError: 'timeout' } });

describe('decideExitCode', () => {
  it('builds its fixtures at the severities it means', () => {
    expect([OK, WARNING, ERROR, CRITICAL, UNREAD].map((row) => row.severity)).toEqual([
      'ok',
      'warning',
      'error',
      'critical',
      'error',
    ]);
  });

  it.each<[FailOn, 0 | 1, string]>([
    ['critical', 0, 'exit 0: no rows at or above critical (--fail-on critical)'],
    ['error', 1, 'exit 1: 1 row at or above error (--fail-on error)'],
    ['warning', 1, 'exit 1: 2 rows at or above warning (--fail-on warning)'],
    ['never', 0, 'exit 0: findings never fail the audit (--fail-on never)'],
  ])('--fail-on %s over a warning, an error and an ok row', (failOn, code, reason) => {
    expect(decideExitCode([OK, WARNING, ERROR], failOn)).toEqual({ code, reason });
  });

  it('fails on critical rows at --fail-on critical', () => {
    expect(decideExitCode([CRITICAL, CRITICAL, WARNING], 'critical')).toEqual({
      code: 1,
      reason: 'exit 1: 2 rows at or above critical (--fail-on critical)',
    });
  });

  it.each<FailOn>(['critical', 'error', 'warning', 'never'])(
    'exits 3 for unread rows over findings at --fail-on %s',
    (failOn) => {
      expect(decideExitCode([CRITICAL, UNREAD, ERROR], failOn)).toEqual({
        code: 3,
        reason: 'exit 3: 1 row could not be read (READ_FAILED), the audit is incomplete',
      });
    },
  );

  it('counts unread rows', () => {
    expect(decideExitCode([UNREAD, UNREAD], 'error').reason).toBe(
      'exit 3: 2 rows could not be read (READ_FAILED), the audit is incomplete',
    );
  });

  it('exits 0 with nothing to report', () => {
    expect(decideExitCode([], 'warning')).toEqual({
      code: 0,
      reason: 'exit 0: no rows at or above warning (--fail-on warning)',
    });
    expect(decideExitCode([OK], 'warning').code).toBe(0);
  });
});
