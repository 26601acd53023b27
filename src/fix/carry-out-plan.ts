import type { AppConfig } from '../config/load-config.js';
import type { Logger } from '../logger.js';
import { assignVia } from './apply-amazon.js';
import { executeChanges } from './execute-changes.js';
import {
  doneOutcome,
  endRecord,
  planRecords,
  unsentOutcome,
  type FixOutcome,
  type OutcomeBase,
} from './fix-outcome.js';
import { JOURNAL_FORMAT, JOURNAL_VERSION } from './journal-records.js';
import { lockJournal } from './journal-lock.js';
import { JournalWriter } from './journal-writer.js';
import { reconcileChanges } from './reconcile.js';
import { openWriteContext, type RunTools } from './run-context.js';
import type { Change, FixPlan, Via, ViaOption } from './types.js';
import { timestamp, type WriteContext } from './write-context.js';

export interface ApplyOptions extends RunTools {
  config: AppConfig;
  logger: Logger;
  via: ViaOption;
  dryRun: boolean;
  verify: boolean;
  /** Where the new journal goes; an existing file is refused. */
  journalPath: string;
  /** Asked once the plan is shown; absent means --yes. */
  confirm?: ((plan: FixPlan) => Promise<boolean>) | undefined;
  onPlan?: ((plan: FixPlan, via: Map<number, Via>) => void) | undefined;
  onJournal?: ((path: string) => void) | undefined;
}

export interface PlanRun {
  command: 'fix' | 'rollback';
  /** Rollback: the journal undone. */
  undoes?: string;
  /** Re-read Amazon before sending and leave alone what someone else changed (rollback). */
  recheck: boolean;
  nothingReason: string;
}

/**
 * Shows the plan, then (unless a dry run or cancelled) locks and opens a new journal, writes
 * the plan into it and sends every change.
 */
export async function carryOutPlan(
  plan: FixPlan,
  run: PlanRun,
  options: ApplyOptions,
): Promise<FixOutcome> {
  const base: OutcomeBase = {
    command: run.command,
    sellerId: options.config.amazon.sellerId,
    plan,
    viaOption: options.via,
  };
  options.onPlan?.(plan, assignVia(plan.changes, options.via));
  if (options.dryRun) return unsentOutcome(base, 'dry-run', 'exit 0: dry run, nothing was sent');
  if (plan.changes.length + plan.odoo.length === 0) {
    return unsentOutcome(base, 'nothing', run.nothingReason);
  }
  if (options.confirm && !(await options.confirm(plan))) {
    return unsentOutcome(base, 'cancelled', 'Cancelled: nothing was sent.');
  }

  const release = await lockJournal(options.journalPath, options.logger);
  try {
    return await writeAndSend(plan, run, options, base);
  } finally {
    await release();
  }
}

async function writeAndSend(plan: FixPlan, run: PlanRun, options: ApplyOptions, base: OutcomeBase) {
  const journal = await JournalWriter.create(options.journalPath, options.hooks);
  options.onJournal?.(journal.path);
  const { ctx, close } = openWriteContext(options.config, options.logger, journal, options);
  try {
    await journal.write([headerRecord(run, options, ctx), ...planRecords(plan)]);
    const executed = await sendPlanned([...plan.changes, ...plan.odoo], run, options, ctx);
    const outcome = doneOutcome(base, journal.path, executed, ctx.gateway.stats);
    await journal.write([endRecord(outcome, ctx)]);
    return outcome;
  } finally {
    close();
    await journal.close();
  }
}

async function sendPlanned(
  changes: Change[],
  run: PlanRun,
  options: ApplyOptions,
  ctx: WriteContext,
) {
  const checked = run.recheck
    ? await reconcileChanges(changes, ctx)
    : { toSend: changes, results: [] };
  const executed = await executeChanges(checked.toSend, options, ctx);
  return { ...executed, results: [...checked.results, ...executed.results] };
}

function headerRecord(run: PlanRun, options: ApplyOptions, ctx: WriteContext) {
  return {
    type: 'header' as const,
    format: JOURNAL_FORMAT,
    version: JOURNAL_VERSION,
    kind: run.command,
    sellerId: ctx.sellerId,
    via: options.via,
    createdAt: timestamp(ctx.now),
    ...(run.undoes ? { undoes: run.undoes } : {}),
  };
}
