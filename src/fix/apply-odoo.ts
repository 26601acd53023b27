import type { ChangeResult, OdooChange } from './types.js';
import { settle, timestamp, type WriteContext } from './write-context.js';

/**
 * --write-odoo: the listing's own quantity, one write() a record, journaled like Amazon
 * writes. Few listings need it, so they go one by one.
 */
export async function applyOdooChanges(
  changes: readonly OdooChange[],
  ctx: WriteContext,
): Promise<ChangeResult[]> {
  const results: ChangeResult[] = [];
  for (const change of changes) results.push(await writeOdoo(change, ctx));
  return results;
}

async function writeOdoo(change: OdooChange, ctx: WriteContext): Promise<ChangeResult> {
  const { id, before, after } = change;
  await ctx.journal.write([
    { type: 'intent', id, via: 'odoo', at: timestamp(ctx.now), before, after },
  ]);
  try {
    const done = await ctx
      .odoo()
      .call(change.model, 'write', [[change.recordId], { [change.field]: after }]);
    if (done !== true)
      return settle(ctx, { id, status: 'failed', reason: 'Odoo did not confirm the write' });
    return settle(ctx, { id, status: 'applied' });
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    return settle(ctx, { id, status: 'failed', reason: `Odoo refused the write: ${reason}` });
  }
}
