import { afterEach, describe, expect, it } from 'vitest';
import type { FakeSpApi } from '../../src/sandbox/sp-api/index.js';
import {
  accessToken,
  CLIENT,
  DE,
  itemPath,
  lwa,
  modelErrors,
  OTHER_SELLER,
  rawCall,
  REFRESH,
  spCall,
  startTestApi,
  US,
  type FakeClock,
} from './fake-sp-api-fixture.js';

let api: FakeSpApi;
let clock: FakeClock;

async function start(options: Parameters<typeof startTestApi>[0] = {}) {
  ({ api, clock } = await startTestApi(options));
}

afterEach(async () => {
  await api.close();
});

describe('fake SP-API: Login with Amazon', () => {
  it('trades a refresh token for a bearer access token (JSON and form bodies)', async () => {
    await start();
    const body = {
      grant_type: 'refresh_token',
      refresh_token: REFRESH.na,
      client_id: CLIENT.id,
      client_secret: CLIENT.secret,
    };

    const json = await lwa(api, body);
    const form = await fetch(`${api.url}/auth/o2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(body).toString(),
    });

    for (const res of [json, form]) {
      expect(res.status).toBe(200);
      const answer = (await res.json()) as Record<string, unknown>;
      expect(answer).toMatchObject({
        refresh_token: REFRESH.na,
        token_type: 'bearer',
        expires_in: 3600,
      });
      expect(answer.access_token).toMatch(/^Atza\|/);
    }
    expect(api.stats.callsByOperation.lwaToken).toBe(2);
  });

  it('refuses a bad client with 401 invalid_client and a bad refresh token with invalid_grant', async () => {
    await start();
    const base = { grant_type: 'refresh_token', refresh_token: REFRESH.na, client_id: CLIENT.id };

    const badClient = await lwa(api, { ...base, client_secret: 'wrong' });
    const badGrant = await lwa(api, {
      ...base,
      client_secret: CLIENT.secret,
      refresh_token: 'Atzr|nope',
    });

    expect(badClient.status).toBe(401);
    expect(await badClient.json()).toMatchObject({ error: 'invalid_client' });
    expect(badGrant.status).toBe(400);
    const grant = (await badGrant.json()) as Record<string, unknown>;
    expect(grant.error).toBe('invalid_grant');
    expect(grant.error_description).toEqual(expect.any(String));
  });
});

describe('fake SP-API: access tokens on SP-API calls', () => {
  const denied = 'Access to requested resource is denied.';

  it('answers 403 Unauthorized without a token or with an unknown one', async () => {
    await start();
    const missing = await spCall(api, itemPath('WALLET-BRN', `marketplaceIds=${US}`));
    const unknown = await spCall(api, itemPath('WALLET-BRN', `marketplaceIds=${US}`), {
      token: 'Atza|forged',
    });

    expect(missing.status).toBe(403);
    expect(missing.body).toEqual({
      errors: [{ code: 'Unauthorized', message: denied, details: '' }],
    });
    expect(unknown.status).toBe(403);
    expect(modelErrors('listings#/definitions/ErrorList', unknown.body)).toBe('');
    expect(missing.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('says the token expired after an hour of clock time, in the words amazon-sp-api matches', async () => {
    await start();
    const token = await accessToken(api);
    const path = itemPath('WALLET-BRN', `marketplaceIds=${US}`);
    expect((await spCall(api, path, { token })).status).toBe(200);

    clock.advance(3600 * 1000);
    const expired = await spCall(api, path, { token });

    expect(expired.status).toBe(403);
    const error = (expired.body as { errors: { code: string; details: string }[] }).errors[0];
    expect(error?.code).toBe('Unauthorized');
    expect(error?.details).toBe('The access token you provided has expired.');
    expect(error?.details).toMatch(/access token.*expired/);
  });

  it('expires each token after tokenTtlCalls calls, switchable at runtime', async () => {
    await start();
    api.setFaults({ tokenTtlCalls: 2 });
    const token = await accessToken(api);
    const path = itemPath('WALLET-BRN', `marketplaceIds=${US}`);

    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await spCall(api, path, { token })).status);
    const fresh = await spCall(api, path, { token: await accessToken(api) });

    expect(statuses).toEqual([200, 200, 403]);
    expect(fresh.status).toBe(200);
  });

  it("refuses another seller's sellerId in the path", async () => {
    await start();
    const token = await accessToken(api);

    const res = await spCall(api, itemPath('WALLET-BRN', `marketplaceIds=${US}`, OTHER_SELLER), {
      token,
    });

    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ errors: [{ code: 'Unauthorized' }] });
  });

  it('binds a token to its region: an NA token at the EU endpoint is refused', async () => {
    await start();
    const token = await accessToken(api, REFRESH.na);
    const path = itemPath('BELT-BLK', `marketplaceIds=${DE}`);

    const viaHost = await rawCall(api, {
      host: 'sellingpartnerapi-eu.amazon.com',
      path,
      headers: { 'x-amz-access-token': token },
    });
    const euToken = await accessToken(api, REFRESH.eu);
    const allowed = await rawCall(api, {
      host: 'sellingpartnerapi-eu.amazon.com:443',
      path,
      headers: { 'x-amz-access-token': euToken },
    });

    expect(viaHost.status).toBe(403);
    expect(allowed.status).toBe(200);
  });
});

describe('fake SP-API: region from the Host header', () => {
  it('answers 400 InvalidInput for a marketplace of another region than the endpoint', async () => {
    await start();
    const token = await accessToken(api, REFRESH.eu);

    const res = await rawCall(api, {
      host: 'sellingpartnerapi-eu.amazon.com',
      path: itemPath('WALLET-BRN', `marketplaceIds=${US},${DE}`),
      headers: { 'x-amz-access-token': token },
    });

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ errors: [{ code: 'InvalidInput' }] });
  });

  it('falls back to the marketplace region when the Host is not an Amazon one', async () => {
    await start();
    const euToken = await accessToken(api, REFRESH.eu);
    const naToken = await accessToken(api, REFRESH.na);

    const eu = await spCall(api, itemPath('BELT-BLK', `marketplaceIds=${DE}`), { token: euToken });
    const naTokenForEu = await spCall(api, itemPath('BELT-BLK', `marketplaceIds=${DE}`), {
      token: naToken,
    });

    expect(eu.status).toBe(200);
    expect(naTokenForEu.status).toBe(403);
  });
});
