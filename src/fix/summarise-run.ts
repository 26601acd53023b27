import type { ChangeResult, FixSummary, PendingFeed, VerifyReport } from './types.js';

export interface RunTally {
  planned: number;
  blocked: number;
  results: readonly ChangeResult[];
  pending: readonly PendingFeed[];
  verify: VerifyReport | null;
}

/** Counts per outcome; a change settled twice in one run counts by its last result. */
export function summariseRun(tally: RunTally): FixSummary {
  const last = new Map<number, ChangeResult>();
  for (const result of tally.results) last.set(result.id, result);
  const count = (status: ChangeResult['status']) =>
    [...last.values()].filter((result) => result.status === status).length;

  return {
    changes: tally.planned,
    applied: count('applied'),
    invalid: count('invalid'),
    failed: count('failed'),
    conflict: count('conflict'),
    pending: tally.pending.reduce((sum, feed) => sum + feed.ids.length, 0),
    blocked: tally.blocked,
    notInEffect: tally.verify?.notInEffect.length ?? 0,
  };
}

export interface FixExit {
  code: 0 | 1;
  reason: string;
}

/** §6 for fix and rollback: 1 when any change did not apply; blocked rows alone do not count. */
export function decideFixExit(summary: FixSummary, journalPath: string | null): FixExit {
  const problems = [
    [summary.failed, 'failed'],
    [summary.invalid, 'refused by Amazon (INVALID)'],
    [summary.conflict, 'changed by someone else'],
    [summary.pending, 'still processing in a feed'],
    [summary.notInEffect, 'not in effect yet'],
  ] as const;
  const found = problems.filter(([count]) => count > 0).map(([n, what]) => `${n} ${what}`);
  if (found.length === 0) return { code: 0, reason: 'exit 0: every change was applied' };

  const where = journalPath ? `; the journal ${journalPath} says which` : '';
  return { code: 1, reason: `exit 1: ${found.join(', ')}${where}` };
}
