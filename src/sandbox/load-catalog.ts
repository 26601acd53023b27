import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { parseOdooCatalog, type OdooCatalog } from './odoo/index.js';
import { parseAmazonCatalog, type AmazonCatalog } from './sp-api/index.js';

/** What the sandbox tells a CLI run: whose listings, where, and which product field caps MTO. */
const sandboxSectionSchema = z.strictObject({
  sellerId: z.string().min(1),
  marketplaceIds: z.array(z.string().min(1)).min(1),
  capacityField: z.string().min(1).optional(),
  mtoField: z.string().min(1).optional(),
  profile: z.string().min(1).optional(),
});

export type SandboxSection = z.infer<typeof sandboxSectionSchema>;

export interface SandboxCatalog {
  path: string;
  odoo: OdooCatalog;
  amazon: AmazonCatalog;
  sandbox: SandboxSection;
  /** Signatures the catalog documents per row, keyed SKU@marketplaceId. */
  expectedRows: Record<string, string[]>;
}

export const DEMO_CATALOG_PATH = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'fixtures',
  'demo-catalog.json',
);

export function loadCatalog(path: string = DEMO_CATALOG_PATH): SandboxCatalog {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = (error as { code?: string }).code ?? (error as Error).message;
    throw new ConfigError(
      `--catalog: cannot read ${path} (${reason}).`,
      'Give a catalog JSON file.',
    );
  }
  return parseCatalog(raw, path);
}

/** Validates a catalog object; `label` names it in errors (its file, usually). */
export function parseCatalog(raw: unknown, label: string): SandboxCatalog {
  const sandbox = sandboxSectionSchema.safeParse((raw as { sandbox?: unknown } | null)?.sandbox);
  if (!sandbox.success) {
    const issue = sandbox.error.issues[0];
    const path = ['sandbox', ...(issue?.path ?? [])].join('.');
    throw new ConfigError(`${label}: ${path}: ${issue?.message ?? 'invalid'}.`);
  }
  const expected = (raw as { expected?: { rows?: Record<string, string[]> } }).expected;
  return {
    path: label,
    odoo: parseOdooCatalog(raw),
    amazon: parseAmazonCatalog(raw),
    sandbox: sandbox.data,
    expectedRows: expected?.rows ?? {},
  };
}
