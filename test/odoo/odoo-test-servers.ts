import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseOdooCatalog, type OdooCatalog } from '../../src/sandbox/odoo/index.js';

/**
 * A small shop for the client tests: two warehouses with different stock, a
 * user who may not read ir.model.data, one listing per product.
 */
export function shopCatalog(serverVersion: string): OdooCatalog {
  return parseOdooCatalog({
    odoo: {
      serverVersion,
      database: 'shop',
      users: [
        { id: 2, login: 'admin', password: 'admin-pw', apiKeys: ['api-key-0123456789'] },
        { id: 7, login: 'sync', password: 'sync-pw', deniedModels: ['ir.model.data'] },
      ],
      installedModules: ['marketplace_listing'],
      records: {
        'stock.route': [
          {
            id: 5,
            name: 'Replenish on Order (MTO)',
            active: false,
            xmlid: 'stock.route_warehouse0_mto',
          },
        ],
        'stock.rule': [
          { id: 1, name: 'WH: MTO', route_id: 5, warehouse_id: 1, procure_method: 'make_to_order' },
        ],
        'stock.warehouse': [
          { id: 1, name: 'San Francisco', code: 'WH', mto_pull_id: 1 },
          { id: 2, name: 'Berlin', code: 'BER' },
        ],
        'product.category': [{ id: 1, name: 'All' }],
        'product.product': [
          {
            id: 42,
            name: 'Leather wallet',
            categ_id: 1,
            route_ids: [5],
            stock: {
              '1': { free_qty: 1, qty_available: 1 },
              '2': { free_qty: 3.5, qty_available: 4 },
            },
          },
        ],
        'marketplace.listing': [
          { id: 1, product_id: 42, seller_id: 'A1SELLER', amazon_sku: 'WALLET-BRN', qty: 999 },
        ],
      },
    },
  });
}

export interface RecordingServer {
  url: string;
  bodies: string[];
  close(): Promise<void>;
}

/**
 * An XML-RPC endpoint that records each request body and answers every call
 * with the same response: what our client puts on the wire, and how it reads
 * answers the sandbox never gives (string fault codes, as legacy endpoints do).
 */
export async function startRecordingServer(answer: string): Promise<RecordingServer> {
  const bodies: string[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      response.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
      response.end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bodies,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export function faultResponse(faultCode: string, faultString: string): string {
  return (
    '<?xml version="1.0"?><methodResponse><fault><value><struct>' +
    `<member><name>faultCode</name><value>${faultCode}</value></member>` +
    `<member><name>faultString</name><value><string>${faultString}</string></value></member>` +
    '</struct></value></fault></methodResponse>'
  );
}

/** uid 2 for authenticate; any other call gets 2 as well, which the tests ignore. */
export const UID_RESPONSE =
  '<?xml version="1.0"?><methodResponse><params><param><value><int>2</int></value>' +
  '</param></params></methodResponse>';
