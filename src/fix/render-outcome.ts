import { Chalk } from 'chalk';
import type { FixOutcome } from './fix-outcome.js';
import { clean, country } from './render-plan.js';
import type { Change, ChangeResult } from './types.js';

/** After a run: every change that did not apply, with why, then the counts and the exit reason. */
export function renderOutcome(outcome: FixOutcome, options: { color: boolean }): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  if (outcome.state !== 'done') return `${outcome.exit.reason}\n`;

  const paint = outcome.exit.code === 0 ? chalk.green : chalk.red;
  const lines = [...describeProblems(outcome), chalk.bold(describeCounts(outcome))];
  return `${[...lines, paint(outcome.exit.reason)].join('\n')}\n`;
}

function describeProblems(outcome: FixOutcome): string[] {
  const byId = changesById(outcome);
  const problems = lastResults(outcome.results).filter((r) => r.status !== 'applied');
  const lines = problems.map((result) => describeProblem(result, byId.get(result.id)));
  for (const feed of outcome.pending) {
    lines.push(`feed ${feed.feedId}: ${feed.ids.length} change(s) still processing`);
  }
  for (const miss of outcome.verify?.notInEffect ?? []) {
    const what = label(byId.get(miss.id));
    lines.push(`#${miss.id} ${what}: not in effect yet (${clean(miss.reason)})`);
  }
  return lines;
}

function describeCounts({ summary: s, verify }: FixOutcome): string {
  const parts = [
    `Applied ${s.applied}, invalid ${s.invalid}, failed ${s.failed}, blocked ${s.blocked}`,
  ];
  if (s.conflict) parts.push(`changed by someone else ${s.conflict}`);
  if (s.pending) parts.push(`still processing ${s.pending}`);
  const verified = verify
    ? `; verified ${verify.checked - s.notInEffect} of ${verify.checked}`
    : '';
  return parts.join(', ') + verified;
}

function describeProblem(result: ChangeResult, change: Change | undefined): string {
  const issues = (result.issues ?? []).map((i) => `${i.code ?? ''} ${i.message}`.trim());
  const why = [result.reason, ...issues].filter(Boolean).map((text) => clean(String(text)));
  const detail = why.length > 0 ? ` (${why.join('; ')})` : '';
  return `#${result.id} ${label(change)}: ${result.status}${detail}`;
}

function label(change: Change | undefined): string {
  if (!change) return '?';
  if (change.target === 'odoo') return `${clean(change.sku)} in Odoo`;
  return `${clean(change.sku)} ${country(change.marketplaceId)}`;
}

export function changesById(outcome: FixOutcome): Map<number, Change> {
  return new Map([...outcome.plan.changes, ...outcome.plan.odoo].map((c) => [c.id, c]));
}

export function lastResults(results: readonly ChangeResult[]): ChangeResult[] {
  const last = new Map<number, ChangeResult>();
  for (const result of results) last.set(result.id, result);
  return [...last.values()].sort((a, b) => a.id - b.id);
}
