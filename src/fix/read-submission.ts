import { z } from 'zod';
import { describeAnswer } from '../amazon/answer-errors.js';
import type { GatewayResult } from '../amazon/sp-api-gateway.js';
import type { ChangeResult, WriteIssue } from './types.js';

const issueSchema = z.looseObject({
  code: z.string().optional(),
  message: z.string(),
  severity: z.string(),
  attributeNames: z.array(z.string()).optional(),
});

/** ListingsItemSubmissionResponse of the Listings Items 2021-08-01 model. */
const submissionSchema = z.looseObject({
  sku: z.string(),
  status: z.enum(['ACCEPTED', 'INVALID', 'VALID']),
  submissionId: z.string(),
  issues: z.array(issueSchema).optional(),
});

/**
 * A patch answer as a result: ACCEPTED is applied (Amazon will apply it, which --verify
 * checks), INVALID keeps Amazon's issues and is final; anything else failed.
 */
export function readSubmission(id: number, result: GatewayResult): ChangeResult {
  if ('failure' in result) return { id, status: 'failed', reason: result.failure };
  const { answer } = result;
  if (answer.status !== 200) return { id, status: 'failed', reason: describeAnswer(answer) };

  const parsed = submissionSchema.safeParse(answer.body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join('.') || '(body)';
    return { id, status: 'failed', reason: `unexpected Amazon answer at ${path}` };
  }

  const { status, submissionId } = parsed.data;
  const issues = (parsed.data.issues ?? []).map(toWriteIssue);
  const withIssues = issues.length > 0 ? { issues } : {};
  if (status === 'ACCEPTED') return { id, status: 'applied', submissionId, ...withIssues };
  if (status === 'INVALID') return { id, status: 'invalid', submissionId, issues };
  return { id, status: 'failed', submissionId, reason: 'Amazon only validated the patch (VALID)' };
}

export function toWriteIssue(issue: z.infer<typeof issueSchema>): WriteIssue {
  return {
    ...(issue.code === undefined ? {} : { code: issue.code }),
    severity: issue.severity,
    message: issue.message,
    ...(issue.attributeNames ? { attributeNames: issue.attributeNames } : {}),
  };
}
