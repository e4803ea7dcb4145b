// The app's one CSV reader (RFC 4180, fed a piece at a time) and its cell writer. Pure: no I/O.

/** A record and the physical line it starts on, or a line that is not a record (a quoting error). */
export type CsvRecord = { kind: 'record'; line: number; fields: string[] } | { kind: 'error'; line: number; message: string };

/**
 * Splits CSV text into records as it arrives: each `push` answers the records completed so far, `end` the rest.
 * A record is answered only once it is whole (a quoted field may span pieces), so the records and their line
 * numbers are the same however the text is cut. Lines are physical lines (CRLF, LF and CR each end one); blank
 * lines are not records. A quoting error skips only its own line: reading resumes on the next, so a stray
 * quote does not eat the records after it. A leading byte-order mark is dropped.
 */
export class CsvRecordReader {
  private buffer = '';
  private line = 1;
  private started = false;
  /** The last read stopped inside a quoted field: nothing changes until a quote arrives. */
  private inQuote = false;

  push(text: string): CsvRecord[] {
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.startsWith('\uFEFF')) text = text.slice(1);
    }
    this.buffer += text;
    // A stray quote makes the rest of the text one pending field: don't re-read it for every piece.
    if (this.inQuote && !text.includes('"')) return [];
    return this.drain(false);
  }

  end(): CsvRecord[] {
    return this.drain(true);
  }

  private drain(final: boolean): CsvRecord[] {
    const out: CsvRecord[] = [];
    const text = this.buffer;
    let pos = 0;
    this.inQuote = false;
    while (pos < text.length) {
      const lineEnd = endOfLine(text, pos);
      // A line is whole once its break is in (a CR at the end may be the first half of a CRLF).
      const lineWhole = final || (lineEnd < text.length && !(text[lineEnd] === '\r' && lineEnd + 1 >= text.length));
      if (text.slice(pos, lineEnd).trim() === '') {
        if (!lineWhole) break;
        // Blank lines (a trailing newline, a gap) are not records, but they are lines.
        pos = afterBreak(text, lineEnd);
        this.line += 1;
        continue;
      }
      const record = readRecord(text, pos, final);
      if (record.status === 'more') {
        this.inQuote = record.inQuote;
        break;
      }
      if (record.status === 'ok') {
        out.push({ kind: 'record', line: this.line, fields: record.fields });
        pos = record.next;
        this.line += record.breaks;
      } else {
        if (!lineWhole) break;
        out.push({ kind: 'error', line: this.line, message: record.message });
        pos = afterBreak(text, lineEnd);
        this.line += 1;
      }
    }
    this.buffer = text.slice(pos);
    return out;
  }
}

/** Every record of a whole text (and its quoting errors). */
export function readCsv(text: string): CsvRecord[] {
  const reader = new CsvRecordReader();
  return [...reader.push(text), ...reader.end()];
}

/** One cell as RFC 4180 writes it: quoted when it holds a quote, comma or line break, or starts or ends with a blank. */
export function csvCell(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The text ran out before the record did (only before the end of the text): read it again with more. */
type More = { status: 'more'; inQuote: boolean };
type ReadResult = { status: 'ok'; fields: string[]; next: number; breaks: number } | { status: 'error'; message: string } | More;

/** One RFC 4180 record from `start`; `breaks` counts the line breaks consumed, its own included. */
function readRecord(text: string, start: number, final: boolean): ReadResult {
  const fields: string[] = [];
  const more = (inQuote = false): More => ({ status: 'more', inQuote });
  let i = start;
  let breaks = 0;
  for (;;) {
    let value: string;
    const open = skipBlanks(text, i);
    if (text[open] === '"') {
      const quoted = readQuoted(text, open + 1, final);
      if (quoted.status !== 'ok') return quoted;
      breaks += quoted.breaks;
      value = quoted.value;
      i = skipBlanks(text, quoted.next);
      if (i >= text.length && !final) return more();
      if (i < text.length && !isSeparatorOrBreak(text[i])) {
        return { status: 'error', message: 'A quoted field is not closed correctly: text follows its closing quote.' };
      }
    } else {
      // An unquoted field runs to the next comma or line break; a quote inside it is literal.
      let end = i;
      while (end < text.length && !isSeparatorOrBreak(text[end])) end += 1;
      if (end >= text.length && !final) return more();
      value = text.slice(i, end);
      i = end;
    }
    fields.push(value);
    if (i >= text.length) return { status: 'ok', fields, next: i, breaks };
    if (text[i] === ',') {
      i += 1;
      continue;
    }
    if (text[i] === '\r' && i + 1 >= text.length && !final) return more();
    return { status: 'ok', fields, next: afterBreak(text, i), breaks: breaks + 1 };
  }
}

type QuotedResult = { status: 'ok'; value: string; next: number; breaks: number } | { status: 'error'; message: string } | More;

/** The inside of a quoted field from just after its opening quote; "" is one quote. */
function readQuoted(text: string, from: number, final: boolean): QuotedResult {
  let value = '';
  let breaks = 0;
  let i = from;
  for (;;) {
    if (i >= text.length) return final ? { status: 'error', message: 'A quoted field is not closed (a " is missing).' } : { status: 'more', inQuote: true };
    const c = text[i];
    if (c === '"') {
      // A quote at the end of the text may be the first of a doubled one.
      if (i + 1 >= text.length && !final) return { status: 'more', inQuote: false };
      if (text[i + 1] !== '"') return { status: 'ok', value, next: i + 1, breaks };
      value += '"';
      i += 2;
      continue;
    }
    if (c === '\r' && i + 1 >= text.length && !final) return { status: 'more', inQuote: true };
    // CRLF is one line break; so is a lone LF or CR.
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) breaks += 1;
    value += c;
    i += 1;
  }
}

function skipBlanks(text: string, i: number): number {
  let j = i;
  while (text[j] === ' ' || text[j] === '\t') j += 1;
  return j;
}

function isSeparatorOrBreak(c: string | undefined): boolean {
  return c === ',' || c === '\r' || c === '\n';
}

function endOfLine(text: string, from: number): number {
  let i = from;
  while (i < text.length && text[i] !== '\r' && text[i] !== '\n') i += 1;
  return i;
}

function afterBreak(text: string, at: number): number {
  if (text[at] === '\r' && text[at + 1] === '\n') return at + 2;
  return Math.min(at + 1, text.length);
}

