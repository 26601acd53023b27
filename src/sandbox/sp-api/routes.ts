import type { Answer, CallContext } from './call-context.js';
import type { FeedService } from './feeds-handlers.js';
import { isRecord } from './http-util.js';
import { getListingsItem, patchListingsItem, searchListingsItems } from './listings-handlers.js';
import type { BucketName, OperationName } from './rate-limits.js';

export interface Route {
  method: string;
  pattern: RegExp;
  operation: OperationName;
  /** The path's first parameter is a sellerId that must be the token's seller. */
  sellerInPath: boolean;
  hasBody: boolean;
  bucket: (query: URLSearchParams) => BucketName;
  /** The marketplace the request names, to pick a region when the Host header does not. */
  marketplaceHint: (query: URLSearchParams, body: Buffer) => string | undefined;
  handle: (ctx: CallContext) => Answer;
}

const ITEM = /^\/listings\/2021-08-01\/items\/([^/]+)\/([^/]+)$/;
const ITEMS = /^\/listings\/2021-08-01\/items\/([^/]+)$/;

function fromQuery(query: URLSearchParams): string | undefined {
  return query.get('marketplaceIds')?.split(',')[0];
}

function fromBody(_query: URLSearchParams, body: Buffer): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    const ids = isRecord(parsed) ? parsed.marketplaceIds : undefined;
    return Array.isArray(ids) && typeof ids[0] === 'string' ? ids[0] : undefined;
  } catch {
    return undefined;
  }
}

const none = () => undefined;

export function buildRoutes(feeds: FeedService): Route[] {
  const plain = (operation: OperationName) => () => operation;
  return [
    {
      method: 'GET',
      pattern: ITEM,
      operation: 'getListingsItem',
      sellerInPath: true,
      hasBody: false,
      bucket: plain('getListingsItem'),
      marketplaceHint: fromQuery,
      handle: getListingsItem,
    },
    {
      method: 'PATCH',
      pattern: ITEM,
      operation: 'patchListingsItem',
      sellerInPath: true,
      hasBody: true,
      bucket: (query) =>
        query.get('mode') === 'VALIDATION_PREVIEW'
          ? 'patchListingsItemPreview'
          : 'patchListingsItem',
      marketplaceHint: fromQuery,
      handle: patchListingsItem,
    },
    {
      method: 'GET',
      pattern: ITEMS,
      operation: 'searchListingsItems',
      sellerInPath: true,
      hasBody: false,
      bucket: plain('searchListingsItems'),
      marketplaceHint: fromQuery,
      handle: searchListingsItems,
    },
    {
      method: 'POST',
      pattern: /^\/feeds\/2021-06-30\/documents$/,
      operation: 'createFeedDocument',
      sellerInPath: false,
      hasBody: true,
      bucket: plain('createFeedDocument'),
      marketplaceHint: none,
      handle: (ctx) => feeds.createFeedDocument(ctx),
    },
    {
      method: 'GET',
      pattern: /^\/feeds\/2021-06-30\/documents\/([^/]+)$/,
      operation: 'getFeedDocument',
      sellerInPath: false,
      hasBody: false,
      bucket: plain('getFeedDocument'),
      marketplaceHint: none,
      handle: (ctx) => feeds.getFeedDocument(ctx),
    },
    {
      method: 'POST',
      pattern: /^\/feeds\/2021-06-30\/feeds$/,
      operation: 'createFeed',
      sellerInPath: false,
      hasBody: true,
      bucket: plain('createFeed'),
      marketplaceHint: fromBody,
      handle: (ctx) => feeds.createFeed(ctx),
    },
    {
      method: 'GET',
      pattern: /^\/feeds\/2021-06-30\/feeds$/,
      operation: 'getFeeds',
      sellerInPath: false,
      hasBody: false,
      bucket: plain('getFeeds'),
      marketplaceHint: fromQuery,
      handle: (ctx) => feeds.getFeeds(ctx),
    },
    {
      method: 'GET',
      pattern: /^\/feeds\/2021-06-30\/feeds\/([^/]+)$/,
      operation: 'getFeed',
      sellerInPath: false,
      hasBody: false,
      bucket: plain('getFeed'),
      marketplaceHint: none,
      handle: (ctx) => feeds.getFeed(ctx),
    },
  ];
}
