import { z } from 'zod';
import { describeAnswer } from '../amazon/answer-errors.js';
import type { SpApiCall } from '../amazon/sp-api-client.js';
import type { Region } from '../config/marketplaces.js';
import { UpstreamError } from '../errors.js';
import type { ChangeState } from './journal-state.js';
import { pollFeed } from './poll-feed.js';
import type { Change, PendingFeed } from './types.js';
import { regionOf, type WriteContext } from './write-context.js';

/** Amazon's clock and ours may disagree; a feed is looked for from this long before. */
export const LOST_FEED_MARGIN_MS = 10 * 60_000;

const feedsPage = z.object({
  feeds: z.array(
    z.looseObject({
      feedId: z.string(),
      processingStatus: z.enum(['CANCELLED', 'DONE', 'FATAL', 'IN_PROGRESS', 'IN_QUEUE']),
    }),
  ),
  nextToken: z.string().optional(),
});

type ListedFeed = z.infer<typeof feedsPage>['feeds'][number];

export interface LostFeedsOutcome {
  /** Every feed that could hold them is finished: re-read Amazon, send what is not in effect. */
  toReread: Change[];
  /** A feed that could hold them is still processing: they stay open. */
  pending: PendingFeed[];
}

/**
 * Changes whose feed document was uploaded but whose feed id the journal lacks. Amazon's Feed
 * carries no inputFeedDocumentId, so the lost feed cannot be named; instead every
 * JSON_LISTINGS_FEED of the marketplace created since the upload that the journal does not
 * know is waited for until finished. Only then is Amazon re-read, so a change the lost feed
 * applied shows in effect and is not sent again.
 */
export async function awaitLostFeeds(
  lost: readonly ChangeState[],
  knownFeedIds: ReadonlySet<string>,
  ctx: WriteContext,
): Promise<LostFeedsOutcome> {
  const outcome: LostFeedsOutcome = { toReread: [], pending: [] };
  for (const [marketplaceId, states] of groupByMarketplace(lost)) {
    const since = Math.min(...states.map((s) => (s.document ? Date.parse(s.document.at) : 0)));
    const region = regionOf(marketplaceId);
    const feeds = await listFeeds(region, marketplaceId, since - LOST_FEED_MARGIN_MS, ctx);
    const candidates = feeds.filter((feed) => !knownFeedIds.has(feed.feedId));

    const unfinished = await waitForFeeds(region, candidates, ctx);
    const changes = states.map((s) => s.change);
    if (unfinished === null) outcome.toReread.push(...changes);
    else outcome.pending.push(pendingOn(unfinished, changes, ctx));
  }
  return outcome;
}

/** Polls each feed still queued or processing; the first that does not finish, or null. */
async function waitForFeeds(region: Region, feeds: ListedFeed[], ctx: WriteContext) {
  for (const feed of feeds) {
    if (feed.processingStatus !== 'IN_QUEUE' && feed.processingStatus !== 'IN_PROGRESS') continue;
    const state = await pollFeed(region, feed.feedId, ctx, { immediately: true });
    if (state.state === 'pending') return feed.feedId;
  }
  return null;
}

function pendingOn(feedId: string, changes: Change[], ctx: WriteContext): PendingFeed {
  ctx.logger.warn(
    `feed ${feedId} may hold ${changes.length} changes whose feed id was lost and is not ` +
      'finished; they stay open in the journal.',
  );
  return { feedId, ids: changes.map((change) => change.id) };
}

/** getFeeds, every page. A failure stops the resume before anything is sent. */
async function listFeeds(
  region: Region,
  marketplaceId: string,
  since: number,
  ctx: WriteContext,
): Promise<ListedFeed[]> {
  const feeds: ListedFeed[] = [];
  let request: SpApiCall = {
    operation: 'getFeeds',
    query: {
      feedTypes: ['JSON_LISTINGS_FEED'],
      marketplaceIds: [marketplaceId],
      createdSince: new Date(since).toISOString(),
      pageSize: 100,
    },
  };
  for (;;) {
    const page = await requestPage(region, request, ctx);
    feeds.push(...page.feeds);
    if (!page.nextToken) return feeds;
    request = { operation: 'getFeeds', query: { nextToken: page.nextToken } };
  }
}

async function requestPage(region: Region, request: SpApiCall, ctx: WriteContext) {
  const result = await ctx.gateway.request(region, request);
  let problem = 'unexpected answer';
  if ('failure' in result) problem = result.failure;
  else if (result.answer.status !== 200) problem = describeAnswer(result.answer);
  else {
    const parsed = feedsPage.safeParse(result.answer.body);
    if (parsed.success) return parsed.data;
  }

  throw new UpstreamError(
    `getFeeds: ${problem}; could not look for a feed whose id the journal lost, so nothing ` +
      'was sent.',
    'Run mto-audit fix --resume with the same journal again later.',
  );
}

function groupByMarketplace(states: readonly ChangeState[]): Map<string, ChangeState[]> {
  const groups = new Map<string, ChangeState[]>();
  for (const state of states) {
    if (state.change.target !== 'amazon') continue;
    const group = groups.get(state.change.marketplaceId) ?? [];
    group.push(state);
    groups.set(state.change.marketplaceId, group);
  }
  return groups;
}
