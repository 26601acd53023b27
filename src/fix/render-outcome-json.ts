import type { FixOutcome } from './fix-outcome.js';
import { lastResults } from './render-outcome.js';
import { country } from './render-plan.js';
import type { AmazonChange, ChangeResult, OdooChange } from './types.js';

/** The --json document of fix, resume and rollback: one object on stdout, nulls not omitted. */
export function renderOutcomeJson(outcome: FixOutcome): string {
  const results = new Map(lastResults(outcome.results).map((result) => [result.id, result]));
  const pending = new Set(outcome.pending.flatMap((feed) => feed.ids));
  const statusOf = (id: number) =>
    outcome.state !== 'done'
      ? 'planned'
      : (results.get(id)?.status ?? (pending.has(id) ? 'pending' : 'not-sent'));

  const document = {
    command: outcome.command,
    state: outcome.state,
    sellerId: outcome.sellerId,
    journal: outcome.journalPath,
    summary: outcome.summary,
    changes: outcome.plan.changes.map((change) => ({
      ...amazonChange(change, outcome),
      status: statusOf(change.id),
      ...resultFields(results.get(change.id)),
    })),
    odoo: outcome.plan.odoo.map((change) => ({
      ...odooChange(change),
      status: statusOf(change.id),
      ...resultFields(results.get(change.id)),
    })),
    blocked: outcome.plan.blocked.map((row) => ({
      sku: row.sku,
      marketplaceId: row.marketplaceId,
      marketplace: country(row.marketplaceId),
      reason: row.reason,
      signatures: row.signatures,
      amazon: row.before,
      expected: row.after,
    })),
    notInEffect: outcome.verify?.notInEffect ?? null,
    exit: outcome.exit,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function amazonChange(change: AmazonChange, outcome: FixOutcome) {
  return {
    id: change.id,
    sku: change.sku,
    marketplaceId: change.marketplaceId,
    marketplace: country(change.marketplaceId),
    productType: change.productType,
    before: change.before,
    after: change.after,
    via: outcome.via.get(change.id) ?? null,
  };
}

function odooChange(change: OdooChange) {
  const { id, sku, model, recordId, field, before, after } = change;
  return { id, sku, model, recordId, field, before, after };
}

function resultFields(result: ChangeResult | undefined) {
  return {
    submissionId: result?.submissionId ?? null,
    feedId: result?.feedId ?? null,
    reason: result?.reason ?? null,
    note: result?.note ?? null,
    issues: result?.issues ?? [],
  };
}
