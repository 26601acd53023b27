import { randomUUID } from 'node:crypto';
import { runPool } from '../amazon/run-pool.js';
import { buildFeedDocument, type FeedMessageInput } from './feed-document.js';
import { failFeed, mapFeedReport } from './feed-report.js';
import { downloadReport, submitFeed } from './feed-transfer.js';
import type { FeedRecord } from './journal-records.js';
import { pollFeed } from './poll-feed.js';
import { intentRecord, preparePatch } from './send-patch.js';
import type { AmazonChange, ChangeResult, PendingFeed } from './types.js';
import { regionOf, settleAll, timestamp, type WriteContext } from './write-context.js';

export interface FeedOutcome {
  results: ChangeResult[];
  /** Still processing when polling stopped: open in the journal. */
  pending: PendingFeed[];
  /** Amazon no longer knows the feed: the caller re-reads these changes. */
  missing: number[];
}

/**
 * One JSON_LISTINGS_FEED for changes of one marketplace. The intents are on disk before the
 * document is uploaded, the document's id before createFeed leaves, and the feed's id as soon
 * as createFeed returns it.
 */
export async function sendFeed(
  marketplaceId: string,
  changes: readonly AmazonChange[],
  ctx: WriteContext,
): Promise<FeedOutcome> {
  const { ready, failed } = await prepareMessages(changes, ctx);
  await settleAll(ctx, failed);
  if (ready.length === 0) return { results: failed, pending: [], missing: [] };

  const feedKey = randomUUID();
  const ids = ready.map(({ change }) => change.id);
  await ctx.journal.write(ready.map((m) => intentRecord(m.change, 'feed', ctx, m.patch, feedKey)));

  const document = buildFeedDocument(ctx.sellerId, ready);
  const journalDocument = (feedDocumentId: string) =>
    ctx.journal.write([
      { type: 'document', feedKey, feedDocumentId, marketplaceId, ids, at: timestamp(ctx.now) },
    ]);
  const region = regionOf(marketplaceId);
  const submitted = await submitFeed(marketplaceId, region, document, ctx, journalDocument);
  if ('failure' in submitted) {
    const reason = submitted.failure;
    const results = await settleAll(
      ctx,
      ids.map((id) => ({ id, status: 'failed', reason })),
    );
    return { results: [...failed, ...results], pending: [], missing: [] };
  }

  const record: FeedRecord = {
    type: 'feed',
    feedKey,
    ...submitted,
    marketplaceId,
    ids,
    at: timestamp(ctx.now),
  };
  await ctx.journal.write([record]);
  ctx.logger.info(
    `Feed ${submitted.feedId} sent to Amazon with ${ids.length} changes (${marketplaceId}).`,
  );
  const outcome = await finishFeed(record, ctx);
  return { ...outcome, results: [...failed, ...outcome.results] };
}

/** Waits for a submitted feed and settles its changes from the processing report. */
export async function finishFeed(
  feed: Pick<FeedRecord, 'feedId' | 'marketplaceId' | 'ids'>,
  ctx: WriteContext,
  options: { resumed?: boolean } = {},
): Promise<FeedOutcome> {
  const region = regionOf(feed.marketplaceId);
  const state = await pollFeed(region, feed.feedId, ctx, { immediately: options.resumed });
  if (state.state === 'pending') {
    ctx.logger.warn(`${state.reason}; its changes stay open in the journal.`);
    return { results: [], pending: [{ feedId: feed.feedId, ids: feed.ids }], missing: [] };
  }
  if (state.state === 'missing') return { results: [], pending: [], missing: feed.ids };

  const report = state.resultFeedDocumentId
    ? await downloadReport(region, state.resultFeedDocumentId, ctx)
    : { failure: 'Amazon gave no processing report' };
  const results = resultsOf(state.processingStatus, report, feed);
  return { results: await settleAll(ctx, results), pending: [], missing: [] };
}

/** A DONE feed settles each message by the report; any other end fails them all. */
function resultsOf(
  processingStatus: string,
  report: { text: string } | { failure: string },
  feed: Pick<FeedRecord, 'feedId' | 'ids'>,
): ChangeResult[] {
  const text = 'text' in report ? report.text : null;
  if (processingStatus !== 'DONE') return failFeed(text, feed.ids, feed.feedId, processingStatus);
  if (text !== null) return mapFeedReport(text, feed.ids, feed.feedId);

  const reason = 'failure' in report ? report.failure : 'no report';
  return feed.ids.map((id) => ({ id, status: 'failed', feedId: feed.feedId, reason }));
}

async function prepareMessages(changes: readonly AmazonChange[], ctx: WriteContext) {
  const prepared = await runPool(
    changes.map((change) => async () => ({ change, patch: await preparePatch(change, ctx) })),
    ctx.concurrency,
  );
  const ready: FeedMessageInput[] = [];
  const failed: ChangeResult[] = [];
  for (const { change, patch } of prepared) {
    if ('failure' in patch) failed.push({ id: change.id, status: 'failed', reason: patch.failure });
    else ready.push({ change, patch });
  }
  return { ready, failed };
}
