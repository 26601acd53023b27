import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { checkJournalSeller, readJournal } from '../../src/fix/read-journal.js';
import { resumeFix } from '../../src/fix/resume-fix.js';
import {
  amazonChange,
  applyOptions,
  applyPlan,
  CA,
  entryOf,
  journalRecords,
  planOf,
  startApi,
  writesOf,
  type ListingSpec,
  type TestApi,
} from './fix-fixture.js';

let t: TestApi;
afterEach(async () => {
  await t.api.close();
});

const skus = (n: number, prefix = 'F') =>
  Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`);

function listings(names: string[], extra: Partial<ListingSpec> = {}): ListingSpec[] {
  return names.map((sku) => ({ sku, quantity: 0, leadTimeDays: 2, ...extra }));
}

function changes(names: string[], extra = {}) {
  return names.map((sku) =>
    amazonChange(sku, { quantity: 0, leadTimeDays: 2 }, { quantity: 999, leadTimeDays: 14 }, extra),
  );
}

describe('fix --via feed / auto against the fake SP-API', () => {
  it('sends 300 changes of one marketplace as one feed, not 300 patches', async () => {
    const names = skus(300);
    t = await startApi(listings(names));

    const outcome = await applyPlan(t, planOf(changes(names)), { via: 'auto' });

    expect(t.api.stats.callsByOperation).toMatchObject({ createFeedDocument: 1, createFeed: 1 });
    expect(t.api.stats.callsByOperation.patchListingsItem).toBeUndefined();
    expect(outcome.summary).toMatchObject({ changes: 300, applied: 300, failed: 0 });
    expect(new Set(Object.values(writesOf(t.api)))).toEqual(new Set([1]));
    expect(Object.keys(writesOf(t.api))).toHaveLength(300);
    expect(entryOf(t.api, 'F-299')).toMatchObject({ quantity: 999, leadTimeDays: 14 });
    expect([...outcome.via.values()].every((via) => via === 'feed')).toBe(true);
  });

  it('journals the document id before createFeed, the feed id as soon as Amazon gives it, and no presigned URL', async () => {
    const names = skus(3);
    t = await startApi(listings(names));

    const outcome = await applyPlan(t, planOf(changes(names)), { via: 'feed' });
    const records = journalRecords(outcome.journalPath ?? '');
    const types = records.map((r) => r.type);

    expect(types).toEqual([
      'header',
      ...Array<string>(3).fill('change'),
      ...Array<string>(3).fill('intent'),
      'document',
      'feed',
      ...Array<string>(3).fill('result'),
      'end',
    ]);
    const feed = records.find((r) => r.type === 'feed');
    expect(feed).toMatchObject({ feedId: '50001', ids: [1, 2, 3] });
    expect(records.find((r) => r.type === 'document')).toMatchObject({
      feedDocumentId: feed?.type === 'feed' ? feed.feedDocumentId : 'none',
      ids: [1, 2, 3],
    });
    expect(records.filter((r) => r.type === 'result')).toEqual(
      [1, 2, 3].map(
        (id) => expect.objectContaining({ id, status: 'applied', feedId: '50001' }) as unknown,
      ),
    );
    expect(readFileSync(outcome.journalPath ?? '', 'utf8')).not.toMatch(/X-Amz-Signature|https?:/);
  });

  it('maps the processing report back: an invalid message keeps its issues', async () => {
    const names = skus(250);
    t = await startApi(listings(names));
    const plan = planOf([
      ...changes(names.slice(1)),
      ...changes(names.slice(0, 1), { productType: 'SHOES' }),
    ]);

    const outcome = await applyPlan(t, plan, { via: 'auto' });
    const invalid = outcome.results.filter((r) => r.status === 'invalid');

    expect(outcome.summary).toMatchObject({ applied: 249, invalid: 1 });
    expect(invalid).toEqual([
      expect.objectContaining({
        id: 250,
        feedId: '50001',
        issues: [expect.objectContaining({ code: '4000003', severity: 'ERROR' })],
      }),
    ]);
    expect(writesOf(t.api)['F-000']).toBeUndefined();
  });

  it('sends one feed per marketplace', async () => {
    const names = skus(4);
    t = await startApi(listings(names, { marketplaces: ['ATVPDKIKX0DER', CA] }));
    const plan = planOf([...changes(names), ...changes(names, { marketplaceId: CA })]);

    const outcome = await applyPlan(t, plan, { via: 'feed' });

    expect(t.api.stats.callsByOperation.createFeed).toBe(2);
    expect(outcome.summary.applied).toBe(8);
  });

  it('leaves a feed that outlasts polling open, and --resume polls it instead of resending', async () => {
    const names = skus(5);
    t = await startApi(listings(names), { feedPollsToDone: 12 });
    const patient = { firstDelayMs: 1_000, maxDelayMs: 4_000, timeoutMs: 12_000 };

    const first = await applyPlan(t, planOf(changes(names)), { via: 'feed', feedPoll: patient });
    expect(first.summary).toMatchObject({ applied: 0, pending: 5 });
    expect(first.exit).toMatchObject({
      code: 1,
      reason: expect.stringMatching(/5 still processing/) as unknown,
    });

    const journal = await readJournal(first.journalPath ?? '');
    checkJournalSeller(journal, t.config.amazon.sellerId);
    const resumed = await resumeFix({ ...applyOptions(t), via: 'feed', journal });

    expect(resumed.summary).toMatchObject({ applied: 5, pending: 0 });
    expect(t.api.stats.callsByOperation.createFeed).toBe(1);
    expect(Object.values(writesOf(t.api))).toEqual(Array(5).fill(1));
  });
});
