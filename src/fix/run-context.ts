import { systemClock, type Clock } from '../amazon/clock.js';
import { createRegionClients } from '../amazon/region-clients.js';
import { SpApiGateway } from '../amazon/sp-api-gateway.js';
import type { AppConfig } from '../config/load-config.js';
import type { Logger } from '../logger.js';
import { createOdooClient, type OdooClient } from '../odoo/client.js';
import type { JournalHooks, JournalWriter } from './journal-writer.js';
import type { VerifyPolicy } from './verify-changes.js';
import { DEFAULT_FEED_POLL, type FeedPollPolicy, type WriteContext } from './write-context.js';

/** What tests and benchmarks may swap: time, pacing, and a way to cut the journal. */
export interface RunTools {
  clock?: Clock;
  now?: () => Date;
  feedPoll?: FeedPollPolicy;
  verifyPolicy?: VerifyPolicy;
  concurrency?: number;
  hooks?: JournalHooks;
}

export interface OpenedContext {
  ctx: WriteContext;
  close: () => void;
}

/** One gateway (limiters per operation and region) and, on demand, one Odoo login per run. */
export function openWriteContext(
  config: AppConfig,
  logger: Logger,
  journal: JournalWriter,
  tools: RunTools,
): OpenedContext {
  const clock = tools.clock ?? systemClock;
  const gateway = new SpApiGateway({ clients: createRegionClients(config, logger), clock });
  let odoo: OdooClient | undefined;

  const ctx: WriteContext = {
    gateway,
    sellerId: config.amazon.sellerId,
    journal,
    clock,
    now: tools.now ?? (() => new Date()),
    logger,
    feedPoll: tools.feedPoll ?? DEFAULT_FEED_POLL,
    concurrency: tools.concurrency ?? 16,
    odoo: () => (odoo ??= createOdooClient({ ...config.odoo, logger })),
  };
  return { ctx, close: () => odoo?.close() };
}
