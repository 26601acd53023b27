import { z } from 'zod';

const fieldName = z.string().regex(/^[a-z_][a-z0-9_]*$/, 'expected an Odoo field name');
const dottedPath = z
  .string()
  .regex(/^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$/, 'expected a dotted path');
const url = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });
const region = z.enum(['na', 'eu', 'fe']);

const regionSchema = z.strictObject({
  refreshToken: z.string().min(1).optional(),
  endpoint: url.optional(),
});

const policySchema = z.strictObject({
  mtoQuantity: z.int().min(1).optional(),
  defaultLeadTimeDays: z.int().min(0).optional(),
  maxLeadTimeDays: z.int().min(1).optional(),
  lowStockBelow: z.int().min(0).optional(),
  tooHighFrom: z.int().min(1).optional(),
  maxPushQuantity: z.int().min(1).optional(),
});

/** The config file (mto-audit.config.json). Everything is optional: env and flags can fill it. */
export const configFileSchema = z.strictObject({
  $schema: z.string().optional(),
  profile: z.string().min(1).optional(),
  mapping: z
    .strictObject({
      model: z.string().regex(/^[a-z_][a-z0-9_.]*$/, 'expected an Odoo model name'),
      sku: fieldName,
      product: fieldName,
      quantity: fieldName.nullable().optional(),
      marketplace: dottedPath.nullable().optional(),
      seller: dottedPath.nullable().optional(),
      channel: z.strictObject({ field: fieldName, value: z.string() }).nullable().optional(),
    })
    .optional(),
  odoo: z
    .strictObject({
      url: url.optional(),
      db: z.string().min(1).optional(),
      username: z.string().min(1).optional(),
      password: z.string().min(1).optional(),
      timeoutMs: z.int().min(100).max(600_000).optional(),
      batchSize: z.int().min(1).max(10_000).optional(),
      warehouse: z.union([z.string().min(1), z.int().min(1)]).optional(),
    })
    .optional(),
  amazon: z
    .strictObject({
      sellerId: z.string().min(1).optional(),
      marketplaceIds: z.array(z.string().min(1)).min(1).optional(),
      clientId: z.string().min(1).optional(),
      clientSecret: z.string().min(1).optional(),
      refreshToken: z.string().min(1).optional(),
      endpoint: url.optional(),
      timeoutMs: z.int().min(100).max(600_000).optional(),
      regions: z.partialRecord(region, regionSchema).optional(),
    })
    .optional(),
  mto: z.strictObject({ field: fieldName.optional() }).optional(),
  capacityField: fieldName.optional(),
  policy: policySchema.optional(),
  allowInsecureHttp: z.boolean().optional(),
});

export type ConfigFile = z.infer<typeof configFileSchema>;
