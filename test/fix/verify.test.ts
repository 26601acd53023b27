import { afterEach, describe, expect, it } from 'vitest';
import {
  amazonChange,
  applyPlan,
  entryOf,
  journalRecords,
  planOf,
  startApi,
  type TestApi,
} from './fix-fixture.js';

let t: TestApi;
afterEach(async () => {
  await t.api.close();
});

const plan = () =>
  planOf(
    ['A', 'B'].map((sku) =>
      amazonChange(sku, { quantity: 0, leadTimeDays: 2 }, { quantity: 999, leadTimeDays: 14 }),
    ),
  );

describe('fix --verify', () => {
  it('counts an ACCEPTED patch as applied without --verify, though Amazon has not applied it', async () => {
    t = await startApi(
      [
        { sku: 'A', quantity: 0 },
        { sku: 'B', quantity: 0 },
      ],
      { applyDelayMs: 60_000 },
    );

    const outcome = await applyPlan(t, plan());

    expect(outcome.summary).toMatchObject({ applied: 2, notInEffect: 0 });
    expect(entryOf(t.api, 'A')).toMatchObject({ quantity: 0, leadTimeDays: 2 });
  });

  it('reads Amazon again, waiting, until every change is in effect', async () => {
    t = await startApi(
      [
        { sku: 'A', quantity: 0 },
        { sku: 'B', quantity: 0 },
      ],
      { applyDelayMs: 10_000 },
    );

    const outcome = await applyPlan(t, plan(), { verify: true });

    expect(outcome.verify).toEqual({ checked: 2, notInEffect: [] });
    expect(outcome.exit.code).toBe(0);
    expect(t.api.stats.callsByOperation.searchListingsItems).toBe(3);
  });

  it('reports the changes that are not in effect yet, and exits 1', async () => {
    t = await startApi(
      [
        { sku: 'A', quantity: 0 },
        { sku: 'B', quantity: 0 },
      ],
      { applyDelayMs: 3_600_000 },
    );

    const outcome = await applyPlan(t, plan(), { verify: true });

    expect(outcome.verify?.notInEffect).toEqual([
      {
        id: 1,
        current: { quantity: 0, leadTimeDays: 2 },
        reason: 'Amazon still shows quantity 0, lead time 2',
      },
      {
        id: 2,
        current: { quantity: 0, leadTimeDays: 2 },
        reason: 'Amazon still shows quantity 0, lead time 2',
      },
    ]);
    expect(outcome.exit).toMatchObject({
      code: 1,
      reason: expect.stringMatching(/2 not in effect yet/) as unknown,
    });
    expect(
      journalRecords(outcome.journalPath ?? '').find((r) => r.type === 'verify'),
    ).toMatchObject({
      checked: 2,
      notInEffect: [1, 2],
    });
  });
});
