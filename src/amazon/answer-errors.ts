import type { SpApiAnswer } from './sp-api-client.js';

interface AmazonErrorBody {
  errors?: { code?: string; message?: string; details?: string }[];
}

/** One line describing an unsuccessful answer, from Amazon's `errors` array when it has one. */
export function describeAnswer(answer: SpApiAnswer): string {
  if (answer.body === undefined) {
    const sample = answer.text.slice(0, 60).replace(/\s+/g, ' ');
    return `HTTP ${answer.status}, and the body is not JSON ("${sample}")`;
  }
  const first = firstError(answer.body);
  if (!first) return `HTTP ${answer.status}`;
  return `HTTP ${answer.status} ${first.code ?? ''}: ${first.message ?? ''}`.trim();
}

function firstError(body: unknown): NonNullable<AmazonErrorBody['errors']>[number] | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  return (body as AmazonErrorBody).errors?.[0];
}

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}
