import { awaitLostFeeds } from './await-lost-feeds.js';
import type { ApplyOptions } from './carry-out-plan.js';
import { executeChanges } from './execute-changes.js';
import {
  doneOutcome,
  endRecord,
  unsentOutcome,
  type FixOutcome,
  type OutcomeBase,
} from './fix-outcome.js';
import { foldJournal, type ChangeState } from './journal-state.js';
import { lockJournal } from './journal-lock.js';
import { JournalWriter } from './journal-writer.js';
import { readJournal, type Journal } from './read-journal.js';
import { reconcileChanges } from './reconcile.js';
import { openWriteContext } from './run-context.js';
import { finishFeed } from './send-feed.js';
import type { Change, FixPlan } from './types.js';
import { assignVia, mergeFeedOutcomes } from './apply-amazon.js';
import { timestamp, type WriteContext } from './write-context.js';

export interface ResumeOptions extends Omit<ApplyOptions, 'journalPath'> {
  /** The journal to finish, already read and checked against the configured seller. */
  journal: Journal;
}

/**
 * `fix --resume JOURNAL`: finishes what a journal left open, sending no change twice. Feeds
 * with a known id are polled; feeds whose id was lost are waited for; changes whose arrival
 * the journal cannot tell are then re-read on Amazon; changes never sent are sent. Records go
 * to the end of the same journal. Only one process at a time: the journal is locked, then read
 * again, so that what another run settled meanwhile is not sent twice.
 */
export async function resumeFix(options: ResumeOptions): Promise<FixOutcome> {
  if (options.dryRun) return finishJournal(options);
  const release = await lockJournal(options.journal.path, options.logger);
  try {
    return await finishJournal({ ...options, journal: await readJournal(options.journal.path) });
  } finally {
    await release();
  }
}

async function finishJournal(options: ResumeOptions): Promise<FixOutcome> {
  const { journal } = options;
  const open = foldJournal(journal.records).filter((state) => state.open !== null);
  const plan = planOf(open.map((state) => state.change));
  const base: OutcomeBase = {
    command: 'resume',
    sellerId: journal.header.sellerId,
    plan,
    viaOption: options.via,
  };

  if (open.length === 0) {
    return unsentOutcome(
      base,
      'nothing',
      `exit 0: nothing to do, every change in ${journal.path} is finished`,
    );
  }
  options.onPlan?.(plan, assignVia(plan.changes, options.via));
  if (options.dryRun) return unsentOutcome(base, 'dry-run', 'exit 0: dry run, nothing was sent');
  if (options.confirm && !(await options.confirm(plan))) {
    return unsentOutcome(base, 'cancelled', 'Cancelled: nothing was sent.');
  }

  const writer = await JournalWriter.append(journal.path, options.hooks);
  options.onJournal?.(journal.path);
  const { ctx, close } = openWriteContext(options.config, options.logger, writer, options);
  try {
    await writer.write([{ type: 'resume', at: timestamp(ctx.now) }]);
    const executed = await settleOpen(open, journal, options, ctx);
    const outcome = doneOutcome(base, journal.path, executed, ctx.gateway.stats);
    await writer.write([endRecord(outcome, ctx)]);
    return outcome;
  } finally {
    close();
    await writer.close();
  }
}

async function settleOpen(
  open: ChangeState[],
  journal: Journal,
  options: ResumeOptions,
  ctx: WriteContext,
) {
  const lost = open.filter((s) => s.open === 'feed-lost');
  const waited = await awaitLostFeeds(lost, knownFeedIds(journal), ctx);
  const polled = await pollKnownFeeds(open, ctx);
  const missing = new Set(polled.missing);
  const unknown = open.filter((s) => s.open === 'unknown' || missing.has(s.change.id));
  const reconciled = await reconcileChanges(
    [...unknown.map((s) => s.change), ...waited.toReread],
    ctx,
  );

  const unsent = open.filter((s) => s.open === 'unsent').map((s) => s.change);
  const executed = await executeChanges([...unsent, ...reconciled.toSend], options, ctx);
  const results = [...polled.results, ...reconciled.results, ...executed.results];
  const pending = [...waited.pending, ...polled.pending, ...executed.pending];
  return { ...executed, results, pending };
}

function knownFeedIds(journal: Journal): Set<string> {
  return new Set(journal.records.flatMap((r) => (r.type === 'feed' ? [r.feedId] : [])));
}

/** Polls each feed the journal has an id for, settling only its still-open changes. */
async function pollKnownFeeds(open: ChangeState[], ctx: WriteContext) {
  const feeds = new Map<string, { marketplaceId: string; ids: number[] }>();
  for (const state of open) {
    if (state.open !== 'in-feed' || !state.feed) continue;
    const entry = feeds.get(state.feed.feedId) ?? {
      marketplaceId: state.feed.marketplaceId,
      ids: [],
    };
    entry.ids.push(state.change.id);
    feeds.set(state.feed.feedId, entry);
  }

  const outcomes = await Promise.all(
    [...feeds].map(([feedId, { marketplaceId, ids }]) =>
      finishFeed({ feedId, marketplaceId, ids }, ctx, { resumed: true }),
    ),
  );
  return mergeFeedOutcomes(outcomes);
}

function planOf(changes: Change[]): FixPlan {
  return {
    changes: changes.flatMap((c) => (c.target === 'amazon' ? [c] : [])),
    odoo: changes.flatMap((c) => (c.target === 'odoo' ? [c] : [])),
    blocked: [],
  };
}
