/** Milliseconds since the epoch; injectable so tests move time without sleeping. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * Faults the fake SP-API can inject into SP-API operations (not into LWA or document transfers).
 * Rates are probabilities in [0, 1], drawn from a PRNG seeded by the server's `seed`.
 */
export interface Faults {
  /** Share of calls answered 500 InternalFailure or 503 ServiceUnavailable; nothing is applied. */
  error5xxRate?: number;
  /** Share of calls whose socket is destroyed before the request is handled. */
  dropRate?: number;
  /** Share of calls whose socket is destroyed after the request was handled (writes applied). */
  dropAfterRate?: number;
  /** Every SP-API answer waits this long (real time). */
  delayMs?: number;
  /** Each access token expires after this many SP-API calls. */
  tokenTtlCalls?: number;
  /** Every SP-API call gets 503 ServiceUnavailable. */
  down?: boolean;
}
