import { invalidInput } from './http-util.js';
import type { SpRegion } from './marketplaces.js';
import { checkMarketplace, readList } from './query-params.js';

const FEED_STATUSES: readonly string[] = ['CANCELLED', 'DONE', 'FATAL', 'IN_PROGRESS', 'IN_QUEUE'];

/** getFeeds' filters, as the model's query parameters define them. */
export interface FeedsFilter {
  feedTypes: string[];
  marketplaceIds: string[] | undefined;
  processingStatuses: string[] | undefined;
  createdSince: number;
  createdUntil: number;
  pageSize: number;
  /** Feeds of the filter already answered on earlier pages. */
  offset: number;
}

const RETENTION_MS = 90 * 24 * 3_600_000;

/**
 * Reads getFeeds' query: either filters (feedTypes required) or a nextToken alone, which the
 * model says must not come with any other parameter.
 */
export function readFeedsQuery(query: URLSearchParams, region: SpRegion, now: number) {
  const token = query.get('nextToken');
  if (token !== null) {
    if ([...query.keys()].some((key) => key !== 'nextToken')) {
      throw invalidInput('nextToken must be the only parameter when it is given.');
    }
    return decodeToken(token);
  }

  const feedTypes = readList(query, 'feedTypes');
  if (!feedTypes || feedTypes.length === 0) {
    throw invalidInput("Either 'feedTypes' or 'nextToken' is required.");
  }
  checkCount('feedTypes', feedTypes, 10);
  const marketplaceIds = readList(query, 'marketplaceIds');
  if (marketplaceIds) checkCount('marketplaceIds', marketplaceIds, 10);
  for (const id of marketplaceIds ?? []) checkMarketplace(id, region);

  return {
    feedTypes,
    marketplaceIds,
    processingStatuses: readStatuses(query),
    createdSince: readTime(query, 'createdSince') ?? now - RETENTION_MS,
    createdUntil: readTime(query, 'createdUntil') ?? now,
    pageSize: readPageSize(query),
    offset: 0,
  } satisfies FeedsFilter;
}

export function encodeToken(filter: FeedsFilter): string {
  return Buffer.from(JSON.stringify(filter), 'utf8').toString('base64url');
}

function decodeToken(token: string): FeedsFilter {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as FeedsFilter;
    if (Array.isArray(parsed.feedTypes) && Number.isInteger(parsed.offset)) return parsed;
  } catch {
    // fall through: an unreadable token is the caller's error
  }
  throw invalidInput(`Invalid nextToken '${token}'.`);
}

function checkCount(name: string, values: string[], max: number): void {
  if (values.length === 0 || values.length > max) {
    throw invalidInput(`'${name}' must list 1 to ${max} values.`);
  }
}

function readStatuses(query: URLSearchParams): string[] | undefined {
  const statuses = readList(query, 'processingStatuses');
  const unknown = statuses?.find((s) => !FEED_STATUSES.includes(s));
  if (unknown !== undefined) throw invalidInput(`Invalid processingStatuses value '${unknown}'.`);
  if (statuses?.length === 0) throw invalidInput("'processingStatuses' must not be empty.");
  return statuses;
}

function readTime(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const time = Date.parse(raw);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(time)) {
    throw invalidInput(`'${name}' must be an ISO 8601 date-time, not '${raw}'.`);
  }
  return time;
}

function readPageSize(query: URLSearchParams): number {
  const raw = query.get('pageSize');
  if (raw === null) return 10;
  const size = Number(raw);
  if (!/^\d+$/.test(raw) || size < 1 || size > 100) {
    throw invalidInput(`'pageSize' must be an integer from 1 to 100, not '${raw}'.`);
  }
  return size;
}
