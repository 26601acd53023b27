import { isRecord } from './http-util.js';
import type { ListingState, ListingStore } from './listing-store.js';
import { buildItem } from './listing-view.js';
import type { SpRegion } from './marketplaces.js';
import { applyPatches, removeFromMarketplaces } from './patch-apply.js';
import { validatePatches, type PatchOperation, type SubmissionIssue } from './patch-validation.js';
import { validateListingsFeed } from './feed-validation.js';
import type { Clock } from './types.js';

/** Sandbox codes for problems the feed schema finds (Amazon's own codes are not published). */
const FATAL_CODE = '100001';
const INVALID_MESSAGE_CODE = '100002';

export interface FeedJob {
  feedId: string;
  sellerId: string;
  region: SpRegion;
  marketplaceId: string;
  content: Buffer | undefined;
  store: ListingStore;
  clock: Clock;
}

interface ReportIssue {
  messageId?: number;
  sku?: string;
  code: string;
  severity: 'ERROR' | 'WARNING' | 'INFO';
  message: string;
  attributeName?: string;
}

interface Message {
  messageId: number;
  sku: string;
  operationType: string;
  productType?: string;
  attributes?: Record<string, unknown>;
  patches?: PatchOperation[];
}

export interface FeedOutcome {
  status: 'DONE' | 'FATAL';
  report: Record<string, unknown>;
}

/**
 * Processes an uploaded JSON_LISTINGS_FEED: a document that cannot be read ends FATAL; each
 * valid message is checked and applied like patchListingsItem; the answer is the processing
 * report (listings-feed-processing-report-schema-v2).
 */
export function processFeed(job: FeedJob): FeedOutcome {
  const parsed = readDocument(job);
  if (typeof parsed === 'string') return fatal(job, parsed);

  const validation = validateListingsFeed(parsed);
  if (validation.documentErrors.length > 0) return fatal(job, validation.documentErrors.join('; '));

  const doc = parsed as { header: Record<string, unknown>; messages: unknown[] };
  if (doc.header.sellerId !== job.sellerId) {
    const sent = JSON.stringify(doc.header.sellerId);
    return fatal(job, `header.sellerId ${sent} is not the seller of this request`);
  }

  const issues: ReportIssue[] = [];
  const accepted: string[] = [];
  const seen = new Set<number>();
  doc.messages.forEach((raw, index) => {
    const errors = validation.messageErrors.get(index) ?? [];
    const message = raw as Message;
    const found =
      errors.length > 0 ? errors.map(invalidMessage) : processMessage(job, message, seen);
    issues.push(...found.map((issue) => ({ ...messageRef(raw), ...issue })));
    if (!found.some((i) => i.severity === 'ERROR')) accepted.push(message.sku);
  });

  return { status: 'DONE', report: report(job, doc, issues, accepted) };
}

/** messageId and sku as the report schema allows them (left out when the message lacks them). */
function messageRef(raw: unknown): Pick<ReportIssue, 'messageId' | 'sku'> {
  if (!isRecord(raw)) return {};
  const { messageId, sku } = raw;
  return {
    ...(Number.isInteger(messageId) && (messageId as number) >= 1
      ? { messageId: messageId as number }
      : {}),
    ...(typeof sku === 'string' && sku !== '' ? { sku } : {}),
  };
}

function readDocument(job: FeedJob): unknown {
  if (!job.content || job.content.length === 0) return 'the feed document was never uploaded';
  try {
    return JSON.parse(job.content.toString('utf8')) as unknown;
  } catch {
    return 'the feed document is not valid JSON';
  }
}

function fatal(job: FeedJob, message: string): FeedOutcome {
  const issue = { code: FATAL_CODE, severity: 'ERROR', message: `Fatal: ${message}.` };
  const summary = {
    errors: 1,
    warnings: 0,
    messagesProcessed: 0,
    messagesAccepted: 0,
    messagesInvalid: 0,
  };
  const header = { sellerId: job.sellerId, version: '2.0', feedId: job.feedId };
  return { status: 'FATAL', report: { header, issues: [issue], summary } };
}

function invalidMessage(text: string): Omit<ReportIssue, 'messageId' | 'sku'> {
  return { code: INVALID_MESSAGE_CODE, severity: 'ERROR', message: `Invalid message: ${text}.` };
}

function processMessage(job: FeedJob, message: Message, seen: Set<number>): ReportIssue[] {
  if (seen.has(message.messageId)) {
    return [invalidMessage(`messageId ${message.messageId} is used by an earlier message`)];
  }
  seen.add(message.messageId);

  const listing = job.store.find(job.region, job.sellerId, message.sku);
  if (message.operationType === 'DELETE') return deleteListing(job, listing, message.sku);

  const patches = patchesOf(message, listing);
  if (typeof patches === 'string') return [invalidMessage(patches)];

  const ids = [job.marketplaceId];
  const productType = message.productType ?? '';
  const issues = validatePatches(listing, message.sku, ids, productType, patches);
  if (listing && !issues.some((i) => i.severity === 'ERROR')) {
    const now = () => new Date(job.clock.now());
    job.store.schedule(listing, (target) => applyPatches(target, ids, patches, now()));
  }
  return issues.map(toReportIssue);
}

function deleteListing(
  job: FeedJob,
  listing: ListingState | undefined,
  sku: string,
): ReportIssue[] {
  const issues = validatePatches(listing, sku, [job.marketplaceId], listing?.productType ?? '', []);
  if (listing && issues.length === 0) {
    job.store.schedule(listing, (target) => removeFromMarketplaces(target, [job.marketplaceId]));
  }
  return issues.map(toReportIssue);
}

/** PARTIAL_UPDATE is a replace of each attribute given; UPDATE also deletes the rest. */
function patchesOf(message: Message, listing: ListingState | undefined): PatchOperation[] | string {
  if (message.operationType === 'PATCH') return message.patches ?? [];

  const attributes = Object.entries(message.attributes ?? {});
  const bad = attributes.find(([, value]) => !(Array.isArray(value) && value.every(isRecord)));
  if (bad) return `attribute '${bad[0]}' must be an array of objects`;

  const patches: PatchOperation[] = attributes.map(([name, value]) => ({
    op: 'replace',
    path: `/attributes/${name}`,
    value: value as Record<string, unknown>[],
  }));
  if (message.operationType === 'UPDATE' && listing) {
    patches.push(...deletesOfOthers(listing, new Set(attributes.map(([name]) => name))));
  }
  return patches;
}

function deletesOfOthers(listing: ListingState, kept: Set<string>): PatchOperation[] {
  const names = Object.keys(listing.attributes);
  if (listing.quantity !== null) names.push('fulfillment_availability');
  return names
    .filter((name) => !kept.has(name))
    .map((name) => ({ op: 'delete', path: `/attributes/${name}` }));
}

function toReportIssue(issue: SubmissionIssue): ReportIssue {
  const attributeName = issue.attributeNames?.[0];
  return {
    code: issue.code,
    severity: issue.severity,
    message: issue.message,
    ...(attributeName ? { attributeName } : {}),
  };
}

function report(
  job: FeedJob,
  doc: { header: Record<string, unknown>; messages: unknown[] },
  issues: ReportIssue[],
  accepted: string[],
): Record<string, unknown> {
  const count = (severity: string) => issues.filter((i) => i.severity === severity).length;
  const summary: Record<string, unknown> = {
    errors: count('ERROR'),
    warnings: count('WARNING'),
    messagesProcessed: doc.messages.length,
    messagesAccepted: accepted.length,
    messagesInvalid: doc.messages.length - accepted.length,
  };
  const header: Record<string, unknown> = {
    sellerId: job.sellerId,
    version: '2.0',
    feedId: job.feedId,
  };
  const result: Record<string, unknown> = { header, issues, summary };

  const requested = doc.header.report as { includedData: string[]; apiVersion: string } | undefined;
  if (requested) {
    header.report = requested;
    const items = reportItems(job, accepted, new Set(requested.includedData));
    result.items = items;
    summary.itemSummary = itemSummary(items);
  }
  return result;
}

function reportItems(job: FeedJob, skus: string[], included: Set<string>) {
  return [...new Set(skus)].flatMap((sku) => {
    const listing = job.store.find(job.region, job.sellerId, sku);
    if (!listing?.marketplaces.has(job.marketplaceId)) return [];
    return [buildItem(listing, [job.marketplaceId], included)];
  });
}

function itemSummary(items: Record<string, unknown>[]) {
  const severities = items.flatMap((item) =>
    ((item.issues as { severity: string }[] | undefined) ?? []).map((i) => i.severity),
  );
  return {
    items: items.length,
    errors: severities.filter((s) => s === 'ERROR').length,
    warnings: severities.filter((s) => s === 'WARNING').length,
  };
}
