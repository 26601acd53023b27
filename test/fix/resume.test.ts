import { createRegionClients } from '../../src/amazon/region-clients.js';
import { SpApiGateway } from '../../src/amazon/sp-api-gateway.js';
import { afterEach, describe, expect, it } from 'vitest';
import { buildPatch } from '../../src/fix/fulfillment-patch.js';
import type { JournalRecord } from '../../src/fix/journal-records.js';
import type { JournalHooks } from '../../src/fix/journal-writer.js';
import { readJournal } from '../../src/fix/read-journal.js';
import { resumeFix } from '../../src/fix/resume-fix.js';
import { patchCall } from '../../src/fix/send-patch.js';
import type { Via } from '../../src/fix/types.js';
import { silentLogger } from '../../src/logger.js';
import {
  amazonChange,
  applyOptions,
  applyPlan,
  entryOf,
  journalRecords,
  Killed,
  killWhen,
  planOf,
  SELLER,
  startApi,
  writesOf,
  type TestApi,
} from './fix-fixture.js';

let t: TestApi;
afterEach(async () => {
  await t.api.close();
});

const SKUS = ['A', 'B', 'C', 'D'];
const BEFORE = { quantity: 0, leadTimeDays: 2 };
const AFTER = { quantity: 999, leadTimeDays: 14 };
const SLOW_FEEDS = { feedPollsToDone: Infinity, feedProcessingMs: 60_000 };

function plan() {
  return planOf(SKUS.map((sku) => amazonChange(sku, BEFORE, AFTER)));
}

/** Runs a fix that the hook cuts short; returns the journal it left behind. */
async function killedRun(via: Via, hooks: JournalHooks): Promise<string> {
  const options = applyOptions(t, { via, hooks, concurrency: 1 });
  await expect(applyPlan(t, plan(), options)).rejects.toBeInstanceOf(Killed);
  return options.journalPath;
}

async function resume(path: string) {
  const journal = await readJournal(path);
  return resumeFix({ ...applyOptions(t), via: journal.header.via, journal });
}

function expectAppliedOnce() {
  expect(writesOf(t.api)).toEqual({ A: 1, B: 1, C: 1, D: 1 });
  for (const sku of SKUS) expect(entryOf(t.api, sku)).toMatchObject(AFTER);
}

const isIntent = (id: number) => (r: JournalRecord) => r.type === 'intent' && r.id === id;
const isResult = (id: number) => (r: JournalRecord) => r.type === 'result' && r.id === id;

describe('fix --resume after a run killed at a given point', () => {
  it('after the plan, before any intent: sends everything', async () => {
    t = await startApi(SKUS.map((sku) => ({ sku, quantity: 0 })));
    const path = await killedRun('patch', { beforeWrite: killWhen(isIntent(1)) });
    expect(writesOf(t.api)).toEqual({});

    const outcome = await resume(path);
    expect(outcome.summary).toMatchObject({ changes: 4, applied: 4 });
    expectAppliedOnce();
  });

  it('after an intent, before its patch left: re-reads, finds the before values, sends', async () => {
    t = await startApi(SKUS.map((sku) => ({ sku, quantity: 0 })));
    const path = await killedRun('patch', { afterWrite: killWhen(isIntent(2)) });
    expect(writesOf(t.api)).toEqual({ A: 1 });

    const outcome = await resume(path);
    expect(outcome.summary).toMatchObject({ changes: 3, applied: 3 });
    expect(t.api.stats.callsByOperation.searchListingsItems).toBe(1);
    expectAppliedOnce();
  });

  it('after a patch was applied, before its result: re-reads, finds it in effect, sends nothing for it', async () => {
    t = await startApi(SKUS.map((sku) => ({ sku, quantity: 0 })));
    const path = await killedRun('patch', { beforeWrite: killWhen(isResult(2)) });
    expect(writesOf(t.api)).toEqual({ A: 1, B: 1 });

    const outcome = await resume(path);
    expect(outcome.results.find((r) => r.id === 2)).toMatchObject({
      status: 'applied',
      note: expect.stringMatching(/in effect when re-read/) as unknown,
    });
    expect(t.api.stats.callsByOperation.patchListingsItem).toBe(2 + 2);
    expectAppliedOnce();
  });

  it('after a feed was created and journaled: polls that feed, sends nothing again', async () => {
    t = await startApi(SKUS.map((sku) => ({ sku, quantity: 0 })));
    const path = await killedRun('feed', { afterWrite: killWhen((r) => r.type === 'feed') });
    // Amazon processes a feed whether or not anyone polls it.
    expect(writesOf(t.api)).toEqual({ A: 1, B: 1, C: 1, D: 1 });

    const outcome = await resume(path);
    expect(outcome.summary).toMatchObject({ applied: 4 });
    expect(t.api.stats.callsByOperation.createFeed).toBe(1);
    expectAppliedOnce();
  });

  it('after the feed intents, before the feed left: re-reads and sends a feed', async () => {
    t = await startApi(SKUS.map((sku) => ({ sku, quantity: 0 })));
    const path = await killedRun('feed', { afterWrite: killWhen(isIntent(4)) });

    const outcome = await resume(path);
    expect(outcome.summary).toMatchObject({ applied: 4 });
    expect(t.api.stats.callsByOperation.createFeed).toBe(1);
    expectAppliedOnce();
  });

  it('after createFeed was sent, before its id was journaled: waits for the feed found by getFeeds, sends nothing twice', async () => {
    // Amazon takes a minute to process it: a plain re-read at resume would still see the
    // before values and send the changes a second time.
    t = await startApi(
      SKUS.map((sku) => ({ sku, quantity: 0 })),
      SLOW_FEEDS,
    );
    const path = await killedRun('feed', { beforeWrite: killWhen((r) => r.type === 'feed') });
    expect(t.api.stats.callsByOperation.createFeed).toBe(1);
    expect(journalRecords(path).filter((r) => r.type === 'document')).toHaveLength(1);
    expect(writesOf(t.api)).toEqual({});

    const outcome = await resume(path);
    expect(outcome.summary).toMatchObject({ applied: 4, failed: 0 });
    expect(outcome.results.every((r) => r.note?.includes('in effect when re-read'))).toBe(true);
    expect(t.api.stats.callsByOperation).toMatchObject({ getFeeds: 1, createFeed: 1 });
    expectAppliedOnce();
  });

  it('after the feed document was journaled, before createFeed left: finds no feed, sends once', async () => {
    t = await startApi(
      SKUS.map((sku) => ({ sku, quantity: 0 })),
      SLOW_FEEDS,
    );
    const path = await killedRun('feed', { afterWrite: killWhen((r) => r.type === 'document') });
    expect(t.api.stats.callsByOperation.createFeed).toBeUndefined();

    const outcome = await resume(path);
    expect(outcome.summary).toMatchObject({ applied: 4, failed: 0 });
    expect(t.api.stats.callsByOperation).toMatchObject({ getFeeds: 1, createFeed: 1 });
    expectAppliedOnce();
  });

  it('keeps the changes open while a feed that may hold them is still processing', async () => {
    t = await startApi(
      SKUS.map((sku) => ({ sku, quantity: 0 })),
      {
        feedPollsToDone: Infinity,
        feedProcessingMs: 3_600_000,
      },
    );
    const path = await killedRun('feed', { beforeWrite: killWhen((r) => r.type === 'feed') });
    const journal = await readJournal(path);
    const feedPoll = { firstDelayMs: 1_000, maxDelayMs: 8_000, timeoutMs: 60_000 };

    const outcome = await resumeFix({ ...applyOptions(t, { feedPoll }), via: 'feed', journal });
    expect(outcome.summary).toMatchObject({ pending: 4, applied: 0 });
    expect(outcome.exit.code).toBe(1);
    expect(t.api.stats.callsByOperation.createFeed).toBe(1);
    expect(writesOf(t.api)).toEqual({});
  });

  it('leaves alone a value someone else changed meanwhile, and says so', async () => {
    t = await startApi(SKUS.map((sku) => ({ sku, quantity: 0 })));
    const path = await killedRun('patch', { afterWrite: killWhen(isIntent(2)) });
    await patchByHand('B', { quantity: 5, leadTimeDays: 3 });

    const outcome = await resume(path);
    expect(outcome.results.find((r) => r.id === 2)).toMatchObject({
      status: 'conflict',
      reason: expect.stringMatching(/someone else \(now quantity 5, lead time 3\)/) as unknown,
    });
    expect(entryOf(t.api, 'B')).toMatchObject({ quantity: 5, leadTimeDays: 3 });
    expect(outcome.exit.code).toBe(1);
  });

  it('finds nothing to do in a finished journal and sends nothing', async () => {
    t = await startApi(SKUS.map((sku) => ({ sku, quantity: 0 })));
    const done = await applyPlan(t, plan());
    const calls = { ...t.api.stats.callsByOperation };

    const outcome = await resume(done.journalPath ?? '');
    expect(outcome.state).toBe('nothing');
    expect(outcome.exit).toEqual({
      code: 0,
      reason: expect.stringMatching(/nothing to do/) as unknown,
    });
    expect(t.api.stats.callsByOperation).toEqual(calls);
    expect(journalRecords(done.journalPath ?? '').at(-1)?.type).toBe('end');
  });

  it('resumes a resumed journal: every change still lands once', async () => {
    t = await startApi(SKUS.map((sku) => ({ sku, quantity: 0 })));
    const path = await killedRun('patch', { beforeWrite: killWhen(isResult(1)) });
    const journal = await readJournal(path);
    const hooks = { beforeWrite: killWhen(isResult(3)) };
    await expect(
      resumeFix({ ...applyOptions(t, { hooks, concurrency: 1 }), via: 'patch', journal }),
    ).rejects.toBeInstanceOf(Killed);

    const outcome = await resume(path);
    expect(outcome.summary.failed).toBe(0);
    expectAppliedOnce();
  });
});

async function patchByHand(sku: string, values: { quantity: number; leadTimeDays: number }) {
  const gateway = new SpApiGateway({
    clients: createRegionClients(t.config, silentLogger),
    clock: t.clock,
  });
  const change = amazonChange(sku, BEFORE, values);
  await gateway.request('na', patchCall(change, buildPatch(values), { sellerId: SELLER }));
}
