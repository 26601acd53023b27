import { randomUUID } from 'node:crypto';
import type { Answer, CallContext } from './call-context.js';
import { invalidInput, parseJsonBody, SpApiError } from './http-util.js';
import type { ListingState } from './listing-store.js';
import { GET_INCLUDED_DATA, buildItem } from './listing-view.js';
import { applyPatches } from './patch-apply.js';
import { readPatchRequest, validatePatches, type SubmissionIssue } from './patch-validation.js';
import { readIncludedData, readMarketplaceIds } from './query-params.js';

export { searchListingsItems } from './search-listings.js';

/** getListingsItem: the SKU as an Item, or 404 when no asked marketplace carries it. */
export function getListingsItem(ctx: CallContext): Answer {
  const [, sku = ''] = ctx.params;
  const marketplaceIds = readMarketplaceIds(ctx.query, ctx.region);
  const includedData = readIncludedData(ctx.query, GET_INCLUDED_DATA, ['summaries']);

  const listing = ctx.store.find(ctx.region, ctx.sellerId, sku);
  if (!listing || !marketplaceIds.some((id) => listing.marketplaces.has(id))) {
    throw new SpApiError(
      404,
      'NOT_FOUND',
      `SKU '${sku}' not found in marketplace ${marketplaceIds.join(',')}`,
    );
  }
  return { status: 200, body: buildItem(listing, marketplaceIds, includedData) };
}

/**
 * patchListingsItem: validates like Amazon and answers ACCEPTED (applied after the store's
 * delay), INVALID with issues, or VALID in VALIDATION_PREVIEW mode (nothing changes).
 */
export function patchListingsItem(ctx: CallContext): Answer {
  const [, sku = ''] = ctx.params;
  const marketplaceIds = readMarketplaceIds(ctx.query, ctx.region);
  const preview = readMode(ctx.query);
  const includedData = readIncludedData(ctx.query, ['identifiers', 'issues'], ['issues']);
  if (includedData.has('identifiers') && !preview) {
    throw invalidInput("includedData 'identifiers' needs mode VALIDATION_PREVIEW.");
  }
  const request = readPatchRequest(parseJsonBody(ctx.body));

  const listing = ctx.store.find(ctx.region, ctx.sellerId, sku);
  const issues = validatePatches(
    listing,
    sku,
    marketplaceIds,
    request.productType,
    request.patches,
  );
  const invalid = issues.some((issue) => issue.severity === 'ERROR');

  if (listing && !invalid && !preview) {
    ctx.store.schedule(listing, (target) =>
      applyPatches(target, marketplaceIds, request.patches, new Date(ctx.clock.now())),
    );
  }

  const status = invalid ? 'INVALID' : preview ? 'VALID' : 'ACCEPTED';
  const body = submissionResponse(sku, status, issues, includedData);
  if (includedData.has('identifiers')) {
    body.identifiers = invalid || !listing ? [] : identifiersOf(listing, marketplaceIds);
  }
  return { status: 200, body };
}

function readMode(query: URLSearchParams): boolean {
  const mode = query.get('mode');
  if (mode === null) return false;
  if (mode !== 'VALIDATION_PREVIEW') throw invalidInput(`Invalid mode '${mode}'.`);
  return true;
}

function submissionResponse(
  sku: string,
  status: string,
  issues: SubmissionIssue[],
  includedData: Set<string>,
): Record<string, unknown> {
  const body: Record<string, unknown> = { sku, status, submissionId: randomUUID() };
  if (includedData.has('issues')) body.issues = issues;
  return body;
}

function identifiersOf(listing: ListingState, marketplaceIds: string[]) {
  return marketplaceIds.map((marketplaceId) => {
    const asin = listing.marketplaces.get(marketplaceId)?.asin ?? listing.asin;
    return { marketplaceId, ...(asin ? { asin } : {}) };
  });
}
