import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { SpRegion } from './marketplaces.js';
import type { Clock } from './types.js';

const URL_LIFETIME_SECONDS = 300;
export const DOCUMENT_PATH_PREFIX = '/feed-documents/';

export interface StoredDocument {
  id: string;
  sellerId: string;
  region: SpRegion;
  contentType: string;
  content: Buffer | undefined;
}

export interface TransferAnswer {
  status: number;
  body: Buffer | string;
  contentType: string;
}

/**
 * Feed documents and their presigned URLs, S3-like: a URL is signed for one method, expires
 * after five minutes (by the clock), and errors come back as S3's XML.
 */
export class DocumentStore {
  private readonly documents = new Map<string, StoredDocument>();
  private readonly secret = randomBytes(32);

  constructor(
    private readonly clock: Clock,
    private readonly urlBase: string,
  ) {}

  create(
    sellerId: string,
    region: SpRegion,
    contentType: string,
    content?: Buffer,
  ): StoredDocument {
    const id = `amzn1.tortuga.4.${region}.${randomUUID()}`;
    const document = { id, sellerId, region, contentType, content };
    this.documents.set(id, document);
    return document;
  }

  find(id: string, sellerId: string, region: SpRegion): StoredDocument | undefined {
    const document = this.documents.get(id);
    return document?.sellerId === sellerId && document.region === region ? document : undefined;
  }

  presign(id: string, method: 'GET' | 'PUT'): string {
    const date = amzDate(this.clock.now());
    const query = new URLSearchParams({
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Date': date,
      'X-Amz-Expires': String(URL_LIFETIME_SECONDS),
      'X-Amz-Signature': this.sign(method, id, date),
    });
    return `${this.urlBase}${DOCUMENT_PATH_PREFIX}${encodeURIComponent(id)}?${query.toString()}`;
  }

  /** Serves an upload (PUT) or download (GET) through a presigned URL. */
  transfer(method: string, pathname: string, query: URLSearchParams, body: Buffer): TransferAnswer {
    const id = decodeId(pathname.slice(DOCUMENT_PATH_PREFIX.length));
    const refusal = this.checkSignature(method, id, query);
    if (refusal) return refusal;

    const document = this.documents.get(id);
    if (!document) return s3Error(404, 'NoSuchKey', 'The specified key does not exist.');
    if (method === 'PUT') {
      document.content = body;
      return { status: 200, body: '', contentType: 'text/plain' };
    }
    if (!document.content) return s3Error(404, 'NoSuchKey', 'The specified key does not exist.');
    return { status: 200, body: document.content, contentType: document.contentType };
  }

  private checkSignature(method: string, id: string, query: URLSearchParams) {
    const date = query.get('X-Amz-Date') ?? '';
    const given = Buffer.from(query.get('X-Amz-Signature') ?? '');
    const wanted = Buffer.from(this.sign(method, id, date));
    if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
      const text = 'The request signature we calculated does not match the signature you provided.';
      return s3Error(403, 'SignatureDoesNotMatch', text);
    }
    if (this.clock.now() > parseAmzDate(date) + URL_LIFETIME_SECONDS * 1000) {
      return s3Error(403, 'AccessDenied', 'Request has expired');
    }
    return undefined;
  }

  private sign(method: string, id: string, date: string): string {
    return createHmac('sha256', this.secret).update(`${method}\n${id}\n${date}`).digest('hex');
  }
}

function decodeId(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

function amzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, '');
}

function parseAmzDate(date: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date);
  if (!m) return 0;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}

function s3Error(status: number, code: string, message: string): TransferAnswer {
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  return { status, body: xml, contentType: 'application/xml' };
}
