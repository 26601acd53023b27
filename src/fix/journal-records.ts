import { z } from 'zod';

/**
 * The journal's records, one JSON object a line. A fix journal reads, in order: the header,
 * every planned change (and blocked row), then per change an intent (flushed before the write
 * leaves) and a result (flushed after the answer). A feed adds a document record once its
 * document is uploaded (before createFeed leaves) and a feed record once createFeed has returned
 * its id, so that a resumed run polls that feed, or looks for it, instead of sending it again.
 */
export const JOURNAL_FORMAT = 'mto-audit-journal' as const;
export const JOURNAL_VERSION = 1 as const;

const id = z.int().min(1);
const count = z.int().min(0);
const timestamp = z.iso.datetime();
const listingValues = z.strictObject({
  quantity: count,
  leadTimeDays: count.nullable(),
});

export const headerRecord = z.strictObject({
  type: z.literal('header'),
  format: z.literal(JOURNAL_FORMAT),
  version: z.literal(JOURNAL_VERSION),
  kind: z.enum(['fix', 'rollback']),
  sellerId: z.string().min(1),
  via: z.enum(['auto', 'patch', 'feed']),
  createdAt: timestamp,
  /** For a rollback: the journal whose changes it undoes. */
  undoes: z.string().optional(),
});

const amazonChange = z.strictObject({
  type: z.literal('change'),
  id,
  target: z.literal('amazon'),
  sku: z.string().min(1),
  marketplaceId: z.string().min(1),
  productType: z.string().min(1),
  before: listingValues,
  after: listingValues,
});

const odooChange = z.strictObject({
  type: z.literal('change'),
  id,
  target: z.literal('odoo'),
  sku: z.string().min(1),
  model: z.string().min(1),
  recordId: id,
  field: z.string().min(1),
  before: z.int(),
  after: z.int(),
});

export const changeRecord = z.discriminatedUnion('target', [amazonChange, odooChange]);

const blockedRecord = z.strictObject({
  type: z.literal('blocked'),
  sku: z.string(),
  marketplaceId: z.string(),
  reason: z.string(),
});

const intentRecord = z.strictObject({
  type: z.literal('intent'),
  id,
  via: z.enum(['patch', 'feed', 'odoo']),
  at: timestamp,
  before: z.union([listingValues, z.number()]),
  after: z.union([listingValues, z.number()]),
  /** Feed intents name their feed; the feed record then gives its id. */
  feedKey: z.string().optional(),
  /** A replace sends the whole attribute; what it sent, for the record. */
  value: z.array(z.record(z.string(), z.unknown())).optional(),
});

const feedRecord = z.strictObject({
  type: z.literal('feed'),
  feedKey: z.string().min(1),
  feedId: z.string().min(1),
  feedDocumentId: z.string().min(1),
  marketplaceId: z.string().min(1),
  ids: z.array(id).min(1),
  at: timestamp,
});

const documentRecord = z.strictObject({
  type: z.literal('document'),
  feedKey: z.string().min(1),
  feedDocumentId: z.string().min(1),
  marketplaceId: z.string().min(1),
  ids: z.array(id).min(1),
  at: timestamp,
});

const issue = z.strictObject({
  code: z.string().optional(),
  severity: z.string(),
  message: z.string(),
  attributeNames: z.array(z.string()).optional(),
});

const resultRecord = z.strictObject({
  type: z.literal('result'),
  id,
  status: z.enum(['applied', 'invalid', 'conflict', 'failed']),
  at: timestamp,
  submissionId: z.string().optional(),
  feedId: z.string().optional(),
  issues: z.array(issue).optional(),
  reason: z.string().optional(),
  note: z.string().optional(),
});

const resumeRecord = z.strictObject({ type: z.literal('resume'), at: timestamp });

const verifyRecord = z.strictObject({
  type: z.literal('verify'),
  at: timestamp,
  checked: count,
  notInEffect: z.array(id),
});

const endRecord = z.strictObject({
  type: z.literal('end'),
  at: timestamp,
  summary: z.record(z.string(), count),
});

export const journalRecord = z.discriminatedUnion('type', [
  headerRecord,
  changeRecord,
  blockedRecord,
  intentRecord,
  documentRecord,
  feedRecord,
  resultRecord,
  resumeRecord,
  verifyRecord,
  endRecord,
]);

export type JournalRecord = z.infer<typeof journalRecord>;
export type HeaderRecord = z.infer<typeof headerRecord>;
export type ChangeRecord = z.infer<typeof changeRecord>;
export type IntentRecord = z.infer<typeof intentRecord>;
export type DocumentRecord = z.infer<typeof documentRecord>;
export type FeedRecord = z.infer<typeof feedRecord>;
export type ResultRecord = z.infer<typeof resultRecord>;
