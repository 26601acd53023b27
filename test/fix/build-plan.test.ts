import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type AuditRow, type RowFacts } from '../../src/audit/types.js';
import { ConfigError, formatUserError } from '../../src/errors.js';
import { buildPlan } from '../../src/fix/build-plan.js';
import { parseSignatures } from '../../src/fix/parse-signatures.js';
import { classify, listingFacts } from './plan-rows.js';

const ODOO = { model: 'marketplace.listing', field: 'qty' };

function planOf(facts: RowFacts[], options: Partial<Parameters<typeof buildPlan>[2]> = {}) {
  return buildPlan(classify(facts), facts, { policy: DEFAULT_POLICY, ...options });
}

describe('buildPlan: which rows become changes', () => {
  it('plans the expected quantity and lead time, with the product type Amazon reported', () => {
    const facts = [listingFacts({ amazon: { quantity: 0, leadTimeDays: 2 }, productType: 'BAG' })];
    const plan = planOf(facts);

    expect(plan.blocked).toEqual([]);
    expect(plan.changes).toEqual([
      {
        id: 1,
        target: 'amazon',
        sku: 'WALLET-BRN',
        marketplaceId: 'ATVPDKIKX0DER',
        productType: 'BAG',
        before: { quantity: 0, leadTimeDays: 2 },
        after: { quantity: 999, leadTimeDays: 14 },
      },
    ]);
  });

  it.each([
    ['quantity differs', { quantity: 998, leadTimeDays: 14 }, 1],
    ['lead time differs', { quantity: 999, leadTimeDays: 13 }, 1],
    ['lead time missing on Amazon', { quantity: 999, leadTimeDays: null }, 1],
    ['both as expected', { quantity: 999, leadTimeDays: 14 }, 0],
  ])('%s', (_label, amazon, count) => {
    expect(planOf([listingFacts({ amazon })]).changes).toHaveLength(count);
  });

  it('always sends a lead time, min(EL, 30), also when sale_delay is 0 (EL = 10)', () => {
    const facts = [listingFacts({ odoo: { saleDelay: 0 }, amazon: { leadTimeDays: null } })];
    expect(planOf(facts).changes[0]?.after).toEqual({ quantity: 999, leadTimeDays: 10 });
  });

  it('numbers changes in report order', () => {
    const facts = ['C', 'A', 'B'].map((sku) => listingFacts({ sku, amazon: { quantity: 1 } }));
    expect(planOf(facts).changes.map((c) => [c.id, c.sku])).toEqual([
      [1, 'A'],
      [2, 'B'],
      [3, 'C'],
    ]);
  });
});

describe('buildPlan: blocked rows', () => {
  const blockedBy: [string, () => RowFacts[], RegExp][] = [
    [
      'NOT_LISTED',
      () => [listingFacts({ amazon: { found: false, quantity: null } })],
      /^NOT_LISTED/,
    ],
    [
      'READ_FAILED',
      () => [listingFacts({ amazon: { quantity: null, readError: 'HTTP 503' } })],
      /^READ_FAILED/,
    ],
    [
      'DUPLICATE_LISTING',
      () => [1, 2].map(() => listingFacts({ duplicate: true, amazon: { quantity: 0 } })),
      /^DUPLICATE_LISTING/,
    ],
    [
      'MARKETPLACE_CONFLICT',
      () => [
        listingFacts({ odoo: { listingQty: 50 }, amazon: { quantity: 0 } }),
        listingFacts({
          marketplaceId: 'A2EUQ1WTGCTBG2',
          marketplace: 'CA',
          odoo: { listingQty: 30 },
          amazon: { quantity: 0 },
        }),
      ],
      /^MARKETPLACE_CONFLICT/,
    ],
    [
      'LEAD_TIME_OVER_LIMIT',
      () => [listingFacts({ odoo: { saleDelay: 30.5 }, amazon: { leadTimeDays: 10 } })],
      /^LEAD_TIME_OVER_LIMIT/,
    ],
    [
      'maxPushQuantity',
      () => [listingFacts({ odoo: { listingQty: 10_001 }, amazon: { quantity: 5 } })],
      /above the push limit 10000/,
    ],
    [
      'a missing product type',
      () => [listingFacts({ amazon: { quantity: 0 }, productType: null })],
      /product type/,
    ],
  ];

  it.each(blockedBy)('%s blocks the row and names why', (_label, make, reason) => {
    const facts = make();
    const plan = planOf(facts);

    expect(plan.changes).toEqual([]);
    expect(plan.blocked).toHaveLength(facts.length);
    for (const row of plan.blocked) expect(row.reason).toMatch(reason);
  });

  it('lets a quantity at the push limit through', () => {
    const facts = [listingFacts({ odoo: { listingQty: 10_000 }, amazon: { quantity: 5 } })];
    expect(planOf(facts).changes[0]?.after.quantity).toBe(10_000);
  });

  it('keeps what Amazon shows and what was expected on a blocked row', () => {
    const facts = [
      listingFacts({ odoo: { saleDelay: 45 }, amazon: { quantity: 3, leadTimeDays: 7 } }),
    ];
    expect(planOf(facts).blocked[0]).toMatchObject({
      before: { quantity: 3, leadTimeDays: 7 },
      after: { quantity: 999, leadTimeDays: 30 },
      signatures: expect.arrayContaining(['LEAD_TIME_OVER_LIMIT']) as unknown,
    });
  });
});

describe('buildPlan: quantity 0', () => {
  const uncapped = [
    { listingQty: null },
    { listingQty: 0 },
    { listingQty: -4 },
    { listingQty: 0, freeQty: -3.5 },
    { listingQty: 0, freeQty: 0.4, saleDelay: 0 },
    { listingQty: null, weeklyCapacity: 0 },
    { listingQty: 0, weeklyCapacity: null, inProduction: 50 },
  ];

  it.each(uncapped)('never sends 0 for uncapped MTO (odoo %o)', (odoo) => {
    const change = planOf([listingFacts({ odoo, amazon: { quantity: 0 } })]).changes[0];
    expect(change?.after.quantity).toBeGreaterThan(0);
  });

  it('blocks an uncapped MTO row whose expected quantity is 0 (guard against regressions)', () => {
    const facts = [listingFacts({ amazon: { quantity: 5 } })];
    const rows = classify(facts).map((row): AuditRow => ({
      ...row,
      expected: { ...row.expected, quantity: 0 },
    }));
    const plan = buildPlan(rows, facts, { policy: DEFAULT_POLICY });

    expect(plan.changes).toEqual([]);
    expect(plan.blocked[0]?.reason).toMatch(/never be sent quantity 0/);
  });

  it('sends 0 for a capacity-bounded row that is fully booked', () => {
    // 7 a week over 14 days is 14, all of it already in production.
    const odoo = { weeklyCapacity: 7, inProduction: 14 };
    const change = planOf([listingFacts({ odoo, amazon: { quantity: 10 } })]).changes[0];
    expect(change?.after).toEqual({ quantity: 0, leadTimeDays: 14 });
  });

  it('sends 0 for a stocked product with nothing free', () => {
    const facts = [
      listingFacts({ mto: false, odoo: { listingQty: 0, freeQty: 0 }, amazon: { quantity: 3 } }),
    ];
    expect(planOf(facts).changes[0]?.after.quantity).toBe(0);
  });
});

describe('buildPlan: --signature', () => {
  const facts = () => [
    listingFacts({ sku: 'PATH', odoo: { freeQty: 0 }, amazon: { quantity: 0, leadTimeDays: 14 } }),
    listingFacts({ sku: 'LEAD', amazon: { leadTimeDays: 3 } }),
    listingFacts({ sku: 'GONE', amazon: { found: false, quantity: null } }),
  ];

  it('keeps only rows carrying one of the codes, blocked rows included', () => {
    const plan = planOf(facts(), {
      signatures: parseSignatures(['lead_time_mismatch', 'NOT_LISTED']),
    });
    expect(plan.changes.map((c) => c.sku)).toEqual(['LEAD']);
    expect(plan.blocked.map((b) => b.sku)).toEqual(['GONE']);
  });

  it('keeps every row without a filter', () => {
    const plan = planOf(facts(), { signatures: new Set() });
    expect(plan.changes.map((c) => c.sku).sort()).toEqual(['LEAD', 'PATH']);
  });

  it('refuses an unknown code with a usage error naming the valid ones', () => {
    const error = captureError(() => parseSignatures(['WRONG_CODE_PATH', 'DRIFTING']));
    expect(error).toBeInstanceOf(ConfigError);
    expect(formatUserError(error as ConfigError)).toMatch(
      /unknown code "DRIFTING".*WRONG_CODE_PATH, LEAD_TIME_MISMATCH/,
    );
  });
});

describe('buildPlan: --write-odoo', () => {
  it('writes the expected quantity into an MTO listing whose own quantity is 0', () => {
    const facts = [listingFacts({ odoo: { listingQty: 0 }, amazon: { quantity: 0 } })];
    const plan = planOf(facts, { odooTarget: ODOO });

    expect(plan.odoo).toEqual([
      {
        id: 2,
        target: 'odoo',
        sku: 'WALLET-BRN',
        recordId: facts[0]?.listingId,
        ...ODOO,
        before: 0,
        after: 999,
      },
    ]);
  });

  it.each([
    ['the model has no quantity field', { odoo: { listingQty: null } }],
    ['the listing quantity is set', { odoo: { listingQty: 5 } }],
    ['the product is stocked', { mto: false, odoo: { listingQty: 0, freeQty: 4 } }],
    ['the row is blocked', { odoo: { listingQty: 0 }, amazon: { found: false, quantity: null } }],
  ])('writes nothing when %s', (_label, overrides) => {
    expect(planOf([listingFacts(overrides)], { odooTarget: ODOO }).odoo).toEqual([]);
  });

  it('writes a listing that serves two marketplaces once', () => {
    const us = listingFacts({ odoo: { listingQty: 0 } });
    const ca = {
      ...listingFacts({
        marketplaceId: 'A2EUQ1WTGCTBG2',
        marketplace: 'CA',
        odoo: { listingQty: 0 },
      }),
      listingId: us.listingId,
    };
    const plan = planOf([us, ca], { odooTarget: ODOO });
    expect(plan.odoo.map((w) => w.recordId)).toEqual([us.listingId]);
  });

  it('leaves Odoo alone without --write-odoo', () => {
    expect(planOf([listingFacts({ odoo: { listingQty: 0 } })]).odoo).toEqual([]);
  });
});

function captureError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
