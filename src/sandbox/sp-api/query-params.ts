import { invalidInput } from './http-util.js';
import { regionOfMarketplace, type SpRegion } from './marketplaces.js';

/** Array query parameters travel comma-joined (collectionFormat csv). */
export function readList(query: URLSearchParams, name: string): string[] | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  return raw.split(',').filter((part) => part !== '');
}

/** `marketplaceIds`: required, known, and all of the endpoint's region. */
export function readMarketplaceIds(query: URLSearchParams, region: SpRegion): string[] {
  const ids = readList(query, 'marketplaceIds');
  if (!ids || ids.length === 0) {
    throw invalidInput("Missing required parameter 'marketplaceIds'.");
  }
  for (const id of ids) checkMarketplace(id, region);
  return ids;
}

export function checkMarketplace(id: string, region: SpRegion): void {
  const actual = regionOfMarketplace(id);
  if (!actual) throw invalidInput(`Invalid marketplaceIds: '${id}' is not a marketplace.`);
  if (actual !== region) {
    throw invalidInput(
      `Invalid marketplaceIds: '${id}' is not served by this endpoint (${region}).`,
      `Call the ${actual} endpoint for this marketplace.`,
    );
  }
}

export function readIncludedData(
  query: URLSearchParams,
  allowed: readonly string[],
  fallback: string[],
): Set<string> {
  const values = readList(query, 'includedData') ?? fallback;
  const unknown = values.find((v) => !allowed.includes(v));
  if (unknown !== undefined) throw invalidInput(`Invalid includedData value '${unknown}'.`);
  return new Set(values);
}
