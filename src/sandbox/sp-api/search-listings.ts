import { createHash } from 'node:crypto';
import type { Answer, CallContext } from './call-context.js';
import { invalidInput } from './http-util.js';
import type { ListingState } from './listing-store.js';
import { GET_INCLUDED_DATA, buildItem } from './listing-view.js';
import { readIncludedData, readList, readMarketplaceIds } from './query-params.js';

const MAX_IDENTIFIERS = 20;
const MAX_PAGE_SIZE = 20;
const DEFAULT_PAGE_SIZE = 10;
const SORT_FIELDS = ['sku', 'createdDate', 'lastUpdatedDate'];

type Filter = (listing: ListingState, marketplaceIds: string[]) => boolean;

/** searchListingsItems: filter, sort (lastUpdatedDate DESC by default), page by opaque tokens. */
export function searchListingsItems(ctx: CallContext): Answer {
  const marketplaceIds = readMarketplaceIds(ctx.query, ctx.region);
  const includedData = readIncludedData(ctx.query, GET_INCLUDED_DATA, ['summaries']);
  const pageSize = readPageSize(ctx.query);
  const filters = readFilters(ctx.query);
  const offset = readPageToken(ctx.query);

  const matches = ctx.store
    .listOf(ctx.region, ctx.sellerId)
    .filter((l) => marketplaceIds.some((id) => l.marketplaces.has(id)))
    .filter((l) => filters.every((filter) => filter(l, marketplaceIds)));
  const sorted = sortListings(matches, ctx.query);
  const page = sorted.slice(offset, offset + pageSize);

  const pagination: Record<string, string> = {};
  if (offset + pageSize < sorted.length)
    pagination.nextToken = pageToken(ctx.query, offset + pageSize);
  if (offset > 0) pagination.previousToken = pageToken(ctx.query, Math.max(0, offset - pageSize));

  const body: Record<string, unknown> = {
    numberOfResults: sorted.length,
    items: page.map((l) => buildItem(l, marketplaceIds, includedData)),
  };
  if (Object.keys(pagination).length > 0) body.pagination = pagination;
  return { status: 200, body };
}

function readPageSize(query: URLSearchParams): number {
  const raw = query.get('pageSize');
  if (raw === null) return DEFAULT_PAGE_SIZE;
  const size = Number(raw);
  if (!/^\d+$/.test(raw) || size < 1 || size > MAX_PAGE_SIZE) {
    throw invalidInput(
      `Invalid pageSize '${raw}': expected an integer from 1 to ${MAX_PAGE_SIZE}.`,
    );
  }
  return size;
}

function readFilters(query: URLSearchParams): Filter[] {
  return [
    ...identifierFilter(query),
    ...statusFilters(query),
    ...dateFilters(query),
    ...issueFilter(query),
    ...relationshipFilter(query),
  ];
}

function identifierFilter(query: URLSearchParams): Filter[] {
  const identifiers = readList(query, 'identifiers');
  const type = query.get('identifiersType');
  if (identifiers === undefined && type === null) return [];
  if (identifiers === undefined || identifiers.length === 0) {
    throw invalidInput("'identifiers' is required when 'identifiersType' is given.");
  }
  if (type === null) throw invalidInput("'identifiersType' is required with 'identifiers'.");
  if (identifiers.length > MAX_IDENTIFIERS) {
    throw invalidInput(`Too many identifiers: ${identifiers.length}; at most ${MAX_IDENTIFIERS}.`);
  }

  const wanted = new Set(identifiers);
  if (type === 'SKU') return [(l) => wanted.has(l.sku)];
  if (type === 'ASIN') return [(l, ids) => asinsOf(l, ids).some((a) => wanted.has(a))];
  const known = ['EAN', 'FNSKU', 'GTIN', 'ISBN', 'JAN', 'MINSAN', 'UPC'];
  if (!known.includes(type)) throw invalidInput(`Invalid identifiersType '${type}'.`);
  return [() => false];
}

function asinsOf(listing: ListingState, marketplaceIds: string[]): string[] {
  return marketplaceIds.flatMap((id) => {
    const asin = listing.marketplaces.get(id)?.asin ?? listing.asin;
    return listing.marketplaces.has(id) && asin ? [asin] : [];
  });
}

function statusFilters(query: URLSearchParams): Filter[] {
  const withStatus = readList(query, 'withStatus');
  const withoutStatus = readList(query, 'withoutStatus');
  const statuses = (l: ListingState, ids: string[]) =>
    ids.flatMap((id) => (l.marketplaces.get(id)?.status ?? []) as string[]);

  const filters: Filter[] = [];
  if (withStatus) filters.push((l, ids) => withStatus.some((s) => statuses(l, ids).includes(s)));
  if (withoutStatus)
    filters.push((l, ids) => !withoutStatus.some((s) => statuses(l, ids).includes(s)));
  return filters;
}

function dateFilters(query: URLSearchParams): Filter[] {
  const bound = (name: string): number | undefined => {
    const raw = query.get(name);
    if (raw === null) return undefined;
    const time = Date.parse(raw);
    if (Number.isNaN(time)) throw invalidInput(`Invalid ${name} '${raw}': expected ISO 8601.`);
    return time;
  };
  const checks: [number | undefined, (l: ListingState) => number, 1 | -1][] = [
    [bound('createdAfter'), createdOf, 1],
    [bound('createdBefore'), createdOf, -1],
    [bound('lastUpdatedAfter'), updatedOf, 1],
    [bound('lastUpdatedBefore'), updatedOf, -1],
  ];
  return checks.flatMap(([limit, read, sign]) =>
    limit === undefined ? [] : [(l: ListingState) => sign * (read(l) - limit) >= 0],
  );
}

function issueFilter(query: URLSearchParams): Filter[] {
  const severities = readList(query, 'withIssueSeverity');
  if (!severities) return [];
  return [
    (l, ids) =>
      ids.some((id) => l.marketplaces.get(id)?.issues.some((i) => severities.includes(i.severity))),
  ];
}

/** The sandbox has no variation families or package hierarchies, so these match nothing. */
function relationshipFilter(query: URLSearchParams): Filter[] {
  const parent = query.get('variationParentSku') ?? query.get('packageHierarchySku');
  if (parent === null) return [];
  if (query.get('identifiers') !== null) {
    throw invalidInput("'identifiers' cannot be combined with a relationship filter.");
  }
  return [() => false];
}

function createdOf(listing: ListingState): number {
  return Date.parse(listing.createdDate);
}

function updatedOf(listing: ListingState): number {
  const dates = [...listing.marketplaces.values()].map((m) => Date.parse(m.lastUpdatedDate));
  return Math.max(createdOf(listing), ...dates);
}

function sortListings(listings: ListingState[], query: URLSearchParams): ListingState[] {
  const sortBy = query.get('sortBy') ?? 'lastUpdatedDate';
  const order = query.get('sortOrder') ?? 'DESC';
  if (!SORT_FIELDS.includes(sortBy)) throw invalidInput(`Invalid sortBy '${sortBy}'.`);
  if (order !== 'ASC' && order !== 'DESC') throw invalidInput(`Invalid sortOrder '${order}'.`);

  const sign = order === 'ASC' ? 1 : -1;
  const bySku = (a: ListingState, b: ListingState) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0);
  const key = sortBy === 'createdDate' ? createdOf : updatedOf;
  return [...listings].sort((a, b) => {
    if (sortBy === 'sku') return sign * bySku(a, b);
    return sign * (key(a) - key(b)) || bySku(a, b);
  });
}

/** Page tokens carry the offset and a digest of the query, so they fit only their own search. */
function pageToken(query: URLSearchParams, offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset, q: queryDigest(query) })).toString('base64url');
}

function readPageToken(query: URLSearchParams): number {
  const token = query.get('pageToken');
  if (token === null) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      o?: unknown;
      q?: unknown;
    };
    if (Number.isInteger(parsed.o) && parsed.q === queryDigest(query)) return parsed.o as number;
  } catch {
    // falls through to the error below
  }
  throw invalidInput('Invalid pageToken.');
}

function queryDigest(query: URLSearchParams): string {
  const entries = [...query.entries()].filter(([k]) => k !== 'pageToken').sort();
  return createHash('sha256').update(JSON.stringify(entries)).digest('hex').slice(0, 16);
}
