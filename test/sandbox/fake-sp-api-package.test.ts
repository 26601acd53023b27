import { Agent } from 'node:http';
import { createRequire } from 'node:module';
import { connect, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeSpApi } from '../../src/sandbox/sp-api/index.js';
import { CLIENT, modelErrors, REFRESH, SELLER, startTestApi, US } from './fake-sp-api-fixture.js';

interface SellingPartner {
  callAPI(params: Record<string, unknown>): Promise<Record<string, unknown>>;
  upload(details: unknown, feed: { content: string; contentType: string }): Promise<unknown>;
  download(details: unknown, options?: Record<string, unknown>): Promise<unknown>;
}
type SellingPartnerClass = new (config: Record<string, unknown>) => SellingPartner;

const require = createRequire(import.meta.url);
const SellingPartnerApi = require('amazon-sp-api') as SellingPartnerClass;

/** Plain HTTP to the fake, while the package believes it speaks https to Amazon's hosts. */
class LoopbackAgent extends Agent {
  protocol = 'https:';

  constructor(private readonly port: number) {
    super({ keepAlive: true });
  }

  override createConnection(): Socket {
    return connect(this.port, '127.0.0.1');
  }
}

let api: FakeSpApi;
let agent: LoopbackAgent;

function client(): SellingPartner {
  return new SellingPartnerApi({
    region: 'na',
    refresh_token: REFRESH.na,
    credentials: {
      SELLING_PARTNER_APP_CLIENT_ID: CLIENT.id,
      SELLING_PARTNER_APP_CLIENT_SECRET: CLIENT.secret,
    },
    endpoints_versions: { listingsItems: '2021-08-01' },
    options: {
      auto_request_throttled: false,
      retry_remote_timeout: false,
      https_proxy_agent: agent,
    },
  });
}

beforeEach(async () => {
  ({ api } = await startTestApi());
  agent = new LoopbackAgent(Number(new URL(api.url).port));
});

afterEach(async () => {
  agent.destroy();
  await api.close();
});

describe('fake SP-API through the amazon-sp-api package', () => {
  it('gets a token, reads, searches and patches listings', async () => {
    const sp = client();

    const item = await sp.callAPI({
      operation: 'listingsItems.getListingsItem',
      path: { sellerId: SELLER, sku: 'PACK 2/3 Größe' },
      query: { marketplaceIds: [US], includedData: ['summaries', 'attributes'] },
    });
    const found = await sp.callAPI({
      operation: 'listingsItems.searchListingsItems',
      path: { sellerId: SELLER },
      query: {
        marketplaceIds: [US],
        identifiersType: 'SKU',
        identifiers: ['WALLET-BRN', 'NO-LEAD'],
      },
    });
    const submission = await sp.callAPI({
      operation: 'listingsItems.patchListingsItem',
      path: { sellerId: SELLER, sku: 'WALLET-BRN' },
      query: { marketplaceIds: [US] },
      body: {
        productType: 'WALLET',
        patches: [
          {
            op: 'merge',
            path: '/attributes/fulfillment_availability',
            value: [
              {
                fulfillment_channel_code: 'DEFAULT',
                quantity: 999,
                lead_time_to_ship_max_days: 14,
              },
            ],
          },
        ],
      },
    });

    expect(item.sku).toBe('PACK 2/3 Größe');
    expect(modelErrors('listings#/definitions/Item', item)).toBe('');
    expect(found.numberOfResults).toBe(2);
    expect(submission.status).toBe('ACCEPTED');
    expect(api.listing('na', SELLER, 'WALLET-BRN')?.quantity).toBe(999);
    expect(api.stats.callsByOperation.lwaToken).toBe(1);
  });

  it('refreshes an expired token by itself and surfaces 429 QuotaExceeded', async () => {
    const sp = client();
    api.setFaults({ tokenTtlCalls: 1 });
    const read = () =>
      sp.callAPI({
        operation: 'listingsItems.getListingsItem',
        path: { sellerId: SELLER, sku: 'WALLET-BRN' },
        query: { marketplaceIds: [US] },
      });

    await read();
    await read();
    api.setFaults({});
    for (let i = 0; i < 8; i++) await read();
    const throttled = await read().catch((error: unknown) => error);

    expect(api.stats.callsByOperation.lwaToken).toBe(2);
    expect(throttled).toMatchObject({ code: 'QuotaExceeded' });
  });

  it('uploads a feed and downloads its report through the presigned URLs', async () => {
    const sp = client();
    const contentType = 'application/json; charset=UTF-8';
    const document = (await sp.callAPI({
      operation: 'feeds.createFeedDocument',
      body: { contentType },
    })) as { feedDocumentId: string; url: string };
    const feed = {
      header: { sellerId: SELLER, version: '2.0' },
      messages: [
        {
          messageId: 1,
          sku: 'NO-LEAD',
          operationType: 'PATCH',
          productType: 'WALLET',
          patches: [
            {
              op: 'replace',
              path: '/attributes/fulfillment_availability',
              value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 12 }],
            },
          ],
        },
      ],
    };

    await sp.upload(document, { content: JSON.stringify(feed), contentType });
    const { feedId } = await sp.callAPI({
      operation: 'feeds.createFeed',
      body: {
        feedType: 'JSON_LISTINGS_FEED',
        marketplaceIds: [US],
        inputFeedDocumentId: document.feedDocumentId,
      },
    });
    let status: Record<string, unknown> = {};
    for (let poll = 0; poll < 3; poll++) {
      status = await sp.callAPI({ operation: 'feeds.getFeed', path: { feedId } });
    }
    const result = await sp.callAPI({
      operation: 'feeds.getFeedDocument',
      path: { feedDocumentId: status.resultFeedDocumentId },
    });
    const report = JSON.parse(String(await sp.download(result))) as { summary: unknown };

    expect(status.processingStatus).toBe('DONE');
    expect(report.summary).toMatchObject({ messagesAccepted: 1, errors: 0 });
    expect(api.listing('na', SELLER, 'NO-LEAD')?.quantity).toBe(12);
    expect(api.stats.callsByOperation.uploadFeedDocument).toBe(1);
  });
});
