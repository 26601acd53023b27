import type { AppConfig } from '../config/load-config.js';
import type { Region } from '../config/marketplaces.js';
import type { Logger } from '../logger.js';
import { SpApiClient } from './sp-api-client.js';

/** One client per region: each region has its own endpoint and refresh token. */
export function createRegionClients(config: AppConfig, logger: Logger): Map<Region, SpApiClient> {
  const clients = new Map<Region, SpApiClient>();
  for (const [region, access] of Object.entries(config.amazon.regions)) {
    const client = new SpApiClient({
      region: region as Region,
      refreshToken: access.refreshToken,
      clientId: config.amazon.clientId,
      clientSecret: config.amazon.clientSecret,
      endpoint: access.endpoint,
      timeoutMs: config.amazon.timeoutMs,
      logger,
    });
    clients.set(region as Region, client);
  }
  return clients;
}
