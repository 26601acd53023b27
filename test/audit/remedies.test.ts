import { describe, expect, it } from 'vitest';
import { computeExpected } from '../../src/audit/expected.js';
import { describeRemedy, remedyFor } from '../../src/audit/remedies.js';
import { DEFAULT_POLICY, SIGNATURE_CODES, type SignatureCode } from '../../src/audit/types.js';
import { makeFacts, type FactsOverrides } from './make-facts.js';

function remedy(
  codes: SignatureCode[],
  overrides: FactsOverrides = {},
  profile = 'marketplace-listing',
) {
  const facts = makeFacts(overrides);
  const expected = computeExpected(facts, DEFAULT_POLICY);
  return remedyFor(codes, { profile, facts, expected, policy: DEFAULT_POLICY });
}

const FORMULA_START = /^[=+\-@\t\r]/;

describe('remedyFor', () => {
  it('reads as one line for the contract example row', () => {
    const text = remedy(['SUPPRESSED_IN_PRODUCTION', 'WRONG_CODE_PATH', 'LEAD_TIME_MISMATCH'], {
      odoo: { freeQty: 0, listingQty: 999, saleDelay: 14 },
      amazon: { quantity: 0, leadTimeDays: 2, status: ['DISCOVERABLE'] },
    });

    expect(text).toBe(
      'Amazon has 0 in stock, so buyers cannot order. ' +
        'The sync sends product free_qty (0), not marketplace.listing qty (999): ' +
        "point the connector's quantity at the listing. " +
        'Amazon lead time is 2 days, Odoo expects 14 (product sale_delay): ' +
        'have the connector send product sale_delay as lead_time_to_ship_max_days. ' +
        'Then run mto-audit fix to push quantity 999 and lead time 14 days.',
    );
  });

  it.each([...SIGNATURE_CODES])('%s gives a single line that is no formula', (code) => {
    for (const profile of ['marketplace-listing', 'sale-amazon', 'amazon-ept']) {
      const readError = code === 'READ_FAILED' ? 'HTTP 503\nafter retries' : null;
      const text = remedy([code], { amazon: { readError } }, profile);
      expect(text.length).toBeGreaterThan(10);
      expect(text).not.toMatch(/[\r\n]/);
      expect(text).not.toMatch(FORMULA_START);
      expect(text.endsWith('.')).toBe(true);
    }
  });

  it('puts the most severe remedy first whatever order the codes come in', () => {
    const text = remedy(['DRIFT', 'LEAD_TIME_MISMATCH'], {
      amazon: { quantity: 500, leadTimeDays: 5 },
    });

    expect(text.indexOf('Amazon lead time is 5 days')).toBe(0);
    expect(text).toContain('Amazon has 500, Odoo expects 999');
  });

  it('names the connector behaviour of sale-amazon for WRONG_SCHEMA', () => {
    const text = remedy(
      ['SUPPRESSED_IN_PRODUCTION', 'WRONG_SCHEMA'],
      { odoo: { listingQty: null }, amazon: { quantity: 0 } },
      'sale-amazon',
    );

    expect(text).toContain('sync_stock');
    expect(text).toContain('overwrites a pushed quantity at its next run');
    expect(text).toContain('Then run mto-audit fix to push quantity 999');
  });

  it('tells marketplace-listing users to set the listing qty', () => {
    const text = remedy(['WRONG_SCHEMA'], { odoo: { listingQty: 0, freeQty: 2 } });
    expect(text).toContain('The listing quantity (marketplace.listing qty) is 0');
    expect(text).toContain('set it to 999');
  });

  it('asks for a mapped quantity field when the model has none', () => {
    const text = remedy(['WRONG_SCHEMA'], { odoo: { listingQty: null } }, 'amazon-ept');
    expect(text).toContain('has no quantity field');
    expect(text).toContain('config file');
  });

  it('says that sale-amazon never sends a lead time', () => {
    const text = remedy(['LEAD_TIME_MISMATCH'], { amazon: { leadTimeDays: null } }, 'sale-amazon');
    expect(text).toContain('Amazon has no lead time, Odoo expects 14');
    expect(text).toContain('never sends one');
  });

  it('sends the capped lead time when EL is over 30', () => {
    const text = remedy(['LEAD_TIME_MISMATCH', 'LEAD_TIME_OVER_LIMIT'], {
      odoo: { saleDelay: 31 },
      amazon: { leadTimeDays: 20 },
    });
    expect(text).toContain('Odoo expects 30');
    expect(text).toContain('Product sale_delay gives 31 days');
    expect(text).toContain('mto-audit fix skips this row until that is resolved');
    expect(text).not.toContain('Then run mto-audit fix');
  });

  it('explains the capacity arithmetic', () => {
    const text = remedy(['OVER_CAPACITY'], {
      odoo: { weeklyCapacity: 12, saleDelay: 14, inProduction: 8 },
      amazon: { quantity: 40 },
    });
    expect(text).toContain('12/week over 14 days minus 8 in production leaves 16');
    expect(text).toContain('push quantity 16 and lead time 14 days');
  });

  it('asks to raise a low listing quantity instead of pushing it', () => {
    const text = remedy(['QTY_TOO_LOW'], { odoo: { listingQty: 5 }, amazon: { quantity: 5 } });
    expect(text).toContain('raise marketplace.listing qty (5) to at least 20');
    expect(text).not.toContain('mto-audit fix');
  });

  it('does not offer a push above the push limit', () => {
    const text = remedy(['QTY_TOO_HIGH'], {
      odoo: { listingQty: 99_999 },
      amazon: { quantity: 99_999 },
    });
    expect(text).toContain('mto-audit fix will not push more than 10000');
  });

  it('gives the read error on one line', () => {
    const text = remedy(['READ_FAILED'], {
      amazon: { found: false, readError: 'HTTP 503\n  after 5 tries.' },
    });
    expect(text).toBe(
      'Amazon could not be read (HTTP 503 after 5 tries): rerun mto-audit audit, ' +
        'and run mto-audit doctor if it keeps failing.',
    );
  });

  it('names the suppressing issue', () => {
    const text = remedy(['SUPPRESSED_IN_PRODUCTION'], {
      amazon: {
        issues: [
          {
            code: '18155',
            message: 'minimum price',
            severity: 'ERROR',
            enforcements: {
              actions: [{ action: 'LISTING_SUPPRESSED' }],
              exemption: { status: 'NOT_EXEMPT' },
            },
          },
        ],
      },
    });
    expect(text).toBe(
      'Amazon suppressed the listing (issue 18155): resolve that issue in Seller Central.',
    );
  });

  it('tells sale-amazon users which offer to remove for NOT_LISTED', () => {
    const text = remedy(['NOT_LISTED'], { amazon: { found: false } }, 'sale-amazon');
    expect(text).toContain('No US offer for this SKU');
    expect(text).toContain('amazon.offer');
  });

  it('says so when nothing is wrong', () => {
    expect(remedy(['OK'])).toBe('No action needed.');
  });
});

describe('describeRemedy', () => {
  it('gives one code clause without a full stop', () => {
    const facts = makeFacts({ duplicate: true });
    const context = {
      profile: 'marketplace-listing',
      facts,
      expected: computeExpected(facts, DEFAULT_POLICY),
      policy: DEFAULT_POLICY,
    };
    expect(describeRemedy('DUPLICATE_LISTING', context)).toBe(
      'Two Odoo listings map to this SKU in US: archive one so that a single quantity is synced',
    );
  });
});
