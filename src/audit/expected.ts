import type { Expected, OdooFacts, Policy, RowFacts } from './types.js';

/*
 * Capacity x lead time / 7 is computed in floating point: 1.4/week over 45 days is 9, but the
 * product lands one ulp below. The tolerance keeps such exact results from flooring one short.
 */
const FLOAT_TOLERANCE = 1e-9;

/** EL and E of the contract (§4) for one row. */
export function computeExpected(facts: RowFacts, policy: Policy): Expected {
  const leadTimeDays = computeLeadTime(facts.odoo.saleDelay, policy);

  return { quantity: computeQuantity(facts, leadTimeDays, policy), leadTimeDays };
}

/** EL: ceil(sale_delay) when it is positive, else the policy's default. */
export function computeLeadTime(saleDelay: number | null, policy: Policy): number {
  return saleDelay !== null && saleDelay > 0 ? Math.ceil(saleDelay) : policy.defaultLeadTimeDays;
}

/** The lead time Amazon can hold: EL capped at the policy's maximum. */
export function amazonLeadTimeTarget(leadTimeDays: number, policy: Policy): number {
  return Math.min(leadTimeDays, policy.maxLeadTimeDays);
}

/** F: free_qty floored, never negative; a missing free_qty counts as 0. */
export function floorFreeQty(freeQty: number | null): number {
  return Math.max(0, Math.floor(freeQty ?? 0));
}

/** C > 0: the product's MTO quantity is bounded by its weekly capacity. */
export function hasCapacity(odoo: OdooFacts): boolean {
  return odoo.weeklyCapacity !== null && odoo.weeklyCapacity > 0;
}

function computeQuantity(facts: RowFacts, leadTimeDays: number, policy: Policy): number {
  const { odoo } = facts;
  const listingQty = odoo.listingQty ?? 0;

  if (!facts.mto) {
    const free = floorFreeQty(odoo.freeQty);
    return listingQty > 0 ? Math.min(Math.floor(listingQty), free) : free;
  }
  if (hasCapacity(odoo)) return computeCapacityQuantity(odoo, leadTimeDays);

  return listingQty > 0 ? Math.floor(listingQty) : policy.mtoQuantity;
}

function computeCapacityQuantity(odoo: OdooFacts, leadTimeDays: number): number {
  const capacity = odoo.weeklyCapacity ?? 0;
  const window = Math.floor((capacity * leadTimeDays) / 7 + FLOAT_TOLERANCE);

  // A fractional quantity in production would make E fractional; Amazon takes whole units.
  return Math.max(0, Math.floor(window - odoo.inProduction));
}
