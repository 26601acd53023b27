import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { findMarketplace } from '../config/marketplaces.js';
import type { RunCommand } from './fix-outcome.js';
import type { BlockedRow, FixPlan, ListingValues, Via } from './types.js';

/** Past this many lines a table stops; --json has them all. */
export const TABLE_LIMIT = 200;

const TITLES: Record<RunCommand, string> = {
  fix: 'Changes to send',
  resume: 'Open changes to finish',
  rollback: 'Changes that restore the values before the fix',
};

/** The plan as tables: what will be sent (and how), the Odoo writes, and what is blocked. */
export function renderPlan(
  plan: FixPlan,
  via: Map<number, Via>,
  options: { color: boolean; command: RunCommand },
): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const parts = [
    section(
      `${TITLES[options.command]}: ${plan.changes.length}`,
      chalk,
      amazonTable(plan, via, chalk),
    ),
    plan.odoo.length > 0
      ? section(`Odoo writes: ${plan.odoo.length}`, chalk, odooTable(plan, chalk))
      : '',
    plan.blocked.length > 0
      ? section(
          `Blocked, not sent: ${plan.blocked.length}`,
          chalk,
          blockedTable(plan.blocked, chalk),
        )
      : '',
  ];
  return `${parts.filter(Boolean).join('\n\n')}\n`;
}

function section(title: string, chalk: ChalkInstance, table: string | null): string {
  return table === null ? chalk.bold(title) : `${chalk.bold(title)}\n${table}`;
}

function amazonTable(plan: FixPlan, via: Map<number, Via>, chalk: ChalkInstance): string | null {
  const rows = plan.changes.map((change) => [
    String(change.id),
    clean(change.sku),
    country(change.marketplaceId),
    arrow(String(change.before.quantity), String(change.after.quantity)),
    arrow(lead(change.before), lead(change.after)),
    via.get(change.id) ?? '',
  ]);
  return drawTable(['#', 'SKU', 'MP', 'quantity', 'lead time', 'via'], rows, chalk);
}

function odooTable(plan: FixPlan, chalk: ChalkInstance): string | null {
  const rows = plan.odoo.map((change) => [
    String(change.id),
    clean(change.sku),
    `${change.model} ${change.recordId}`,
    change.field,
    arrow(String(change.before), String(change.after)),
  ]);
  return drawTable(['#', 'SKU', 'record', 'field', 'value'], rows, chalk);
}

function blockedTable(blocked: readonly BlockedRow[], chalk: ChalkInstance): string | null {
  const rows = blocked.map((row) => [
    clean(row.sku),
    country(row.marketplaceId),
    `${row.before.quantity ?? '-'} / ${row.before.leadTimeDays ?? '-'}`,
    `${row.after.quantity} / ${row.after.leadTimeDays ?? '-'}`,
    clean(row.reason),
  ]);
  return drawTable(['SKU', 'MP', 'Amazon qty / lead', 'expected', 'reason'], rows, chalk);
}

function drawTable(head: string[], rows: string[][], chalk: ChalkInstance): string | null {
  if (rows.length === 0) return null;
  const table = new Table({
    head: head.map((cell) => chalk.bold(cell)),
    style: { head: [], border: [], compact: true },
  });
  table.push(...rows.slice(0, TABLE_LIMIT));
  const more = rows.length - TABLE_LIMIT;
  return more > 0
    ? `${table.toString()}\n... and ${more} more (--json lists all)`
    : table.toString();
}

export function country(marketplaceId: string): string {
  return findMarketplace(marketplaceId)?.id === marketplaceId
    ? (findMarketplace(marketplaceId)?.country ?? marketplaceId)
    : marketplaceId;
}

function lead(values: ListingValues): string {
  return values.leadTimeDays === null ? 'none' : String(values.leadTimeDays);
}

function arrow(before: string, after: string): string {
  return before === after ? after : `${before} -> ${after}`;
}

/** Control characters in a SKU or a message must not steer the terminal. */
export function clean(text: string): string {
  return text.replace(/\p{Cc}/gu, '?');
}
