import type { AmazonSource } from '../amazon/read-amazon.js';
import { runAudit } from '../audit/run-audit.js';
import type { RowFacts, SignatureCode } from '../audit/types.js';
import { UpstreamError } from '../errors.js';
import { buildPlan } from './build-plan.js';
import { carryOutPlan, type ApplyOptions } from './carry-out-plan.js';
import type { FixOutcome } from './fix-outcome.js';

export interface FixOptions extends ApplyOptions {
  source: AmazonSource;
  skus?: readonly string[] | undefined;
  signatures?: ReadonlySet<SignatureCode> | undefined;
  writeOdoo: boolean;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/** `mto-audit fix`: a fresh audit, its plan, and (unless a dry run) the journaled writes. */
export async function runFix(options: FixOptions): Promise<FixOutcome> {
  const { config, logger } = options;
  const audit = await runAudit({
    config,
    logger,
    source: options.source,
    skus: options.skus,
    mtoOnly: false,
    failOn: 'never',
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  assertAmazonAnswered(audit.facts);

  const plan = buildPlan(audit.report.rows, audit.facts, {
    policy: config.policy,
    signatures: options.signatures,
    odooTarget: odooTargetOf(options),
  });
  const blocked = plan.blocked.length > 0 ? ` (${plan.blocked.length} blocked)` : '';
  const nothingReason = `exit 0: nothing to fix, Amazon shows the expected values${blocked}`;
  return carryOutPlan(plan, { command: 'fix', recheck: false, nothingReason }, options);
}

/**
 * Blocked rows do not fail a fix, but when no row at all could be read, Amazon is down:
 * that is an upstream failure (exit 3), not an empty plan.
 */
function assertAmazonAnswered(facts: readonly RowFacts[]): void {
  const first = facts[0]?.amazon.readError;
  if (!first || !facts.every((row) => row.amazon.readError)) return;
  throw new UpstreamError(
    `Amazon could not be read for any listing (${first}); nothing was sent.`,
    'Check the connection and credentials with mto-audit doctor, then run fix again.',
  );
}

function odooTargetOf(options: FixOptions): { model: string; field: string } | null {
  if (!options.writeOdoo) return null;
  const { model, quantityField } = options.config.profile;
  if (quantityField) return { model, field: quantityField };

  options.logger.warn(
    `--write-odoo: ${model} (profile ${options.config.profile.name}) has no quantity field ` +
      'of its own, so there is nothing to write in Odoo.',
  );
  return null;
}
