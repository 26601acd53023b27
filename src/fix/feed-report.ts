import { z } from 'zod';
import type { ChangeResult, WriteIssue } from './types.js';

/** The parts of listings-feed-processing-report-schema-v2 that settle each message. */
const reportSchema = z.object({
  header: z.object({ feedId: z.string() }),
  issues: z.array(
    z.object({
      messageId: z.int().optional(),
      sku: z.string().optional(),
      code: z.string().optional(),
      severity: z.enum(['ERROR', 'WARNING', 'INFO']),
      message: z.string(),
      attributeName: z.string().optional(),
    }),
  ),
  summary: z.object({ messagesProcessed: z.int(), messagesAccepted: z.int() }),
});

type ReportIssue = z.infer<typeof reportSchema>['issues'][number];

/**
 * Each message's result: an ERROR makes it invalid (final, with Amazon's issues); a message
 * without one was accepted. Issues that name no message concern the whole feed.
 */
export function mapFeedReport(
  text: string,
  ids: readonly number[],
  feedId: string,
): ChangeResult[] {
  const report = parseReport(text);
  if ('failure' in report)
    return ids.map((id) => ({ id, status: 'failed', feedId, reason: report.failure }));

  const byMessage = new Map<number, WriteIssue[]>();
  for (const issue of report.issues) {
    if (issue.messageId === undefined) continue;
    const list = byMessage.get(issue.messageId) ?? [];
    list.push(toIssue(issue));
    byMessage.set(issue.messageId, list);
  }
  return ids.map((id) => resultOf(id, byMessage.get(id) ?? [], feedId));
}

function resultOf(id: number, issues: WriteIssue[], feedId: string): ChangeResult {
  if (issues.some((issue) => issue.severity === 'ERROR'))
    return { id, status: 'invalid', feedId, issues };
  return { id, status: 'applied', feedId, ...(issues.length > 0 ? { issues } : {}) };
}

/** A feed Amazon could not process at all (FATAL or CANCELLED): every message failed. */
export function failFeed(
  text: string | null,
  ids: readonly number[],
  feedId: string,
  status: string,
) {
  const report = text === null ? null : parseReport(text);
  const first = report && 'issues' in report ? report.issues[0]?.message : undefined;
  const reason = `feed ${feedId} ended ${status}${first ? `: ${first}` : ''}`;
  return ids.map((id): ChangeResult => ({ id, status: 'failed', feedId, reason }));
}

function parseReport(text: string): z.infer<typeof reportSchema> | { failure: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { failure: 'the processing report is not JSON' };
  }
  const parsed = reportSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const path = parsed.error.issues[0]?.path.join('.') || '(report)';
  return { failure: `unexpected processing report at ${path}` };
}

function toIssue(issue: ReportIssue): WriteIssue {
  return {
    ...(issue.code === undefined ? {} : { code: issue.code }),
    severity: issue.severity,
    message: issue.message,
    ...(issue.attributeName ? { attributeNames: [issue.attributeName] } : {}),
  };
}
