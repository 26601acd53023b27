import type { IncomingMessage, ServerResponse } from 'node:http';

/** An SP-API error answer: an HTTP status and the model's ErrorList. */
export class SpApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: string,
  ) {
    super(message);
    this.name = 'SpApiError';
  }
}

export function invalidInput(message: string, details?: string): SpApiError {
  return new SpApiError(400, 'InvalidInput', message, details);
}

export function errorListOf(error: SpApiError): { errors: Record<string, string>[] } {
  const entry: Record<string, string> = { code: error.code, message: error.message };
  if (error.details !== undefined) entry.details = error.details;
  return { errors: [entry] };
}

/** Reads the whole body; a body over `limit` bytes is an error (413) once fully received. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > limit) {
        reject(new SpApiError(413, 'RequestEntityTooLarge', 'The request body is too large.'));
      } else {
        resolve(Buffer.concat(chunks));
      }
    });
    req.on('error', reject);
  });
}

export function sendBody(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  headers: Record<string, string>,
): void {
  if (res.headersSent || res.destroyed) return;
  const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { ...headers, 'Content-Length': String(payload.length) });
  res.end(payload);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string>,
): void {
  const json = JSON.stringify(body);
  sendBody(res, status, json, { 'Content-Type': 'application/json', ...headers });
}

/** Parses a JSON request body; anything unreadable is Amazon's 400 InvalidInput. */
export function parseJsonBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw invalidInput('The request body is not valid JSON.');
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
