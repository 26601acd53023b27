/**
 * The HTTP side of the fake Odoo: POST /xmlrpc/2/<service> answered with
 * status 200 and `text/xml; charset=utf-8` whether the call succeeded or
 * faulted (malformed XML included, as Odoo's controller catches the
 * parser's error too), werkzeug's 405 for other methods and 404 elsewhere.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OdooCatalog } from './catalog-schema.js';
import { OdooException, toFault, type FaultStage } from './odoo-errors.js';
import { OdooStore, type WriteLogEntry } from './odoo-store.js';
import { fieldValue } from './field-values.js';
import { createEnv } from './search-records.js';
import { describeCall, dispatchRpc } from './rpc-services.js';
import { MarshalError, writeFault, writeResponse } from './xmlrpc-write.js';
import { parseMethodCall } from './xmlrpc-parse.js';

export interface FakeOdooOptions {
  catalog: OdooCatalog;
  host?: string;
  port?: number;
  /** Delay added before every answer, in milliseconds. */
  latencyMs?: number;
}

export interface FakeOdooStats {
  calls: number;
  byMethod: Record<string, number>;
}

export interface FakeOdoo {
  url: string;
  stats: FakeOdooStats;
  writes: WriteLogEntry[];
  /** The current records of a model, in the catalog's write format. */
  records(model: string): Record<string, unknown>[];
  close(): Promise<void>;
}

const XMLRPC_PATH = /^\/xmlrpc\/2\/([^/?]+)(\?.*)?$/;

export async function startFakeOdoo(options: FakeOdooOptions): Promise<FakeOdoo> {
  const store = new OdooStore(options.catalog);
  const stats: FakeOdooStats = { calls: 0, byMethod: {} };
  const latency = options.latencyMs ?? 0;
  const server = createServer((request, response) => {
    handleRequest(store, stats, latency, request, response);
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    stats,
    writes: store.writes,
    records: (model) => snapshotRecords(store, model),
    close: () => closeServer(server),
  };
}

function closeServer(server: ReturnType<typeof createServer>): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

function snapshotRecords(store: OdooStore, modelName: string): Record<string, unknown>[] {
  const model = store.model(modelName);
  if (!model) return [];
  const env = createEnv(store, new Map([['active_test', false]]));
  return [...store.table(modelName).values()].map((record) => {
    const row: Record<string, unknown> = {};
    for (const field of model.fields.values()) {
      if (!field.store || field.compute || field.related) continue;
      const value = fieldValue(env, model, record, field);
      row[field.name] = Array.isArray(value) ? [...value] : value === null ? false : value;
    }
    return row;
  });
}

function handleRequest(
  store: OdooStore,
  stats: FakeOdooStats,
  latency: number,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  const match = XMLRPC_PATH.exec(request.url ?? '');
  if (!match) return sendHtml(response, 404, NOT_FOUND);
  if (request.method !== 'POST')
    return sendHtml(response, 405, METHOD_NOT_ALLOWED, { Allow: 'POST' });
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const answer = answerCall(store, stats, match[1] ?? '', body);
    setTimeout(() => sendXml(response, answer), latency);
  });
}

function answerCall(store: OdooStore, stats: FakeOdooStats, service: string, body: string): string {
  let stage: FaultStage = 'parse';
  try {
    const call = parseMethodCall(body);
    stage = 'dispatch';
    const rpc = { service, method: call.methodName, params: call.params };
    countCall(stats, describeCall(rpc));
    return writeResponse(dispatchRpc(store, rpc));
  } catch (error) {
    const fault = toFault(asPythonError(error), stage);
    return writeFault(fault.code, fault.message);
  }
}

function asPythonError(error: unknown): unknown {
  if (error instanceof MarshalError) return new OdooException(error.pyType, error.message);
  return error;
}

function countCall(stats: FakeOdooStats, name: string): void {
  stats.calls += 1;
  stats.byMethod[name] = (stats.byMethod[name] ?? 0) + 1;
}

function sendXml(response: ServerResponse, body: string): void {
  response.writeHead(200, {
    'Content-Type': 'text/xml; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(body);
}

function sendHtml(
  response: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    ...headers,
  });
  response.end(body);
}

const NOT_FOUND =
  '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n' +
  '<p>The requested URL was not found on the server. If you entered the URL manually please ' +
  'check your spelling and try again.</p>\n';

const METHOD_NOT_ALLOWED =
  '<!doctype html>\n<html lang=en>\n<title>405 Method Not Allowed</title>\n' +
  '<h1>Method Not Allowed</h1>\n<p>The method is not allowed for the requested URL.</p>\n';
