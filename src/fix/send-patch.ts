import type { SpApiCall } from '../amazon/sp-api-client.js';
import { buildPatch, needsCurrentEntries, type PatchOperation } from './fulfillment-patch.js';
import type { IntentRecord } from './journal-records.js';
import { readEntries } from './read-entries.js';
import { readSubmission } from './read-submission.js';
import type { AmazonChange, ChangeResult } from './types.js';
import { regionOf, settle, timestamp, type WriteContext } from './write-context.js';

/**
 * One patchListingsItem: the intent is on disk before the request leaves, the result after
 * the answer. 429 and 5xx are retried by the gateway; INVALID is final.
 */
export async function sendPatch(change: AmazonChange, ctx: WriteContext): Promise<ChangeResult> {
  const patch = await preparePatch(change, ctx);
  if ('failure' in patch)
    return settle(ctx, { id: change.id, status: 'failed', reason: patch.failure });

  await ctx.journal.write([intentRecord(change, 'patch', ctx, patch)]);
  const answer = await ctx.gateway.request(
    regionOf(change.marketplaceId),
    patchCall(change, patch, ctx),
  );
  return settle(ctx, readSubmission(change.id, answer));
}

/** The write for a change; a replace first reads the entry it rebuilds. */
export async function preparePatch(
  change: AmazonChange,
  ctx: WriteContext,
): Promise<PatchOperation | { failure: string }> {
  if (!needsCurrentEntries(change.after)) return buildPatch(change.after);
  const current = await readEntries(change, ctx);
  return 'failure' in current ? current : buildPatch(change.after, current.entries);
}

export function patchCall(
  change: AmazonChange,
  patch: PatchOperation,
  ctx: Pick<WriteContext, 'sellerId'>,
): SpApiCall {
  return {
    operation: 'patchListingsItem',
    path: { sellerId: ctx.sellerId, sku: change.sku },
    query: { marketplaceIds: [change.marketplaceId], includedData: ['issues'] },
    body: { productType: change.productType, patches: [patch] },
  };
}

export function intentRecord(
  change: AmazonChange,
  via: 'patch' | 'feed',
  ctx: Pick<WriteContext, 'now'>,
  patch: PatchOperation,
  feedKey?: string,
): IntentRecord {
  return {
    type: 'intent',
    id: change.id,
    via,
    at: timestamp(ctx.now),
    before: change.before,
    after: change.after,
    ...(feedKey ? { feedKey } : {}),
    ...(patch.op === 'replace' ? { value: patch.value } : {}),
  };
}
