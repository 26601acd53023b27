import http from 'node:http';
import https from 'node:https';
import Deserializer from 'xmlrpc/lib/deserializer.js';
import Serializer from 'xmlrpc/lib/serializer.js';
import { UpstreamError } from '../errors.js';
import type { Logger } from '../logger.js';
import { OdooFault, parseFaultCode } from './faults.js';
import { sanitizeParams } from './sanitize-params.js';

export interface XmlRpcTransportOptions {
  baseUrl: string;
  timeoutMs: number;
  logger: Logger;
  /** Parallel connections to Odoo; a worker serves one request at a time. */
  maxSockets?: number;
}

export type Endpoint = 'common' | 'object';

/** Odoo's /xmlrpc/2 endpoints, spoken with the `xmlrpc` package's codec over a keep-alive agent. */
export class XmlRpcTransport {
  private readonly agent: http.Agent;
  private readonly baseUrl: URL;

  constructor(private readonly options: XmlRpcTransportOptions) {
    this.baseUrl = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 4 };
    this.agent =
      this.baseUrl.protocol === 'https:'
        ? new https.Agent(agentOptions)
        : new http.Agent(agentOptions);
  }

  async call(endpoint: Endpoint, method: string, params: unknown[], label = method) {
    const url = new URL(`xmlrpc/2/${endpoint}`, this.baseUrl);
    const body = Serializer.serializeMethodCall(method, sanitizeParams(params) as unknown[]);
    const started = Date.now();

    try {
      const { status, result } = await this.post(url, body);
      this.options.logger.debug(
        `POST ${url.href} ${label} -> ${status} (${Date.now() - started} ms)`,
      );
      return result;
    } catch (error) {
      this.options.logger.debug(`POST ${url.href} ${label} -> failed (${Date.now() - started} ms)`);
      throw this.explain(error, url);
    }
  }

  close(): void {
    this.agent.destroy();
  }

  private post(url: URL, body: string): Promise<{ status: number; result: unknown }> {
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const request = transport.request(url, {
        method: 'POST',
        agent: this.agent,
        signal: AbortSignal.timeout(this.options.timeoutMs),
        headers: { 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(body) },
      });
      request.on('response', (response) => {
        readResponse(response).then(resolve, reject);
      });
      request.on('error', reject);
      request.end(body);
    });
  }

  private explain(error: unknown, url: URL): Error {
    if (error instanceof OdooFault || error instanceof UpstreamError) return error;
    return describeNetworkError(error, url, this.options.timeoutMs);
  }
}

class HttpStatusError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

class NotXmlRpcError extends Error {}

function readResponse(
  response: http.IncomingMessage,
): Promise<{ status: number; result: unknown }> {
  const status = response.statusCode ?? 0;
  const type = response.headers['content-type'] ?? '';
  if (status !== 200 || !type.includes('xml')) {
    response.resume();
    return Promise.reject(status !== 200 ? new HttpStatusError(status) : new NotXmlRpcError(type));
  }

  return new Promise((resolve, reject) => {
    new Deserializer().deserializeMethodResponse(response, (error, result) => {
      if (!error) return resolve({ status, result });
      const fault = error as Error & { faultCode?: unknown; faultString?: string };
      if (fault.faultString !== undefined || fault.faultCode !== undefined) {
        return reject(new OdooFault(parseFaultCode(fault.faultCode), fault.faultString ?? ''));
      }
      reject(new NotXmlRpcError(error.message));
    });
  });
}

const NEXT_STEP =
  'Check ODOO_URL (the Odoo base URL, e.g. https://odoo.example.com) and that Odoo is up.';

export function describeNetworkError(error: unknown, url: URL, timeoutMs: number): UpstreamError {
  const where = `Odoo at ${url.origin}`;
  const code = (error as { code?: string }).code;
  const name = (error as { name?: string }).name;

  if (name === 'TimeoutError' || name === 'AbortError') {
    return new UpstreamError(
      `${where} did not answer within ${timeoutMs / 1000} s.`,
      'Check that Odoo is up, or raise "odoo.timeoutMs" in the config file.',
    );
  }
  if (error instanceof HttpStatusError) {
    return new UpstreamError(
      `${where} answered HTTP ${error.status} on ${url.pathname}.`,
      NEXT_STEP,
    );
  }
  if (error instanceof NotXmlRpcError) {
    return new UpstreamError(`${where} answered something that is not XML-RPC.`, NEXT_STEP);
  }
  return new UpstreamError(`${where} is unreachable (${describeCode(code, error)}).`, NEXT_STEP);
}

function describeCode(code: string | undefined, error: unknown): string {
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  if (code === 'ECONNRESET') return 'connection reset';
  if (code) return code;
  return error instanceof Error ? error.message : String(error);
}
