import { describe, expect, it } from 'vitest';
import { compareSeverity, isAtOrAbove, rowSeverity, severityOf } from '../../src/audit/severity.js';
import { SIGNATURE_CODES, type Severity, type SignatureCode } from '../../src/audit/types.js';

const CONTRACT_SEVERITY: [SignatureCode, Severity][] = [
  ['SUPPRESSED_IN_PRODUCTION', 'critical'],
  ['OVERSELL_RISK', 'critical'],
  ['WRONG_SCHEMA', 'error'],
  ['WRONG_CODE_PATH', 'error'],
  ['LEAD_TIME_MISMATCH', 'error'],
  ['OVER_CAPACITY', 'error'],
  ['MARKETPLACE_CONFLICT', 'error'],
  ['DUPLICATE_LISTING', 'error'],
  ['READ_FAILED', 'error'],
  ['LEAD_TIME_OVER_LIMIT', 'warning'],
  ['QTY_TOO_LOW', 'warning'],
  ['QTY_TOO_HIGH', 'warning'],
  ['NOT_LISTED', 'warning'],
  ['DRIFT', 'warning'],
  ['OK', 'ok'],
];

describe('severityOf', () => {
  it.each(CONTRACT_SEVERITY)('%s is %s', (code, severity) => {
    expect(severityOf(code)).toBe(severity);
  });

  it('covers every code of the contract', () => {
    expect(CONTRACT_SEVERITY.map(([code]) => code)).toEqual([...SIGNATURE_CODES]);
  });
});

describe('rowSeverity', () => {
  it.each<[SignatureCode[], Severity]>([
    [['OK'], 'ok'],
    [[], 'ok'],
    [['DRIFT'], 'warning'],
    [['LEAD_TIME_MISMATCH', 'DRIFT'], 'error'],
    [['DRIFT', 'OVERSELL_RISK'], 'critical'],
    [['SUPPRESSED_IN_PRODUCTION', 'WRONG_CODE_PATH', 'LEAD_TIME_MISMATCH'], 'critical'],
    [['READ_FAILED', 'LEAD_TIME_OVER_LIMIT'], 'error'],
  ])('%j is %s', (codes, severity) => {
    expect(rowSeverity(codes)).toBe(severity);
  });
});

describe('compareSeverity and isAtOrAbove', () => {
  it('sorts critical, error, warning, ok', () => {
    const shuffled: Severity[] = ['ok', 'warning', 'critical', 'error', 'ok', 'critical'];
    expect(shuffled.sort(compareSeverity)).toEqual([
      'critical',
      'critical',
      'error',
      'warning',
      'ok',
      'ok',
    ]);
  });

  it.each<[Severity, Severity, boolean]>([
    ['critical', 'error', true],
    ['error', 'error', true],
    ['warning', 'error', false],
    ['warning', 'warning', true],
    ['ok', 'warning', false],
    ['error', 'critical', false],
  ])('%s at or above %s: %s', (severity, threshold, result) => {
    expect(isAtOrAbove(severity, threshold)).toBe(result);
  });
});
