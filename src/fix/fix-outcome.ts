import { assignVia } from './apply-amazon.js';
import type { GatewayStats } from '../amazon/sp-api-gateway.js';
import type { Executed } from './execute-changes.js';
import { decideFixExit, summariseRun } from './summarise-run.js';
import type {
  ChangeResult,
  FixPlan,
  FixSummary,
  PendingFeed,
  Via,
  ViaOption,
  VerifyReport,
} from './types.js';

export type RunCommand = 'fix' | 'resume' | 'rollback';
export type RunState = 'dry-run' | 'nothing' | 'cancelled' | 'done';

/** What a fix, resume or rollback did, for the command to print. */
export interface FixOutcome {
  command: RunCommand;
  state: RunState;
  sellerId: string;
  plan: FixPlan;
  via: Map<number, Via>;
  journalPath: string | null;
  results: ChangeResult[];
  pending: PendingFeed[];
  verify: VerifyReport | null;
  summary: FixSummary;
  exit: { code: 0 | 1 | 2; reason: string };
  /** SP-API calls, 429s and retries of the writes (null when nothing was sent). */
  stats: GatewayStats | null;
}

export interface OutcomeBase {
  command: RunCommand;
  sellerId: string;
  plan: FixPlan;
  viaOption: ViaOption;
}

/** An outcome in which nothing was sent: a dry run, nothing to do, or a cancelled prompt. */
export function unsentOutcome(base: OutcomeBase, state: Exclude<RunState, 'done'>, reason: string) {
  return buildOutcome(base, state, null, { results: [], pending: [], verify: null }, reason, null);
}

export function doneOutcome(
  base: OutcomeBase,
  journalPath: string,
  executed: Executed,
  stats: GatewayStats,
): FixOutcome {
  return buildOutcome(base, 'done', journalPath, executed, null, structuredClone(stats));
}

function buildOutcome(
  base: OutcomeBase,
  state: RunState,
  journalPath: string | null,
  executed: Executed,
  reason: string | null,
  stats: GatewayStats | null,
): FixOutcome {
  const summary = summariseRun({
    planned: base.plan.changes.length + base.plan.odoo.length,
    blocked: base.plan.blocked.length,
    ...executed,
  });
  const exit =
    reason === null ? decideFixExit(summary, journalPath) : { code: exitOf(state), reason };
  const { viaOption, ...rest } = base;
  return {
    ...rest,
    state,
    via: assignVia(base.plan.changes, viaOption),
    journalPath,
    ...executed,
    summary,
    exit,
    stats,
  };
}

function exitOf(state: RunState): 0 | 2 {
  return state === 'cancelled' ? 2 : 0;
}

/** Change records and blocked rows, as the journal's opening lines. */
export function planRecords(plan: FixPlan) {
  return [
    ...plan.changes.map((change) => ({ type: 'change' as const, ...change })),
    ...plan.odoo.map((change) => ({ type: 'change' as const, ...change })),
    ...plan.blocked.map((row) => ({
      type: 'blocked' as const,
      sku: row.sku,
      marketplaceId: row.marketplaceId,
      reason: row.reason,
    })),
  ];
}

export function endRecord(outcome: FixOutcome, ctx: { now: () => Date }) {
  const summary: Record<string, number> = { ...outcome.summary };
  return { type: 'end' as const, at: ctx.now().toISOString(), summary };
}
