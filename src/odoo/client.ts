import { UpstreamError } from '../errors.js';
import type { Logger } from '../logger.js';
import { OdooFault } from './faults.js';
import { XmlRpcTransport } from './xmlrpc-transport.js';

export interface OdooVersion {
  serverVersion: string;
  major: number;
}

/**
 * The one seam the readers use. XML-RPC is one transport behind it; Odoo 19's
 * JSON-2 API would be another.
 */
export interface OdooClient {
  version(): Promise<OdooVersion>;
  authenticate(): Promise<number>;
  call<T = unknown>(
    model: string,
    method: string,
    args: unknown[],
    kwargs?: Record<string, unknown>,
  ): Promise<T>;
  /** Calls made so far (version, authenticate and every execute_kw). */
  readonly callCount: number;
  close(): void;
}

export interface OdooClientOptions {
  url: string;
  db: string;
  username: string;
  password: string;
  timeoutMs: number;
  logger: Logger;
}

export function createOdooClient(options: OdooClientOptions): OdooClient {
  return new XmlRpcOdooClient(options);
}

class XmlRpcOdooClient implements OdooClient {
  private readonly transport: XmlRpcTransport;
  private versionPromise: Promise<OdooVersion> | undefined;
  private uidPromise: Promise<number> | undefined;
  callCount = 0;

  constructor(private readonly options: OdooClientOptions) {
    this.transport = new XmlRpcTransport({
      baseUrl: options.url,
      timeoutMs: options.timeoutMs,
      logger: options.logger,
    });
  }

  /** Read once: version-dependent details (context keys, model names) are chosen from it. */
  version(): Promise<OdooVersion> {
    this.versionPromise ??= this.fetchVersion();
    return this.versionPromise;
  }

  authenticate(): Promise<number> {
    this.uidPromise ??= this.login();
    return this.uidPromise;
  }

  async call<T>(model: string, method: string, args: unknown[], kwargs = {}): Promise<T> {
    const uid = await this.authenticate();
    const { db, password } = this.options;
    this.callCount += 1;
    const params = [db, uid, password, model, method, args, kwargs];
    try {
      return (await this.transport.call('object', 'execute_kw', params, `${model}.${method}`)) as T;
    } catch (error) {
      throw this.explainFault(error);
    }
  }

  close(): void {
    this.transport.close();
  }

  private async fetchVersion(): Promise<OdooVersion> {
    this.callCount += 1;
    const answer = await this.transport.call('common', 'version', []);
    const serverVersion = readServerVersion(answer);
    return { serverVersion, major: parseMajor(serverVersion) };
  }

  private async login(): Promise<number> {
    const { db, username, password } = this.options;
    this.callCount += 1;
    let uid: unknown;
    try {
      uid = await this.transport.call('common', 'authenticate', [db, username, password, {}]);
    } catch (error) {
      throw this.explainFault(error);
    }
    if (typeof uid === 'number' && uid > 0) return uid;
    throw new UpstreamError(
      `Odoo refused the login of "${username}" on database "${db}".`,
      'Check ODOO_USERNAME and ODOO_PASSWORD (a password or an API key).',
    );
  }

  private explainFault(error: unknown): unknown {
    if (!(error instanceof OdooFault)) return error;
    if (error.kind === 'access-denied') {
      return new UpstreamError(
        `Odoo denied access for "${this.options.username}" on "${this.options.db}".`,
        'Check ODOO_USERNAME and ODOO_PASSWORD (a password or an API key).',
      );
    }
    if (/database .* does not exist/i.test(error.faultString)) {
      return new UpstreamError(
        `Odoo has no database "${this.options.db}".`,
        'Check ODOO_DB (the database name on the Odoo login screen).',
      );
    }
    return error;
  }
}

function readServerVersion(answer: unknown): string {
  const version = (answer as { server_version?: unknown } | null)?.server_version;
  if (typeof version === 'string' && version.length > 0) return version;
  throw new UpstreamError(
    'Odoo answered version() without a server_version.',
    'Check that ODOO_URL points at an Odoo server.',
  );
}

/** "17.0", "saas~17.2", "18.0+e" -> 17, 17, 18. */
export function parseMajor(serverVersion: string): number {
  const match = /(\d+)\.\d+/.exec(serverVersion);
  return match ? Number(match[1]) : 0;
}
