import { describe, expect, it } from 'vitest';
import { computeExpected } from '../../src/audit/expected.js';
import { detectSignatures } from '../../src/audit/signatures.js';
import {
  DEFAULT_POLICY,
  type AmazonIssue,
  type Policy,
  type SignatureCode,
} from '../../src/audit/types.js';
import { makeFacts, type FactsOverrides } from './make-facts.js';

interface Case {
  name: string;
  facts: FactsOverrides;
  codes: SignatureCode[];
}

function detect(overrides: FactsOverrides, policy: Policy = DEFAULT_POLICY, nowMs?: number) {
  const facts = makeFacts(overrides);
  return detectSignatures(facts, computeExpected(facts, policy), policy, nowMs);
}

function runCases(cases: Case[]): void {
  it.each(cases)('$name', ({ facts, codes }) => {
    expect(detect(facts)).toEqual(codes);
  });
}

function suppressionIssue(status: string, expiryDate?: string): AmazonIssue {
  return {
    code: '18155',
    message: 'minimum price above selling price',
    severity: 'ERROR',
    categories: ['INVALID_PRICE'],
    enforcements: {
      actions: [{ action: 'LISTING_SUPPRESSED' }],
      exemption: expiryDate === undefined ? { status } : { status, expiryDate },
    },
  };
}

describe('OK', () => {
  runCases([
    { name: 'healthy uncapped MTO row', facts: {}, codes: ['OK'] },
    {
      name: 'healthy stocked row mirroring free_qty',
      facts: { mto: false, odoo: { listingQty: null, freeQty: 5 }, amazon: { quantity: 5 } },
      codes: ['OK'],
    },
    {
      name: 'stocked row out of stock at 0 is not suppressed (E = 0)',
      facts: { mto: false, odoo: { listingQty: null, freeQty: 0 }, amazon: { quantity: 0 } },
      codes: ['OK'],
    },
  ]);
});

describe('SUPPRESSED_IN_PRODUCTION', () => {
  runCases([
    {
      name: 'A = 0 while E = 999',
      facts: { odoo: { freeQty: 3 }, amazon: { quantity: 0 } },
      codes: ['SUPPRESSED_IN_PRODUCTION'],
    },
    {
      name: 'A = 0 with F = 0 is also the free_qty code path',
      facts: { odoo: { freeQty: 0 }, amazon: { quantity: 0 } },
      codes: ['SUPPRESSED_IN_PRODUCTION', 'WRONG_CODE_PATH'],
    },
    {
      name: 'summary status without BUYABLE',
      facts: { amazon: { status: ['DISCOVERABLE'] } },
      codes: ['SUPPRESSED_IN_PRODUCTION'],
    },
    {
      name: 'empty summary status',
      facts: { amazon: { status: [] } },
      codes: ['SUPPRESSED_IN_PRODUCTION'],
    },
    {
      name: 'LISTING_SUPPRESSED issue, NOT_EXEMPT',
      facts: { amazon: { issues: [suppressionIssue('NOT_EXEMPT')] } },
      codes: ['SUPPRESSED_IN_PRODUCTION'],
    },
    {
      name: 'LISTING_SUPPRESSED among several actions',
      facts: {
        amazon: {
          issues: [
            {
              ...suppressionIssue('NOT_EXEMPT'),
              enforcements: {
                actions: [{ action: 'SEARCH_SUPPRESSED' }, { action: 'LISTING_SUPPRESSED' }],
                exemption: { status: 'NOT_EXEMPT' },
              },
            },
          ],
        },
      },
      codes: ['SUPPRESSED_IN_PRODUCTION'],
    },
    {
      name: 'LISTING_SUPPRESSED issue with an EXEMPT exemption',
      facts: { amazon: { issues: [suppressionIssue('EXEMPT')] } },
      codes: ['OK'],
    },
    {
      name: 'SEARCH_SUPPRESSED only, NOT_EXEMPT',
      facts: {
        amazon: {
          issues: [
            {
              ...suppressionIssue('NOT_EXEMPT'),
              enforcements: {
                actions: [{ action: 'SEARCH_SUPPRESSED' }],
                exemption: { status: 'NOT_EXEMPT' },
              },
            },
          ],
        },
      },
      codes: ['OK'],
    },
    {
      name: 'issue without enforcements',
      facts: {
        amazon: {
          issues: [{ code: '90220', message: 'missing', severity: 'ERROR', categories: [] }],
        },
      },
      codes: ['OK'],
    },
    {
      name: 'capacity fully booked: A = 0 = E is not suppressed',
      facts: {
        odoo: { weeklyCapacity: 12, saleDelay: 14, inProduction: 24, listingQty: 10 },
        amazon: { quantity: 0 },
      },
      codes: ['OK'],
    },
    {
      name: 'stocked row with stock but A = 0',
      facts: { mto: false, odoo: { listingQty: null, freeQty: 5 }, amazon: { quantity: 0 } },
      codes: ['SUPPRESSED_IN_PRODUCTION'],
    },
  ]);

  const nowMs = Date.parse('2026-12-03T12:00:00Z');

  it('a temporary exemption that has not expired holds', () => {
    const issues = [suppressionIssue('EXEMPT_UNTIL_EXPIRY_DATE', '2027-01-01T00:00:00Z')];
    expect(detect({ amazon: { issues } }, DEFAULT_POLICY, nowMs)).toEqual(['OK']);
  });

  it('a temporary exemption that has expired does not', () => {
    const issues = [suppressionIssue('EXEMPT_UNTIL_EXPIRY_DATE', '2026-12-01T00:00:00Z')];
    expect(detect({ amazon: { issues } }, DEFAULT_POLICY, nowMs)).toEqual([
      'SUPPRESSED_IN_PRODUCTION',
    ]);
  });

  it('without a clock a temporary exemption counts as live', () => {
    const issues = [suppressionIssue('EXEMPT_UNTIL_EXPIRY_DATE', '2020-01-01T00:00:00Z')];
    expect(detect({ amazon: { issues } })).toEqual(['OK']);
  });
});

describe('OVERSELL_RISK', () => {
  runCases([
    {
      name: 'stocked, A > F',
      facts: { mto: false, odoo: { listingQty: null, freeQty: 5 }, amazon: { quantity: 6 } },
      codes: ['OVERSELL_RISK'],
    },
    {
      name: 'stocked, A > floor(F)',
      facts: { mto: false, odoo: { listingQty: null, freeQty: 5.7 }, amazon: { quantity: 6 } },
      codes: ['OVERSELL_RISK'],
    },
    {
      name: 'stocked, negative free_qty, A = 1',
      facts: { mto: false, odoo: { listingQty: null, freeQty: -2 }, amazon: { quantity: 1 } },
      codes: ['OVERSELL_RISK'],
    },
    {
      name: 'stocked, A below F but above the listing cap is drift, not oversell',
      facts: { mto: false, odoo: { listingQty: 3, freeQty: 10 }, amazon: { quantity: 5 } },
      codes: ['DRIFT'],
    },
    {
      name: 'MTO, A > F is expected',
      facts: { mto: true, odoo: { freeQty: 0 }, amazon: { quantity: 999 } },
      codes: ['OK'],
    },
    {
      name: 'stocked, A >= 99,999 is both',
      facts: { mto: false, odoo: { listingQty: null, freeQty: 5 }, amazon: { quantity: 99_999 } },
      codes: ['OVERSELL_RISK', 'QTY_TOO_HIGH'],
    },
  ]);
});

describe('WRONG_SCHEMA', () => {
  runCases([
    {
      name: 'MTO, Q null (no quantity field)',
      facts: { odoo: { listingQty: null }, amazon: { quantity: 999 } },
      codes: ['WRONG_SCHEMA'],
    },
    {
      name: 'MTO, Q = 0 (Odoo False)',
      facts: { odoo: { listingQty: 0 }, amazon: { quantity: 999 } },
      codes: ['WRONG_SCHEMA'],
    },
    {
      name: 'MTO, Q negative counts as empty',
      facts: { odoo: { listingQty: -1 }, amazon: { quantity: 999 } },
      codes: ['WRONG_SCHEMA'],
    },
    {
      name: 'MTO, Q null and Amazon at 0: the sale-amazon picture',
      facts: { odoo: { listingQty: null, freeQty: 0 }, amazon: { quantity: 0 } },
      codes: ['SUPPRESSED_IN_PRODUCTION', 'WRONG_SCHEMA'],
    },
    {
      name: 'capacity-bounded MTO, Q null',
      facts: {
        odoo: { listingQty: null, weeklyCapacity: 12, saleDelay: 14, inProduction: 8 },
        amazon: { quantity: 16 },
      },
      codes: ['WRONG_SCHEMA'],
    },
    {
      name: 'MTO, Q null, not on Amazon',
      facts: { odoo: { listingQty: null }, amazon: { found: false, quantity: null } },
      codes: ['WRONG_SCHEMA', 'NOT_LISTED'],
    },
    {
      name: 'stocked, Q null is fine',
      facts: { mto: false, odoo: { listingQty: null, freeQty: 5 }, amazon: { quantity: 5 } },
      codes: ['OK'],
    },
    {
      name: 'MTO, Q = 1 is a quantity (but low)',
      facts: { odoo: { listingQty: 1 }, amazon: { quantity: 1 } },
      codes: ['QTY_TOO_LOW'],
    },
  ]);
});

describe('WRONG_CODE_PATH', () => {
  runCases([
    {
      name: 'MTO, Q = 50, A = F = 30',
      facts: { odoo: { listingQty: 50, freeQty: 30 }, amazon: { quantity: 30 } },
      codes: ['WRONG_CODE_PATH'],
    },
    {
      name: 'MTO, Q = 50, A = floor(F) = 30',
      facts: { odoo: { listingQty: 50, freeQty: 30.6 }, amazon: { quantity: 30 } },
      codes: ['WRONG_CODE_PATH'],
    },
    {
      name: 'MTO, Q = 50, A = F = 3 is also too low',
      facts: { odoo: { listingQty: 50, freeQty: 3 }, amazon: { quantity: 3 } },
      codes: ['WRONG_CODE_PATH', 'QTY_TOO_LOW'],
    },
    {
      name: 'MTO, A = F = E is right whatever the path',
      facts: { odoo: { listingQty: 30, freeQty: 30 }, amazon: { quantity: 30 } },
      codes: ['OK'],
    },
    {
      name: 'MTO, A != F is drift',
      facts: { odoo: { listingQty: 50, freeQty: 30 }, amazon: { quantity: 31 } },
      codes: ['DRIFT'],
    },
    {
      name: 'capacity-bounded MTO with a listing quantity, A = F = 10, E = 16',
      facts: {
        odoo: {
          listingQty: 50,
          freeQty: 10,
          weeklyCapacity: 12,
          saleDelay: 14,
          inProduction: 8,
        },
        amazon: { quantity: 10 },
      },
      codes: ['WRONG_CODE_PATH'],
    },
  ]);
});

describe('LEAD_TIME_MISMATCH and LEAD_TIME_OVER_LIMIT', () => {
  runCases([
    {
      name: 'La 13, EL 14',
      facts: { amazon: { leadTimeDays: 13 } },
      codes: ['LEAD_TIME_MISMATCH'],
    },
    {
      name: 'La absent',
      facts: { amazon: { leadTimeDays: null } },
      codes: ['LEAD_TIME_MISMATCH'],
    },
    {
      name: 'D 0.5 gives EL 1, La 1',
      facts: { odoo: { saleDelay: 0.5 }, amazon: { leadTimeDays: 1 } },
      codes: ['OK'],
    },
    {
      name: 'D 0.5 gives EL 1, La 0',
      facts: { odoo: { saleDelay: 0.5 }, amazon: { leadTimeDays: 0 } },
      codes: ['LEAD_TIME_MISMATCH'],
    },
    {
      name: 'D 13.2 gives EL 14, La 14',
      facts: { odoo: { saleDelay: 13.2 }, amazon: { leadTimeDays: 14 } },
      codes: ['OK'],
    },
    {
      name: 'D 13.2 gives EL 14, La 13',
      facts: { odoo: { saleDelay: 13.2 }, amazon: { leadTimeDays: 13 } },
      codes: ['LEAD_TIME_MISMATCH'],
    },
    {
      name: 'D 0 gives the default 10, La 10',
      facts: { odoo: { saleDelay: 0 }, amazon: { leadTimeDays: 10 } },
      codes: ['OK'],
    },
    {
      name: 'EL 30, La 30',
      facts: { odoo: { saleDelay: 30 }, amazon: { leadTimeDays: 30 } },
      codes: ['OK'],
    },
    {
      name: 'EL 31 over the limit, La 30 matches the cap',
      facts: { odoo: { saleDelay: 31 }, amazon: { leadTimeDays: 30 } },
      codes: ['LEAD_TIME_OVER_LIMIT'],
    },
    {
      name: 'EL 31 (D 30.5), La 30',
      facts: { odoo: { saleDelay: 30.5 }, amazon: { leadTimeDays: 30 } },
      codes: ['LEAD_TIME_OVER_LIMIT'],
    },
    {
      name: 'EL 31, La 31 is compared with 30',
      facts: { odoo: { saleDelay: 31 }, amazon: { leadTimeDays: 31 } },
      codes: ['LEAD_TIME_MISMATCH', 'LEAD_TIME_OVER_LIMIT'],
    },
    {
      name: 'EL 31, not on Amazon: only Odoo-side codes',
      facts: { odoo: { saleDelay: 31 }, amazon: { found: false, quantity: null } },
      codes: ['LEAD_TIME_OVER_LIMIT', 'NOT_LISTED'],
    },
  ]);
});

describe('OVER_CAPACITY', () => {
  const capacity = { weeklyCapacity: 12, saleDelay: 14, inProduction: 8, listingQty: 100 };

  runCases([
    {
      name: 'A 17 > E 16',
      facts: { odoo: capacity, amazon: { quantity: 17 } },
      codes: ['OVER_CAPACITY'],
    },
    { name: 'A 16 = E', facts: { odoo: capacity, amazon: { quantity: 16 } }, codes: ['OK'] },
    {
      name: 'A 15 < E is drift, and not too low (capacity-bounded)',
      facts: { odoo: capacity, amazon: { quantity: 15 } },
      codes: ['DRIFT'],
    },
    {
      name: 'A 99,999',
      facts: { odoo: capacity, amazon: { quantity: 99_999 } },
      codes: ['OVER_CAPACITY', 'QTY_TOO_HIGH'],
    },
    {
      name: 'uncapped MTO above E is drift',
      facts: { odoo: { listingQty: 50 }, amazon: { quantity: 60 } },
      codes: ['DRIFT'],
    },
  ]);
});

describe('QTY_TOO_LOW', () => {
  runCases([
    { name: 'A 19', facts: { amazon: { quantity: 19 } }, codes: ['QTY_TOO_LOW'] },
    { name: 'A 1', facts: { amazon: { quantity: 1 } }, codes: ['QTY_TOO_LOW'] },
    { name: 'A 20', facts: { amazon: { quantity: 20 } }, codes: ['DRIFT'] },
    {
      name: 'A 0',
      facts: { odoo: { freeQty: 0 }, amazon: { quantity: 0 } },
      codes: ['SUPPRESSED_IN_PRODUCTION', 'WRONG_CODE_PATH'],
    },
    {
      name: 'capacity 0 is uncapped',
      facts: { odoo: { weeklyCapacity: 0 }, amazon: { quantity: 19 } },
      codes: ['QTY_TOO_LOW'],
    },
    {
      name: 'stocked rows are never too low',
      facts: { mto: false, odoo: { listingQty: null, freeQty: 10 }, amazon: { quantity: 10 } },
      codes: ['OK'],
    },
  ]);

  it('follows policy.lowStockBelow', () => {
    const policy = { ...DEFAULT_POLICY, lowStockBelow: 5 };
    expect(detect({ amazon: { quantity: 4 } }, policy)).toEqual(['QTY_TOO_LOW']);
    expect(detect({ amazon: { quantity: 5 } }, policy)).toEqual(['DRIFT']);
  });
});

describe('QTY_TOO_HIGH', () => {
  runCases([
    { name: 'A 99,998', facts: { amazon: { quantity: 99_998 } }, codes: ['DRIFT'] },
    { name: 'A 99,999', facts: { amazon: { quantity: 99_999 } }, codes: ['QTY_TOO_HIGH'] },
    { name: 'A 100,000', facts: { amazon: { quantity: 100_000 } }, codes: ['QTY_TOO_HIGH'] },
    {
      name: 'A = E = 99,999 is still too high',
      facts: { odoo: { listingQty: 99_999 }, amazon: { quantity: 99_999 } },
      codes: ['QTY_TOO_HIGH'],
    },
  ]);
});

describe('NOT_LISTED, READ_FAILED, DUPLICATE_LISTING, MARKETPLACE_CONFLICT', () => {
  runCases([
    {
      name: 'SKU not on Amazon',
      facts: { amazon: { found: false, quantity: null, leadTimeDays: null, status: [] } },
      codes: ['NOT_LISTED'],
    },
    {
      name: 'not found wins over a stray quantity',
      facts: { amazon: { found: false, quantity: 0, leadTimeDays: 2, status: [] } },
      codes: ['NOT_LISTED'],
    },
    {
      name: 'read failure, nothing known from Amazon',
      facts: { amazon: { found: false, quantity: null, readError: 'HTTP 503 after 5 tries' } },
      codes: ['READ_FAILED'],
    },
    {
      name: 'read failure hides what a partial answer would say',
      facts: { amazon: { found: true, quantity: 0, leadTimeDays: 2, readError: 'timeout' } },
      codes: ['READ_FAILED'],
    },
    {
      name: 'read failure keeps the Odoo-only codes',
      facts: {
        odoo: { listingQty: null, saleDelay: 40 },
        amazon: { found: false, quantity: null, readError: 'timeout' },
        duplicate: true,
        marketplaceConflict: true,
      },
      codes: [
        'WRONG_SCHEMA',
        'MARKETPLACE_CONFLICT',
        'DUPLICATE_LISTING',
        'READ_FAILED',
        'LEAD_TIME_OVER_LIMIT',
      ],
    },
    { name: 'duplicate listing', facts: { duplicate: true }, codes: ['DUPLICATE_LISTING'] },
    {
      name: 'duplicate listing not on Amazon',
      facts: { duplicate: true, amazon: { found: false, quantity: null } },
      codes: ['DUPLICATE_LISTING', 'NOT_LISTED'],
    },
    {
      name: 'marketplace conflict',
      facts: { marketplaceConflict: true },
      codes: ['MARKETPLACE_CONFLICT'],
    },
  ]);
});

describe('DRIFT', () => {
  runCases([
    { name: 'A 500, E 999', facts: { amazon: { quantity: 500 } }, codes: ['DRIFT'] },
    {
      name: 'alongside a lead time mismatch',
      facts: { amazon: { quantity: 500, leadTimeDays: 5 } },
      codes: ['LEAD_TIME_MISMATCH', 'DRIFT'],
    },
    {
      name: 'alongside WRONG_SCHEMA',
      facts: { odoo: { listingQty: null }, amazon: { quantity: 500 } },
      codes: ['WRONG_SCHEMA', 'DRIFT'],
    },
    {
      name: 'alongside a duplicate and a conflict',
      facts: { amazon: { quantity: 500 }, duplicate: true, marketplaceConflict: true },
      codes: ['MARKETPLACE_CONFLICT', 'DUPLICATE_LISTING', 'DRIFT'],
    },
    {
      name: 'not when A is null (not listed)',
      facts: { amazon: { found: false, quantity: null } },
      codes: ['NOT_LISTED'],
    },
    {
      name: 'not with SUPPRESSED (A 0, F 3)',
      facts: { odoo: { freeQty: 3 }, amazon: { quantity: 0 } },
      codes: ['SUPPRESSED_IN_PRODUCTION'],
    },
    {
      name: 'not with OVERSELL_RISK',
      facts: { mto: false, odoo: { listingQty: null, freeQty: 5 }, amazon: { quantity: 8 } },
      codes: ['OVERSELL_RISK'],
    },
    {
      name: 'not with WRONG_CODE_PATH',
      facts: { odoo: { listingQty: 50, freeQty: 30 }, amazon: { quantity: 30 } },
      codes: ['WRONG_CODE_PATH'],
    },
    {
      name: 'not with OVER_CAPACITY',
      facts: {
        odoo: { weeklyCapacity: 12, saleDelay: 14, inProduction: 8, listingQty: 100 },
        amazon: { quantity: 40 },
      },
      codes: ['OVER_CAPACITY'],
    },
    { name: 'not with QTY_TOO_LOW', facts: { amazon: { quantity: 7 } }, codes: ['QTY_TOO_LOW'] },
    {
      name: 'not with QTY_TOO_HIGH',
      facts: { amazon: { quantity: 150_000 } },
      codes: ['QTY_TOO_HIGH'],
    },
  ]);
});
