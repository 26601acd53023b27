import { carryOutPlan, type ApplyOptions } from './carry-out-plan.js';
import type { FixOutcome } from './fix-outcome.js';
import { doneChanges, foldJournal } from './journal-state.js';
import type { Journal } from './read-journal.js';
import type { Change, FixPlan } from './types.js';

export interface RollbackOptions extends ApplyOptions {
  /** The journal to undo, already read and checked against the configured seller. */
  source: Journal;
}

/**
 * `mto-audit rollback JOURNAL`: puts back the before values of every change the journal marks
 * done, as a plan of its own with its own journal. Amazon is re-read first: a value someone
 * changed since the fix is reported and left alone.
 */
export async function runRollback(options: RollbackOptions): Promise<FixOutcome> {
  const { source, logger } = options;
  const states = foldJournal(source.records);
  const open = states.filter((state) => state.open !== null).length;
  if (open > 0) {
    logger.warn(
      `${open} change(s) in ${source.path} are not finished and are not rolled back; ` +
        `settle them first with: mto-audit fix --resume ${source.path}`,
    );
  }

  const plan = invertChanges(doneChanges(states));
  const nothingReason = `exit 0: nothing to roll back, ${source.path} marks no change done`;
  const run = { command: 'rollback' as const, undoes: source.path, recheck: true, nothingReason };
  return carryOutPlan(plan, run, options);
}

/** Swaps before and after; ids restart at 1, Amazon changes first as in a fix plan. */
export function invertChanges(done: readonly Change[]): FixPlan {
  const ordered = [...done].sort(
    (a, b) => Number(a.target === 'odoo') - Number(b.target === 'odoo'),
  );
  const inverted = ordered.map((change, index) => ({
    ...change,
    id: index + 1,
    before: change.after,
    after: change.before,
  })) as Change[];
  return {
    changes: inverted.flatMap((c) => (c.target === 'amazon' ? [c] : [])),
    odoo: inverted.flatMap((c) => (c.target === 'odoo' ? [c] : [])),
    blocked: [],
  };
}
