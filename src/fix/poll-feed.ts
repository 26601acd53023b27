import { z } from 'zod';
import { describeAnswer } from '../amazon/answer-errors.js';
import type { GatewayResult } from '../amazon/sp-api-gateway.js';
import type { Region } from '../config/marketplaces.js';
import type { WriteContext } from './write-context.js';

const feedSchema = z.looseObject({
  feedId: z.string(),
  processingStatus: z.enum(['CANCELLED', 'DONE', 'FATAL', 'IN_PROGRESS', 'IN_QUEUE']),
  resultFeedDocumentId: z.string().optional(),
});

export type FeedState =
  | {
      state: 'finished';
      processingStatus: 'DONE' | 'FATAL' | 'CANCELLED';
      resultFeedDocumentId: string | undefined;
    }
  | { state: 'pending'; reason: string }
  | { state: 'missing' };

/** getFeed failing this many times in a row means Amazon is not answering: stop polling. */
const GIVE_UP_AFTER = 5;

/**
 * Polls getFeed with pauses that double up to the policy's maximum, on the run's clock, until
 * Amazon has processed the feed or the policy's time is up. A feed just created is never done
 * at once, so the first poll waits; a feed from an earlier run is asked about straight away.
 */
export async function pollFeed(
  region: Region,
  feedId: string,
  ctx: WriteContext,
  { immediately = false } = {},
): Promise<FeedState> {
  const policy = ctx.feedPoll;
  let delay = policy.firstDelayMs;
  let waited = 0;
  let failures = 0;
  let last: FeedState = { state: 'pending', reason: 'not polled' };

  for (let poll = 0; waited < policy.timeoutMs && failures < GIVE_UP_AFTER; poll += 1) {
    const pause = poll === 0 && immediately ? 0 : delay;
    await ctx.clock.sleep(pause);
    waited += pause;
    const result = await ctx.gateway.request(region, { operation: 'getFeed', path: { feedId } });
    last = readFeed(result);
    if (last.state !== 'pending') return last;

    failures = 'failure' in result ? failures + 1 : 0;
    ctx.logger.debug(`feed ${feedId}: ${last.reason}`);
    if (pause > 0) delay = Math.min(policy.maxDelayMs, delay * 2);
  }
  const why = last.state === 'pending' ? last.reason : 'no answer';
  return { state: 'pending', reason: `feed ${feedId} is not finished (${why})` };
}

function readFeed(result: GatewayResult): FeedState {
  if ('failure' in result) return { state: 'pending', reason: result.failure };
  const { answer } = result;
  if (answer.status === 404) return { state: 'missing' };
  if (answer.status !== 200) return { state: 'pending', reason: describeAnswer(answer) };

  const parsed = feedSchema.safeParse(answer.body);
  if (!parsed.success) return { state: 'pending', reason: 'unexpected getFeed answer' };
  const { processingStatus, resultFeedDocumentId } = parsed.data;
  if (processingStatus === 'IN_QUEUE' || processingStatus === 'IN_PROGRESS') {
    return { state: 'pending', reason: processingStatus };
  }
  return { state: 'finished', processingStatus, resultFeedDocumentId };
}
