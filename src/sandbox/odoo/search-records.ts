/**
 * Odoo's search: the domain (plus `('active', '=', 1)` when the model has an
 * active field, the context's active_test is not false and the domain does
 * not name `active` itself), sorted by `order` or the model's `_order`, then
 * offset and limit.
 */
import { compileDomain } from './domain-eval.js';
import type { ModelEnv, StockFigures, StoredRecord } from './model-types.js';
import type { OdooStore } from './odoo-store.js';
import { sortIds } from './ordering.js';
import { isTruthy, type PyDict, type PyValue } from './py-values.js';

export interface SearchOptions {
  offset?: number;
  limit?: number | null;
  order?: string | null;
}

export function createEnv(store: OdooStore, context: PyDict): ModelEnv {
  const memos = new Map<string, unknown>();
  const env: ModelEnv = {
    context,
    majorVersion: store.version.major,
    model: (name) => store.model(name),
    records: (name): ReadonlyMap<number, StoredRecord> => store.table(name),
    stock: (productId): ReadonlyMap<number, StockFigures> | undefined => store.stock(productId),
    searchIds: (name, domain, target) => searchIds(target, name, domain as PyValue),
    withContext: (changes) => createEnv(store, withChanges(context, changes)),
    memo: <T>(key: string, compute: () => T): T => {
      if (!memos.has(key)) memos.set(key, compute());
      return memos.get(key) as T;
    },
  };
  return env;
}

function withChanges(context: PyDict, changes: Record<string, boolean>): PyDict {
  const next = new Map(context);
  for (const [key, value] of Object.entries(changes)) next.set(key, value);
  return next;
}

export function activeTestEnabled(context: PyDict): boolean {
  return context.has('active_test') ? isTruthy(context.get('active_test')) : true;
}

export function searchIds(
  env: ModelEnv,
  modelName: string,
  domain: PyValue,
  options: SearchOptions = {},
): number[] {
  const model = env.model(modelName);
  if (!model) return [];
  const fullDomain = withActiveLeaf(env, model.fields.has('active'), domain);
  const matches = compileDomain(env, model, fullDomain);
  const ids: number[] = [];
  for (const [id, record] of env.records(modelName)) {
    if (matches(record)) ids.push(id);
  }
  sortIds(env, model, ids, options.order ?? undefined);
  const start = options.offset ?? 0;
  const end =
    options.limit === null || options.limit === undefined ? undefined : start + options.limit;
  return start === 0 && end === undefined ? ids : ids.slice(start, end);
}

function withActiveLeaf(env: ModelEnv, hasActive: boolean, domain: PyValue): PyValue {
  if (!Array.isArray(domain) && isTruthy(domain)) return domain;
  const items = Array.isArray(domain) ? domain : [];
  if (!hasActive || !activeTestEnabled(env.context)) return items;
  const named = items.some((item) => Array.isArray(item) && item[0] === 'active');
  return named ? items : [['active', '=', 1], ...items];
}
