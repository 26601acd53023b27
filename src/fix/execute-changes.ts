import { applyAmazonChanges } from './apply-amazon.js';
import { applyOdooChanges } from './apply-odoo.js';
import type {
  AmazonChange,
  Change,
  ChangeResult,
  PendingFeed,
  VerifyReport,
  ViaOption,
} from './types.js';
import { verifyChanges, type VerifyPolicy } from './verify-changes.js';
import { settleAll, timestamp, type WriteContext } from './write-context.js';

export interface Executed {
  results: ChangeResult[];
  pending: PendingFeed[];
  verify: VerifyReport | null;
}

export interface ExecuteOptions {
  via: ViaOption;
  verify: boolean;
  verifyPolicy?: VerifyPolicy | undefined;
}

/** Sends Amazon changes, then Odoo writes, then (with --verify) reads Amazon back. */
export async function executeChanges(
  changes: readonly Change[],
  options: ExecuteOptions,
  ctx: WriteContext,
): Promise<Executed> {
  const amazon = changes.flatMap((c) => (c.target === 'amazon' ? [c] : []));
  const odoo = changes.flatMap((c) => (c.target === 'odoo' ? [c] : []));

  const sent = await applyAmazonChanges(amazon, options.via, ctx);
  const lost = sent.missing.map((id): ChangeResult => {
    return { id, status: 'failed', reason: 'Amazon no longer knows the feed it was sent in' };
  });
  const results = [...sent.results, ...(await settleAll(ctx, lost))];
  results.push(...(await applyOdooChanges(odoo, ctx)));

  const verify = options.verify
    ? await verifyApplied(amazon, results, options.verifyPolicy, ctx)
    : null;
  return { results, pending: sent.pending, verify };
}

async function verifyApplied(
  changes: AmazonChange[],
  results: ChangeResult[],
  policy: VerifyPolicy | undefined,
  ctx: WriteContext,
): Promise<VerifyReport> {
  const applied = new Set(results.filter((r) => r.status === 'applied').map((r) => r.id));
  const report = await verifyChanges(
    changes.filter((change) => applied.has(change.id)),
    ctx,
    policy,
  );
  const notInEffect = report.notInEffect.map((miss) => miss.id);
  await ctx.journal.write([
    { type: 'verify', at: timestamp(ctx.now), checked: report.checked, notInEffect },
  ]);
  return report;
}
