import type {
  ChangeRecord,
  DocumentRecord,
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
 * - feed-lost: its feed document was uploaded but no feed id came back (killed, or the answer
 *   was lost), so Amazon may hold the feed: it is looked for before anything is re-read;
 * - null: finished (applied, invalid or changed by someone else).
 */
export type OpenState = 'unsent' | 'unknown' | 'in-feed' | 'feed-lost' | null;

export interface ChangeState {
  change: Change;
  intent: IntentRecord | undefined;
  result: ResultRecord | undefined;
  feed: FeedRecord | undefined;
  document: DocumentRecord | undefined;
  open: OpenState;
}

/** Folds a journal's records, later ones winning, into one state per planned change. */
export function foldJournal(records: readonly JournalRecord[]): ChangeState[] {
  const states = new Map<number, ChangeState & { intentAt: number; resultAt: number }>();
  const feeds = new Map<string, FeedRecord>();
  const documents = new Map<string, DocumentRecord>();

  records.forEach((record, index) => {
    if (record.type === 'change') {
      states.set(record.id, { ...emptyState(toChange(record)), intentAt: -1, resultAt: -1 });
    }
    if (record.type === 'feed') feeds.set(record.feedKey, record);
    if (record.type === 'document') documents.set(record.feedKey, record);
    if (record.type === 'intent' || record.type === 'result') {
      const state = states.get(record.id);
      if (state && record.type === 'intent')
        Object.assign(state, { intent: record, intentAt: index });
      if (state && record.type === 'result')
        Object.assign(state, { result: record, resultAt: index });
    }
  });

  return [...states.values()].map(({ intentAt, resultAt, ...state }) => {
    const key = state.intent?.feedKey;
    const feed = key ? feeds.get(key) : undefined;
    const document = key ? documents.get(key) : undefined;
    return {
      ...state,
      feed,
      document,
      open: openState(state, feed, document, intentAt > resultAt),
    };
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
  return {
    change,
    intent: undefined,
    result: undefined,
    feed: undefined,
    document: undefined,
    open: 'unsent',
  };
}

/** A failed result does not close a change: its write may have landed after all. */
function openState(
  state: Pick<ChangeState, 'intent' | 'result'>,
  feed: FeedRecord | undefined,
  document: DocumentRecord | undefined,
  sentSinceResult: boolean,
): OpenState {
  if (!state.intent && !state.result) return 'unsent';
  if (!sentSinceResult && state.result?.status !== 'failed') return null;
  if (state.intent?.via !== 'feed') return 'unknown';
  if (sentSinceResult && feed) return 'in-feed';
  return document && !feed ? 'feed-lost' : 'unknown';
}

/** Changes the journal marks done: applied by a write, or found in effect on a re-read. */
export function doneChanges(states: readonly ChangeState[]): Change[] {
  return states
    .filter((state) => state.open === null && state.result?.status === 'applied')
    .map((state) => state.change);
}
