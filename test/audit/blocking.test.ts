import { describe, expect, it } from 'vitest';
import { findBlockReason } from '../../src/audit/blocking.js';
import { DEFAULT_POLICY, type SignatureCode } from '../../src/audit/types.js';

const expected = (quantity: number) => ({ quantity, leadTimeDays: 14 });

describe('findBlockReason', () => {
  it.each<SignatureCode>([
    'NOT_LISTED',
    'READ_FAILED',
    'DUPLICATE_LISTING',
    'MARKETPLACE_CONFLICT',
    'LEAD_TIME_OVER_LIMIT',
  ])('blocks a row carrying %s', (code) => {
    expect(findBlockReason(['DRIFT', code], expected(999), DEFAULT_POLICY)).toBe(code);
  });

  it.each<SignatureCode>(['SUPPRESSED_IN_PRODUCTION', 'WRONG_SCHEMA', 'DRIFT', 'QTY_TOO_HIGH'])(
    'lets %s through',
    (code) => {
      expect(findBlockReason([code], expected(999), DEFAULT_POLICY)).toBeNull();
    },
  );

  it('blocks a quantity above the push limit, and only above it', () => {
    expect(findBlockReason(['DRIFT'], expected(10_000), DEFAULT_POLICY)).toBeNull();
    expect(findBlockReason(['DRIFT'], expected(10_001), DEFAULT_POLICY)).toBe(
      'expected quantity 10001 is above the push limit 10000',
    );
  });
});
