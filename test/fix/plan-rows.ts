import { classifyRows } from '../../src/audit/classify.js';
import { sortRows } from '../../src/audit/sort-rows.js';
import { DEFAULT_POLICY, type AuditRow, type RowFacts } from '../../src/audit/types.js';
import { makeFacts, type FactsOverrides } from '../audit/make-facts.js';

let nextListing = 1;

/** A row's facts with Amazon's product type and an Odoo listing id, as the readers give them. */
export function listingFacts(overrides: FactsOverrides & { productType?: string | null } = {}) {
  const { productType, ...rest } = overrides;
  const facts = makeFacts(rest);
  facts.amazon.productType = productType === undefined ? 'WALLET' : productType;
  facts.listingId = nextListing++;
  return facts;
}

/** Rows classified and sorted by the real classifier, as runAudit hands them to the plan. */
export function classify(facts: RowFacts[]): AuditRow[] {
  return sortRows(classifyRows(facts, DEFAULT_POLICY, { profile: 'marketplace-listing' }));
}
