import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeSpApi } from '../../src/sandbox/sp-api/index.js';
import {
  accessToken,
  CA,
  itemPath,
  modelErrors,
  SELLER,
  spCall,
  startTestApi,
  US,
  type FakeClock,
} from './fake-sp-api-fixture.js';

interface Feed {
  feedId: string;
  processingStatus: string;
  resultFeedDocumentId?: string;
}

interface Report {
  header: { sellerId: string; feedId: string };
  issues: { messageId?: number; sku?: string; severity: string; message: string }[];
  summary: Record<string, unknown>;
  items?: { sku: string; fulfillmentAvailability?: { quantity: number }[] }[];
}

let api: FakeSpApi;
let clock: FakeClock;
let token: string;

beforeEach(async () => {
  ({ api, clock } = await startTestApi());
  token = await accessToken(api);
});

afterEach(async () => {
  await api.close();
});

function entry(quantity: number, extra: Record<string, unknown> = {}) {
  return {
    fulfillment_channel_code: 'DEFAULT',
    quantity,
    lead_time_to_ship_max_days: 14,
    ...extra,
  };
}

function patchMessage(messageId: number, sku: string, value: Record<string, unknown>) {
  return {
    messageId,
    sku,
    operationType: 'PATCH',
    productType: 'WALLET',
    patches: [{ op: 'merge', path: '/attributes/fulfillment_availability', value: [value] }],
  };
}

/** Uploads through the presigned URL's path (the URL names an Amazon host). */
async function upload(url: string, content: string): Promise<Response> {
  const target = new URL(url);
  return fetch(`${api.url}${target.pathname}${target.search}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json; charset=UTF-8' },
    body: content,
  });
}

async function submitFeed(document: unknown, marketplaceIds = [US]) {
  const created = await spCall(api, '/feeds/2021-06-30/documents', {
    method: 'POST',
    token,
    body: { contentType: 'application/json; charset=UTF-8' },
  });
  expect(created.status).toBe(201);
  expect(modelErrors('feeds#/definitions/CreateFeedDocumentResponse', created.body)).toBe('');
  const { feedDocumentId, url } = created.body as { feedDocumentId: string; url: string };
  expect(url).toMatch(/^https:\/\/[a-z0-9.-]+\.amazon\.com\/feed-documents\//);

  const uploaded = await upload(url, JSON.stringify(document));
  expect(uploaded.status).toBe(200);

  return spCall(api, '/feeds/2021-06-30/feeds', {
    method: 'POST',
    token,
    body: { feedType: 'JSON_LISTINGS_FEED', marketplaceIds, inputFeedDocumentId: feedDocumentId },
  });
}

async function pollFeed(feedId: string): Promise<Feed> {
  const res = await spCall(api, `/feeds/2021-06-30/feeds/${feedId}`, { token });
  expect(res.status).toBe(200);
  expect(modelErrors('feeds#/definitions/Feed', res.body)).toBe('');
  return res.body as Feed;
}

async function downloadReport(feed: Feed): Promise<Report> {
  const res = await spCall(api, `/feeds/2021-06-30/documents/${feed.resultFeedDocumentId ?? ''}`, {
    token,
  });
  expect(modelErrors('feeds#/definitions/FeedDocument', res.body)).toBe('');
  const url = new URL((res.body as { url: string }).url);
  const report: unknown = await (await fetch(`${api.url}${url.pathname}${url.search}`)).json();
  expect(modelErrors('report', report)).toBe('');
  return report as Report;
}

async function runFeed(document: unknown): Promise<{ statuses: string[]; report: Report }> {
  const created = await submitFeed(document);
  expect(created.status).toBe(202);
  const { feedId } = created.body as { feedId: string };
  const statuses: string[] = [];
  let feed: Feed;
  do {
    feed = await pollFeed(feedId);
    statuses.push(feed.processingStatus);
  } while (feed.processingStatus !== 'DONE' && feed.processingStatus !== 'FATAL');
  return { statuses, report: await downloadReport(feed) };
}

function header(sellerId = SELLER) {
  return {
    sellerId,
    version: '2.0',
    report: { includedData: ['summaries', 'fulfillmentAvailability'], apiVersion: '2021-08-01' },
  };
}

describe('fake SP-API: JSON_LISTINGS_FEED', () => {
  it('runs the full cycle: document, upload, feed, polls to DONE, processing report', async () => {
    const document = {
      header: header(),
      messages: [
        patchMessage(1, 'WALLET-BRN', entry(999)),
        patchMessage(2, 'NO-LEAD', entry(5, { marketplace_id: US })),
        patchMessage(3, 'NOPE', entry(5)),
        {
          messageId: 4,
          sku: 'BULK-00',
          operationType: 'PARTIAL_UPDATE',
          productType: 'WALLET',
          attributes: { fulfillment_availability: [entry(30)] },
        },
        { messageId: 5, sku: 'BULK-01', operationType: 'DELETE' },
        { messageId: 6, sku: 'BULK-02', operationType: 'PATCH', patches: [] },
      ],
    };

    const { statuses, report } = await runFeed(document);

    expect(statuses).toEqual(['IN_QUEUE', 'IN_PROGRESS', 'DONE']);
    expect(report.summary).toMatchObject({
      messagesProcessed: 6,
      messagesAccepted: 3,
      messagesInvalid: 3,
      errors: report.issues.length,
    });
    expect(new Set(report.issues.map((i) => i.messageId))).toEqual(new Set([2, 3, 6]));
    expect(report.issues.find((i) => i.messageId === 2)?.message).toContain('marketplace_id');
    expect(report.items?.find((i) => i.sku === 'WALLET-BRN')?.fulfillmentAvailability).toEqual([
      { fulfillmentChannelCode: 'DEFAULT', quantity: 999 },
    ]);
    expect(api.listing('na', SELLER, 'BULK-00')?.quantity).toBe(30);
    expect(api.listing('na', SELLER, 'NO-LEAD')?.quantity).toBe(4);
    expect(api.stats.writesBySku).toEqual({
      [`na/${SELLER}/WALLET-BRN`]: 1,
      [`na/${SELLER}/BULK-00`]: 1,
      [`na/${SELLER}/BULK-01`]: 1,
    });
    const deleted = await spCall(api, itemPath('BULK-01', `marketplaceIds=${US}`), { token });
    expect(deleted.status).toBe(404);
  });

  it('ends FATAL when the feed holds more than 25,000 messages', async () => {
    const messages = Array.from({ length: 25_001 }, (_, i) =>
      patchMessage(i + 1, 'WALLET-BRN', entry(1)),
    );

    const { statuses, report } = await runFeed({ header: header(), messages });

    expect(statuses.at(-1)).toBe('FATAL');
    expect(report.issues[0]?.message).toContain('25000');
    expect(api.listing('na', SELLER, 'WALLET-BRN')?.quantity).toBe(0);
  });

  it('ends FATAL when the header names another seller, or the document is no feed object', async () => {
    const otherSeller = await runFeed({
      header: header('A9SOMEONE'),
      messages: [patchMessage(1, 'WALLET-BRN', entry(1))],
    });
    const created = await submitFeed('not a feed');
    const garbage = created.body as { feedId: string };

    expect(otherSeller.statuses.at(-1)).toBe('FATAL');
    expect(otherSeller.report.issues[0]?.message).toContain('sellerId');
    expect(api.stats.writesBySku).toEqual({});
    await pollFeed(garbage.feedId);
    await pollFeed(garbage.feedId);
    expect((await pollFeed(garbage.feedId)).processingStatus).toBe('FATAL');
  });

  it('can advance by clock time instead of polls', async () => {
    await api.close();
    ({ api, clock } = await startTestApi({ feedPollsToDone: Infinity, feedProcessingMs: 10_000 }));
    token = await accessToken(api);
    const created = await submitFeed({
      header: header(),
      messages: [patchMessage(1, 'WALLET-BRN', entry(20))],
    });
    const { feedId } = created.body as { feedId: string };

    const statuses = [(await pollFeed(feedId)).processingStatus];
    clock.advance(5_000);
    statuses.push((await pollFeed(feedId)).processingStatus);
    statuses.push((await pollFeed(feedId)).processingStatus);
    clock.advance(5_000);
    statuses.push((await pollFeed(feedId)).processingStatus);

    expect(statuses).toEqual(['IN_QUEUE', 'IN_PROGRESS', 'IN_PROGRESS', 'DONE']);
    expect(api.listing('na', SELLER, 'WALLET-BRN')?.quantity).toBe(20);
  });

  it('refuses a JSON_LISTINGS_FEED for several marketplaces with 400', async () => {
    const res = await submitFeed({ header: header(), messages: [] }, [US, CA]);

    expect(res.status).toBe(400);
    expect(modelErrors('feeds#/definitions/ErrorList', res.body)).toBe('');
  });

  it('refuses a presigned URL that was tampered with or has expired', async () => {
    const created = await spCall(api, '/feeds/2021-06-30/documents', {
      method: 'POST',
      token,
      body: { contentType: 'application/json' },
    });
    const url = (created.body as { url: string }).url;

    const tampered = await upload(
      url.replace(/X-Amz-Signature=[0-9a-f]/, 'X-Amz-Signature=z'),
      '{}',
    );

    clock.advance(301_000);
    const expired = await upload(url, '{}');

    expect(tampered.status).toBe(403);
    expect(await tampered.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('<Message>Request has expired</Message>');
  });
});

describe('fake SP-API: feeds processed without polls, and getFeeds', () => {
  const feedsPath = '/feeds/2021-06-30/feeds';

  async function listFeeds(query: string) {
    const res = await spCall(api, `${feedsPath}?${query}`, { token });
    const ref = res.status === 200 ? 'GetFeedsResponse' : 'ErrorList';
    expect(modelErrors(`feeds#/definitions/${ref}`, res.body)).toBe('');
    return res as { status: number; body: { feeds: Feed[]; nextToken?: string } };
  }

  async function createFeed(quantity: number): Promise<string> {
    const created = await submitFeed({
      header: header(),
      messages: [patchMessage(1, 'WALLET-BRN', entry(quantity))],
    });
    return (created.body as { feedId: string }).feedId;
  }

  it('processes a feed that nobody polls, once, and getFeed still counts polls to DONE', async () => {
    const feedId = await createFeed(20);

    expect(api.listing('na', SELLER, 'WALLET-BRN')?.quantity).toBe(20);
    const statuses = [];
    for (let poll = 0; poll < 3; poll += 1)
      statuses.push((await pollFeed(feedId)).processingStatus);
    expect(statuses).toEqual(['IN_QUEUE', 'IN_PROGRESS', 'DONE']);
    expect(api.stats.writesBySku).toEqual({ [`na/${SELLER}/WALLET-BRN`]: 1 });
  });

  it('waits feedProcessingMs of clock time, then processes at the next request', async () => {
    await api.close();
    ({ api, clock } = await startTestApi({ feedPollsToDone: Infinity, feedProcessingMs: 60_000 }));
    token = await accessToken(api);
    await createFeed(20);

    clock.advance(59_000);
    expect(api.listing('na', SELLER, 'WALLET-BRN')?.quantity).toBe(0);
    clock.advance(1_000);
    await spCall(api, itemPath('WALLET-BRN', `marketplaceIds=${US}`), { token });
    expect(api.stats.writesBySku).toEqual({ [`na/${SELLER}/WALLET-BRN`]: 1 });
  });

  it('lists feeds by type, marketplace, status and creation time, page by page', async () => {
    const first = await createFeed(1);
    clock.advance(60_000);
    const since = new Date(clock.now()).toISOString();
    const second = await createFeed(2);
    const third = await createFeed(3);
    for (let poll = 0; poll < 3; poll += 1) await pollFeed(third);

    const all = await listFeeds(`feedTypes=JSON_LISTINGS_FEED&marketplaceIds=${US}`);
    expect(all.body.feeds.map((f) => f.feedId)).toEqual([third, second, first]);
    const recent = await listFeeds(`feedTypes=JSON_LISTINGS_FEED&createdSince=${since}`);
    expect(recent.body.feeds.map((f) => f.feedId)).toEqual([third, second]);
    const done = await listFeeds('feedTypes=JSON_LISTINGS_FEED&processingStatuses=DONE');
    expect(done.body.feeds).toMatchObject([{ feedId: third, processingStatus: 'DONE' }]);
    expect((await listFeeds(`feedTypes=POST_PRODUCT_DATA`)).body.feeds).toEqual([]);
    expect(
      (await listFeeds(`feedTypes=JSON_LISTINGS_FEED&marketplaceIds=${CA}`)).body.feeds,
    ).toEqual([]);

    const page = await listFeeds('feedTypes=JSON_LISTINGS_FEED&pageSize=2');
    expect(page.body.feeds.map((f) => f.feedId)).toEqual([third, second]);
    const token2 = encodeURIComponent(page.body.nextToken ?? '');
    const rest = await listFeeds(`nextToken=${token2}`);
    expect(rest.body.feeds.map((f) => f.feedId)).toEqual([first]);
    expect(rest.body.nextToken).toBeUndefined();
  });

  it('refuses getFeeds without feedTypes, or a nextToken with other parameters', async () => {
    await createFeed(1);
    await createFeed(2);
    const page = await listFeeds('feedTypes=JSON_LISTINGS_FEED&pageSize=1');
    expect(page.body.nextToken).toEqual(expect.any(String));
    const next = encodeURIComponent(page.body.nextToken ?? '');

    expect((await listFeeds(`marketplaceIds=${US}`)).status).toBe(400);
    expect((await listFeeds(`nextToken=${next}&pageSize=5`)).status).toBe(400);
    expect((await listFeeds('feedTypes=JSON_LISTINGS_FEED&pageSize=101')).status).toBe(400);
    expect((await listFeeds('feedTypes=JSON_LISTINGS_FEED&createdSince=yesterday')).status).toBe(
      400,
    );
  });
});
