import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../src/amazon/clock.js';
import { loadConfig, type AppConfig } from '../../src/config/load-config.js';
import { silentLogger } from '../../src/logger.js';
import { carryOutPlan, type ApplyOptions, type PlanRun } from '../../src/fix/carry-out-plan.js';
import type { JournalRecord } from '../../src/fix/journal-records.js';
import type { AmazonChange, FixPlan, ListingValues } from '../../src/fix/types.js';
import {
  startFakeSpApi,
  type AmazonCatalog,
  type FakeSpApi,
  type FakeSpApiOptions,
} from '../../src/sandbox/sp-api/index.js';

export const SELLER = 'A1SELLER';
export const US = 'ATVPDKIKX0DER';
export const CA = 'A2EUQ1WTGCTBG2';
export const SECRETS = {
  refreshToken: 'Atzr|fix-test-refresh-token',
  clientId: 'amzn1.application-oa2-client.fixtest',
  clientSecret: 'fix-test-client-secret',
};

const EPOCH = Date.parse('2026-03-03T12:00:00Z');

/**
 * Time that only moves when someone sleeps on it: the client's limiter, retries and feed
 * polls, and the fake's buckets and delayed writes all read it, so nothing really waits.
 * It counts from 0 (as performance.now does): a limiter's sleep of a few nanoseconds would
 * vanish in the rounding of an epoch-sized number and never move the time.
 */
export class VirtualClock implements Clock {
  private time = 0;
  now(): number {
    return this.time;
  }
  async sleep(ms: number): Promise<void> {
    this.time += Math.max(0, ms);
    await Promise.resolve();
  }
  /** The same time as wall-clock milliseconds, for the fake and for journal timestamps. */
  readonly wall = { now: (): number => EPOCH + this.time };
}

export interface ListingSpec {
  sku: string;
  quantity: number | null;
  leadTimeDays?: number | null;
  productType?: string;
  marketplaces?: string[];
  entryFields?: Record<string, unknown>;
  marketplaceIdInEntry?: boolean;
}

export function catalogOf(listings: ListingSpec[]): AmazonCatalog {
  return {
    amazon: {
      app: { clientId: SECRETS.clientId, clientSecret: SECRETS.clientSecret },
      sellers: [{ sellerId: SELLER, refreshTokens: { na: SECRETS.refreshToken } }],
      listings: listings.map((spec) => ({
        sellerId: SELLER,
        region: 'na' as const,
        sku: spec.sku,
        productType: spec.productType ?? 'WALLET',
        quantity: spec.quantity,
        marketplaces: Object.fromEntries(
          (spec.marketplaces ?? [US]).map((id) => [
            id,
            {
              leadTimeDays: spec.leadTimeDays === undefined ? 2 : spec.leadTimeDays,
              entryFields: spec.entryFields ?? {},
              marketplaceIdInEntry: spec.marketplaceIdInEntry ?? false,
            },
          ]),
        ),
      })),
    },
  };
}

export interface TestApi {
  api: FakeSpApi;
  clock: VirtualClock;
  config: AppConfig;
  folder: string;
}

export async function startApi(
  listings: ListingSpec[],
  options: Partial<FakeSpApiOptions> = {},
): Promise<TestApi> {
  const clock = new VirtualClock();
  const api = await startFakeSpApi({ catalog: catalogOf(listings), clock: clock.wall, ...options });
  const folder = mkdtempSync(join(tmpdir(), 'mto-fix-'));
  const config = loadConfig({
    cwd: folder,
    env: {
      ODOO_URL: 'http://127.0.0.1:9',
      ODOO_DB: 'none',
      ODOO_USERNAME: 'none',
      ODOO_PASSWORD: 'none',
      AMAZON_SELLER_ID: SELLER,
      AMAZON_MARKETPLACE_IDS: `${US},${CA}`,
      SP_API_REFRESH_TOKEN: SECRETS.refreshToken,
      SELLING_PARTNER_APP_CLIENT_ID: SECRETS.clientId,
      SELLING_PARTNER_APP_CLIENT_SECRET: SECRETS.clientSecret,
      SP_API_ENDPOINT: api.url,
    },
  });
  return { api, clock, config, folder };
}

let nextId = 1;

export function amazonChange(
  sku: string,
  before: ListingValues,
  after: ListingValues,
  extra: Partial<AmazonChange> = {},
): AmazonChange {
  return {
    id: nextId++,
    target: 'amazon',
    sku,
    marketplaceId: US,
    productType: 'WALLET',
    before,
    after,
    ...extra,
  };
}

/** Renumbers changes 1..n, as a plan has them. */
export function planOf(changes: AmazonChange[]): FixPlan {
  return { changes: changes.map((c, i) => ({ ...c, id: i + 1 })), odoo: [], blocked: [] };
}

export function applyOptions(t: TestApi, overrides: Partial<ApplyOptions> = {}): ApplyOptions {
  return {
    config: t.config,
    logger: silentLogger,
    via: 'patch',
    dryRun: false,
    verify: false,
    journalPath: join(t.folder, `journal-${nextId++}.jsonl`),
    clock: t.clock,
    now: () => new Date(t.clock.wall.now()),
    feedPoll: { firstDelayMs: 1_000, maxDelayMs: 8_000, timeoutMs: 600_000 },
    verifyPolicy: { waitsMs: [0, 5_000, 15_000] },
    ...overrides,
  };
}

export const FIX_RUN: PlanRun = { command: 'fix', recheck: false, nothingReason: 'nothing' };

export function applyPlan(t: TestApi, plan: FixPlan, overrides: Partial<ApplyOptions> = {}) {
  return carryOutPlan(plan, FIX_RUN, applyOptions(t, overrides));
}

export function journalRecords(path: string): JournalRecord[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as JournalRecord);
}

/** Writes the fake applied, per SKU of the test seller. */
export function writesOf(api: FakeSpApi): Record<string, number> {
  const prefix = `na/${SELLER}/`;
  return Object.fromEntries(
    Object.entries(api.stats.writesBySku)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, count]) => [key.slice(prefix.length), count]),
  );
}

/** The DEFAULT entry as the fake holds it for the US marketplace. */
export function entryOf(api: FakeSpApi, sku: string) {
  const listing = api.listing('na', SELLER, sku);
  const market = listing?.marketplaces[US];
  return {
    quantity: listing?.quantity ?? null,
    leadTimeDays: market?.leadTimeDays ?? null,
    entryFields: market?.entryFields ?? {},
  };
}

/** Throws from a journal hook once a record matches: the run stops there, as if killed. */
export class Killed extends Error {
  constructor() {
    super('killed');
  }
}

export function killWhen(match: (record: JournalRecord) => boolean) {
  return (records: readonly JournalRecord[]) => {
    if (records.some(match)) throw new Killed();
  };
}
