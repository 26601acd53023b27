import { describe, expect, it } from 'vitest';
import { findMarketplaceConflicts, type ConflictCandidate } from '../../src/audit/conflicts.js';

function row(
  marketplaceId: string,
  region: string,
  expectedQuantity: number,
  sku = 'MUG',
): ConflictCandidate {
  return { sku, marketplaceId, region, expectedQuantity };
}

describe('findMarketplaceConflicts', () => {
  it('flags both marketplaces of a region that want different quantities', () => {
    const rows = [row('ATVPDKIKX0DER', 'na', 999), row('A2EUQ1WTGCTBG2', 'na', 500)];
    expect(findMarketplaceConflicts(rows)).toEqual([true, true]);
  });

  it('leaves agreeing marketplaces alone', () => {
    const rows = [row('ATVPDKIKX0DER', 'na', 999), row('A2EUQ1WTGCTBG2', 'na', 999)];
    expect(findMarketplaceConflicts(rows)).toEqual([false, false]);
  });

  it('does not compare across regions', () => {
    const rows = [row('ATVPDKIKX0DER', 'na', 999), row('A1PA6795UKMFR9', 'eu', 500)];
    expect(findMarketplaceConflicts(rows)).toEqual([false, false]);
  });

  it('does not compare different SKUs, case included', () => {
    const rows = [row('ATVPDKIKX0DER', 'na', 999, 'mug'), row('A2EUQ1WTGCTBG2', 'na', 5, 'MUG')];
    expect(findMarketplaceConflicts(rows)).toEqual([false, false]);
  });

  it('leaves duplicates within one marketplace to DUPLICATE_LISTING', () => {
    const rows = [row('ATVPDKIKX0DER', 'na', 999), row('ATVPDKIKX0DER', 'na', 500)];
    expect(findMarketplaceConflicts(rows)).toEqual([false, false]);
  });

  it('flags every marketplace of the region when one disagrees', () => {
    const rows = [
      row('ATVPDKIKX0DER', 'na', 999),
      row('A1PA6795UKMFR9', 'eu', 999),
      row('A2EUQ1WTGCTBG2', 'na', 999),
      row('A1AM78C64UM0Y8', 'na', 500),
    ];
    expect(findMarketplaceConflicts(rows)).toEqual([true, false, true, true]);
  });

  it('answers an empty input with an empty list', () => {
    expect(findMarketplaceConflicts([])).toEqual([]);
  });
});
