/**
 * product.product's free_qty and qty_available, computed the way the stock
 * module does: the warehouses named by the context (key `warehouse` up to
 * Odoo 17, `warehouse_id` from 18; the other key is ignored), else every
 * active warehouse; figures rounded to the unit of measure (0.01).
 */
import type { ModelEnv, SearchFn, StoredRecord, StockFigures } from './model-types.js';
import { isTruthy, pyRepr, toNumber, type PyValue } from './py-values.js';
import { userError } from './odoo-errors.js';

function warehouseContextKey(majorVersion: number): string {
  return majorVersion >= 18 ? 'warehouse_id' : 'warehouse';
}

export function computeFreeQty(env: ModelEnv, record: StoredRecord): number {
  return sumFigures(env, record, (figures) => figures.freeQty);
}

export function computeQtyAvailable(env: ModelEnv, record: StoredRecord): number {
  return sumFigures(env, record, (figures) => figures.qtyAvailable);
}

function sumFigures(
  env: ModelEnv,
  record: StoredRecord,
  pick: (figures: StockFigures) => number,
): number {
  const byWarehouse = env.stock(Number(record.id));
  if (!byWarehouse) return 0;
  let total = 0;
  for (const warehouseId of env.memo('stock.warehouses', () => selectWarehouses(env))) {
    const figures = byWarehouse.get(warehouseId);
    if (figures) total += pick(figures);
  }
  return roundToUnit(total);
}

function selectWarehouses(env: ModelEnv): number[] {
  const wanted = env.context.get(warehouseContextKey(env.majorVersion));
  if (!isTruthy(wanted)) return env.searchIds('stock.warehouse', [], env);
  const items = Array.isArray(wanted) ? wanted : [wanted ?? null];
  const ids = new Set<number>();
  const names: PyValue[] = [];
  for (const item of items) {
    if (typeof item === 'number') ids.add(item);
    else names.push(item);
  }
  for (const name of names) {
    for (const id of env.searchIds('stock.warehouse', [['name', 'ilike', name]], env)) ids.add(id);
  }
  return [...ids];
}

/** Odoo's float_round with precision_rounding=0.01, which rounds half away from zero. */
export function roundToUnit(value: number, digits = 2): number {
  const factor = 10 ** digits;
  const scaled = Math.abs(value) * factor;
  const rounded = Math.round(scaled + 1e-9 * Math.max(1, scaled)) / factor;
  return Math.sign(value) * rounded || 0;
}

const COMPARATORS: Record<string, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '>': (a, b) => a > b,
  '=': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '<=': (a, b) => a <= b,
  '>=': (a, b) => a >= b,
};

/** stock's _search_product_quantity: compares every active product in Python. */
export function quantitySearch(fieldName: 'free_qty' | 'qty_available'): SearchFn {
  return (env, operator, value) => {
    const compare = COMPARATORS[operator];
    if (!compare) throw userError(`Invalid domain operator ${operator}`);
    const target = toNumber(value as PyValue);
    if (target === undefined) throw userError(`Invalid domain right operand ${pyStr(value)}`);
    const compute = fieldName === 'free_qty' ? computeFreeQty : computeQtyAvailable;
    const products = env.records('product.product');
    const ids = env.searchIds('product.product', [], env).filter((id) => {
      const record = products.get(id);
      return record !== undefined && compare(compute(env, record), target);
    });
    return [['id', 'in', ids]];
  };
}

function pyStr(value: unknown): string {
  return typeof value === 'string' ? value : pyRepr(value as PyValue);
}
