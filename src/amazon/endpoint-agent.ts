import http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';

/**
 * amazon-sp-api builds Amazon's hostnames itself and offers no base-URL
 * option; its only hook is the agent it hands to https.request. This agent
 * claims the https: protocol (so the request is accepted) but connects every
 * request, LWA included, to the configured endpoint. Amazon's Host header is
 * kept, so the endpoint can tell the region and the LWA host apart.
 */
export class EndpointAgent extends http.Agent {
  private readonly target: URL;

  constructor(endpoint: string) {
    super({ keepAlive: true, maxSockets: 16 });
    this.target = new URL(endpoint);
    (this as unknown as { protocol: string }).protocol = 'https:';
    // Node writes the port into Host when it differs from the agent's default; Amazon sees none.
    (this as unknown as { defaultPort: number }).defaultPort = 443;
  }

  override createConnection(): Duplex {
    const { hostname, protocol } = this.target;
    const host = hostname.replace(/^\[|\]$/g, '');
    if (protocol === 'https:') {
      return tls.connect({ host, port: this.port(443), servername: host });
    }
    return net.connect({ host, port: this.port(80) });
  }

  private port(fallback: number): number {
    return this.target.port ? Number(this.target.port) : fallback;
  }
}
