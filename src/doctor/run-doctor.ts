import { z } from 'zod';
import { createRegionClients } from '../amazon/region-clients.js';
import { describeAnswer } from '../amazon/answer-errors.js';
import type { SpApiAnswer, SpApiClient } from '../amazon/sp-api-client.js';
import type { Region } from '../config/marketplaces.js';
import { loadConfig, type AppConfig, type ConfigInputs } from '../config/load-config.js';
import { ExitCode, formatUserError, isUserError, type ExitCodeValue } from '../errors.js';
import type { Logger } from '../logger.js';
import { createOdooClient, type OdooClient } from '../odoo/client.js';
import { inspectListingModel, readFields } from '../odoo/listing-schema.js';
import { findMtoRoute } from '../odoo/mto-route.js';

export type CheckStatus = 'pass' | 'fail' | 'info';

export interface DoctorCheck {
  name: string;
  status: CheckStatus;
  detail: string;
  /** What a failure means for the exit code: a schema problem (1) or an upstream one (3). */
  kind?: 'config' | 'schema' | 'upstream';
}

export interface DoctorResult {
  checks: DoctorCheck[];
  exitCode: ExitCodeValue;
}

export interface DoctorOptions extends ConfigInputs {
  /** Builds the logger once secrets are known, so debug lines can mask them. */
  makeLogger: (secrets: readonly string[]) => Logger;
}

/** Checks, in order, everything an audit needs; stops where a later check could only fail. */
export async function runDoctor(options: DoctorOptions): Promise<DoctorResult> {
  const checks: DoctorCheck[] = [];
  let config: AppConfig;
  try {
    config = loadConfig(options);
  } catch (error) {
    if (!isUserError(error)) throw error;
    checks.push(fail('config', formatUserError(error), 'config'));
    return { checks, exitCode: ExitCode.usage };
  }

  const logger = options.makeLogger(config.secrets);
  for (const warning of config.warnings) logger.warn(warning);
  checks.push(
    pass('config', `valid (${config.file ?? 'environment only'}, profile ${config.profile.name})`),
  );

  await checkOdoo(config, logger, checks);
  await checkAmazon(config, logger, checks);
  return { checks, exitCode: decideExit(checks) };
}

async function checkOdoo(config: AppConfig, logger: Logger, checks: DoctorCheck[]) {
  const client = createOdooClient({ ...config.odoo, logger });
  try {
    const reached = await step(checks, 'odoo', async () => {
      const version = await client.version();
      return `reachable at ${config.odoo.url} (Odoo ${version.serverVersion})`;
    });
    if (!reached) return;

    const loggedIn = await step(checks, 'odoo login', async () => {
      const uid = await client.authenticate();
      return `accepted for ${config.odoo.username} on ${config.odoo.db} (uid ${uid})`;
    });
    if (loggedIn) await checkOdooSchema(client, config, checks);
  } finally {
    client.close();
  }
}

async function checkOdooSchema(client: OdooClient, config: AppConfig, checks: DoctorCheck[]) {
  await step(checks, 'listing model', () => describeListingModel(client, config));
  await step(checks, 'mto route', () => describeMtoDetection(client, config));
  await step(
    checks,
    'mrp',
    async () => {
      const installed = (await readFields(client, 'mrp.production')) !== null;
      return installed
        ? 'installed: units in production are read'
        : 'not installed: units in production count as 0';
    },
    'info',
  );
  if (config.capacityField)
    await step(checks, 'capacity field', () =>
      describeProductField(client, config.capacityField as string, ['integer', 'float']),
    );
}

async function describeListingModel(client: OdooClient, config: AppConfig): Promise<string> {
  const { profile } = config;
  const schema = await inspectListingModel(client, profile);
  if (!schema.exists) {
    throw new SchemaProblem(
      `${profile.model} does not exist in Odoo: is the connector of profile ` +
        `${profile.name} installed? Else pick another MTO_AUDIT_PROFILE.`,
    );
  }
  if (schema.missing.length > 0) {
    throw new SchemaProblem(
      `${profile.model} lacks field(s) ${schema.missing.join(', ')} that profile ` +
        `${profile.name} maps; fix "mapping" in the config file.`,
    );
  }
  if (!schema.quantityField) {
    throw new SchemaProblem(
      `${profile.model} has no quantity field of its own: a connector can only send ` +
        'product free_qty, the WRONG_SCHEMA bug at schema level. Add a listing quantity ' +
        'field, or let mto-audit fix push the expected quantity for MTO listings.',
    );
  }
  return `${profile.model} found, with its own quantity field ${schema.quantityField}`;
}

async function describeMtoDetection(client: OdooClient, config: AppConfig): Promise<string> {
  if (config.mtoField) {
    return describeProductField(client, config.mtoField, ['boolean']);
  }
  const route = await findMtoRoute(client);
  if (!route) {
    throw new SchemaProblem(
      'no "Replenish on Order (MTO)" route found (stock.route_warehouse0_mto): no product can count as MTO; set MTO_AUDIT_MTO_FIELD to mark MTO products by a field.',
    );
  }
  const state = route.active ? 'active' : 'archived, as Odoo ships it';
  const via =
    route.via === 'xmlid'
      ? 'by its xml id'
      : "through the warehouse's MTO rule (ir.model.data is not readable)";
  return `"${route.name}" (id ${route.id}, ${state}) found ${via}`;
}

async function describeProductField(
  client: OdooClient,
  field: string,
  types: string[],
): Promise<string> {
  const fields = (await readFields(client, 'product.product')) ?? {};
  const info = fields[field];
  if (!info) throw new SchemaProblem(`product.product has no field ${field}; check the config.`);
  if (!types.includes(info.type)) {
    throw new SchemaProblem(
      `product.product.${field} is a ${info.type} field; expected ${types.join(' or ')}.`,
    );
  }
  return `product.product.${field} (${info.type}) found`;
}

async function checkAmazon(config: AppConfig, logger: Logger, checks: DoctorCheck[]) {
  const clients = createRegionClients(config, logger);
  for (const [region, client] of clients) {
    const ok = await step(checks, `lwa ${region}`, async () => {
      await client.ensureToken();
      return `access token obtained for region ${region}`;
    });
    if (!ok) continue;

    for (const marketplace of config.amazon.marketplaces.filter((m) => m.region === region)) {
      await step(checks, `marketplace ${marketplace.country}`, () =>
        probeMarketplace(client, config.amazon.sellerId, marketplace.id),
      );
    }
  }
}

/** The part of Amazon's ItemSearchResults that tells a real answer from a proxy's page. */
const searchResultsSchema = z.looseObject({
  numberOfResults: z.int().min(0),
  items: z.array(z.unknown()),
});

async function probeMarketplace(client: SpApiClient, sellerId: string, marketplaceId: string) {
  const answer = await client.send({
    operation: 'searchListingsItems',
    path: { sellerId },
    query: { marketplaceIds: [marketplaceId], pageSize: 1, includedData: ['summaries'] },
  });
  const where = `${marketplaceId} for seller ${sellerId}`;
  if (answer.status === 403) {
    throw new Error(`${where}: ${explainForbidden(answer, client.region)}`);
  }
  if (answer.status !== 200 || answer.body === undefined) {
    throw new Error(`${where}: ${describeAnswer(answer)}`);
  }

  const results = searchResultsSchema.safeParse(answer.body);
  if (!results.success) {
    const field = results.error.issues[0]?.path.join('.') || 'its body';
    throw new Error(`${where}: HTTP 200, but not an ItemSearchResults answer (${field}).`);
  }
  return `${marketplaceId} answers for seller ${sellerId} (${results.data.numberOfResults} listings)`;
}

/** A token LWA issued for another region or seller is refused here, not at LWA. */
function explainForbidden(answer: SpApiAnswer, region: Region): string {
  const refused = describeAnswer(answer).replace(/\.?$/, '.');
  return (
    `${refused} Check that the refresh token of region ${region} ` +
    `(amazon.regions.${region}.refreshToken, else SP_API_REFRESH_TOKEN) was issued for this ` +
    'seller in that region.'
  );
}

class SchemaProblem extends Error {}

async function step(
  checks: DoctorCheck[],
  name: string,
  run: () => Promise<string>,
  okStatus: CheckStatus = 'pass',
): Promise<boolean> {
  try {
    checks.push({ name, status: okStatus, detail: await run() });
    return true;
  } catch (error) {
    checks.push(describeFailure(name, error));
    return false;
  }
}

function describeFailure(name: string, error: unknown): DoctorCheck {
  if (error instanceof SchemaProblem) return fail(name, error.message, 'schema');
  if (isUserError(error)) return fail(name, formatUserError(error), 'upstream');
  if (error instanceof Error) return fail(name, error.message, 'upstream');
  throw error;
}

function pass(name: string, detail: string): DoctorCheck {
  return { name, status: 'pass', detail };
}

function fail(name: string, detail: string, kind: DoctorCheck['kind']): DoctorCheck {
  return { name, status: 'fail', detail, kind };
}

function decideExit(checks: DoctorCheck[]): ExitCodeValue {
  const failed = checks.filter((check) => check.status === 'fail');
  if (failed.some((check) => check.kind === 'config')) return ExitCode.usage;
  if (failed.some((check) => check.kind === 'upstream')) return ExitCode.upstream;
  if (failed.length > 0) return ExitCode.findings;
  return ExitCode.ok;
}
