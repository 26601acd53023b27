import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import {
  isValidListingsFeed,
  parseAmazonCatalog,
  validateListingsFeed,
} from '../../src/sandbox/sp-api/index.js';
import { CA, DE, exampleFeed, modelErrors, testCatalog } from './fake-sp-api-fixture.js';

function mutated(change: (catalog: { amazon: Record<string, unknown> }) => void): unknown {
  const catalog = structuredClone(testCatalog()) as unknown as { amazon: Record<string, unknown> };
  change(catalog);
  return catalog;
}

function listings(catalog: { amazon: Record<string, unknown> }): Record<string, unknown>[] {
  return catalog.amazon.listings as Record<string, unknown>[];
}

function parseError(json: unknown): string {
  try {
    parseAmazonCatalog(json);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('the catalog was accepted');
}

describe('fake SP-API catalog', () => {
  it('accepts the test catalog and fills defaults', () => {
    const catalog = parseAmazonCatalog(testCatalog());

    const wallet = catalog.amazon.listings[0];
    expect(wallet?.conditionType).toBe('new_new');
    expect(wallet?.marketplaces[CA]?.issues).toEqual([]);
  });

  it('names the dotted path of a bad value', () => {
    const message = parseError(
      mutated((c) => {
        const first = listings(c)[0];
        if (first) first.quantity = 'lots';
      }),
    );

    expect(message).toContain('amazon.listings.0.quantity');
    expect(message.split('\n')).toHaveLength(1);
  });

  it('refuses a marketplace of another region, an unknown seller and a duplicate SKU', () => {
    const wrongRegion = parseError(
      mutated((c) => {
        const first = listings(c)[0] as { marketplaces: Record<string, unknown> };
        first.marketplaces[DE] = {};
      }),
    );
    const unknownSeller = parseError(
      mutated((c) => {
        const first = listings(c)[0];
        if (first) first.sellerId = 'A9NOBODY';
      }),
    );
    const duplicate = parseError(mutated((c) => listings(c).push({ ...listings(c)[0] })));

    expect(wrongRegion).toContain(`amazon.listings.0.marketplaces.${DE}`);
    expect(wrongRegion).toContain('region eu');
    expect(unknownSeller).toContain('amazon.listings.0.sellerId');
    expect(duplicate).toContain('duplicate SKU');
  });

  it('refuses unknown keys, so a typo does not pass silently', () => {
    const message = parseError(
      mutated((c) => {
        const first = listings(c)[0];
        if (first) first.quantiy = 3;
      }),
    );

    expect(message).toContain('amazon.listings.0');
    expect(message).toContain('quantiy');
  });
});

describe('feed validator against listings-feed-schema-v2', () => {
  const REMOVE = Symbol('remove');
  type Path = (string | number)[];
  const patches = [{ op: 'replace', path: '/attributes/x', value: [{ value: 1 }] }];

  /** A copy of the example feed with one value replaced or removed. */
  function edit(path: Path, value: unknown): unknown {
    if (path.length === 0) return value === REMOVE ? exampleFeed() : value;
    const copy = exampleFeed() as Record<string | number, unknown>;
    let node = copy;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
    const last = path[path.length - 1] ?? '';
    if (value === REMOVE) delete node[last];
    else node[last] = value;
    return copy;
  }

  const variants: [string, Path, unknown][] = [
    ['the example itself', [], REMOVE],
    ['no header', ['header'], REMOVE],
    ['version 1.0', ['header', 'version'], '1.0'],
    ['sellerId a number', ['header', 'sellerId'], 5],
    ['empty includedData', ['header', 'report', 'includedData'], []],
    ['unknown includedData', ['header', 'report', 'includedData'], ['prices']],
    ['report without apiVersion', ['header', 'report', 'apiVersion'], REMOVE],
    ['issueLocale a number', ['header', 'issueLocale'], 1],
    ['no messages', ['messages'], []],
    ['messages an object', ['messages'], {}],
    ['messageId 0', ['messages', 0, 'messageId'], 0],
    ['messageId too big', ['messages', 0, 'messageId'], 2147483648],
    ['messageId 1.5', ['messages', 0, 'messageId'], 1.5],
    ['empty sku', ['messages', 0, 'sku'], ''],
    ['unknown operationType', ['messages', 0, 'operationType'], 'UPSERT'],
    ['DELETE with productType', ['messages', 0, 'productType'], 'LUGGAGE'],
    ['PATCH with attributes', ['messages', 3, 'attributes'], { a: [{}] }],
    ['PATCH without patches', ['messages', 3, 'patches'], REMOVE],
    ['empty patches', ['messages', 3, 'patches'], []],
    ['patch op move', ['messages', 3, 'patches', 0, 'op'], 'move'],
    ['patch value of numbers', ['messages', 3, 'patches', 0, 'value'], [1]],
    ['patch without path', ['messages', 3, 'patches', 0, 'path'], REMOVE],
    ['PARTIAL_UPDATE with requirements', ['messages', 1, 'requirements'], 'LISTING'],
    ['UPDATE with patches', ['messages', 2, 'patches'], patches],
    ['UPDATE with bad requirements', ['messages', 2, 'requirements'], 'ALL'],
    ['empty attributes', ['messages', 1, 'attributes'], {}],
    ['empty productType', ['messages', 1, 'productType'], ''],
    ['a null productType', ['messages', 1, 'productType'], null],
    ['a message that is a string', ['messages', 0], 'x'],
    ['a feed that is an array', [], []],
  ];

  it.each(variants)('agrees with ajv on %s', (_name, path, value) => {
    const feed = edit(path, value);

    const schemaSays = modelErrors('feed', feed) === '';

    expect(isValidListingsFeed(feed)).toBe(schemaSays);
  });

  it('accepts Amazon example feed and refuses 25,001 messages, as the schema does', () => {
    const example = exampleFeed();
    const message = (example.messages as unknown[])[3];
    const big = { ...example, messages: Array.from({ length: 25_001 }, () => message) };

    expect(validateListingsFeed(example)).toEqual({ documentErrors: [], messageErrors: new Map() });
    expect(modelErrors('feed', big)).not.toBe('');
    expect(validateListingsFeed(big).documentErrors[0]).toContain('25000');
  });

  it('the ajv harness itself rejects a malformed Item, so shape checks are not vacuous', () => {
    expect(modelErrors('listings#/definitions/Item', { summaries: [] })).toContain('sku');
    expect(modelErrors('report', { header: {} })).not.toBe('');
  });
});
