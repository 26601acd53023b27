import type { ListingProfile } from '../config/profiles.js';
import type { OdooClient } from './client.js';
import { isUnknownModelFault } from './faults.js';

export interface FieldInfo {
  type: string;
  string?: string;
  relation?: string;
}

export type FieldMap = Record<string, FieldInfo>;

export interface ListingSchema {
  model: string;
  exists: boolean;
  fields: FieldMap;
  /** Mapped fields the model lacks (the first hop of dotted paths). */
  missing: string[];
  /** The listing's own quantity field, when the profile names one and the model has it. */
  quantityField: string | null;
}

/** fields_get of a model, or null when Odoo does not know the model. */
export async function readFields(client: OdooClient, model: string): Promise<FieldMap | null> {
  try {
    return await client.call<FieldMap>(model, 'fields_get', [], {
      attributes: ['type', 'string', 'relation'],
    });
  } catch (error) {
    if (isUnknownModelFault(error)) return null;
    throw error;
  }
}

export async function inspectListingModel(
  client: OdooClient,
  profile: ListingProfile,
): Promise<ListingSchema> {
  const fields = await readFields(client, profile.model);
  if (!fields)
    return { model: profile.model, exists: false, fields: {}, missing: [], quantityField: null };

  const wanted = [
    profile.skuField,
    profile.productField,
    profile.marketplacePath,
    profile.sellerPath,
    profile.channel?.field,
  ];
  const missing = wanted
    .filter((path): path is string => Boolean(path))
    .map((path) => path.split('.')[0] as string)
    .filter((field) => !(field in fields));
  const quantity = profile.quantityField;
  const quantityField = quantity && isNumeric(fields[quantity]) ? quantity : null;
  return { model: profile.model, exists: true, fields, missing, quantityField };
}

function isNumeric(field: FieldInfo | undefined): boolean {
  return field?.type === 'integer' || field?.type === 'float';
}
