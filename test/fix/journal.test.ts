import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, formatUserError } from '../../src/errors.js';
import type { JournalRecord } from '../../src/fix/journal-records.js';
import { doneChanges, foldJournal } from '../../src/fix/journal-state.js';
import { JournalWriter } from '../../src/fix/journal-writer.js';
import { checkJournalSeller, readJournal } from '../../src/fix/read-journal.js';

const AT = '2026-03-03T12:00:00.000Z';
const header: JournalRecord = {
  type: 'header',
  format: 'mto-audit-journal',
  version: 1,
  kind: 'fix',
  sellerId: 'A1SELLER',
  via: 'auto',
  createdAt: AT,
};
const values = (quantity: number, leadTimeDays: number | null) => ({ quantity, leadTimeDays });

function change(id: number, sku = `SKU-${id}`): JournalRecord {
  const before = values(0, 2);
  const after = values(999, 14);
  return {
    type: 'change',
    id,
    target: 'amazon',
    sku,
    marketplaceId: 'ATVPDKIKX0DER',
    productType: 'WALLET',
    before,
    after,
  };
}
const intent = (id: number, extra: Partial<JournalRecord> = {}): JournalRecord =>
  ({
    type: 'intent',
    id,
    via: 'patch',
    at: AT,
    before: values(0, 2),
    after: values(999, 14),
    ...extra,
  }) as JournalRecord;
const result = (
  id: number,
  status: 'applied' | 'invalid' | 'failed' | 'conflict',
): JournalRecord => ({
  type: 'result',
  id,
  status,
  at: AT,
});

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'mto-journal-'));
});

async function writeJournal(records: JournalRecord[], name = 'j.jsonl'): Promise<string> {
  const path = join(folder, name);
  const writer = await JournalWriter.create(path);
  await writer.write(records);
  await writer.close();
  return path;
}

async function readError(path: string): Promise<string> {
  const error: unknown = await readJournal(path).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return formatUserError(error as ConfigError);
}

describe('JournalWriter', () => {
  it('writes JSON Lines that read back as the same records', async () => {
    const records = [header, change(1), intent(1), result(1, 'applied')];
    const path = await writeJournal(records);

    const text = readFileSync(path, 'utf8');
    expect(text.split('\n')).toHaveLength(records.length + 1);
    expect((await readJournal(path)).records).toEqual(records);
  });

  it('never overwrites an existing file', async () => {
    const path = join(folder, 'taken.jsonl');
    writeFileSync(path, 'precious\n');

    await expect(JournalWriter.create(path)).rejects.toThrow(
      /already exists; a journal is never overwritten/,
    );
    expect(readFileSync(path, 'utf8')).toBe('precious\n');
  });

  it('keeps concurrent writes whole and in the order they were asked', async () => {
    const path = join(folder, 'busy.jsonl');
    const writer = await JournalWriter.create(path);
    await writer.write([header, ...Array.from({ length: 50 }, (_, i) => change(i + 1))]);
    await Promise.all(Array.from({ length: 50 }, (_, i) => writer.write([intent(i + 1)])));
    await writer.close();

    const ids = (await readJournal(path)).records.flatMap((r) =>
      r.type === 'intent' ? [r.id] : [],
    );
    expect(ids).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('stops for good once a write fails, writing nothing after it', async () => {
    const path = join(folder, 'cut.jsonl');
    const writer = await JournalWriter.create(path, {
      beforeWrite: (records) => {
        if (records.some((r) => r.type === 'result')) throw new Error('killed');
      },
    });
    await writer.write([header, change(1), change(2), intent(1)]);

    await expect(writer.write([result(1, 'applied')])).rejects.toThrow('killed');
    await expect(writer.write([intent(2)])).rejects.toThrow('killed');
    await writer.close();
    expect((await readJournal(path)).records.map((r) => r.type)).toEqual([
      'header',
      'change',
      'change',
      'intent',
    ]);
  });

  it('appends to an existing journal for a resumed run', async () => {
    const path = await writeJournal([header, change(1), intent(1)]);
    const writer = await JournalWriter.append(path);
    await writer.write([{ type: 'resume', at: AT }, result(1, 'applied')]);
    await writer.close();

    expect((await readJournal(path)).records.map((r) => r.type)).toEqual([
      'header',
      'change',
      'intent',
      'resume',
      'result',
    ]);
  });
});

describe('readJournal refuses what it cannot trust', () => {
  it('a missing journal', async () => {
    expect(await readError(join(folder, 'nope.jsonl'))).toMatch(
      /there is no journal at .*nope\.jsonl/,
    );
  });

  it('a journal cut off in the middle of a line', async () => {
    const path = await writeJournal([header, change(1), intent(1)]);
    appendFileSync(path, '{"type":"result","id":1,"sta');
    expect(await readError(path)).toMatch(/ends in the middle of line 4/);
  });

  it('a line that is not JSON, or not a journal record', async () => {
    const path = await writeJournal([header, change(1)]);
    appendFileSync(path, '{"type":"result","id":1,"status":"maybe","at":"x"}\n');
    expect(await readError(path)).toMatch(/line 3 is not a journal record at status/);

    const garbage = join(folder, 'garbage.jsonl');
    writeFileSync(garbage, `${JSON.stringify(header)}\nnot json\n`);
    expect(await readError(garbage)).toMatch(/line 2 is not JSON/);
  });

  it('a file that is not an mto-audit journal', async () => {
    const path = join(folder, 'other.jsonl');
    writeFileSync(path, '{"type":"intent"}\n');
    expect(await readError(path)).toMatch(/line 1 is not a journal record/);
    writeFileSync(path, '');
    expect(await readError(path)).toMatch(/is empty: it is not an mto-audit journal/);
  });

  it('a record about a change that was never planned', async () => {
    const path = await writeJournal([header, change(1), result(2, 'applied')]);
    expect(await readError(path)).toMatch(/line 3 names change 2, not planned/);
  });

  it('a marketplace it does not know', async () => {
    const record = { ...change(1), marketplaceId: 'XXNOTAMARKET' } as JournalRecord;
    const path = await writeJournal([header, record]);
    expect(await readError(path)).toMatch(/unknown marketplace XXNOTAMARKET/);
  });

  it('a journal of another seller', async () => {
    const journal = await readJournal(await writeJournal([header, change(1)]));
    expect(() => checkJournalSeller(journal, 'A1SELLER')).not.toThrow();
    expect(() => checkJournalSeller(journal, 'A2OTHER')).toThrow(
      /belongs to seller A1SELLER, not to A2OTHER/,
    );
  });
});

describe('foldJournal', () => {
  const states = (records: JournalRecord[]) =>
    foldJournal([header, ...records]).map((s) => [s.change.id, s.open]);

  it('tells each change where it stands', () => {
    const feed: JournalRecord = {
      type: 'feed',
      feedKey: 'k1',
      feedId: '50001',
      feedDocumentId: 'doc',
      marketplaceId: 'ATVPDKIKX0DER',
      ids: [5],
      at: AT,
    };
    const records = [
      ...[1, 2, 3, 4, 5, 6, 7].map((id) => change(id)),
      intent(2),
      intent(3),
      result(3, 'applied'),
      intent(4),
      result(4, 'failed'),
      intent(5, { via: 'feed', feedKey: 'k1' }),
      feed,
      intent(6, { via: 'feed', feedKey: 'k2' }),
      intent(7),
      result(7, 'invalid'),
    ];
    expect(states(records)).toEqual([
      [1, 'unsent'],
      [2, 'unknown'],
      [3, null],
      [4, 'unknown'],
      [5, 'in-feed'],
      [6, 'unknown'],
      [7, null],
    ]);
  });

  it('looks for the feed of an uploaded document whose feed id was lost', () => {
    const document = (key: string, ids: number[]): JournalRecord => ({
      type: 'document',
      feedKey: key,
      feedDocumentId: `doc-${key}`,
      marketplaceId: 'ATVPDKIKX0DER',
      ids,
      at: AT,
    });
    const records = [
      ...[1, 2, 3].map((id) => change(id)),
      intent(1, { via: 'feed', feedKey: 'k1' }),
      document('k1', [1]),
      intent(2, { via: 'feed', feedKey: 'k2' }),
      document('k2', [2]),
      result(2, 'failed'),
      intent(3, { via: 'feed', feedKey: 'k3' }),
      document('k3', [3]),
      result(3, 'applied'),
    ];
    expect(states(records)).toEqual([
      [1, 'feed-lost'],
      [2, 'feed-lost'],
      [3, null],
    ]);
  });

  it('lets a later run settle what an earlier one left open', () => {
    const records = [
      change(1),
      intent(1),
      result(1, 'failed'),
      { type: 'resume', at: AT } as JournalRecord,
      intent(1),
    ];
    expect(states(records)).toEqual([[1, 'unknown']]);
    expect(states([...records, result(1, 'applied')])).toEqual([[1, null]]);
  });

  it('marks as done only what was applied', () => {
    const records = [
      change(1),
      change(2),
      change(3),
      intent(1),
      result(1, 'applied'),
      intent(2),
      result(2, 'conflict'),
    ];
    expect(doneChanges(foldJournal([header, ...records])).map((c) => c.id)).toEqual([1]);
  });
});
