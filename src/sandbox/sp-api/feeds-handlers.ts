import type { Answer, CallContext } from './call-context.js';
import type { DocumentStore } from './feed-documents.js';
import { processFeed, type FeedOutcome } from './feed-processing.js';
import { encodeToken, readFeedsQuery, type FeedsFilter } from './feeds-query.js';
import { invalidInput, isRecord, parseJsonBody, SpApiError } from './http-util.js';
import type { SpRegion } from './marketplaces.js';
import { checkMarketplace } from './query-params.js';
import type { ListingStore } from './listing-store.js';
import type { Clock } from './types.js';

const REPORT_CONTENT_TYPE = 'application/json; charset=UTF-8';

type FeedStatus = 'IN_QUEUE' | 'IN_PROGRESS' | 'DONE' | 'FATAL';

/** What processing needs of the server: the listings it changes, and the time. */
interface Backend {
  store: ListingStore;
  clock: Clock;
}

interface FeedRecord {
  feedId: string;
  sellerId: string;
  region: SpRegion;
  feedType: string;
  marketplaceIds: string[];
  inputFeedDocumentId: string;
  createdTime: number;
  polls: number;
  status: FeedStatus;
  /** Set once Amazon has processed the feed, whatever getFeed shows yet. */
  outcome?: FeedOutcome & { resultFeedDocumentId: string };
  processingStartTime?: number;
  processingEndTime?: number;
  resultFeedDocumentId?: string;
}

export interface FeedTiming {
  /** The getFeed call that first answers DONE (1 = the first poll). */
  pollsToDone: number;
  /** Alternatively, DONE once this much clock time has passed since createFeed. */
  processingMs?: number;
}

/**
 * The Feeds API 2021-06-30: documents, feeds whose status advances per poll or by time, and
 * reports. As on Amazon, a feed is processed whether or not anyone polls it: at the first
 * request (of any kind) once `processingMs` (default 0) has passed since createFeed.
 */
export class FeedService {
  private readonly feeds = new Map<string, FeedRecord>();
  private nextFeedId = 50_001;

  constructor(
    private readonly documents: DocumentStore,
    private readonly timing: FeedTiming,
  ) {}

  createFeedDocument(ctx: CallContext): Answer {
    const body = parseJsonBody(ctx.body);
    if (!isRecord(body) || typeof body.contentType !== 'string' || body.contentType === '') {
      throw invalidInput("'contentType' is required.");
    }
    const document = this.documents.create(ctx.sellerId, ctx.region, body.contentType);
    const url = this.documents.presign(document.id, 'PUT');
    return { status: 201, body: { feedDocumentId: document.id, url } };
  }

  createFeed(ctx: CallContext): Answer {
    const spec = readFeedSpecification(parseJsonBody(ctx.body));
    for (const id of spec.marketplaceIds) checkMarketplace(id, ctx.region);
    if (!this.documents.find(spec.inputFeedDocumentId, ctx.sellerId, ctx.region)) {
      throw invalidInput(`Invalid inputFeedDocumentId '${spec.inputFeedDocumentId}'.`);
    }

    const feedId = String(this.nextFeedId++);
    this.feeds.set(feedId, {
      ...spec,
      feedId,
      sellerId: ctx.sellerId,
      region: ctx.region,
      createdTime: ctx.clock.now(),
      polls: 0,
      status: 'IN_QUEUE',
    });
    return { status: 202, body: { feedId } };
  }

  getFeed(ctx: CallContext): Answer {
    const feed = this.feeds.get(ctx.params[0] ?? '');
    if (!feed || feed.sellerId !== ctx.sellerId || feed.region !== ctx.region) {
      throw new SpApiError(404, 'NotFound', `Feed '${ctx.params[0] ?? ''}' not found.`);
    }
    feed.polls += 1;
    this.advance(feed, ctx);
    return { status: 200, body: feedBody(feed) };
  }

  /** Newest first (Amazon does not document the order); pages of `pageSize`. */
  getFeeds(ctx: CallContext): Answer {
    const filter = readFeedsQuery(ctx.query, ctx.region, ctx.clock.now());
    const matching = [...this.feeds.values()]
      .filter((feed) => feed.sellerId === ctx.sellerId && feed.region === ctx.region)
      .filter((feed) => matchesFilter(feed, filter))
      .reverse();
    for (const feed of matching) this.advance(feed, ctx);

    const end = filter.offset + filter.pageSize;
    const body: Record<string, unknown> = {
      feeds: matching.slice(filter.offset, end).map(feedBody),
    };
    if (end < matching.length) body.nextToken = encodeToken({ ...filter, offset: end });
    return { status: 200, body };
  }

  /** Processes every feed whose time has come; the server calls it before each request. */
  processDue(backend: Backend): void {
    const now = backend.clock.now();
    for (const feed of this.feeds.values()) {
      if (!feed.outcome && now - feed.createdTime >= (this.timing.processingMs ?? 0)) {
        this.process(feed, backend);
      }
    }
  }

  getFeedDocument(ctx: CallContext): Answer {
    const id = ctx.params[0] ?? '';
    const document = this.documents.find(id, ctx.sellerId, ctx.region);
    if (!document) throw new SpApiError(404, 'NotFound', `Feed document '${id}' not found.`);
    return { status: 200, body: { feedDocumentId: id, url: this.documents.presign(id, 'GET') } };
  }

  /** The status getFeed shows: by polls, or by time when `processingMs` is set. */
  private advance(feed: FeedRecord, ctx: CallContext): void {
    this.processDue(ctx);
    if (feed.status === 'DONE' || feed.status === 'FATAL') return;
    const now = ctx.clock.now();
    const elapsed = now - feed.createdTime;
    const { pollsToDone, processingMs } = this.timing;
    const timeDone = processingMs !== undefined && elapsed >= processingMs;
    const timeStarted = processingMs !== undefined && elapsed >= processingMs / 2;

    if (feed.polls >= pollsToDone || timeDone) this.finish(feed, ctx);
    else if (feed.polls >= 2 || timeStarted) {
      feed.status = 'IN_PROGRESS';
      feed.processingStartTime ??= now;
    }
  }

  private finish(feed: FeedRecord, ctx: CallContext): void {
    const outcome = feed.outcome ?? this.process(feed, ctx);
    feed.status = outcome.status;
    feed.processingStartTime ??= ctx.clock.now();
    feed.processingEndTime = ctx.clock.now();
    feed.resultFeedDocumentId = outcome.resultFeedDocumentId;
  }

  private process(feed: FeedRecord, backend: Backend): NonNullable<FeedRecord['outcome']> {
    const input = this.documents.find(feed.inputFeedDocumentId, feed.sellerId, feed.region);
    const outcome = processFeed({
      feedId: feed.feedId,
      sellerId: feed.sellerId,
      region: feed.region,
      marketplaceId: feed.marketplaceIds[0] ?? '',
      content: input?.content,
      store: backend.store,
      clock: backend.clock,
    });
    const content = Buffer.from(JSON.stringify(outcome.report), 'utf8');
    const result = this.documents.create(feed.sellerId, feed.region, REPORT_CONTENT_TYPE, content);
    feed.outcome = { ...outcome, resultFeedDocumentId: result.id };
    return feed.outcome;
  }
}

/** The model's CreateFeedSpecification, plus JSON_LISTINGS_FEED's one-marketplace rule. */
function readFeedSpecification(body: unknown) {
  if (!isRecord(body)) throw invalidInput('The request body must be a JSON object.');
  const { feedType, marketplaceIds, inputFeedDocumentId, feedOptions } = body;
  if (typeof feedType !== 'string') throw invalidInput("'feedType' is required.");
  if (typeof inputFeedDocumentId !== 'string') {
    throw invalidInput("'inputFeedDocumentId' is required.");
  }
  const ids: unknown[] = Array.isArray(marketplaceIds) ? marketplaceIds : [];
  if (ids.length === 0 || ids.length > 25 || !ids.every((id) => typeof id === 'string')) {
    throw invalidInput("'marketplaceIds' must list 1 to 25 marketplace IDs.");
  }
  if (feedOptions !== undefined && !isRecord(feedOptions)) {
    throw invalidInput("'feedOptions' must be an object.");
  }
  if (feedType !== 'JSON_LISTINGS_FEED') {
    throw invalidInput(`Feed type '${feedType}' is not supported by the sandbox.`);
  }
  if (ids.length > 1) {
    throw invalidInput('JSON_LISTINGS_FEED accepts exactly one marketplace per feed.');
  }
  return { feedType, marketplaceIds: ids, inputFeedDocumentId };
}

function matchesFilter(feed: FeedRecord, filter: FeedsFilter): boolean {
  const { marketplaceIds, processingStatuses } = filter;
  return (
    filter.feedTypes.includes(feed.feedType) &&
    (!marketplaceIds || feed.marketplaceIds.some((id) => marketplaceIds.includes(id))) &&
    (!processingStatuses || processingStatuses.includes(feed.status)) &&
    feed.createdTime >= filter.createdSince &&
    feed.createdTime <= filter.createdUntil
  );
}

function feedBody(feed: FeedRecord): Record<string, unknown> {
  const iso = (ms: number | undefined) =>
    ms === undefined ? undefined : new Date(ms).toISOString();
  const body: Record<string, unknown> = {
    feedId: feed.feedId,
    feedType: feed.feedType,
    marketplaceIds: feed.marketplaceIds,
    createdTime: iso(feed.createdTime),
    processingStatus: feed.status,
    processingStartTime: iso(feed.processingStartTime),
    processingEndTime: iso(feed.processingEndTime),
    resultFeedDocumentId: feed.resultFeedDocumentId,
  };
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
}
