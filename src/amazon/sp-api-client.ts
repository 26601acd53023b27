import { SellingPartner } from 'amazon-sp-api';
import type { Region } from '../config/marketplaces.js';
import { UpstreamError } from '../errors.js';
import type { Logger } from '../logger.js';
import { EndpointAgent } from './endpoint-agent.js';

export type SpApiOperation =
  | 'getListingsItem'
  | 'searchListingsItems'
  | 'patchListingsItem'
  | 'createFeedDocument'
  | 'createFeed'
  | 'getFeeds'
  | 'getFeed'
  | 'getFeedDocument';

const SECTION: Record<SpApiOperation, string> = {
  getListingsItem: 'listingsItems',
  searchListingsItems: 'listingsItems',
  patchListingsItem: 'listingsItems',
  createFeedDocument: 'feeds',
  createFeed: 'feeds',
  getFeeds: 'feeds',
  getFeed: 'feeds',
  getFeedDocument: 'feeds',
};

export interface SpApiCall {
  operation: SpApiOperation;
  path?: Record<string, string>;
  query?: Record<string, string | number | string[]>;
  body?: unknown;
}

/** One HTTP answer. `body` is undefined when the text was not JSON. */
export interface SpApiAnswer {
  status: number;
  body: unknown;
  text: string;
  /** Requests per second that Amazon announced in x-amzn-RateLimit-Limit. */
  rateLimit: number | null;
}

/** The request never got an HTTP answer: dropped, timed out, refused. */
export class SpApiNetworkError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'SpApiNetworkError';
  }
}

export interface SpApiClientOptions {
  region: Region;
  refreshToken: string;
  clientId: string;
  clientSecret: string;
  endpoint: string | null;
  timeoutMs: number;
  logger: Logger;
}

interface RawResult {
  body: string;
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  request?: { method?: string; hostname?: string; path?: string };
}

interface SellingPartnerLike {
  callAPI(params: Record<string, unknown>): Promise<unknown>;
  refreshAccessToken(): Promise<void>;
  upload(
    details: { url: string },
    feed: { content: string; contentType: string },
  ): Promise<unknown>;
  download(
    details: { url: string; compressionAlgorithm?: string },
    options: Record<string, unknown>,
  ): Promise<unknown>;
  readonly access_token: string | undefined;
}

/**
 * amazon-sp-api for one region, made predictable: listingsItems pinned to
 * 2021-08-01, its unbounded retries off, timeouts on, and raw answers so that
 * rate limiting and retries stay in our hands.
 */
export class SpApiClient {
  private readonly sp: SellingPartnerLike;
  private tokenPromise: Promise<void> | undefined;
  private tokenGeneration = 0;
  private readonly host: string;

  constructor(private readonly options: SpApiClientOptions) {
    this.host = `sellingpartnerapi-${options.region}.amazon.com`;
    const Client = SellingPartner as unknown as new (config: unknown) => SellingPartnerLike;
    this.sp = new Client({
      region: options.region,
      refresh_token: options.refreshToken,
      credentials: {
        SELLING_PARTNER_APP_CLIENT_ID: options.clientId,
        SELLING_PARTNER_APP_CLIENT_SECRET: options.clientSecret,
      },
      endpoints_versions: { listingsItems: '2021-08-01', feeds: '2021-06-30' },
      options: {
        auto_request_tokens: true,
        auto_request_throttled: false,
        retry_remote_timeout: false,
        version_fallback: false,
        // Only a deadline: amazon-sp-api 1.2.1 never clears its `response` timer when a
        // request fails, which kept the process alive for the whole timeout after a drop.
        timeouts: { deadline: options.timeoutMs },
        ...(options.endpoint ? { https_proxy_agent: new EndpointAgent(options.endpoint) } : {}),
      },
    });
  }

  get region(): Region {
    return this.options.region;
  }

  /** Fetches an access token once; concurrent callers share the request. */
  ensureToken(): Promise<void> {
    this.tokenPromise ??= this.refreshToken();
    return this.tokenPromise;
  }

  async refreshToken(): Promise<void> {
    const started = Date.now();
    try {
      await this.sp.refreshAccessToken();
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'no answer';
      this.options.logger.debug(`POST https://api.amazon.com/auth/o2/token -> failed (${code})`);
      this.tokenPromise = undefined;
      throw this.explainTokenError(error);
    }
    const token = this.sp.access_token;
    if (token) this.options.logger.addSecret(token);
    this.options.logger.debug(
      `POST https://api.amazon.com/auth/o2/token -> 200 (${Date.now() - started} ms)`,
    );
  }

  /** One request; an expired access token is refreshed once and the request sent again. */
  async send(call: SpApiCall): Promise<SpApiAnswer> {
    await this.ensureToken();
    const generation = this.tokenGeneration;
    const answer = await this.sendOnce(call);
    if (!isExpiredToken(answer)) return answer;

    await this.renewToken(generation);
    return this.sendOnce(call);
  }

  /** Requests in flight that met the same expired token share one refresh. */
  private renewToken(seen: number): Promise<void> {
    if (this.tokenGeneration === seen) {
      this.tokenGeneration += 1;
      this.tokenPromise = this.refreshToken();
    }
    return this.tokenPromise ?? this.ensureToken();
  }

  async uploadDocument(url: string, content: string, contentType: string): Promise<void> {
    await this.sp.upload({ url }, { content, contentType });
    this.options.logger.debug(`PUT ${redactUrl(url)} -> ok`);
  }

  /** A report document's text; amazon-sp-api unzips it when Amazon says it is GZIP. */
  async downloadDocument(url: string, compressionAlgorithm?: string): Promise<string> {
    const details = compressionAlgorithm ? { url, compressionAlgorithm } : { url };
    const result = await this.sp.download(details, {});
    this.options.logger.debug(`GET ${redactUrl(url)} -> ok`);
    return typeof result === 'string' ? result : JSON.stringify(result);
  }

  private async sendOnce(call: SpApiCall): Promise<SpApiAnswer> {
    const started = Date.now();
    let raw: RawResult;
    try {
      raw = (await this.sp.callAPI({
        operation: call.operation,
        endpoint: SECTION[call.operation],
        // amazon-sp-api encodes path parameters in place; a retry must not encode them twice.
        path: call.path ? { ...call.path } : undefined,
        query: call.query ? { ...call.query } : undefined,
        body: call.body,
        options: { raw_result: true },
      })) as RawResult;
    } catch (error) {
      this.options.logger.debug(`${call.operation} on ${this.host} -> no answer`);
      throw toNetworkError(error, this.host);
    }

    this.logAnswer(raw, started);
    return readAnswer(raw);
  }

  private logAnswer(raw: RawResult, started: number) {
    const method = raw.request?.method ?? 'GET';
    const url = `https://${raw.request?.hostname ?? this.host}${raw.request?.path ?? ''}`;
    this.options.logger.debug(`${method} ${url} -> ${raw.statusCode} (${Date.now() - started} ms)`);
  }

  private explainTokenError(error: unknown): Error {
    const code = (error as { code?: string }).code ?? '';
    const known = describeTokenFailure(code, this.options.region);
    if (known) return new UpstreamError(known.message, known.suggestion);

    const network = toNetworkError(error, 'the LWA token endpoint');
    return new UpstreamError(`${network.message}.`, 'Check SP_API_ENDPOINT and the network.');
  }
}

function readAnswer(raw: RawResult): SpApiAnswer {
  const limitHeader = raw.headers['x-amzn-ratelimit-limit'];
  const limit = Number(Array.isArray(limitHeader) ? limitHeader[0] : limitHeader);
  let body: unknown;
  try {
    body = raw.body === '' ? null : JSON.parse(raw.body);
  } catch {
    body = undefined;
  }
  return {
    status: raw.statusCode,
    body,
    text: raw.body,
    rateLimit: Number.isFinite(limit) && limit > 0 ? limit : null,
  };
}

function isExpiredToken(answer: SpApiAnswer): boolean {
  if (answer.status !== 403) return false;
  const errors = (answer.body as { errors?: { details?: string }[] } | undefined)?.errors;
  return errors?.some((error) => /access token.*expired/i.test(error.details ?? '')) ?? false;
}

function toNetworkError(error: unknown, where: string): SpApiNetworkError {
  const code = (error as { code?: string }).code ?? 'UNKNOWN';
  const reason: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection dropped',
    ENOTFOUND: 'host not found',
    ETIMEDOUT: 'timed out',
    API_RESPONSE_TIMEOUT: 'no answer in time',
    API_DEADLINE_TIMEOUT: 'answer not complete in time',
  };
  const text = reason[code] ?? (error instanceof Error ? error.message : String(error));
  return new SpApiNetworkError(`${where}: ${text}`, code);
}

/** LWA's own refusals, and answers amazon-sp-api could not read as a token. */
function describeTokenFailure(
  code: string,
  region: Region,
): { message: string; suggestion: string } | null {
  const endpointHint = 'Check SP_API_ENDPOINT, or try again later.';
  if (code === 'invalid_grant') {
    return {
      message: `Amazon LWA refused the refresh token for region ${region} (invalid_grant).`,
      suggestion: `Check SP_API_REFRESH_TOKEN (or "amazon.regions.${region}.refreshToken").`,
    };
  }
  if (code === 'invalid_client' || code === 'unauthorized_client') {
    return {
      message: `Amazon LWA refused the app credentials for region ${region} (${code}).`,
      suggestion: 'Check SELLING_PARTNER_APP_CLIENT_ID and SELLING_PARTNER_APP_CLIENT_SECRET.',
    };
  }
  if (code === 'REFRESH_ACCESS_TOKEN_PARSE_ERROR') {
    // No sample of the body: a proxy's error page may echo the request, secrets included.
    const message = `Amazon LWA answered a body that is not JSON for region ${region}.`;
    return { message, suggestion: endpointHint };
  }
  if (code.startsWith('UNKNOWN_')) {
    const message = `Amazon LWA answered without an access token for region ${region}.`;
    return { message, suggestion: endpointHint };
  }
  return null;
}

/** Document URLs carry pre-signed query strings; those are credentials too. */
function redactUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}${parsed.search ? '?…' : ''}`;
}
