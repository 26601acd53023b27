import type { Clock } from '../amazon/clock.js';
import { amazonKey, readAmazon, type AmazonSource } from '../amazon/read-amazon.js';
import { readFailed } from '../amazon/listing-item.js';
import { createRegionClients } from '../amazon/region-clients.js';
import { SpApiGateway, type GatewayStats } from '../amazon/sp-api-gateway.js';
import type { AppConfig } from '../config/load-config.js';
import type { Logger } from '../logger.js';
import { createOdooClient } from '../odoo/client.js';
import { readOdoo } from '../odoo/read-odoo.js';
import { buildRowFacts, planRows } from './build-row-facts.js';
import { classifyRows } from './classify.js';
import { decideExitCode, type ExitDecision, type FailOn } from './decide-exit-code.js';
import { sortRows } from './sort-rows.js';
import { summariseRows } from './summarise-rows.js';
import { describeRemedy } from './remedies.js';
import type { AuditReport, AuditRow, Policy, RowFacts, SignatureCode } from './types.js';

export interface AuditOptions {
  config: AppConfig;
  logger: Logger;
  source: AmazonSource;
  skus?: readonly string[] | undefined;
  mtoOnly: boolean;
  failOn: FailOn;
  clock?: Clock;
  now?: () => Date;
  onProgress?: (done: number, total: number) => void;
}

export interface AuditOutcome {
  report: AuditReport;
  facts: RowFacts[];
  exit: ExitDecision;
  /** One remedy per signature present, worded for the first row that carries it. */
  remedies: Partial<Record<SignatureCode, string>>;
  stats: { odooCalls: number; amazon: GatewayStats };
}

/** Reads Odoo, then Amazon for every row Odoo implies, and classifies the lot. */
export async function runAudit(options: AuditOptions): Promise<AuditOutcome> {
  const { config, logger } = options;
  const odoo = createOdooClient({ ...config.odoo, logger });
  let snapshot;
  try {
    snapshot = await readOdoo(odoo, { config, logger });
  } finally {
    odoo.close();
  }

  const planned = planRows(snapshot, {
    marketplaces: config.amazon.marketplaces,
    skus: options.skus?.length ? new Set(options.skus) : undefined,
    mtoOnly: options.mtoOnly,
  });
  logger.debug(
    `Odoo: ${snapshot.listings.length} listings, ${planned.length} rows, ${odoo.callCount} calls`,
  );

  const gateway = new SpApiGateway({
    clients: createRegionClients(config, logger),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const amazon = await readAmazon({
    gateway,
    sellerId: config.amazon.sellerId,
    targets: planned.map((row) => ({ sku: row.listing.sku, marketplace: row.marketplace })),
    source: options.source,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });

  const facts = buildRowFacts(planned, snapshot, (row) => {
    const key = amazonKey(row.listing.sku, row.marketplace.id);
    return amazon.get(key) ?? readFailed('no answer recorded for this row');
  });
  const now = (options.now ?? (() => new Date()))();
  const context = { profile: config.profile.name, nowMs: now.getTime() };
  const classified = classifyRows(facts, config.policy, context);
  const rows = sortRows(classified);
  const report: AuditReport = {
    generatedAt: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    sellerId: config.amazon.sellerId,
    marketplaces: config.amazon.marketplaces.map((m) => m.id),
    summary: summariseRows(rows),
    rows,
  };
  return {
    report,
    facts,
    remedies: remediesByCode(classified, facts, config.policy, context),
    exit: decideExitCode(rows, options.failOn),
    stats: { odooCalls: odoo.callCount, amazon: gateway.stats },
  };
}

function remediesByCode(
  rows: readonly AuditRow[],
  facts: readonly RowFacts[],
  policy: Policy,
  context: { profile: string; nowMs: number },
): Partial<Record<SignatureCode, string>> {
  const remedies: Partial<Record<SignatureCode, string>> = {};
  rows.forEach((row, index) => {
    for (const code of row.signatures) {
      if (remedies[code] !== undefined || code === 'OK') continue;
      const rowFacts = facts[index] as RowFacts;
      const text = describeRemedy(code, {
        ...context,
        facts: rowFacts,
        expected: row.expected,
        policy,
      });
      remedies[code] = `${text} (e.g. ${row.sku} in ${row.marketplace})`;
    }
  });
  return remedies;
}
