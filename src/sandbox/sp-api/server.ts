import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseAmazonCatalog, type AmazonCatalog } from './catalog-schema.js';
import { DocumentStore } from './feed-documents.js';
import { FaultInjector } from './faults.js';
import { FeedService } from './feeds-handlers.js';
import { ListingStore, type ListingSnapshot } from './listing-store.js';
import { TokenStore } from './lwa.js';
import { RateLimiter } from './rate-limits.js';
import { handleRequest, type ServerState } from './request-handler.js';
import { buildRoutes } from './routes.js';
import { systemClock, type Clock, type Faults } from './types.js';

export interface FakeSpApiOptions {
  catalog: AmazonCatalog;
  /** Loopback address to listen on (default 127.0.0.1). */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Multiplies every operation's refill rate (not its burst); default 1. */
  rateScale?: number;
  faults?: Faults;
  /** Clock time between an ACCEPTED write and its effect (default 0). */
  applyDelayMs?: number;
  /** The getFeed call that first answers DONE (default 3: IN_QUEUE, IN_PROGRESS, DONE). */
  feedPollsToDone?: number;
  /**
   * Clock time after createFeed when a feed is processed (at the next request of any kind),
   * polled or not; default 0. When set, getFeed also answers DONE once it has passed.
   */
  feedProcessingMs?: number;
  /** Base of presigned document URLs (default https://tortuga-sandbox.amazon.com). */
  documentUrlBase?: string;
  clock?: Clock;
  /** Seed of the fault draws (default 1). */
  seed?: number;
}

export interface FakeSpApiStats {
  /** Calls per SP-API operation, plus lwaToken, uploadFeedDocument and downloadFeedDocument. */
  callsByOperation: Record<string, number>;
  throttled: number;
  /** 500/503 answers injected by faults (including `down`). */
  injected5xx: number;
  dropped: number;
  /** Writes applied, keyed `region/sellerId/sku` (the SKU last, so it may hold slashes). */
  writesBySku: Record<string, number>;
  /** Accepted writes not yet applied (see applyDelayMs). */
  pendingWrites: number;
}

export interface FakeSpApi {
  url: string;
  readonly stats: FakeSpApiStats;
  setFaults(faults: Faults): void;
  resetStats(): void;
  listing(region: string, sellerId: string, sku: string): ListingSnapshot | undefined;
  close(): Promise<void>;
}

/** Starts the fake SP-API (LWA, Listings Items 2021-08-01, Feeds 2021-06-30) on loopback. */
export async function startFakeSpApi(options: FakeSpApiOptions): Promise<FakeSpApi> {
  const state = createState(options);
  const server = createServer((req, res) => {
    void handleRequest(state, req, res);
  });
  const host = options.host ?? '127.0.0.1';
  const port = await listen(server, host, options.port ?? 0);
  const shownHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${shownHost}:${port}`,
    get stats() {
      return statsOf(state);
    },
    setFaults: (faults) => state.faults.set(faults),
    resetStats: () => resetCounters(state),
    listing: (region, sellerId, sku) => {
      state.feeds.processDue(state);
      return state.store.snapshot(region, sellerId, sku);
    },
    close: () => closeServer(server),
  };
}

function createState(options: FakeSpApiOptions): ServerState {
  const catalog = parseAmazonCatalog(options.catalog);
  const clock = options.clock ?? systemClock;
  const rateScale = options.rateScale ?? 1;
  if (!(rateScale > 0)) throw new RangeError('rateScale must be greater than 0');

  const store = new ListingStore(catalog, clock, options.applyDelayMs ?? 0);
  const urlBase = options.documentUrlBase ?? 'https://tortuga-sandbox.amazon.com';
  const documents = new DocumentStore(clock, urlBase.replace(/\/$/, ''));
  const feeds = new FeedService(documents, {
    pollsToDone: options.feedPollsToDone ?? 3,
    processingMs: options.feedProcessingMs,
  });

  return {
    routes: buildRoutes(feeds),
    tokens: new TokenStore(catalog, clock),
    store,
    documents,
    feeds,
    limiter: new RateLimiter(clock, rateScale),
    faults: new FaultInjector(options.faults ?? {}, options.seed ?? 1),
    clock,
    counters: { callsByOperation: {}, throttled: 0, injected5xx: 0, dropped: 0 },
  };
}

function statsOf(state: ServerState): FakeSpApiStats {
  state.feeds.processDue(state);
  state.store.applyDueWrites();
  return structuredClone({
    ...state.counters,
    writesBySku: state.store.writesBySku,
    pendingWrites: state.store.pendingWrites,
  });
}

function resetCounters(state: ServerState): void {
  state.counters.callsByOperation = {};
  state.counters.throttled = 0;
  state.counters.injected5xx = 0;
  state.counters.dropped = 0;
  for (const key of Object.keys(state.store.writesBySku)) delete state.store.writesBySku[key];
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stops listening and ends every open socket, keep-alive ones included. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
