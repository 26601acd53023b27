import { describe, expect, it } from 'vitest';
import {
  amazonLeadTimeTarget,
  computeExpected,
  computeLeadTime,
  floorFreeQty,
} from '../../src/audit/expected.js';
import { DEFAULT_POLICY, type OdooFacts } from '../../src/audit/types.js';
import { makeFacts } from './make-facts.js';

interface QuantityCase {
  name: string;
  mto: boolean;
  odoo: Partial<OdooFacts>;
  quantity: number;
  leadTimeDays: number;
}

const QUANTITY_CASES: QuantityCase[] = [
  {
    name: 'worked example: 12/week, 14 days, 8 in production',
    mto: true,
    odoo: { weeklyCapacity: 12, saleDelay: 14, inProduction: 8, listingQty: null },
    quantity: 16,
    leadTimeDays: 14,
  },
  {
    name: 'capacity fully booked floors at 0',
    mto: true,
    odoo: { weeklyCapacity: 12, saleDelay: 14, inProduction: 30 },
    quantity: 0,
    leadTimeDays: 14,
  },
  {
    name: 'capacity wins over the listing quantity',
    mto: true,
    odoo: { weeklyCapacity: 12, saleDelay: 14, inProduction: 0, listingQty: 5 },
    quantity: 24,
    leadTimeDays: 14,
  },
  {
    name: 'capacity over the default lead time when sale_delay is 0',
    mto: true,
    odoo: { weeklyCapacity: 7, saleDelay: 0, inProduction: 0 },
    quantity: 10,
    leadTimeDays: 10,
  },
  {
    name: 'capacity window is floored: 10/week over 3 days',
    mto: true,
    odoo: { weeklyCapacity: 10, saleDelay: 3, inProduction: 0 },
    quantity: 4,
    leadTimeDays: 3,
  },
  {
    name: 'capacity 1.4/week over 45 days is exactly 9 despite floating point',
    mto: true,
    odoo: { weeklyCapacity: 1.4, saleDelay: 45, inProduction: 0 },
    quantity: 9,
    leadTimeDays: 45,
  },
  {
    name: 'fractional units in production round the quantity down',
    mto: true,
    odoo: { weeklyCapacity: 12, saleDelay: 14, inProduction: 2.5 },
    quantity: 21,
    leadTimeDays: 14,
  },
  {
    name: 'capacity 0 is uncapped: empty listing quantity gives 999',
    mto: true,
    odoo: { weeklyCapacity: 0, listingQty: 0 },
    quantity: 999,
    leadTimeDays: 14,
  },
  {
    name: 'MTO with a listing quantity uses it',
    mto: true,
    odoo: { listingQty: 50 },
    quantity: 50,
    leadTimeDays: 14,
  },
  {
    name: 'MTO with listing quantity 0 gets 999',
    mto: true,
    odoo: { listingQty: 0, freeQty: 7 },
    quantity: 999,
    leadTimeDays: 14,
  },
  {
    name: 'MTO without a listing quantity field gets 999',
    mto: true,
    odoo: { listingQty: null },
    quantity: 999,
    leadTimeDays: 14,
  },
  {
    name: 'stocked without a listing quantity mirrors floor(free_qty)',
    mto: false,
    odoo: { listingQty: null, freeQty: 7.9 },
    quantity: 7,
    leadTimeDays: 14,
  },
  {
    name: 'stocked with listing quantity 0 mirrors free_qty',
    mto: false,
    odoo: { listingQty: 0, freeQty: 12 },
    quantity: 12,
    leadTimeDays: 14,
  },
  {
    name: 'stocked listing quantity caps free_qty',
    mto: false,
    odoo: { listingQty: 5, freeQty: 12 },
    quantity: 5,
    leadTimeDays: 14,
  },
  {
    name: 'stocked free_qty caps the listing quantity',
    mto: false,
    odoo: { listingQty: 20, freeQty: 12 },
    quantity: 12,
    leadTimeDays: 14,
  },
  {
    name: 'stocked negative free_qty counts as 0',
    mto: false,
    odoo: { listingQty: null, freeQty: -3 },
    quantity: 0,
    leadTimeDays: 14,
  },
  {
    name: 'stocked free_qty -0.5 counts as 0',
    mto: false,
    odoo: { listingQty: 5, freeQty: -0.5 },
    quantity: 0,
    leadTimeDays: 14,
  },
  {
    name: 'stocked missing free_qty counts as 0',
    mto: false,
    odoo: { listingQty: 5, freeQty: null },
    quantity: 0,
    leadTimeDays: 14,
  },
  {
    name: 'stocked with capacity configured ignores it',
    mto: false,
    odoo: { listingQty: null, freeQty: 3, weeklyCapacity: 12 },
    quantity: 3,
    leadTimeDays: 14,
  },
];

describe('computeExpected', () => {
  it.each(QUANTITY_CASES)('$name', ({ mto, odoo, quantity, leadTimeDays }) => {
    const facts = makeFacts({ mto, odoo });

    expect(computeExpected(facts, DEFAULT_POLICY)).toEqual({ quantity, leadTimeDays });
  });

  it('takes the MTO quantity and default lead time from the policy', () => {
    const policy = { ...DEFAULT_POLICY, mtoQuantity: 500, defaultLeadTimeDays: 5 };
    const facts = makeFacts({ odoo: { listingQty: null, saleDelay: null } });

    expect(computeExpected(facts, policy)).toEqual({ quantity: 500, leadTimeDays: 5 });
  });
});

describe('computeLeadTime', () => {
  it.each([
    [0, 10],
    [null, 10],
    [-2, 10],
    [0.5, 1],
    [1, 1],
    [13.2, 14],
    [14, 14],
    [30, 30],
    [30.1, 31],
    [31, 31],
  ])('sale_delay %s gives %s days', (saleDelay, leadTime) => {
    expect(computeLeadTime(saleDelay, DEFAULT_POLICY)).toBe(leadTime);
  });
});

describe('amazonLeadTimeTarget', () => {
  it.each([
    [14, 14],
    [30, 30],
    [31, 30],
    [45, 30],
  ])('EL %s is sent as %s', (leadTime, target) => {
    expect(amazonLeadTimeTarget(leadTime, DEFAULT_POLICY)).toBe(target);
  });
});

describe('floorFreeQty', () => {
  it.each([
    [null, 0],
    [0, 0],
    [0.99, 0],
    [-0.5, 0],
    [-3, 0],
    [7.9, 7],
    [12, 12],
  ])('free_qty %s gives F = %s', (freeQty, floored) => {
    expect(floorFreeQty(freeQty)).toBe(floored);
  });
});
