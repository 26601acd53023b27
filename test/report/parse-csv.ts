/**
 * A strict RFC 4180 reader for checking our output: CRLF between records, quoted fields with
 * doubled quotes, anything (CR and LF included) inside quotes. Throws on malformed input.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let index = 0;

  while (index < text.length) {
    const [field, next] = readField(text, index);
    record.push(field);
    index = next;
    if (text.startsWith(',', index)) {
      index += 1;
    } else if (text.startsWith('\r\n', index)) {
      records.push(record);
      record = [];
      index += 2;
    } else {
      throw new Error(`expected , or CRLF at offset ${index}`);
    }
  }
  if (record.length) throw new Error('last record does not end with CRLF');
  return records;
}

function readField(text: string, start: number): [string, number] {
  if (text[start] !== '"') {
    const end = text.slice(start).search(/,|\r\n/);
    const field = end === -1 ? text.slice(start) : text.slice(start, start + end);
    if (/["\r\n]/.test(field)) throw new Error(`unquoted special character at offset ${start}`);
    return [field, start + field.length];
  }

  let field = '';
  let index = start + 1;
  for (;;) {
    const quote = text.indexOf('"', index);
    if (quote === -1) throw new Error(`unterminated quoted field at offset ${start}`);
    field += text.slice(index, quote);
    if (text[quote + 1] !== '"') return [field, quote + 1];
    field += '"';
    index = quote + 2;
  }
}
