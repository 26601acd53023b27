/**
 * The Odoo models the fake knows, with the field names, types and labels of
 * Odoo 16-18 (base, product, stock, mrp), Odoo's Amazon connector
 * (sale_amazon) and Emipro's (amazon_ept), plus the `marketplace_listing`
 * module the contract's default profile describes. Each model carries the
 * module that provides it; it exists only when that module is installed.
 */
import {
  active,
  boolean,
  char,
  defineModel,
  float,
  integer,
  many2many,
  many2one,
  selection,
} from './field-builders.js';
import type { FieldDef, ModelDef, ModelEnv, StoredRecord } from './model-types.js';
import { computeFreeQty, computeQtyAvailable, quantitySearch } from './stock-quantities.js';

export const ALWAYS_INSTALLED = ['base', 'product', 'stock', 'sale_stock'] as const;

export function builtinModels(majorVersion: number): ModelDef[] {
  return [
    ...baseModels(),
    ...stockModels(),
    productCategory(),
    productProduct(majorVersion),
    mrpProduction(),
    marketplaceListing(),
    ...saleAmazonModels(),
    ...amazonEptModels(),
  ];
}

function baseModels(): ModelDef[] {
  const users = defineModel({
    name: 'res.users',
    description: 'User',
    module: 'base',
    order: 'name, login',
    fields: [
      char('name', 'Name', { required: true }),
      char('login', 'Login', { required: true }),
      active(),
    ],
  });
  const models = defineModel({
    name: 'ir.model',
    description: 'Models',
    module: 'base',
    order: 'model',
    fields: [
      char('name', 'Model Description', { required: true }),
      char('model', 'Model', { required: true }),
      char('modules', 'In Apps', { readonly: true }),
      selection(
        'state',
        'Type',
        [
          ['manual', 'Custom Object'],
          ['base', 'Base Object'],
        ],
        { default: 'base' },
      ),
    ],
  });
  return [users, models, modelData(), moduleModule()];
}

function modelData(): ModelDef {
  return defineModel({
    name: 'ir.model.data',
    description: 'Model Data',
    module: 'base',
    order: 'module, model, name',
    recName: 'complete_name',
    fields: [
      char('name', 'External Identifier', { required: true }),
      char('complete_name', 'Complete ID', { compute: (_env, record) => completeXmlId(record) }),
      char('model', 'Model Name', { required: true }),
      char('module', 'Module', { required: true, default: '' }),
      { ...integer('res_id', 'Record ID'), type: 'many2one_reference' },
      boolean('noupdate', 'Non Updatable', { default: false }),
    ],
  });
}

function completeXmlId(record: StoredRecord): string {
  return `${String(record.module ?? '')}.${String(record.name ?? '')}`;
}

function moduleModule(): ModelDef {
  return defineModel({
    name: 'ir.module.module',
    description: 'Module',
    module: 'base',
    order: 'name',
    recName: 'shortdesc',
    fields: [
      char('name', 'Technical Name', { required: true, readonly: true }),
      char('shortdesc', 'Module Name', { readonly: true }),
      selection('state', 'Status', MODULE_STATES, { readonly: true, default: 'uninstallable' }),
    ],
  });
}

const MODULE_STATES: [string, string][] = [
  ['uninstallable', 'Uninstallable'],
  ['uninstalled', 'Not Installed'],
  ['installed', 'Installed'],
  ['to upgrade', 'To be upgraded'],
  ['to remove', 'To be removed'],
  ['to install', 'To be installed'],
];

function stockModels(): ModelDef[] {
  const warehouse = defineModel({
    name: 'stock.warehouse',
    description: 'Warehouse',
    module: 'stock',
    order: 'sequence,id',
    fields: [
      char('name', 'Warehouse', { required: true }),
      char('code', 'Short Name', { required: true }),
      active(),
      integer('sequence', 'Sequence', { default: 10 }),
      many2one('mto_pull_id', 'MTO rule', 'stock.rule'),
    ],
  });
  const route = defineModel({
    name: 'stock.route',
    description: 'Inventory Routes',
    module: 'stock',
    order: 'sequence',
    fields: [
      char('name', 'Route', { required: true }),
      active(),
      integer('sequence', 'Sequence', { default: 0 }),
      boolean('product_selectable', 'Applicable on Product', { default: true }),
      boolean('product_categ_selectable', 'Applicable on Product Category', { default: false }),
      boolean('warehouse_selectable', 'Applicable on Warehouse', { default: false }),
    ],
  });
  return [warehouse, stockRule(), route];
}

function stockRule(): ModelDef {
  return defineModel({
    name: 'stock.rule',
    description: 'Stock Rule',
    module: 'stock',
    order: 'sequence, id',
    fields: [
      char('name', 'Name', { required: true }),
      active(),
      selection('action', 'Action', RULE_ACTIONS, { required: true, default: 'pull' }),
      selection('procure_method', 'Supply Method', PROCURE_METHODS, {
        required: true,
        default: 'make_to_stock',
      }),
      many2one('route_id', 'Route', 'stock.route', { required: true }),
      many2one('warehouse_id', 'Warehouse', 'stock.warehouse'),
      integer('sequence', 'Sequence', { default: 20 }),
    ],
  });
}

const RULE_ACTIONS: [string, string][] = [
  ['pull', 'Pull From'],
  ['push', 'Push To'],
  ['pull_push', 'Pull & Push'],
  ['buy', 'Buy'],
  ['manufacture', 'Manufacture'],
];

const PROCURE_METHODS: [string, string][] = [
  ['make_to_stock', 'Take From Stock'],
  ['make_to_order', 'Trigger Another Rule'],
  ['mts_else_mto', 'Take From Stock, if unavailable, Trigger Another Rule'],
];

function productCategory(): ModelDef {
  return defineModel({
    name: 'product.category',
    description: 'Product Category',
    module: 'product',
    order: 'complete_name',
    recName: 'complete_name',
    parentName: 'parent_id',
    fields: [
      char('name', 'Name', { required: true }),
      char('complete_name', 'Complete Name', { compute: categoryCompleteName, store: true }),
      many2one('parent_id', 'Parent Category', 'product.category'),
      many2many('route_ids', 'Routes', 'stock.route'),
      many2many('total_route_ids', 'Total routes', 'stock.route', {
        compute: categoryTotalRoutes,
        searchable: false,
      }),
    ],
  });
}

function categoryCompleteName(env: ModelEnv, record: StoredRecord): string {
  const categories = env.records('product.category');
  const names: string[] = [];
  const seen = new Set<number>();
  for (let current: StoredRecord | undefined = record; current;) {
    const id = Number(current.id);
    if (seen.has(id)) break;
    seen.add(id);
    names.unshift(String(current.name ?? ''));
    current = typeof current.parent_id === 'number' ? categories.get(current.parent_id) : undefined;
  }
  return names.join(' / ');
}

/** Own routes plus every parent's, in the order the compute method collects them. */
function categoryTotalRoutes(env: ModelEnv, record: StoredRecord): number[] {
  const categories = env.records('product.category');
  const routes: number[] = [];
  const seen = new Set<number>();
  for (let current: StoredRecord | undefined = record; current;) {
    if (seen.has(Number(current.id))) break;
    seen.add(Number(current.id));
    for (const id of (current.route_ids as number[] | null) ?? []) {
      if (!routes.includes(id)) routes.push(id);
    }
    current = typeof current.parent_id === 'number' ? categories.get(current.parent_id) : undefined;
  }
  return routes;
}

function productProduct(majorVersion: number): ModelDef {
  return defineModel({
    name: 'product.product',
    description: 'Product Variant',
    module: 'product',
    order: 'default_code, name, id',
    displayName: (_env, record) => productDisplayName(record),
    fields: [
      char('name', 'Name', { required: true }),
      char('default_code', 'Internal Reference'),
      active(),
      productType(majorVersion),
      ...(majorVersion >= 18
        ? [boolean('is_storable', 'Track Inventory', { default: false })]
        : []),
      many2one('categ_id', 'Product Category', 'product.category', { required: true }),
      many2many('route_ids', 'Routes', 'stock.route'),
      float('sale_delay', 'Customer Lead Time', { default: 0 }),
      quantityField('free_qty', 'Free To Use Quantity '),
      quantityField('qty_available', 'Quantity On Hand'),
    ],
  });
}

function productDisplayName(record: StoredRecord): string {
  const name = String(record.name ?? '');
  const code = record.default_code;
  return typeof code === 'string' && code !== '' ? `[${code}] ${name}` : name;
}

function productType(majorVersion: number): FieldDef {
  const choices: [string, string][] =
    majorVersion >= 18
      ? [
          ['consu', 'Goods'],
          ['service', 'Service'],
          ['combo', 'Combo'],
        ]
      : [
          ['consu', 'Consumable'],
          ['service', 'Service'],
          ['product', 'Storable Product'],
        ];
  return selection('type', 'Product Type', choices, { required: true, default: 'consu' });
}

function quantityField(name: 'free_qty' | 'qty_available', label: string): FieldDef {
  return float(name, label, {
    compute: name === 'free_qty' ? computeFreeQty : computeQtyAvailable,
    search: quantitySearch(name),
    digits: 2,
    depends: ['stock_move_ids.product_qty', 'stock_move_ids.state', 'stock_quant_ids.quantity'],
  });
}

function mrpProduction(): ModelDef {
  return defineModel({
    name: 'mrp.production',
    description: 'Production Order',
    module: 'mrp',
    order: 'id desc',
    fields: [
      char('name', 'Reference', { required: true, default: 'New' }),
      many2one('product_id', 'Product', 'product.product', { required: true }),
      float('product_qty', 'Quantity To Produce', { required: true, default: 1, digits: 2 }),
      selection('state', 'State', PRODUCTION_STATES, { default: 'draft' }),
    ],
  });
}

const PRODUCTION_STATES: [string, string][] = [
  ['draft', 'Draft'],
  ['confirmed', 'Confirmed'],
  ['progress', 'In Progress'],
  ['to_close', 'To Close'],
  ['done', 'Done'],
  ['cancel', 'Cancelled'],
];

function marketplaceListing(): ModelDef {
  return defineModel({
    name: 'marketplace.listing',
    description: 'Marketplace Listing',
    module: 'marketplace_listing',
    recName: 'amazon_sku',
    fields: [
      many2one('product_id', 'Product', 'product.product', { required: true }),
      selection('channel', 'Channel', CHANNELS, { required: true, default: 'amazon' }),
      char('seller_id', 'Seller ID'),
      char('amazon_sku', 'Amazon SKU'),
      integer('qty', 'Listing Quantity'),
      char('marketplace_id', 'Amazon Marketplace ID'),
      active(),
    ],
  });
}

const CHANNELS: [string, string][] = [
  ['amazon', 'Amazon'],
  ['ebay', 'eBay'],
  ['etsy', 'Etsy'],
  ['other', 'Other'],
];

function saleAmazonModels(): ModelDef[] {
  const offer = defineModel({
    name: 'amazon.offer',
    description: 'Amazon Offer',
    module: 'sale_amazon',
    fields: [
      many2one('account_id', 'Account', 'amazon.account', { required: true }),
      many2one('marketplace_id', 'Marketplace', 'amazon.marketplace', { required: true }),
      many2one('product_id', 'Product', 'product.product', { required: true }),
      char('sku', 'SKU', { required: true }),
      selection('amazon_sync_status', 'Amazon Synchronization Status', SYNC_STATUSES, {
        readonly: true,
      }),
    ],
  });
  const account = defineModel({
    name: 'amazon.account',
    description: 'Amazon Account',
    module: 'sale_amazon',
    fields: [char('name', 'Name', { required: true }), char('seller_key', 'Seller Key'), active()],
  });
  const marketplace = defineModel({
    name: 'amazon.marketplace',
    description: 'Amazon Marketplace',
    module: 'sale_amazon',
    fields: [
      char('name', 'Name', { required: true }),
      char('api_ref', 'API Identifier', { required: true }),
    ],
  });
  return [offer, account, marketplace];
}

const SYNC_STATUSES: [string, string][] = [
  ['processing', 'Processing'],
  ['done', 'Done'],
  ['error', 'Error'],
];

function amazonEptModels(): ModelDef[] {
  const product = defineModel({
    name: 'amazon.product.ept',
    description: 'Amazon Product Mapping with Odoo Products',
    module: 'amazon_ept',
    fields: [
      char('name', 'Product Title'),
      char('seller_sku', 'Seller SKU'),
      many2one('product_id', 'Odoo Product', 'product.product'),
      many2one('instance_id', 'Marketplace', 'amazon.instance.ept', { required: true }),
      selection('fulfillment_by', 'Fulfillment By', FULFILMENT, { default: 'FBM' }),
      active(),
    ],
  });
  return [product, amazonInstance(), ...amazonEptDirectory()];
}

const FULFILMENT: [string, string][] = [
  ['FBM', 'Manufacturer Fulfillment Network'],
  ['FBA', 'Amazon Fulfillment Network'],
];

function amazonInstance(): ModelDef {
  return defineModel({
    name: 'amazon.instance.ept',
    description: 'Amazon Instance Details',
    module: 'amazon_ept',
    fields: [
      char('name', 'Name'),
      many2one('seller_id', 'Seller', 'amazon.seller.ept', { required: true }),
      many2one('marketplace_id', 'Marketplace', 'amazon.marketplace.ept', { required: true }),
      active(),
      char('merchant_id', 'Merchant Id', { related: 'seller_id.merchant_id' }),
      char('market_place_id', 'Marketplace ID', {
        related: 'marketplace_id.market_place_id',
        store: true,
      }),
    ],
  });
}

function amazonEptDirectory(): ModelDef[] {
  const marketplace = defineModel({
    name: 'amazon.marketplace.ept',
    description: 'Amazon Marketplace Details',
    module: 'amazon_ept',
    fields: [
      char('name', 'Name', { required: true }),
      char('market_place_id', 'Marketplace'),
      many2one('seller_id', 'Seller', 'amazon.seller.ept'),
    ],
  });
  const seller = defineModel({
    name: 'amazon.seller.ept',
    description: 'Amazon Seller Details',
    module: 'amazon_ept',
    fields: [char('name', 'Name', { required: true }), char('merchant_id', 'Merchant ID')],
  });
  return [marketplace, seller];
}
