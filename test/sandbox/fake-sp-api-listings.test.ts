import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeSpApi } from '../../src/sandbox/sp-api/index.js';
import {
  accessToken,
  BULK_COUNT,
  CA,
  DE,
  FR,
  fulfillmentPatch,
  itemPath,
  modelErrors,
  ODD_SKUS,
  REFRESH,
  SELLER,
  spCall,
  startTestApi,
  US,
  type FakeClock,
} from './fake-sp-api-fixture.js';

interface Item {
  sku: string;
  summaries?: { marketplaceId: string; status: string[]; productType: string }[];
  attributes?: { fulfillment_availability?: Record<string, unknown>[] };
  issues?: { code: string; marketplaceIds?: string[] }[];
  fulfillmentAvailability?: Record<string, unknown>[];
}

interface Submission {
  sku: string;
  status: string;
  issues: { code: string; message: string; severity: string }[];
}

let api: FakeSpApi;
let clock: FakeClock;
let token: string;

async function start(options: Parameters<typeof startTestApi>[0] = {}) {
  await api?.close();
  ({ api, clock } = await startTestApi(options));
  token = await accessToken(api);
}

beforeEach(async () => {
  await start();
});

afterEach(async () => {
  await api.close();
});

const ALL =
  'summaries,attributes,issues,offers,fulfillmentAvailability,procurement,relationships,productTypes';

async function getItem(sku: string, marketplaces = US, included = ALL, auth = token) {
  return spCall(api, itemPath(sku, `marketplaceIds=${marketplaces}&includedData=${included}`), {
    token: auth,
  });
}

async function patch(sku: string, body: unknown, query = `marketplaceIds=${US}`) {
  const res = await spCall(api, itemPath(sku, query), { method: 'PATCH', body, token });
  return { ...res, submission: res.body as Submission };
}

async function search(query: string, auth = token) {
  return spCall(api, `/listings/2021-08-01/items/${SELLER}?${query}`, { token: auth });
}

describe('fake SP-API: getListingsItem', () => {
  it('answers an Item that matches the model, with the rate-limit and request-id headers', async () => {
    const res = await getItem('WALLET-BRN');

    expect(res.status).toBe(200);
    expect(modelErrors('listings#/definitions/Item', res.body)).toBe('');
    expect(res.headers.get('x-amzn-ratelimit-limit')).toBe('5.0');
    expect(res.headers.get('x-amzn-requestid')).toBeTruthy();
    const item = res.body as Item;
    expect(item.summaries).toEqual([
      expect.objectContaining({
        marketplaceId: US,
        status: ['DISCOVERABLE'],
        productType: 'WALLET',
      }),
    ]);
    expect(item.attributes?.fulfillment_availability).toEqual([
      {
        fulfillment_channel_code: 'DEFAULT',
        quantity: 0,
        lead_time_to_ship_max_days: 2,
        restock_date: '2026-01-01',
      },
    ]);
    expect(item.fulfillmentAvailability).toEqual([
      { fulfillmentChannelCode: 'DEFAULT', quantity: 0 },
    ]);
  });

  it('answers only summaries when includedData is not given', async () => {
    const res = await spCall(api, itemPath('WALLET-BRN', `marketplaceIds=${US}`), { token });

    expect(Object.keys(res.body as object).sort()).toEqual(['sku', 'summaries']);
  });

  it('answers 404 NOT_FOUND for an unknown SKU or a marketplace that lacks it', async () => {
    const unknown = await getItem('NOPE');
    const otherMarketplace = await getItem('NO-LEAD', CA);

    for (const res of [unknown, otherMarketplace]) {
      expect(res.status).toBe(404);
      expect(modelErrors('listings#/definitions/ErrorList', res.body)).toBe('');
      expect(res.body).toMatchObject({ errors: [{ code: 'NOT_FOUND' }] });
    }
  });

  it('reads SKUs holding commas, spaces, slashes and non-ASCII through the encoded path', async () => {
    for (const sku of ODD_SKUS) {
      const res = await getItem(sku);
      expect(res.status, sku).toBe(200);
      expect((res.body as Item).sku).toBe(sku);
    }
  });

  it('omits lead time when the entry has none, and puts marketplace_id in where flagged', async () => {
    const noLead = (await getItem('NO-LEAD')).body as Item;
    const euToken = await accessToken(api, REFRESH.eu);
    const belt = (await getItem('BELT-BLK', DE, ALL, euToken)).body as Item;

    expect(noLead.attributes?.fulfillment_availability).toEqual([
      { fulfillment_channel_code: 'DEFAULT', quantity: 4 },
    ]);
    expect(belt.attributes?.fulfillment_availability).toEqual([
      {
        fulfillment_channel_code: 'DEFAULT',
        quantity: 10,
        lead_time_to_ship_max_days: 4,
        marketplace_id: DE,
      },
    ]);
    expect(belt.issues).toEqual([expect.objectContaining({ code: '18155', marketplaceIds: [DE] })]);
  });

  it('refuses a missing marketplaceIds or an unknown includedData with 400 InvalidInput', async () => {
    const noMarketplace = await spCall(api, itemPath('WALLET-BRN', ''), { token });
    const badIncluded = await getItem('WALLET-BRN', US, 'everything');

    for (const res of [noMarketplace, badIncluded]) {
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ errors: [{ code: 'InvalidInput' }] });
    }
  });
});

describe('fake SP-API: searchListingsItems', () => {
  it('pages 10 items by default and walks every SKU exactly once through nextToken', async () => {
    const seen: string[] = [];
    const query = `marketplaceIds=${US}&includedData=summaries,attributes`;
    let pages = 0;
    let pageToken: string | undefined;
    do {
      const res = await search(pageToken ? `${query}&pageToken=${pageToken}` : query);
      expect(res.status).toBe(200);
      expect(modelErrors('listings#/definitions/ItemSearchResults', res.body)).toBe('');
      const body = res.body as {
        numberOfResults: number;
        items: Item[];
        pagination?: { nextToken?: string };
      };
      expect(body.items.length).toBeLessThanOrEqual(10);
      seen.push(...body.items.map((item) => item.sku));
      pageToken = body.pagination?.nextToken;
      pages += 1;
      clock.advance(1000);
    } while (pageToken);

    const expected = BULK_COUNT + ODD_SKUS.length + 2;
    expect(seen).toHaveLength(expected);
    expect(new Set(seen).size).toBe(expected);
    expect(pages).toBe(Math.ceil(expected / 10));
  });

  it('finds SKUs named in identifiers (pageSize up to 20) and splits on commas', async () => {
    const res = await search(
      `marketplaceIds=${US}&identifiersType=SKU&identifiers=${encodeURIComponent('WALLET-BRN,SKU,WITH COMMA,NO-LEAD')}&pageSize=20`,
    );

    const body = res.body as { numberOfResults: number; items: Item[] };
    expect(body.numberOfResults).toBe(2);
    expect(body.items.map((i) => i.sku).sort()).toEqual(['NO-LEAD', 'WALLET-BRN']);
  });

  it('refuses more than 20 identifiers and a pageSize above 20', async () => {
    const ids = Array.from({ length: 21 }, (_, i) => `BULK-${String(i).padStart(2, '0')}`);
    const tooMany = await search(
      `marketplaceIds=${US}&identifiersType=SKU&identifiers=${ids.join(',')}`,
    );
    const twenty = await search(
      `marketplaceIds=${US}&identifiersType=SKU&identifiers=${ids.slice(0, 20).join(',')}&pageSize=20`,
    );
    const bigPage = await search(`marketplaceIds=${US}&pageSize=21`);

    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({ errors: [{ code: 'InvalidInput' }] });
    expect(bigPage.status).toBe(400);
    expect((twenty.body as { items: Item[] }).items).toHaveLength(20);
  });

  it('refuses a page token that belongs to another search', async () => {
    const first = await search(`marketplaceIds=${US}`);
    const nextToken = (first.body as { pagination: { nextToken: string } }).pagination.nextToken;

    const reused = await search(`marketplaceIds=${US}&includedData=issues&pageToken=${nextToken}`);

    expect(reused.status).toBe(400);
  });
});

describe('fake SP-API: patchListingsItem', () => {
  const good = {
    fulfillment_channel_code: 'DEFAULT',
    quantity: 999,
    lead_time_to_ship_max_days: 14,
  };

  it('accepts a valid merge, answers the model shape, and counts the write once', async () => {
    const res = await patch('WALLET-BRN', fulfillmentPatch('merge', good));

    expect(res.status).toBe(200);
    expect(modelErrors('listings#/definitions/ListingsItemSubmissionResponse', res.body)).toBe('');
    expect(res.submission).toMatchObject({ sku: 'WALLET-BRN', status: 'ACCEPTED', issues: [] });
    expect(api.stats.writesBySku[`na/${SELLER}/WALLET-BRN`]).toBe(1);
    const entry = (await getItem('WALLET-BRN')).body as Item;
    expect(entry.attributes?.fulfillment_availability).toEqual([
      { ...good, restock_date: '2026-01-01' },
    ]);
  });

  it('shares one quantity across the marketplaces of a region, lead time per marketplace', async () => {
    await patch('WALLET-BRN', fulfillmentPatch('merge', good), `marketplaceIds=${CA}`);

    const us = (await getItem('WALLET-BRN', US)).body as Item;
    const ca = (await getItem('WALLET-BRN', CA)).body as Item;

    expect(us.fulfillmentAvailability).toEqual([
      { fulfillmentChannelCode: 'DEFAULT', quantity: 999 },
    ]);
    expect(ca.fulfillmentAvailability).toEqual([
      { fulfillmentChannelCode: 'DEFAULT', quantity: 999 },
    ]);
    expect(us.attributes?.fulfillment_availability?.[0]?.lead_time_to_ship_max_days).toBe(2);
    expect(ca.attributes?.fulfillment_availability?.[0]?.lead_time_to_ship_max_days).toBe(14);
    expect(us.summaries?.[0]?.status).toContain('BUYABLE');
  });

  it('replace swaps the whole attribute: fields left out are gone', async () => {
    await patch(
      'WALLET-BRN',
      fulfillmentPatch('replace', { fulfillment_channel_code: 'DEFAULT', quantity: 3 }),
    );

    const item = (await getItem('WALLET-BRN')).body as Item;

    expect(item.attributes?.fulfillment_availability).toEqual([
      { fulfillment_channel_code: 'DEFAULT', quantity: 3 },
    ]);
  });

  it('rejects an entry carrying marketplace_id, naming the field', async () => {
    const res = await patch(
      'WALLET-BRN',
      fulfillmentPatch('merge', { ...good, marketplace_id: US }),
    );

    expect(res.submission.status).toBe('INVALID');
    expect(res.submission.issues.map((i) => i.message).join(' ')).toContain('marketplace_id');
    expect(modelErrors('listings#/definitions/ListingsItemSubmissionResponse', res.body)).toBe('');
    expect(api.listing('na', SELLER, 'WALLET-BRN')?.quantity).toBe(0);
    expect(api.stats.writesBySku[`na/${SELLER}/WALLET-BRN`]).toBeUndefined();
  });

  it('rejects an entry without fulfillment_channel_code, a lead time of 31, a bad quantity', async () => {
    const cases = [
      { quantity: 5, lead_time_to_ship_max_days: 2 },
      { ...good, lead_time_to_ship_max_days: 31 },
      { ...good, quantity: -1 },
      { ...good, quantity: 2.5 },
    ];

    for (const entry of cases) {
      const res = await patch('WALLET-BRN', fulfillmentPatch('merge', entry));
      expect(res.submission.status, JSON.stringify(entry)).toBe('INVALID');
      expect(res.submission.issues[0]?.severity).toBe('ERROR');
    }
    const missingCode = await patch('WALLET-BRN', fulfillmentPatch('merge', cases[0] ?? {}));
    expect(missingCode.submission.issues[0]?.message).toContain('fulfillment_channel_code');
    expect(api.listing('na', SELLER, 'WALLET-BRN')?.quantity).toBe(0);
  });

  it("rejects a product type other than the listing's", async () => {
    const res = await patch('WALLET-BRN', fulfillmentPatch('merge', good, 'LUGGAGE'));

    expect(res.submission.status).toBe('INVALID');
    expect(res.submission.issues[0]?.message).toContain('LUGGAGE');
  });

  it('refuses a body that is not a ListingsItemPatchRequest with 400', async () => {
    const res = await patch('WALLET-BRN', { productType: 'WALLET', patches: [] });

    expect(res.status).toBe(400);
    expect(modelErrors('listings#/definitions/ErrorList', res.body)).toBe('');
  });

  it('validates in VALIDATION_PREVIEW mode and changes nothing', async () => {
    const res = await patch(
      'WALLET-BRN',
      fulfillmentPatch('merge', good),
      `marketplaceIds=${US}&mode=VALIDATION_PREVIEW&includedData=identifiers,issues`,
    );

    expect(res.submission.status).toBe('VALID');
    expect(modelErrors('listings#/definitions/ListingsItemSubmissionResponse', res.body)).toBe('');
    expect(res.body).toMatchObject({ identifiers: [{ marketplaceId: US, asin: 'B0WALLET01' }] });
    expect(api.listing('na', SELLER, 'WALLET-BRN')?.quantity).toBe(0);
    expect(res.headers.get('x-amzn-ratelimit-limit')).toBe('1.0');
  });

  it('applies an ACCEPTED write only after applyDelayMs of clock time', async () => {
    await start({ applyDelayMs: 5000 });

    const res = await patch('WALLET-BRN', fulfillmentPatch('merge', good));
    const before = (await getItem('WALLET-BRN')).body as Item;
    clock.advance(5000);
    const after = (await getItem('WALLET-BRN')).body as Item;

    expect(res.submission.status).toBe('ACCEPTED');
    expect(before.fulfillmentAvailability?.[0]?.quantity).toBe(0);
    expect(after.fulfillmentAvailability?.[0]?.quantity).toBe(999);
    expect(api.stats.writesBySku[`na/${SELLER}/WALLET-BRN`]).toBe(1);
  });

  it('answers INVALID for a SKU the marketplace does not carry', async () => {
    const euToken = await accessToken(api, REFRESH.eu);
    const res = await spCall(api, itemPath('BELT-BLK', `marketplaceIds=${FR}`), {
      method: 'PATCH',
      token: euToken,
      body: fulfillmentPatch('merge', good, 'BELT'),
    });
    const missing = await patch('NOPE', fulfillmentPatch('merge', good));

    expect((res.body as Submission).status).toBe('ACCEPTED');
    expect(missing.submission.status).toBe('INVALID');
    expect(api.listing('eu', SELLER, 'BELT-BLK')?.marketplaces[DE]?.leadTimeDays).toBe(4);
    expect(api.listing('eu', SELLER, 'BELT-BLK')?.marketplaces[FR]?.leadTimeDays).toBe(14);
  });
});
