import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Answer } from './call-context.js';
import { DOCUMENT_PATH_PREFIX, type DocumentStore } from './feed-documents.js';
import type { FaultInjector } from './faults.js';
import type { FeedService } from './feeds-handlers.js';
import {
  errorListOf,
  invalidInput,
  readBody,
  sendBody,
  sendJson,
  SpApiError,
} from './http-util.js';
import type { ListingStore } from './listing-store.js';
import type { TokenStore } from './lwa.js';
import { regionOfMarketplace, type SpRegion } from './marketplaces.js';
import type { RateLimiter } from './rate-limits.js';
import type { Route } from './routes.js';
import type { Clock } from './types.js';

const API_BODY_LIMIT = 10 * 1024 * 1024;
const DOCUMENT_BODY_LIMIT = 200 * 1024 * 1024;
const SP_API_HOST = /^(?:sandbox\.)?sellingpartnerapi-(na|eu|fe)\.amazon\.com$/;

export interface Counters {
  callsByOperation: Record<string, number>;
  throttled: number;
  injected5xx: number;
  dropped: number;
}

export interface ServerState {
  routes: Route[];
  tokens: TokenStore;
  store: ListingStore;
  documents: DocumentStore;
  feeds: FeedService;
  limiter: RateLimiter;
  faults: FaultInjector;
  clock: Clock;
  counters: Counters;
}

interface Incoming {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
}

/** Dispatches one HTTP request: LWA, a document transfer, or an SP-API operation. */
export async function handleRequest(
  state: ServerState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const rawUrl = req.url ?? '/';
  const cut = rawUrl.indexOf('?');
  const path = cut === -1 ? rawUrl : rawUrl.slice(0, cut);
  const query = new URLSearchParams(cut === -1 ? '' : rawUrl.slice(cut + 1));
  const headers = { 'x-amzn-RequestId': randomUUID() };
  const incoming: Incoming = { req, res, method: req.method ?? 'GET', path, query, headers };

  try {
    state.feeds.processDue(state);
    if (incoming.method === 'POST' && path === '/auth/o2/token')
      return await answerLwa(state, incoming);
    if (path.startsWith(DOCUMENT_PATH_PREFIX)) return await answerTransfer(state, incoming);

    const found = matchRoute(state.routes, incoming.method, path);
    if (!found) {
      const text = `The sandbox does not serve ${incoming.method} ${path}.`;
      return sendError(incoming, new SpApiError(404, 'NotFound', text));
    }
    await runOperation(state, incoming, found.route, found.params);
  } catch (error) {
    sendError(incoming, asSpApiError(error));
  }
}

async function answerLwa(state: ServerState, incoming: Incoming): Promise<void> {
  count(state, 'lwaToken');
  const body = await readBody(incoming.req, API_BODY_LIMIT);
  const answer = state.tokens.answerTokenRequest(body, incoming.req.headers['content-type']);
  const headers = { ...incoming.headers, 'Content-Type': 'application/json;charset=UTF-8' };
  sendJson(incoming.res, answer.status, answer.body, headers);
}

async function answerTransfer(state: ServerState, incoming: Incoming): Promise<void> {
  const { method, path, query } = incoming;
  if (method !== 'GET' && method !== 'PUT') {
    return sendError(
      incoming,
      new SpApiError(405, 'MethodNotAllowed', `${method} is not allowed.`),
    );
  }
  count(state, method === 'PUT' ? 'uploadFeedDocument' : 'downloadFeedDocument');
  const body = await readBody(incoming.req, DOCUMENT_BODY_LIMIT);
  const answer = state.documents.transfer(method, path, query, body);
  sendBody(incoming.res, answer.status, answer.body, {
    ...incoming.headers,
    'Content-Type': answer.contentType,
  });
}

function matchRoute(routes: Route[], method: string, path: string) {
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (match && route.method === method) return { route, params: match.slice(1) };
  }
  return undefined;
}

/**
 * The SP-API pipeline, in the order a caller meets it: outage and network faults, the access
 * token, the endpoint's region and seller, the rate limit, server errors, then the operation.
 */
async function runOperation(
  state: ServerState,
  incoming: Incoming,
  route: Route,
  rawParams: string[],
): Promise<void> {
  count(state, route.operation);
  const bucket = route.bucket(incoming.query);
  incoming.headers['x-amzn-RateLimit-Limit'] = state.limiter.announcedRate(bucket);
  const body = route.hasBody ? await readBody(incoming.req, API_BODY_LIMIT) : Buffer.alloc(0);

  const faults = state.faults.current;
  const network = state.faults.drawNetwork();
  if (faults.down) return injectServerError(state, incoming, 503);
  if (network.dropBefore) return drop(state, incoming);
  if (faults.delayMs) await sleep(faults.delayMs);

  const caller = authorise(state, incoming, route, body, rawParams);
  if (route.hasBody) checkContentType(incoming);
  if (!state.limiter.take(bucket, caller.sellerId, caller.region)) {
    state.counters.throttled += 1;
    const text = 'You exceeded your quota for the requested resource.';
    return sendError(incoming, new SpApiError(429, 'QuotaExceeded', text));
  }

  const serverError = state.faults.draw5xx();
  if (serverError) return injectServerError(state, incoming, serverError);

  const answer = answerOperation(state, incoming, route, body, caller);
  if (network.dropAfter) return drop(state, incoming);
  sendJson(incoming.res, answer.status, answer.body, incoming.headers);
}

function answerOperation(
  state: ServerState,
  incoming: Incoming,
  route: Route,
  body: Buffer,
  caller: { sellerId: string; region: SpRegion; params: string[] },
): Answer {
  try {
    return route.handle({
      ...caller,
      query: incoming.query,
      body,
      store: state.store,
      clock: state.clock,
    });
  } catch (error) {
    const failure = asSpApiError(error);
    return { status: failure.status, body: errorListOf(failure) };
  }
}

function authorise(
  state: ServerState,
  incoming: Incoming,
  route: Route,
  body: Buffer,
  rawParams: string[],
): { sellerId: string; region: SpRegion; params: string[] } {
  const token = incoming.req.headers['x-amz-access-token'];
  const check = state.tokens.check(
    Array.isArray(token) ? token[0] : token,
    state.faults.current.tokenTtlCalls,
  );
  if (!check.ok) throw unauthorized(check.reason);

  const hinted = route.marketplaceHint(incoming.query, body);
  const region =
    regionFromHost(incoming.req.headers.host) ??
    (hinted === undefined ? undefined : regionOfMarketplace(hinted)) ??
    check.grant.region;
  if (region !== check.grant.region) throw unauthorized('unknown');

  const params = rawParams.map(decodeSegment);
  if (route.sellerInPath && params[0] !== check.grant.sellerId) throw unauthorized('unknown');
  return { sellerId: check.grant.sellerId, region, params };
}

function unauthorized(reason: 'missing' | 'unknown' | 'expired'): SpApiError {
  const details = {
    missing: '',
    unknown: 'The access token you provided is revoked, malformed or invalid.',
    expired: 'The access token you provided has expired.',
  }[reason];
  return new SpApiError(403, 'Unauthorized', 'Access to requested resource is denied.', details);
}

/** `sellingpartnerapi-na.amazon.com[:443]` names the region; any other host names none. */
export function regionFromHost(host: string | undefined): SpRegion | undefined {
  const name = (host ?? '').toLowerCase().replace(/:\d+$/, '');
  return SP_API_HOST.exec(name)?.[1] as SpRegion | undefined;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw invalidInput(`The path segment '${segment}' is not valid percent-encoding.`);
  }
}

function checkContentType(incoming: Incoming): void {
  const type = incoming.req.headers['content-type'] ?? '';
  if (!type.toLowerCase().includes('application/json')) {
    const text = `Content-Type '${type}' is not supported; send application/json.`;
    throw new SpApiError(415, 'UnsupportedMediaType', text);
  }
}

function injectServerError(state: ServerState, incoming: Incoming, status: 500 | 503): void {
  state.counters.injected5xx += 1;
  const error =
    status === 500
      ? new SpApiError(
          500,
          'InternalFailure',
          'We encountered an internal error. Please try again.',
        )
      : new SpApiError(
          503,
          'ServiceUnavailable',
          'Service temporarily unavailable. Please try again.',
        );
  sendError(incoming, error);
}

function drop(state: ServerState, incoming: Incoming): void {
  state.counters.dropped += 1;
  incoming.req.socket.destroy();
}

function count(state: ServerState, operation: string): void {
  const calls = state.counters.callsByOperation;
  calls[operation] = (calls[operation] ?? 0) + 1;
}

function asSpApiError(error: unknown): SpApiError {
  if (error instanceof SpApiError) return error;
  const text = 'We encountered an internal error. Please try again.';
  return new SpApiError(500, 'InternalFailure', text, error instanceof Error ? error.message : '');
}

function sendError(incoming: Incoming, error: SpApiError): void {
  sendJson(incoming.res, error.status, errorListOf(error), incoming.headers);
}
