import type { Answer, CallContext } from './call-context.js';
import type { DocumentStore } from './feed-documents.js';
import { processFeed } from './feed-processing.js';
import { invalidInput, isRecord, parseJsonBody, SpApiError } from './http-util.js';
import type { SpRegion } from './marketplaces.js';
import { checkMarketplace } from './query-params.js';

const REPORT_CONTENT_TYPE = 'application/json; charset=UTF-8';

type FeedStatus = 'IN_QUEUE' | 'IN_PROGRESS' | 'DONE' | 'FATAL';

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

/** The Feeds API 2021-06-30: documents, feeds that advance per poll or by time, reports. */
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

  getFeedDocument(ctx: CallContext): Answer {
    const id = ctx.params[0] ?? '';
    const document = this.documents.find(id, ctx.sellerId, ctx.region);
    if (!document) throw new SpApiError(404, 'NotFound', `Feed document '${id}' not found.`);
    return { status: 200, body: { feedDocumentId: id, url: this.documents.presign(id, 'GET') } };
  }

  private advance(feed: FeedRecord, ctx: CallContext): void {
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
    const input = this.documents.find(feed.inputFeedDocumentId, feed.sellerId, feed.region);
    const outcome = processFeed({
      feedId: feed.feedId,
      sellerId: feed.sellerId,
      region: feed.region,
      marketplaceId: feed.marketplaceIds[0] ?? '',
      content: input?.content,
      store: ctx.store,
      clock: ctx.clock,
    });
    const content = Buffer.from(JSON.stringify(outcome.report), 'utf8');
    const result = this.documents.create(feed.sellerId, feed.region, REPORT_CONTENT_TYPE, content);

    const now = ctx.clock.now();
    feed.status = outcome.status;
    feed.processingStartTime ??= now;
    feed.processingEndTime = now;
    feed.resultFeedDocumentId = result.id;
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
