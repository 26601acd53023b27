import { randomBytes } from 'node:crypto';
import type { ParsedAmazonCatalog } from './catalog-schema.js';
import { isRecord } from './http-util.js';
import type { SpRegion } from './marketplaces.js';
import type { Clock } from './types.js';

const TOKEN_LIFETIME_SECONDS = 3600;

export interface AccessGrant {
  sellerId: string;
  region: SpRegion;
  issuedAt: number;
  calls: number;
}

export type TokenCheck =
  { ok: true; grant: AccessGrant } | { ok: false; reason: 'missing' | 'unknown' | 'expired' };

export interface LwaAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** Login with Amazon: refresh tokens from the catalog, access tokens bound to seller + region. */
export class TokenStore {
  private readonly refreshTokens = new Map<string, { sellerId: string; region: SpRegion }>();
  private readonly accessTokens = new Map<string, AccessGrant>();

  constructor(
    private readonly catalog: ParsedAmazonCatalog,
    private readonly clock: Clock,
  ) {
    for (const seller of catalog.amazon.sellers) {
      for (const [region, token] of Object.entries(seller.refreshTokens)) {
        this.refreshTokens.set(token, { sellerId: seller.sellerId, region: region as SpRegion });
      }
    }
  }

  /** Answers `POST /auth/o2/token` the way LWA does (JSON or form-encoded body). */
  answerTokenRequest(body: Buffer, contentType: string | undefined): LwaAnswer {
    const params = parseTokenRequest(body, contentType);
    if (!params) return lwaError(400, 'invalid_request', 'The request body is malformed.');

    const missing = ['grant_type', 'client_id', 'client_secret'].find((k) => !params[k]);
    if (missing) return lwaError(400, 'invalid_request', `The request is missing ${missing}.`);
    if (params.grant_type !== 'refresh_token') {
      return lwaError(400, 'unsupported_grant_type', 'The grant type is not supported.');
    }

    const app = this.catalog.amazon.app;
    if (params.client_id !== app.clientId || params.client_secret !== app.clientSecret) {
      return lwaError(401, 'invalid_client', 'Client authentication failed');
    }

    const owner = this.refreshTokens.get(params.refresh_token ?? '');
    if (!owner) {
      return lwaError(
        400,
        'invalid_grant',
        'The request has an invalid grant parameter : refresh_token',
      );
    }

    return { status: 200, body: this.issue(owner, params.refresh_token ?? '') };
  }

  private issue(owner: { sellerId: string; region: SpRegion }, refreshToken: string) {
    const accessToken = `Atza|${randomBytes(24).toString('base64url')}`;
    this.accessTokens.set(accessToken, { ...owner, issuedAt: this.clock.now(), calls: 0 });
    return {
      access_token: accessToken,
      refresh_token: refreshToken,
      token_type: 'bearer',
      expires_in: TOKEN_LIFETIME_SECONDS,
    };
  }

  /** Checks an SP-API call's token and counts the call against it. */
  check(token: string | undefined, ttlCalls: number | undefined): TokenCheck {
    if (!token) return { ok: false, reason: 'missing' };
    const grant = this.accessTokens.get(token);
    if (!grant) return { ok: false, reason: 'unknown' };

    const age = this.clock.now() - grant.issuedAt;
    grant.calls += 1;
    const tooOld = age >= TOKEN_LIFETIME_SECONDS * 1000;
    const usedUp = ttlCalls !== undefined && ttlCalls > 0 && grant.calls > ttlCalls;
    if (tooOld || usedUp) return { ok: false, reason: 'expired' };
    return { ok: true, grant };
  }
}

function parseTokenRequest(
  body: Buffer,
  contentType: string | undefined,
): Record<string, string | undefined> | undefined {
  const text = body.toString('utf8');
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (!isRecord(parsed)) return undefined;
    const entries = Object.entries(parsed).filter(([, v]) => typeof v === 'string');
    return Object.fromEntries(entries) as Record<string, string>;
  } catch {
    return undefined;
  }
}

function lwaError(status: number, error: string, description: string): LwaAnswer {
  return { status, body: { error, error_description: description } };
}
