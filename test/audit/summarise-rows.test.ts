import { describe, expect, it } from 'vitest';
import { classifyRow } from '../../src/audit/classify.js';
import { summariseRows } from '../../src/audit/summarise-rows.js';
import { DEFAULT_POLICY } from '../../src/audit/types.js';
import { makeFacts } from './make-facts.js';

const classify = (facts: ReturnType<typeof makeFacts>) =>
  classifyRow(facts, DEFAULT_POLICY, { profile: 'marketplace-listing' });

describe('summariseRows', () => {
  it('counts rows, signatures and severities that occur, in contract order', () => {
    const rows = [
      classify(makeFacts({ amazon: { quantity: 0, leadTimeDays: 2 } })),
      classify(makeFacts({ amazon: { quantity: 500 } })),
      classify(makeFacts({ amazon: { quantity: 500, leadTimeDays: 3 } })),
      classify(makeFacts()),
    ];

    const summary = summariseRows(rows);

    expect(summary).toEqual({
      rows: 4,
      bySignature: {
        SUPPRESSED_IN_PRODUCTION: 1,
        WRONG_CODE_PATH: 1,
        LEAD_TIME_MISMATCH: 2,
        DRIFT: 2,
        OK: 1,
      },
      bySeverity: { critical: 1, error: 1, warning: 1, ok: 1 },
    });
    expect(Object.keys(summary.bySignature)).toEqual([
      'SUPPRESSED_IN_PRODUCTION',
      'WRONG_CODE_PATH',
      'LEAD_TIME_MISMATCH',
      'DRIFT',
      'OK',
    ]);
  });

  it('summarises the contract example as the contract does', () => {
    const row = classify(
      makeFacts({ amazon: { quantity: 0, leadTimeDays: 2, status: ['DISCOVERABLE'] } }),
    );
    expect(summariseRows([row])).toEqual({
      rows: 1,
      bySignature: { SUPPRESSED_IN_PRODUCTION: 1, WRONG_CODE_PATH: 1, LEAD_TIME_MISMATCH: 1 },
      bySeverity: { critical: 1 },
    });
  });

  it('is empty for no rows', () => {
    expect(summariseRows([])).toEqual({ rows: 0, bySignature: {}, bySeverity: {} });
  });
});
