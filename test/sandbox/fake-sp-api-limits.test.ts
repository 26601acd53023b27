import { afterEach, describe, expect, it } from 'vitest';
import type { FakeSpApi } from '../../src/sandbox/sp-api/index.js';
import {
  accessToken,
  itemPath,
  modelErrors,
  SELLER,
  spCall,
  startTestApi,
  US,
  type FakeClock,
} from './fake-sp-api-fixture.js';

let api: FakeSpApi;
let clock: FakeClock;
let token: string;

async function start(options: Parameters<typeof startTestApi>[0] = {}) {
  ({ api, clock } = await startTestApi(options));
  token = await accessToken(api);
}

afterEach(async () => {
  await api.close();
});

const path = () => itemPath('WALLET-BRN', `marketplaceIds=${US}`);

async function statuses(count: number): Promise<number[]> {
  const result: number[] = [];
  for (let i = 0; i < count; i++) result.push((await spCall(api, path(), { token })).status);
  return result;
}

/** A call whose socket may be destroyed: the status, or 'dropped'. */
async function attempt(): Promise<number | 'dropped'> {
  try {
    return (await spCall(api, path(), { token })).status;
  } catch {
    return 'dropped';
  }
}

describe('fake SP-API: rate limits', () => {
  it('answers 429 QuotaExceeded once the burst is spent, and refills with the clock', async () => {
    await start();

    const burst = await statuses(11);
    const throttled = await spCall(api, path(), { token });
    clock.advance(200);
    const refilled = await statuses(2);

    expect(burst).toEqual([...Array<number>(10).fill(200), 429]);
    expect(throttled.body).toEqual({
      errors: [
        { code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.' },
      ],
    });
    expect(modelErrors('listings#/definitions/ErrorList', throttled.body)).toBe('');
    expect(refilled).toEqual([200, 429]);
    expect(api.stats.throttled).toBe(3);
    expect(api.stats.callsByOperation.getListingsItem).toBe(14);
  });

  it('keeps one bucket per seller and operation', async () => {
    await start();
    await statuses(10);

    const search = await spCall(api, `/listings/2021-08-01/items/${SELLER}?marketplaceIds=${US}`, {
      token,
    });

    expect((await statuses(1))[0]).toBe(429);
    expect(search.status).toBe(200);
    expect(search.headers.get('x-amzn-ratelimit-limit')).toBe('5.0');
  });

  it('scales the refill rate and announces the scaled rate', async () => {
    await start({ rateScale: 10 });
    await statuses(10);

    clock.advance(20);
    const after20ms = await statuses(2);
    const feedDoc = await spCall(api, '/feeds/2021-06-30/documents/none', { token });

    expect(after20ms).toEqual([200, 429]);
    expect(feedDoc.headers.get('x-amzn-ratelimit-limit')).toBe('0.222');
  });
});

describe('fake SP-API: faults', () => {
  it('injects 500 InternalFailure and 503 ServiceUnavailable at error5xxRate, repeatably', async () => {
    const runOnce = async () => {
      await start({ faults: { error5xxRate: 0.5 }, seed: 7, rateScale: 1000 });
      const seen = await statuses(40);
      const injected = api.stats.injected5xx;
      await api.close();
      return { seen, injected };
    };

    const first = await runOnce();
    const second = await runOnce();
    await start();

    expect(first.seen).toEqual(second.seen);
    expect(first.seen).toContain(500);
    expect(first.seen).toContain(503);
    expect(first.seen).toContain(200);
    expect(first.injected).toBe(first.seen.filter((s) => s >= 500).length);
  });

  it('drops connections at dropRate without answering', async () => {
    await start({ faults: { dropRate: 1 } });

    const outcome = await attempt();
    api.setFaults({});
    const healed = await attempt();

    expect(outcome).toBe('dropped');
    expect(healed).toBe(200);
    expect(api.stats.dropped).toBe(1);
  });

  it('drops after applying a write at dropAfterRate, so the write is counted once', async () => {
    await start({ faults: { dropAfterRate: 1 } });
    const body = {
      productType: 'WALLET',
      patches: [
        {
          op: 'merge',
          path: '/attributes/fulfillment_availability',
          value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 7 }],
        },
      ],
    };

    const outcome = await spCall(api, path(), { method: 'PATCH', body, token }).catch(
      () => 'dropped',
    );

    expect(outcome).toBe('dropped');
    expect(api.listing('na', SELLER, 'WALLET-BRN')?.quantity).toBe(7);
    expect(api.stats.writesBySku[`na/${SELLER}/WALLET-BRN`]).toBe(1);
  });

  it('answers every SP-API call 503 while down, but still issues tokens', async () => {
    await start();
    api.setFaults({ down: true });

    const res = await spCall(api, path(), { token });
    const fresh = await accessToken(api);

    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ errors: [{ code: 'ServiceUnavailable' }] });
    expect(fresh).toMatch(/^Atza\|/);
  });

  it('slows answers by delayMs', async () => {
    await start({ faults: { delayMs: 60 } });

    const started = performance.now();
    const res = await spCall(api, path(), { token });

    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('closes with keep-alive sockets still open', async () => {
    await start();
    await statuses(3);

    await api.close();
    const afterClose = await attempt();

    expect(afterClose).toBe('dropped');
    await start();
  });
});
