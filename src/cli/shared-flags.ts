import { Flags } from '@oclif/core';

/** Flags that narrow which rows a command works on (audit and fix share them). */
export const selectionFlags = {
  marketplace: Flags.string({
    summary: 'Only this marketplace: an Amazon marketplace ID or a country code (repeatable).',
    multiple: true,
  }),
  sku: Flags.string({ summary: 'Only this SKU (repeatable).', multiple: true }),
  warehouse: Flags.string({ summary: 'Count free_qty in this warehouse only (name, code or id).' }),
  source: Flags.string({
    summary: 'How to read Amazon: searchListingsItems (20 SKUs a call) or getListingsItem.',
    options: ['search', 'get'],
    default: 'search',
  }),
};
