import type { RequestOptions } from '../amazon/sp-api-gateway.js';
import { z } from 'zod';
import { describeAnswer } from '../amazon/answer-errors.js';
import type { SpApiCall } from '../amazon/sp-api-client.js';
import type { Region } from '../config/marketplaces.js';
import { FEED_CONTENT_TYPE } from './feed-document.js';
import type { WriteContext } from './write-context.js';

const documentSchema = z.object({ feedDocumentId: z.string(), url: z.string() });
const feedIdSchema = z.object({ feedId: z.string() });
const resultDocumentSchema = z.object({
  url: z.string(),
  compressionAlgorithm: z.string().optional(),
});

type Failure = { failure: string };

/**
 * createFeedDocument, the upload to its presigned URL, `uploaded` (which journals the document's
 * id), then createFeed. The URL is a credential: it is neither logged nor journaled.
 */
export async function submitFeed(
  marketplaceId: string,
  region: Region,
  document: unknown,
  ctx: WriteContext,
  uploaded: (feedDocumentId: string) => Promise<void>,
): Promise<{ feedId: string; feedDocumentId: string } | Failure> {
  const created = await call(ctx, region, documentSchema, 201, {
    operation: 'createFeedDocument',
    body: { contentType: FEED_CONTENT_TYPE },
  });
  if ('failure' in created) return created;

  const refused = await upload(ctx, region, created.url, JSON.stringify(document));
  if (refused) return refused;
  await uploaded(created.feedDocumentId);

  // A createFeed whose answer was lost may have created the feed: sending it again would
  // queue the same changes twice, so the change stays open for --resume to settle.
  const feed = await call(
    ctx,
    region,
    feedIdSchema,
    202,
    {
      operation: 'createFeed',
      body: {
        feedType: 'JSON_LISTINGS_FEED',
        marketplaceIds: [marketplaceId],
        inputFeedDocumentId: created.feedDocumentId,
      },
    },
    { retryLostAnswers: false },
  );
  return 'failure' in feed ? feed : { feedId: feed.feedId, feedDocumentId: created.feedDocumentId };
}

/** The processing report's text. */
export async function downloadReport(
  region: Region,
  resultFeedDocumentId: string,
  ctx: WriteContext,
): Promise<{ text: string } | Failure> {
  const found = await call(ctx, region, resultDocumentSchema, 200, {
    operation: 'getFeedDocument',
    path: { feedDocumentId: resultFeedDocumentId },
  });
  if ('failure' in found) return found;
  if (found.compressionAlgorithm && found.compressionAlgorithm !== 'GZIP') {
    return { failure: `the processing report is ${found.compressionAlgorithm}-compressed` };
  }
  try {
    const client = ctx.gateway.client(region);
    return { text: await client.downloadDocument(found.url, found.compressionAlgorithm) };
  } catch (error) {
    return { failure: `could not download the processing report (${describeError(error)})` };
  }
}

async function call<T>(
  ctx: WriteContext,
  region: Region,
  schema: z.ZodType<T>,
  expected: number,
  request: SpApiCall,
  options?: RequestOptions,
): Promise<T | Failure> {
  const result = await ctx.gateway.request(region, request, options);
  if ('failure' in result) return { failure: `${request.operation}: ${result.failure}` };
  if (result.answer.status !== expected) {
    return { failure: `${request.operation}: ${describeAnswer(result.answer)}` };
  }
  const parsed = schema.safeParse(result.answer.body);
  return parsed.success ? parsed.data : { failure: `${request.operation}: unexpected answer` };
}

async function upload(
  ctx: WriteContext,
  region: Region,
  url: string,
  content: string,
): Promise<Failure | null> {
  try {
    await ctx.gateway.client(region).uploadDocument(url, content, FEED_CONTENT_TYPE);
    return null;
  } catch (error) {
    return { failure: `could not upload the feed document (${describeError(error)})` };
  }
}

function describeError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code) return code;
  return error instanceof Error ? (error.message.split('\n')[0] ?? 'error') : String(error);
}
