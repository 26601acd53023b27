import { readFile } from 'node:fs/promises';
import { findMarketplace } from '../config/marketplaces.js';
import { ConfigError } from '../errors.js';
import {
  JOURNAL_FORMAT,
  journalRecord,
  type HeaderRecord,
  type JournalRecord,
} from './journal-records.js';

export interface Journal {
  path: string;
  header: HeaderRecord;
  records: JournalRecord[];
}

const NEXT_STEP = 'Give the journal file that mto-audit fix printed at its start.';

/**
 * Reads and checks a whole journal before anything is sent: every line a known record, the
 * header first, every id planned before it is used, every marketplace a known one.
 */
export async function readJournal(path: string): Promise<Journal> {
  const text = await readText(path);
  if (text.length > 0 && !text.endsWith('\n')) {
    const line = text.split('\n').length;
    throw new ConfigError(
      `the journal ${path} ends in the middle of line ${line}: it was cut off while written.`,
      'Restore the complete file (or remove the partial last line by hand if you are sure).',
    );
  }

  const records = text
    .split('\n')
    .slice(0, -1)
    .map((line, index) => parseLine(path, line, index + 1));
  const header = readHeader(path, records);
  checkReferences(path, records);
  return { path, header, records };
}

/** A journal is only ever continued or undone for the seller that wrote it. */
export function checkJournalSeller(journal: Journal, sellerId: string): void {
  if (journal.header.sellerId === sellerId) return;
  throw new ConfigError(
    `the journal ${journal.path} belongs to seller ${journal.header.sellerId}, not to ${sellerId}.`,
    'Run it with the configuration of that seller (AMAZON_SELLER_ID).',
  );
}

/** The marketplaces a journal's Amazon changes name (their regions need credentials). */
export function journalMarketplaces(journal: Journal): string[] {
  const ids = journal.records.flatMap((r) =>
    r.type === 'change' && r.target === 'amazon' ? [r.marketplaceId] : [],
  );
  return [...new Set(ids)];
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code ?? String(error);
    const what = code === 'ENOENT' ? 'there is no journal' : `cannot read the journal (${code})`;
    throw new ConfigError(`${what} at ${path}.`, NEXT_STEP);
  }
}

function parseLine(path: string, line: string, number: number): JournalRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new ConfigError(`${path}: line ${number} is not JSON.`, NEXT_STEP);
  }

  const parsed = journalRecord.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const at = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
  throw new ConfigError(
    `${path}: line ${number} is not a journal record${at} (${issue?.message ?? 'invalid'}).`,
    NEXT_STEP,
  );
}

function readHeader(path: string, records: JournalRecord[]): HeaderRecord {
  const first = records[0];
  if (first?.type === 'header' && first.format === JOURNAL_FORMAT) return first;
  const what = records.length === 0 ? 'is empty' : 'does not start with a journal header';
  throw new ConfigError(`${path} ${what}: it is not an mto-audit journal.`, NEXT_STEP);
}

function checkReferences(path: string, records: JournalRecord[]): void {
  const planned = new Set<number>();
  records.forEach((record, index) => {
    if (index > 0 && record.type === 'header') {
      throw new ConfigError(`${path}: line ${index + 1} is a second header.`, NEXT_STEP);
    }
    if (record.type === 'change') {
      if (planned.has(record.id)) throw unknownId(path, index, `plans change ${record.id} twice`);
      planned.add(record.id);
      if (
        record.target === 'amazon' &&
        findMarketplace(record.marketplaceId)?.id !== record.marketplaceId
      ) {
        throw unknownId(path, index, `names the unknown marketplace ${record.marketplaceId}`);
      }
    }
    const ids = 'ids' in record ? record.ids : referencedId(record);
    const unknown = ids.find((id) => !planned.has(id));
    if (unknown !== undefined) throw unknownId(path, index, `names change ${unknown}, not planned`);
  });
}

function referencedId(record: JournalRecord): number[] {
  return record.type === 'intent' || record.type === 'result' ? [record.id] : [];
}

function unknownId(path: string, index: number, what: string): ConfigError {
  return new ConfigError(`${path}: line ${index + 1} ${what}.`, NEXT_STEP);
}
