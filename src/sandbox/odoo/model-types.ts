/**
 * How the fake describes Odoo models: fields with Odoo's types and flags,
 * computed fields as functions of the stored record and the call's context.
 */
import type { PyDict } from './py-values.js';

export type FieldType =
  | 'char'
  | 'text'
  | 'integer'
  | 'float'
  | 'boolean'
  | 'selection'
  | 'many2one'
  | 'many2many'
  | 'datetime'
  | 'many2one_reference';

/** A stored value as the database holds it: null is SQL NULL, many2many is a list of ids. */
export type StoredValue = string | number | boolean | null | number[];

export type StoredRecord = Record<string, StoredValue>;

/** What computed fields and searches see: the data, the caller's context, the server version. */
export interface ModelEnv {
  readonly context: PyDict;
  readonly majorVersion: number;
  readonly model: (name: string) => ModelDef | undefined;
  readonly records: (model: string) => ReadonlyMap<number, StoredRecord>;
  readonly stock: (productId: number) => ReadonlyMap<number, StockFigures> | undefined;
  readonly searchIds: (model: string, domain: unknown[], env: ModelEnv) => number[];
  readonly withContext: (changes: Record<string, boolean>) => ModelEnv;
  /** Computes a value once per call (e.g. which warehouses the context selects). */
  readonly memo: <T>(key: string, compute: () => T) => T;
}

export interface StockFigures {
  freeQty: number;
  qtyAvailable: number;
}

export type ComputeFn = (env: ModelEnv, record: StoredRecord) => StoredValue;

/** A field's own search method: returns an Odoo domain that replaces the leaf. */
export type SearchFn = (env: ModelEnv, operator: string, value: unknown) => unknown[];

export interface FieldDef {
  name: string;
  type: FieldType;
  string: string;
  relation?: string;
  selection?: [string, string][];
  store: boolean;
  readonly: boolean;
  required: boolean;
  help?: string;
  /** Decimal places a float is rounded to, as Odoo's `digits`. */
  digits?: number;
  compute?: ComputeFn;
  search?: SearchFn;
  /** Computed fields that have no search method are ignored in domains, as Odoo does. */
  searchable?: boolean;
  related?: string;
  depends?: string[];
  manual?: boolean;
  default?: StoredValue;
}

export interface ModelDef {
  name: string;
  description: string;
  module: string;
  /** Odoo's `_order`. */
  order: string;
  /** Odoo's `_rec_name`; null means display_name is "model,id". */
  recName: string | null;
  parentName?: string;
  fields: Map<string, FieldDef>;
  displayName?: (env: ModelEnv, record: StoredRecord) => string;
}
