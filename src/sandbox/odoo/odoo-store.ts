/**
 * The fake's database: catalog records loaded into per-model tables (SQL
 * NULL for fields the catalog leaves out, Odoo's defaults where it has
 * them), the generated base tables (users, models, modules, external ids),
 * per-warehouse stock figures, and a log of successful writes.
 */
import type { OdooCatalog, OdooUser } from './catalog-schema.js';
import type { ModelDef, StockFigures, StoredRecord, StoredValue } from './model-types.js';
import {
  buildRegistry,
  installedModuleSet,
  knownModules,
  parseServerVersion,
  type ServerVersion,
} from './model-registry.js';

/** create_date / write_date of catalog records. */
const CATALOG_TIMESTAMP = '2025-01-06 08:00:00';

export interface WriteLogEntry {
  model: string;
  ids: number[];
  vals: Record<string, unknown>;
}

type Table = Map<number, StoredRecord>;

export class OdooStore {
  readonly version: ServerVersion;
  readonly database: string;
  readonly users: OdooUser[];
  readonly registry: Map<string, ModelDef>;
  readonly writes: WriteLogEntry[] = [];
  private readonly tables = new Map<string, Table>();
  private readonly stockByProduct = new Map<number, Map<number, StockFigures>>();

  constructor(catalog: OdooCatalog) {
    this.version = parseServerVersion(catalog.serverVersion);
    this.database = catalog.database;
    this.users = catalog.users;
    this.registry = buildRegistry(catalog);
    for (const name of this.registry.keys()) this.tables.set(name, new Map());
    this.loadRecords(catalog);
    this.loadUsers();
    this.loadModels();
    this.loadModules(catalog);
    this.loadExternalIds(catalog);
  }

  model(name: string): ModelDef | undefined {
    return this.registry.get(name);
  }

  table(name: string): Table {
    return this.tables.get(name) ?? new Map<number, StoredRecord>();
  }

  stock(productId: number): ReadonlyMap<number, StockFigures> | undefined {
    return this.stockByProduct.get(productId);
  }

  user(uid: number): OdooUser | undefined {
    return this.users.find((user) => user.id === uid);
  }

  private insert(model: ModelDef, values: Record<string, unknown>): void {
    const record: StoredRecord = Object.create(null) as StoredRecord;
    for (const field of model.fields.values()) {
      if (!field.store || field.compute || field.related) continue;
      record[field.name] = storedValue(values[field.name], field.type, field.default);
    }
    record.id = Number(values.id);
    record.create_date ??= CATALOG_TIMESTAMP;
    record.write_date ??= CATALOG_TIMESTAMP;
    this.table(model.name).set(record.id, record);
  }

  private loadRecords(catalog: OdooCatalog): void {
    for (const [name, records] of Object.entries(catalog.records)) {
      const model = this.registry.get(name);
      if (!model) continue;
      const sorted = [...records].sort((a, b) => Number(a.id) - Number(b.id));
      for (const values of sorted) {
        this.insert(model, values);
        if (name === 'product.product') this.loadStock(Number(values.id), values.stock);
      }
    }
  }

  private loadStock(productId: number, stock: unknown): void {
    if (typeof stock !== 'object' || stock === null) return;
    const byWarehouse = new Map<number, StockFigures>();
    for (const [key, figures] of Object.entries(stock as Record<string, Record<string, number>>)) {
      byWarehouse.set(Number(key), {
        freeQty: figures.free_qty ?? 0,
        qtyAvailable: figures.qty_available ?? 0,
      });
    }
    this.stockByProduct.set(productId, byWarehouse);
  }

  private loadUsers(): void {
    const model = this.registry.get('res.users');
    if (!model) return;
    const sorted = [...this.users].sort((a, b) => a.id - b.id);
    for (const user of sorted) {
      this.insert(model, {
        id: user.id,
        login: user.login,
        name: user.name ?? user.login,
        active: user.active,
      });
    }
  }

  private loadModels(): void {
    const model = this.registry.get('ir.model');
    if (!model) return;
    const names = [...this.registry.keys()].sort();
    names.forEach((name, index) => {
      const def = this.registry.get(name);
      this.insert(model, {
        id: index + 1,
        model: name,
        name: def?.description,
        modules: def?.module,
      });
    });
  }

  private loadModules(catalog: OdooCatalog): void {
    const model = this.registry.get('ir.module.module');
    if (!model) return;
    const installed = installedModuleSet(catalog);
    const names = [...new Set([...knownModules(), ...installed])].sort();
    names.forEach((name, index) => {
      const state = installed.has(name) ? 'installed' : 'uninstalled';
      this.insert(model, { id: index + 1, name, shortdesc: moduleTitle(name), state });
    });
  }

  private loadExternalIds(catalog: OdooCatalog): void {
    const model = this.registry.get('ir.model.data');
    if (!model) return;
    const table = this.table('ir.model.data');
    let nextId = Math.max(0, ...table.keys()) + 1;
    for (const [name, records] of Object.entries(catalog.records)) {
      for (const values of records) {
        if (typeof values.xmlid !== 'string') continue;
        const dot = values.xmlid.indexOf('.');
        const row = {
          id: nextId++,
          module: values.xmlid.slice(0, dot),
          name: values.xmlid.slice(dot + 1),
          model: name,
          res_id: values.id,
          noupdate: true,
        };
        this.insert(model, row);
      }
    }
  }
}

function moduleTitle(name: string): string {
  return name
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/** A catalog value as the database column would hold it. */
function storedValue(value: unknown, type: string, fallback?: StoredValue): StoredValue {
  if (value === undefined) return fallback ?? (type === 'many2many' ? [] : null);
  if (type === 'many2many') return Array.isArray(value) ? value.map(Number) : [];
  if (type === 'boolean') return value === null ? null : Boolean(value);
  if (value === false || value === null) return null;
  return value as StoredValue;
}
