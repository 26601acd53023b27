import { invalidInput, isRecord } from './http-util.js';
import type { ListingState } from './listing-store.js';

export type PatchOp = 'add' | 'replace' | 'merge' | 'delete';

export interface PatchOperation {
  op: PatchOp;
  path: string;
  value?: Record<string, unknown>[];
}

/** An issue as the Listings Items model's `Issue` has it. */
export interface SubmissionIssue {
  code: string;
  message: string;
  severity: 'ERROR' | 'WARNING' | 'INFO';
  attributeNames?: string[];
  categories: string[];
}

const PATCH_OPS: readonly string[] = ['add', 'replace', 'merge', 'delete'];
const ENTRY_FIELDS = new Set([
  'fulfillment_channel_code',
  'quantity',
  'lead_time_to_ship_max_days',
  'restock_date',
  'is_inventory_available',
]);
export const MAX_LEAD_TIME_DAYS = 30;
const FULFILLMENT = 'fulfillment_availability';

/** Checks a body against the model's ListingsItemPatchRequest; a mismatch is a 400. */
export function readPatchRequest(body: unknown): {
  productType: string;
  patches: PatchOperation[];
} {
  if (!isRecord(body)) throw invalidInput('The request body must be a JSON object.');
  if (typeof body.productType !== 'string') throw invalidInput("'productType' is required.");
  if (!Array.isArray(body.patches) || body.patches.length === 0) {
    throw invalidInput("'patches' must be a non-empty array.");
  }
  const patches = body.patches.map((patch, index) =>
    readPatchOperation(patch, `patches[${index}]`),
  );
  return { productType: body.productType, patches };
}

export function readPatchOperation(patch: unknown, at: string): PatchOperation {
  if (!isRecord(patch)) throw invalidInput(`'${at}' must be an object.`);
  if (typeof patch.op !== 'string' || !PATCH_OPS.includes(patch.op)) {
    throw invalidInput(`'${at}.op' must be one of add, replace, merge, delete.`);
  }
  if (typeof patch.path !== 'string') throw invalidInput(`'${at}.path' is required.`);
  if (patch.value !== undefined && !isArrayOfObjects(patch.value)) {
    throw invalidInput(`'${at}.value' must be an array of objects.`);
  }
  return { op: patch.op as PatchOp, path: patch.path, value: patch.value };
}

function isArrayOfObjects(value: unknown): value is Record<string, unknown>[] {
  return Array.isArray(value) && value.every(isRecord);
}

/**
 * Amazon's checks of a patch against the listing: the listing exists in every marketplace,
 * the product type matches, only top-level attributes are patched, and fulfillment_availability
 * entries follow the product-type schema (no marketplace_id, lead time 0..30, ...).
 */
export function validatePatches(
  listing: ListingState | undefined,
  sku: string,
  marketplaceIds: string[],
  productType: string,
  patches: PatchOperation[],
): SubmissionIssue[] {
  const missing = marketplaceIds.filter((id) => !listing?.marketplaces.has(id));
  if (!listing || missing.length > 0) {
    return [notFoundIssue(sku, missing.length > 0 ? missing : marketplaceIds)];
  }

  const issues: SubmissionIssue[] = [];
  if (productType !== listing.productType) {
    issues.push(productTypeIssue(productType, listing.productType));
  }
  for (const patch of patches) issues.push(...validatePatch(patch, listing));
  return issues;
}

function validatePatch(patch: PatchOperation, listing: ListingState): SubmissionIssue[] {
  const name = /^\/attributes\/([^/]+)$/.exec(patch.path)?.[1];
  if (name === undefined) {
    return [invalidIssue(`Only top-level attributes can be patched; '${patch.path}' is not one.`)];
  }
  if (patch.op !== 'delete' && patch.value === undefined) {
    return [invalidIssue(`The '${patch.op}' operation on '${name}' needs a value.`, name)];
  }
  if (name !== FULFILLMENT || patch.op === 'delete') return [];

  const entries = patch.value ?? [];
  const hasEntry = listing.quantity !== null;
  return [...entries.flatMap((e) => validateEntry(e, patch.op, hasEntry)), ...duplicates(entries)];
}

function validateEntry(
  entry: Record<string, unknown>,
  op: PatchOp,
  hasEntry: boolean,
): SubmissionIssue[] {
  const issues: SubmissionIssue[] = [];
  for (const field of Object.keys(entry)) {
    if (!ENTRY_FIELDS.has(field)) {
      issues.push(invalidIssue(`'${field}' is not an allowed field of '${FULFILLMENT}'.`));
    }
  }

  const code = entry.fulfillment_channel_code;
  if (code === undefined) issues.push(missingIssue('fulfillment_channel_code'));
  else if (code !== 'DEFAULT') {
    issues.push(invalidIssue(`Fulfillment channel ${show(code)} is not enabled for this seller.`));
  }

  issues.push(...validateNumbers(entry));
  if (entry.quantity === undefined && (op !== 'merge' || !hasEntry)) {
    issues.push(missingIssue('quantity'));
  }
  return issues;
}

function validateNumbers(entry: Record<string, unknown>): SubmissionIssue[] {
  const issues: SubmissionIssue[] = [];
  const quantity = entry.quantity;
  if (quantity !== undefined && !(Number.isInteger(quantity) && (quantity as number) >= 0)) {
    issues.push(invalidIssue(`'quantity' must be an integer of 0 or more, not ${show(quantity)}.`));
  }

  const lead = entry.lead_time_to_ship_max_days;
  const leadOk = Number.isInteger(lead) && (lead as number) >= 0 && (lead as number) <= 30;
  if (lead !== undefined && !leadOk) {
    const text = `'lead_time_to_ship_max_days' must be an integer from 0 to ${MAX_LEAD_TIME_DAYS}`;
    issues.push(invalidIssue(`${text}, not ${show(lead)}.`));
  }

  const available = entry.is_inventory_available;
  if (available !== undefined && typeof available !== 'boolean') {
    issues.push(invalidIssue(`'is_inventory_available' must be true or false.`));
  }
  return issues;
}

function duplicates(entries: Record<string, unknown>[]): SubmissionIssue[] {
  const codes = entries.map((e) => e.fulfillment_channel_code).filter((c) => c !== undefined);
  if (new Set(codes).size === codes.length) return [];
  return [invalidIssue(`'${FULFILLMENT}' names one fulfillment channel more than once.`)];
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function invalidIssue(message: string, attribute = FULFILLMENT): SubmissionIssue {
  return {
    code: '90000900',
    message,
    severity: 'ERROR',
    attributeNames: [attribute],
    categories: ['INVALID_ATTRIBUTE'],
  };
}

function missingIssue(field: string): SubmissionIssue {
  return {
    code: '90220',
    message: `'${FULFILLMENT}.${field}' is required but not supplied.`,
    severity: 'ERROR',
    attributeNames: [FULFILLMENT],
    categories: ['MISSING_ATTRIBUTE'],
  };
}

function productTypeIssue(sent: string, actual: string): SubmissionIssue {
  return {
    code: '4000003',
    message: `The product type '${sent}' does not match the listing's product type '${actual}'.`,
    severity: 'ERROR',
    categories: ['INVALID_ATTRIBUTE'],
  };
}

function notFoundIssue(sku: string, marketplaceIds: string[]): SubmissionIssue {
  return {
    code: '4000001',
    message: `SKU '${sku}' is not listed in marketplace ${marketplaceIds.join(', ')}.`,
    severity: 'ERROR',
    categories: [],
  };
}
