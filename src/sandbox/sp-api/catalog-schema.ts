/**
 * The `amazon` half of a sandbox catalog file (the `odoo` half belongs to the fake Odoo and is
 * ignored here). One file feeds both fakes:
 *
 * {
 *   "amazon": {
 *     "app": { "clientId": "amzn1.application-oa2-client.demo", "clientSecret": "demo-secret" },
 *     "sellers": [
 *       { "sellerId": "A1SELLER", "refreshTokens": { "na": "Atzr|demo-na", "eu": "Atzr|demo-eu" } }
 *     ],
 *     "listings": [{
 *       "sellerId": "A1SELLER", "region": "na", "sku": "WALLET-BRN", "productType": "WALLET",
 *       "quantity": 0,
 *       "asin": "B0WALLET01", "itemName": "Leather wallet", "conditionType": "new_new",
 *       "createdDate": "2024-01-15T00:00:00Z",
 *       "attributes": { "brand": [{ "value": "Acme" }] },
 *       "marketplaces": {
 *         "ATVPDKIKX0DER": {
 *           "status": ["DISCOVERABLE"], "leadTimeDays": 2, "issues": [],
 *           "marketplaceIdInEntry": false, "entryFields": { "restock_date": "2026-01-01" }
 *         }
 *       }
 *     }]
 *   }
 * }
 *
 * Meaning of the listing fields:
 * - `quantity` is the merchant-fulfilled (DEFAULT) quantity of seller + SKU in the region: every
 *   marketplace of the region that carries the SKU shows it. `null` means no DEFAULT entry.
 * - `marketplaces` names the marketplaces (of the listing's region) that carry the SKU. Per
 *   marketplace: `status` (default BUYABLE+DISCOVERABLE when quantity > 0, else DISCOVERABLE),
 *   `leadTimeDays` (absent or null: the entry has no lead_time_to_ship_max_days), `issues` (shaped
 *   as the Listings Items model's Issue), `marketplaceIdInEntry` (GET answers put marketplace_id
 *   inside the fulfillment_availability entry, as Amazon sometimes does), `entryFields` (other
 *   fields of the DEFAULT entry, e.g. restock_date), and optional overrides of `asin`,
 *   `itemName` and `lastUpdatedDate`.
 * - `attributes` are further attributes returned as they are (fulfillment_availability and
 *   item_name are built from the fields above).
 */
import { z } from 'zod';
import { ConfigError } from '../../errors.js';
import { regionOfMarketplace } from './marketplaces.js';

const regionSchema = z.enum(['na', 'eu', 'fe']);

const issueSchema = z.strictObject({
  code: z.string().min(1),
  message: z.string().min(1),
  severity: z.enum(['ERROR', 'WARNING', 'INFO']),
  categories: z.array(z.string()).default([]),
  attributeNames: z.array(z.string()).optional(),
  enforcements: z
    .strictObject({
      actions: z.array(z.strictObject({ action: z.string().min(1) })),
      exemption: z.strictObject({
        status: z.enum(['EXEMPT', 'EXEMPT_UNTIL_EXPIRY_DATE', 'NOT_EXEMPT']),
        expiryDate: z.iso.datetime().optional(),
      }),
    })
    .optional(),
});

const marketplaceListingSchema = z.strictObject({
  status: z.array(z.enum(['BUYABLE', 'DISCOVERABLE'])).optional(),
  leadTimeDays: z.int().min(0).nullable().optional(),
  issues: z.array(issueSchema).default([]),
  marketplaceIdInEntry: z.boolean().default(false),
  entryFields: z.record(z.string(), z.unknown()).default({}),
  asin: z.string().min(1).optional(),
  itemName: z.string().optional(),
  lastUpdatedDate: z.iso.datetime().optional(),
});

const conditionTypes = [
  'new_new',
  'new_open_box',
  'new_oem',
  'refurbished_refurbished',
  'used_like_new',
  'used_very_good',
  'used_good',
  'used_acceptable',
  'collectible_like_new',
  'collectible_very_good',
  'collectible_good',
  'collectible_acceptable',
  'club_club',
] as const;

const listingSchema = z.strictObject({
  sellerId: z.string().min(1),
  region: regionSchema,
  sku: z.string().min(1),
  productType: z.string().min(1),
  quantity: z.int().min(0).nullable(),
  asin: z.string().min(1).optional(),
  itemName: z.string().optional(),
  conditionType: z.enum(conditionTypes).default('new_new'),
  createdDate: z.iso.datetime().default('2024-01-01T00:00:00Z'),
  attributes: z.record(z.string(), z.array(z.unknown())).default({}),
  marketplaces: z.record(z.string(), marketplaceListingSchema),
});

const sellerSchema = z.strictObject({
  sellerId: z.string().min(1),
  refreshTokens: z.partialRecord(regionSchema, z.string().min(1)),
});

const amazonSchema = z
  .strictObject({
    app: z.strictObject({ clientId: z.string().min(1), clientSecret: z.string().min(1) }),
    sellers: z.array(sellerSchema).min(1),
    listings: z.array(listingSchema).default([]),
  })
  .superRefine(checkCrossReferences);

/** Validates a whole catalog document; only its `amazon` key is read. */
export const amazonCatalogSchema = z.object({ amazon: amazonSchema });

/** A catalog as a file or a test writes it (defaults may be left out). */
export type AmazonCatalog = z.input<typeof amazonCatalogSchema>;
/** A validated catalog with every default filled in. */
export type ParsedAmazonCatalog = z.output<typeof amazonCatalogSchema>;
export type CatalogListing = ParsedAmazonCatalog['amazon']['listings'][number];
export type CatalogIssue = z.output<typeof issueSchema>;

type AmazonHalf = z.output<typeof amazonSchema>;

function checkCrossReferences(amazon: AmazonHalf, ctx: z.RefinementCtx): void {
  const sellers = new Set(amazon.sellers.map((s) => s.sellerId));
  const keys = new Set<string>();

  amazon.listings.forEach((listing, index) => {
    const at = ['listings', index];
    if (!sellers.has(listing.sellerId)) {
      ctx.addIssue({ code: 'custom', path: [...at, 'sellerId'], message: 'unknown seller' });
    }

    const key = JSON.stringify([listing.region, listing.sellerId, listing.sku]);
    if (keys.has(key)) {
      ctx.addIssue({ code: 'custom', path: [...at, 'sku'], message: 'duplicate SKU' });
    }
    keys.add(key);

    for (const marketplaceId of Object.keys(listing.marketplaces)) {
      const region = regionOfMarketplace(marketplaceId);
      if (region === listing.region) continue;
      const message = region
        ? `marketplace of region ${region}, not ${listing.region}`
        : 'unknown marketplace ID';
      ctx.addIssue({ code: 'custom', path: [...at, 'marketplaces', marketplaceId], message });
    }
  });

  checkRefreshTokensUnique(amazon, ctx);
}

function checkRefreshTokensUnique(amazon: AmazonHalf, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  amazon.sellers.forEach((seller, index) => {
    for (const [region, token] of Object.entries(seller.refreshTokens)) {
      if (seen.has(token)) {
        const path = ['sellers', index, 'refreshTokens', region];
        ctx.addIssue({ code: 'custom', path, message: 'refresh token used twice' });
      }
      seen.add(token);
    }
  });
}

/** Validates a catalog document; a bad one throws a ConfigError naming the dotted path. */
export function parseAmazonCatalog(json: unknown): ParsedAmazonCatalog {
  const result = amazonCatalogSchema.safeParse(json);
  if (result.success) return result.data;

  const [first, ...rest] = result.error.issues;
  const path = first?.path.map(String).join('.') || '(root)';
  const more = rest.length > 0 ? ` (and ${rest.length} more)` : '';
  throw new ConfigError(
    `Invalid sandbox catalog at ${path}: ${first?.message ?? 'invalid'}${more}.`,
    'Fix the catalog file and start the sandbox again.',
  );
}
