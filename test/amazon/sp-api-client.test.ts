import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SpApiGateway } from '../../src/amazon/sp-api-gateway.js';
import { SpApiClient, SpApiNetworkError, type SpApiCall } from '../../src/amazon/sp-api-client.js';
import type { Region } from '../../src/config/marketplaces.js';
import { UpstreamError } from '../../src/errors.js';
import { silentLogger } from '../../src/logger.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/start-sandbox.js';

const RATE_SCALE = 10;
const US = 'ATVPDKIKX0DER';
const DE = 'A1PA6795UKMFR9';

let sandbox: Sandbox;
let refreshTokens: Record<string, string>;

beforeAll(async () => {
  sandbox = await startSandbox({ rateScale: RATE_SCALE });
  refreshTokens = sandbox.catalog.amazon.amazon.sellers[0]?.refreshTokens ?? {};
});

afterAll(async () => {
  await sandbox.close();
});

afterEach(() => {
  sandbox.spApi.setFaults({});
});

function clientOf(
  region: Region,
  options: { token?: string; endpoint?: string; timeoutMs?: number } = {},
): SpApiClient {
  return new SpApiClient({
    region,
    refreshToken: options.token ?? refreshTokens[region] ?? '',
    clientId: sandbox.catalog.amazon.amazon.app.clientId,
    clientSecret: sandbox.catalog.amazon.amazon.app.clientSecret,
    endpoint: options.endpoint ?? sandbox.spApi.url,
    timeoutMs: options.timeoutMs ?? 5_000,
    logger: silentLogger,
  });
}

function getItem(sku: string, marketplaceId: string): SpApiCall {
  return {
    operation: 'getListingsItem',
    path: { sellerId: sandbox.env.AMAZON_SELLER_ID ?? '', sku },
    query: { marketplaceIds: [marketplaceId], includedData: ['summaries'] },
  };
}

function calls(name: string): number {
  return sandbox.spApi.stats.callsByOperation[name] ?? 0;
}

/** A pass-through proxy on loopback that records the Host header of every request. */
async function startRecordingProxy(target: string) {
  const upstream = new URL(target);
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(`${req.method ?? ''} ${req.headers.host ?? ''} ${req.url ?? ''}`);
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { url: `http://127.0.0.1:${port}`, seen, close };
}

describe('SpApiClient through SP_API_ENDPOINT', () => {
  it("sends LWA and SP-API requests to the endpoint with Amazon's Host headers", async () => {
    const proxy = await startRecordingProxy(sandbox.spApi.url);
    try {
      const lwaBefore = calls('lwaToken');
      const answer = await clientOf('eu', { endpoint: proxy.url }).send(
        getItem('ORGANIZER-DESK', DE),
      );

      expect(answer.status).toBe(200);
      expect((answer.body as { sku?: string }).sku).toBe('ORGANIZER-DESK');
      expect(calls('lwaToken') - lwaBefore).toBe(1);
      expect(proxy.seen[0]).toBe('POST api.amazon.com /auth/o2/token');
      const path = '/listings/2021-08-01/items/A1LEATHERCO/ORGANIZER-DESK?';
      expect(proxy.seen[1]?.startsWith(`GET sellingpartnerapi-eu.amazon.com ${path}`)).toBe(true);
    } finally {
      await proxy.close();
    }
  });

  it('lets the fake tell the region from the Host header alone', async () => {
    // Same socket, token and marketplace: only the region in the Host header differs. Without
    // it, the fake would take the region from the US marketplace and accept the na token.
    const onNaHost = await clientOf('na').send(getItem('WALLET-BRN', US));
    const onEuHost = await clientOf('eu', { token: refreshTokens.na }).send(
      getItem('WALLET-BRN', US),
    );
    expect(onNaHost.status).toBe(200);
    expect(onEuHost.status).toBe(403);
    expect(onEuHost.text).toContain('Unauthorized');
  });

  it('refreshes an expired access token once and the call succeeds', async () => {
    sandbox.spApi.setFaults({ tokenTtlCalls: 2 });
    const client = clientOf('na');
    const lwaBefore = calls('lwaToken');
    const getBefore = calls('getListingsItem');

    const statuses = [];
    for (let i = 0; i < 3; i += 1)
      statuses.push((await client.send(getItem('WALLET-BRN', US))).status);

    expect(statuses).toEqual([200, 200, 200]);
    expect(calls('lwaToken') - lwaBefore).toBe(2);
    // The third call was answered 403 "expired" once, then sent again with the new token.
    expect(calls('getListingsItem') - getBefore).toBe(4);
  });

  it('lets requests in flight that meet the same expired token share one refresh', async () => {
    sandbox.spApi.setFaults({ tokenTtlCalls: 4 });
    const client = clientOf('na');
    for (let i = 0; i < 4; i += 1) await client.send(getItem('WALLET-BRN', US));
    const lwaBefore = calls('lwaToken');
    // Let the fake's getListingsItem bucket (burst 10) refill: 4 expired answers + 4 resends.
    await new Promise((resolve) => setTimeout(resolve, 400));

    const answers = await Promise.all(
      Array.from({ length: 4 }, () => client.send(getItem('WALLET-BRN', US))),
    );

    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    expect(calls('lwaToken') - lwaBefore).toBe(1);
  });

  it('surfaces a dropped connection as SpApiNetworkError', async () => {
    const client = clientOf('na');
    await client.ensureToken();
    sandbox.spApi.setFaults({ dropRate: 1 });

    const error: unknown = await client.send(getItem('WALLET-BRN', US)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpApiNetworkError);
    expect((error as SpApiNetworkError).code).toBe('ECONNRESET');
    expect((error as SpApiNetworkError).message).toMatch(/sellingpartnerapi-na\.amazon\.com/);
  });

  it('surfaces a slow answer as SpApiNetworkError once the timeout passes', async () => {
    const client = clientOf('na', { timeoutMs: 200 });
    await client.ensureToken();
    sandbox.spApi.setFaults({ delayMs: 1_000 });

    const started = Date.now();
    const error: unknown = await client.send(getItem('WALLET-BRN', US)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpApiNetworkError);
    expect((error as SpApiNetworkError).code).toMatch(/TIMEOUT/);
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('reports an unreachable LWA endpoint as an upstream error (exit 3)', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const error: unknown = await clientOf('na', { endpoint: `http://127.0.0.1:${port}` })
      .ensureToken()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).exitCode).toBe(3);
    expect((error as UpstreamError).message).toMatch(/LWA token endpoint: connection refused/);
  });
});

describe('SpApiGateway against the rate-limited fake', () => {
  it('paces N calls near the announced rate with no 429 reaching the caller', async () => {
    const client = clientOf('na');
    await client.ensureToken();
    const gateway = new SpApiGateway({ clients: new Map([['na', client]]) });
    const throttledBefore = sandbox.spApi.stats.throttled;
    // Learn the announced rate first, so the timed run starts from a full bucket on both sides.
    const first = await gateway.request('na', getItem('WALLET-BRN', US));
    const announced = 'answer' in first ? first.answer.rateLimit : null;
    expect(announced).toBe(5 * RATE_SCALE);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const n = 70;
    const burst = 10;
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: n }, () => gateway.request('na', getItem('WALLET-BRN', US))),
    );
    const seconds = (performance.now() - started) / 1000;

    const statuses = results.map((r) => ('answer' in r ? r.answer.status : r.failure));
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(sandbox.spApi.stats.throttled - throttledBefore).toBeLessThanOrEqual(2);
    const rate = (n - burst) / seconds;
    expect(rate).toBeGreaterThanOrEqual(0.7 * (announced ?? 0));
    expect(rate).toBeLessThanOrEqual(1.1 * (announced ?? 0));
  });
});

describe('SpApiGateway retries', () => {
  const instantClock = { now: () => performance.now(), sleep: () => Promise.resolve() };

  it('retries a dropped connection, but not for a call that must not happen twice', async () => {
    const client = clientOf('na');
    await client.ensureToken();
    const gateway = new SpApiGateway({ clients: new Map([['na', client]]), clock: instantClock });
    sandbox.spApi.setFaults({ dropRate: 1 });
    const before = sandbox.spApi.stats.dropped;

    const retried = await gateway.request('na', getItem('WALLET-BRN', US));
    expect(retried).toEqual({ failure: expect.stringMatching(/connection dropped/) as string });
    expect(sandbox.spApi.stats.dropped - before).toBe(6);

    const once = await gateway.request('na', getItem('WALLET-BRN', US), {
      retryLostAnswers: false,
    });
    expect('failure' in once).toBe(true);
    expect(sandbox.spApi.stats.dropped - before).toBe(7);
  });
});
