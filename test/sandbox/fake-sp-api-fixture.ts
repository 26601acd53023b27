import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { Ajv, type ValidateFunction } from 'ajv';
import formatsModule from 'ajv-formats';
import {
  startFakeSpApi,
  type AmazonCatalog,
  type Clock,
  type FakeSpApi,
  type FakeSpApiOptions,
} from '../../src/sandbox/sp-api/index.js';

export const MODELS = '/work/shared/amazon';
export const US = 'ATVPDKIKX0DER';
export const CA = 'A2EUQ1WTGCTBG2';
export const DE = 'A1PA6795UKMFR9';
export const FR = 'A13V1IB3VIYZZH';
export const SELLER = 'A1SELLER';
export const OTHER_SELLER = 'A2OTHER';
export const CLIENT = { id: 'amzn1.application-oa2-client.test', secret: 'test-secret' };
export const REFRESH = { na: 'Atzr|seller-na', eu: 'Atzr|seller-eu', otherNa: 'Atzr|other-na' };
export const ODD_SKUS = ['SKU,WITH COMMA', 'PACK 2/3 Größe', 'A+B & C?#'];
export const BULK_COUNT = 25;

const suppression = {
  code: '18155',
  message: 'The minimum price is greater than the selling price.',
  severity: 'ERROR' as const,
  categories: ['INVALID_PRICE'],
  enforcements: {
    actions: [{ action: 'LISTING_SUPPRESSED' }],
    exemption: { status: 'NOT_EXEMPT' as const },
  },
};

function bulkListings() {
  return Array.from({ length: BULK_COUNT }, (_, i) => ({
    sellerId: SELLER,
    region: 'na' as const,
    sku: `BULK-${String(i).padStart(2, '0')}`,
    productType: 'WALLET',
    quantity: i,
    createdDate: `2024-02-${String((i % 27) + 1).padStart(2, '0')}T00:00:00Z`,
    marketplaces: { [US]: { leadTimeDays: 5 } },
  }));
}

export function testCatalog(): AmazonCatalog {
  return {
    amazon: {
      app: { clientId: CLIENT.id, clientSecret: CLIENT.secret },
      sellers: [
        { sellerId: SELLER, refreshTokens: { na: REFRESH.na, eu: REFRESH.eu } },
        { sellerId: OTHER_SELLER, refreshTokens: { na: REFRESH.otherNa } },
      ],
      listings: [
        {
          sellerId: SELLER,
          region: 'na',
          sku: 'WALLET-BRN',
          productType: 'WALLET',
          quantity: 0,
          asin: 'B0WALLET01',
          itemName: 'Leather wallet',
          marketplaces: {
            [US]: {
              status: ['DISCOVERABLE'],
              leadTimeDays: 2,
              entryFields: { restock_date: '2026-01-01' },
            },
            [CA]: { status: ['DISCOVERABLE'], leadTimeDays: 2 },
          },
        },
        ...ODD_SKUS.map((sku, i) => ({
          sellerId: SELLER,
          region: 'na' as const,
          sku,
          productType: 'LUGGAGE',
          quantity: 5 + i,
          marketplaces: { [US]: { leadTimeDays: 3 } },
        })),
        {
          sellerId: SELLER,
          region: 'na',
          sku: 'NO-LEAD',
          productType: 'WALLET',
          quantity: 4,
          marketplaces: { [US]: {} },
        },
        {
          sellerId: SELLER,
          region: 'eu',
          sku: 'BELT-BLK',
          productType: 'BELT',
          quantity: 10,
          itemName: 'Black belt',
          marketplaces: {
            [DE]: { leadTimeDays: 4, marketplaceIdInEntry: true, issues: [suppression] },
            [FR]: { leadTimeDays: 4 },
          },
        },
        {
          sellerId: OTHER_SELLER,
          region: 'na',
          sku: 'WALLET-BRN',
          productType: 'WALLET',
          quantity: 50,
          marketplaces: { [US]: { leadTimeDays: 1 } },
        },
        ...bulkListings(),
      ],
    },
  };
}

/** A clock the test moves by hand. */
export class FakeClock implements Clock {
  constructor(private time = Date.parse('2026-03-01T12:00:00Z')) {}
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

export async function startTestApi(
  options: Partial<FakeSpApiOptions> = {},
): Promise<{ api: FakeSpApi; clock: FakeClock }> {
  const clock = (options.clock as FakeClock | undefined) ?? new FakeClock();
  const api = await startFakeSpApi({ catalog: testCatalog(), ...options, clock });
  return { api, clock };
}

export async function lwa(api: FakeSpApi, body: Record<string, string>): Promise<Response> {
  return fetch(`${api.url}/auth/o2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export async function accessToken(api: FakeSpApi, refreshToken = REFRESH.na): Promise<string> {
  const res = await lwa(api, {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: CLIENT.id,
    client_secret: CLIENT.secret,
  });
  const body = (await res.json()) as { access_token: string };
  return body.access_token;
}

export interface CallOptions {
  method?: string;
  body?: unknown;
  token?: string;
  contentType?: string;
}

/** An SP-API call through node's fetch (Host is then the loopback address). */
export async function spCall(
  api: FakeSpApi,
  path: string,
  options: CallOptions = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const headers: Record<string, string> = {};
  if (options.token) headers['x-amz-access-token'] = options.token;
  if (options.body !== undefined)
    headers['content-type'] = options.contentType ?? 'application/json';
  const res = await fetch(`${api.url}${path}`, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text ? (JSON.parse(text) as unknown) : null,
    headers: res.headers,
  };
}

/** An HTTP call with a chosen Host header, as our client sends them (fetch cannot set Host). */
export function rawCall(
  api: FakeSpApi,
  options: { host: string; path: string; method?: string; headers?: Record<string, string> },
): Promise<{ status: number; body: unknown }> {
  const url = new URL(api.url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: options.path,
        method: options.method ?? 'GET',
        headers: { ...options.headers, host: options.host },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            body: text ? (JSON.parse(text) as unknown) : null,
          });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

export function itemPath(sku: string, query: string, seller = SELLER): string {
  return `/listings/2021-08-01/items/${seller}/${encodeURIComponent(sku)}?${query}`;
}

export function fulfillmentPatch(
  op: string,
  entry: Record<string, unknown>,
  productType = 'WALLET',
) {
  return {
    productType,
    patches: [{ op, path: '/attributes/fulfillment_availability', value: [entry] }],
  };
}

function loadJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(`${MODELS}/${file}`, 'utf8')) as Record<string, unknown>;
}

let ajv: Ajv | undefined;

/** Ajv over Amazon's own files: the OpenAPI definitions and the feed JSON Schemas. */
function models(): Ajv {
  if (ajv) return ajv;
  ajv = new Ajv({ strict: false, allErrors: true });
  formatsModule.default(ajv);
  ajv.addSchema({ ...loadJson('listingsItems_2021-08-01.json'), $id: 'listings' });
  ajv.addSchema({ ...loadJson('feeds_2021-06-30.json'), $id: 'feeds' });
  ajv.addSchema({ ...loadJson('listings-feed-schema-v2.json'), $id: 'feed' });
  ajv.addSchema({ ...loadJson('listings-feed-processing-report-schema-v2.json'), $id: 'report' });
  return ajv;
}

function validator(ref: string): ValidateFunction {
  const found = models().getSchema(ref);
  if (!found) throw new Error(`no schema ${ref}`);
  return found;
}

/** Asserts that `data` matches a definition; returns ajv's errors as text for a clear failure. */
export function modelErrors(ref: string, data: unknown): string {
  const validate = validator(ref);
  return validate(data) ? '' : models().errorsText(validate.errors);
}

export function exampleFeed(): Record<string, unknown> {
  return loadJson('listings-feed-schema-v2.example.json');
}
