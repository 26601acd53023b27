import type {
  ChangeRecord,
  FeedRecord,
  IntentRecord,
  JournalRecord,
  ResultRecord,
} from './journal-records.js';
import type { Change } from './types.js';

/**
 * Where a change stands by its journal:
 * - unsent: planned, never sent, so it can go now;
 * - unknown: sent (or failed) with no answer that settles it, so Amazon must be re-read first;
 * - in-feed: inside a feed whose id is known, so that feed is polled, not sent again;
 * - null: finished (applied, invalid or changed by someone else).
 */
export type OpenState = 'unsent' | 'unknown' | 'in-feed' | null;

export interface ChangeState {
  change: Change;
  intent: IntentRecord | undefined;
  result: ResultRecord | undefined;
  feed: FeedRecord | undefined;
  open: OpenState;
}

/** Folds a journal's records, later ones winning, into one state per planned change. */
export function foldJournal(records: readonly JournalRecord[]): ChangeState[] {
  const states = new Map<number, ChangeState & { intentAt: number; resultAt: number }>();
  const feeds = new Map<string, FeedRecord>();

  records.forEach((record, index) => {
    if (record.type === 'change') {
      states.set(record.id, { ...emptyState(toChange(record)), intentAt: -1, resultAt: -1 });
    }
    if (record.type === 'feed') feeds.set(record.feedKey, record);
    if (record.type === 'intent' || record.type === 'result') {
      const state = states.get(record.id);
      if (state && record.type === 'intent')
        Object.assign(state, { intent: record, intentAt: index });
      if (state && record.type === 'result')
        Object.assign(state, { result: record, resultAt: index });
    }
  });

  return [...states.values()].map(({ intentAt, resultAt, ...state }) => {
    const feed = state.intent?.feedKey ? feeds.get(state.intent.feedKey) : undefined;
    return { ...state, feed, open: openState(state, feed, intentAt > resultAt) };
  });
}

function toChange(record: ChangeRecord): Change {
  if (record.target === 'odoo') {
    const { id, sku, model, recordId, field, before, after } = record;
    return { id, target: 'odoo', sku, model, recordId, field, before, after };
  }
  const { id, sku, marketplaceId, productType, before, after } = record;
  return { id, target: 'amazon', sku, marketplaceId, productType, before, after };
}

function emptyState(change: Change): ChangeState {
  return { change, intent: undefined, result: undefined, feed: undefined, open: 'unsent' };
}

function openState(
  state: Pick<ChangeState, 'intent' | 'result'>,
  feed: FeedRecord | undefined,
  sentSinceResult: boolean,
): OpenState {
  if (!state.intent && !state.result) return 'unsent';
  if (sentSinceResult) {
    if (state.intent?.via === 'feed' && feed) return 'in-feed';
    return 'unknown';
  }
  return state.result?.status === 'failed' ? 'unknown' : null;
}

/** Changes the journal marks done: applied by a write, or found in effect on a re-read. */
export function doneChanges(states: readonly ChangeState[]): Change[] {
  return states
    .filter((state) => state.open === null && state.result?.status === 'applied')
    .map((state) => state.change);
}
