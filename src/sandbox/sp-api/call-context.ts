import type { ListingStore } from './listing-store.js';
import type { SpRegion } from './marketplaces.js';
import type { Clock } from './types.js';

/** One authorised SP-API call, as the operation handlers see it. */
export interface CallContext {
  /** The access token's seller. */
  sellerId: string;
  /** The endpoint's region (from the Host header, else the marketplace, else the token). */
  region: SpRegion;
  /** Decoded path parameters, in path order. */
  params: string[];
  query: URLSearchParams;
  body: Buffer;
  store: ListingStore;
  clock: Clock;
}

export interface Answer {
  status: number;
  body: unknown;
}
