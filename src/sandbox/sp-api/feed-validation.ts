/**
 * A hand-written check of a JSON_LISTINGS_FEED document against Amazon's
 * listings-feed-schema-v2 (the product carries no JSON Schema engine). The tests hold it to the
 * published schema: documents the schema accepts must pass here and the other way round.
 */
import { isRecord } from './http-util.js';
import { GET_INCLUDED_DATA } from './listing-view.js';

export const MAX_FEED_MESSAGES = 25_000;
const MAX_MESSAGE_ID = 2_147_483_647;
/** A feed's report may ask for what the Listings Items API can include. */
const INCLUDED_DATA: ReadonlySet<string> = new Set(GET_INCLUDED_DATA);
const OPERATION_TYPES = ['UPDATE', 'PARTIAL_UPDATE', 'PATCH', 'DELETE'];
const REQUIREMENTS = ['LISTING', 'LISTING_PRODUCT_ONLY', 'LISTING_OFFER_ONLY'];
const PATCH_OPS = ['add', 'replace', 'merge', 'delete'];

/** Per operation type: the fields it requires and the ones it must not carry. */
const OPERATION_RULES: Record<string, { required: string[]; forbidden: string[] }> = {
  UPDATE: { required: ['productType', 'attributes'], forbidden: ['patches'] },
  PARTIAL_UPDATE: {
    required: ['productType', 'attributes'],
    forbidden: ['requirements', 'patches'],
  },
  PATCH: { required: ['productType', 'patches'], forbidden: ['requirements', 'attributes'] },
  DELETE: { required: [], forbidden: ['requirements', 'attributes', 'productType', 'patches'] },
};

export interface FeedValidation {
  /** Problems of the document as a whole: the feed cannot be processed (FATAL). */
  documentErrors: string[];
  /** Problems of single messages, by index in `messages`. */
  messageErrors: Map<number, string[]>;
}

export function validateListingsFeed(doc: unknown): FeedValidation {
  const result: FeedValidation = { documentErrors: [], messageErrors: new Map() };
  if (!isRecord(doc)) {
    result.documentErrors.push('the feed must be a JSON object');
    return result;
  }

  result.documentErrors.push(...headerErrors(doc.header));
  result.documentErrors.push(...messagesErrors(doc.messages));
  if (Array.isArray(doc.messages)) {
    doc.messages.forEach((message, index) => {
      const errors = messageErrors(message, `messages[${index}]`);
      if (errors.length > 0) result.messageErrors.set(index, errors);
    });
  }
  return result;
}

export function isValidListingsFeed(doc: unknown): boolean {
  const result = validateListingsFeed(doc);
  return result.documentErrors.length === 0 && result.messageErrors.size === 0;
}

function headerErrors(header: unknown): string[] {
  if (header === undefined) return ['header is required'];
  if (!isRecord(header)) return ['header must be an object'];

  const errors: string[] = [];
  if (typeof header.sellerId !== 'string') errors.push('header.sellerId must be a string');
  if (header.version !== '2.0') errors.push('header.version must be "2.0"');
  if (header.issueLocale !== undefined && typeof header.issueLocale !== 'string') {
    errors.push('header.issueLocale must be a string');
  }
  if (header.report !== undefined) errors.push(...reportErrors(header.report));
  return errors;
}

function reportErrors(report: unknown): string[] {
  if (!isRecord(report)) return ['header.report must be an object'];
  const errors: string[] = [];
  const included = report.includedData;
  if (!Array.isArray(included) || included.length === 0) {
    errors.push('header.report.includedData must be a non-empty array');
  } else if (!included.every((v) => typeof v === 'string' && INCLUDED_DATA.has(v))) {
    errors.push(`header.report.includedData items must be one of ${GET_INCLUDED_DATA.join(', ')}`);
  }
  if (report.apiVersion !== '2021-08-01') {
    errors.push('header.report.apiVersion must be "2021-08-01"');
  }
  return errors;
}

function messagesErrors(messages: unknown): string[] {
  if (messages === undefined) return ['messages is required'];
  if (!Array.isArray(messages)) return ['messages must be an array'];
  if (messages.length === 0) return ['messages must hold at least one message'];
  if (messages.length > MAX_FEED_MESSAGES) {
    return [`messages holds ${messages.length} messages; at most ${MAX_FEED_MESSAGES} are allowed`];
  }
  return [];
}

function messageErrors(message: unknown, at: string): string[] {
  if (!isRecord(message)) return [`${at} must be an object`];
  const errors = [...identityErrors(message, at), ...contentErrors(message, at)];

  const rule = OPERATION_RULES[String(message.operationType)];
  if (rule) {
    for (const field of rule.required) {
      if (message[field] === undefined)
        errors.push(`${at}.${field} is required for this operation`);
    }
    for (const field of rule.forbidden) {
      if (message[field] !== undefined)
        errors.push(`${at}.${field} is not allowed for this operation`);
    }
  }
  return errors;
}

function identityErrors(message: Record<string, unknown>, at: string): string[] {
  const errors: string[] = [];
  const id = message.messageId;
  if (!(Number.isInteger(id) && (id as number) >= 1 && (id as number) <= MAX_MESSAGE_ID)) {
    errors.push(`${at}.messageId must be an integer from 1 to ${MAX_MESSAGE_ID}`);
  }
  if (typeof message.sku !== 'string' || message.sku.length === 0) {
    errors.push(`${at}.sku must be a non-empty string`);
  }
  if (
    typeof message.operationType !== 'string' ||
    !OPERATION_TYPES.includes(message.operationType)
  ) {
    errors.push(`${at}.operationType must be one of ${OPERATION_TYPES.join(', ')}`);
  }
  return errors;
}

function contentErrors(message: Record<string, unknown>, at: string): string[] {
  const errors: string[] = [];
  const { productType, requirements, attributes, patches } = message;
  if (productType !== undefined && (typeof productType !== 'string' || productType === '')) {
    errors.push(`${at}.productType must be a non-empty string`);
  }
  if (requirements !== undefined && !REQUIREMENTS.includes(requirements as string)) {
    errors.push(`${at}.requirements must be one of ${REQUIREMENTS.join(', ')}`);
  }
  if (attributes !== undefined && !(isRecord(attributes) && Object.keys(attributes).length > 0)) {
    errors.push(`${at}.attributes must be an object with at least one attribute`);
  }
  if (patches !== undefined) errors.push(...patchesErrors(patches, `${at}.patches`));
  return errors;
}

function patchesErrors(patches: unknown, at: string): string[] {
  if (!Array.isArray(patches) || patches.length === 0) return [`${at} must be a non-empty array`];
  return patches.flatMap((patch, index) => {
    const here = `${at}[${index}]`;
    if (!isRecord(patch)) return [`${here} must be an object`];
    const errors: string[] = [];
    if (!PATCH_OPS.includes(patch.op as string)) {
      errors.push(`${here}.op must be one of ${PATCH_OPS.join(', ')}`);
    }
    if (typeof patch.path !== 'string') errors.push(`${here}.path must be a string`);
    if (patch.value !== undefined && !(Array.isArray(patch.value) && patch.value.every(isRecord))) {
      errors.push(`${here}.value must be an array of objects`);
    }
    return errors;
  });
}
