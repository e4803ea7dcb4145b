// Reading the developer console's storage audit-log CSV in the browser and sending it to the app in
// requests Forge accepts. No React here, so the bench and the unit tests drive the same code in Node.
import {
  parseStorageAuditCsvLines,
  readStorageAuditHeader,
  storageAuditRowToEvent,
  type StorageAuditEvent,
  type StorageAuditHeader,
} from '../../../src/domain/storage-audit';
import { STORAGE_AUDIT_CHUNK_BYTES, STORAGE_AUDIT_CHUNK_ROWS, STORAGE_AUDIT_MAX_FILE_BYTES, type ImportChunkResult, type RowProblem } from '../../../src/contract/storage-audit';
import type { Result } from '../../../src/contract/envelope';

export interface ParsedRow {
  line: number;
  event: StorageAuditEvent;
}

/** A file the page refuses as a whole (nothing of it is sent), or its rows and the rows it could not read. */
export type ParseOutcome = { ok: false; message: string } | { ok: true; rows: ParsedRow[]; problems: RowProblem[] };

/** What the page needs to know of a file before reading it (a File, or a stand-in in tests). */
export interface FileInfo {
  name: string;
  size: number;
  type: string;
}

const CSV_TYPES = ['', 'text/csv', 'application/csv', 'text/plain', 'application/vnd.ms-excel', 'text/comma-separated-values'];
const MB = 1024 * 1024;

/** Refuses a file before reading it: too large, empty, or plainly not a CSV. */
export function refuseFile(file: FileInfo): string | null {
  const csvName = /\.(csv|txt)$/i.test(file.name);
  if (!csvName || !CSV_TYPES.includes(file.type.toLowerCase())) {
    return `"${file.name}" is not a CSV file. Import the storage audit log the developer console downloads (a .csv file).`;
  }
  if (file.size === 0) return `"${file.name}" is empty: the console's download has a header row and one row per event.`;
  if (file.size > STORAGE_AUDIT_MAX_FILE_BYTES) {
    return `"${file.name}" is ${(file.size / MB).toFixed(1)} MB; this page reads files up to ${STORAGE_AUDIT_MAX_FILE_BYTES / MB} MB. Download shorter date ranges from the developer console and import each file.`;
  }
  return null;
}

const breaksIn = (s: string) => s.match(/\r\n|\r|\n/g)?.length ?? 0;
const isBlank = (fields: readonly string[]) => fields.length === 1 && fields[0]!.trim() === '';

const UNCLOSED = 'A quoted field is not closed (a " is missing).';

export interface ParseOptions {
  /** The share of the file read so far, 0..1. */
  onProgress?: (fraction: number) => void;
  /** Each chunk's good rows as soon as they are read, so they can be sent while the rest is read. */
  onRows?: (rows: ParsedRow[]) => void;
}

/**
 * Parses the console's CSV with papaparse, a chunk at a time (a File is read asynchronously, and a
 * string yields between chunks, so the page stays responsive and rows can be sent meanwhile),
 * checking each row by the domain's rules. Line numbers are the file's lines (the header is line 1;
 * a quoted line break moves the next record down), as the domain's parser counts them. After a
 * quoting error papaparse would read the rest of the file as one field; from that line on the
 * domain's own reader takes over, which skips only the bad line.
 */
export async function parseAuditFile(input: File | string, opts: ParseOptions = {}): Promise<ParseOutcome> {
  const total = typeof input === 'string' ? input.length : input.size;
  const newline = lineBreakOf(typeof input === 'string' ? input.slice(0, 65_536) : await input.slice(0, 65_536).text());
  // Loaded on the first import, not with the settings page.
  const { default: Papa } = await import('papaparse');
  return new Promise((resolve) => {
    let line = 1;
    let header: StorageAuditHeader | undefined;
    let headerLines = 0;
    let refused: string | undefined;
    let quoteErrorLine: number | undefined;
    let settled = false;
    const rows: ParsedRow[] = [];
    const problems: RowProblem[] = [];

    const finish = async () => {
      if (settled) return;
      settled = true;
      if (refused !== undefined) return resolve({ ok: false, message: refused });
      if (!header) return resolve({ ok: false, message: 'The file is empty: expected a header row and audit events.' });
      if (quoteErrorLine !== undefined) {
        const rest = readRestWithDomain(typeof input === 'string' ? input : await input.text(), headerLines, quoteErrorLine);
        rows.push(...rest.rows);
        problems.push(...rest.problems);
        opts.onRows?.(rest.rows);
      }
      opts.onProgress?.(1);
      resolve({ ok: true, rows, problems });
    };

    Papa.parse<string[]>(input as File, {
      delimiter: ',',
      // Papaparse guesses the line break from the whole first chunk, and a stray quote there can make
      // it pick a CR inside a quoted field; the header line's own break is the file's.
      newline,
      skipEmptyLines: false,
      // Small chunks: each is parsed in one go, so the page never waits long.
      chunkSize: 256 * 1024,
      chunk(results, parser) {
        const badRows = new Set<number>();
        for (const err of results.errors) if (err.type === 'Quotes' && err.row !== undefined) badRows.add(err.row);
        const fresh: ParsedRow[] = [];
        for (let i = 0; i < results.data.length; i++) {
          const fields = results.data[i]!;
          const at = line;
          line += 1 + fields.reduce((n, f) => n + breaksIn(f), 0);
          if (isBlank(fields)) continue;
          if (badRows.has(i)) {
            if (!header) refused = `The header row can't be read: ${UNCLOSED}`;
            else quoteErrorLine = at;
            break;
          }
          if (!header) {
            const h = fields.some((f) => f.includes('\u0000'))
              ? ({ ok: false, message: 'This is not a CSV file: it contains binary data. Import the storage audit log the developer console downloads.' } as const)
              : readStorageAuditHeader(fields);
            if (!h.ok) {
              refused = h.message;
              break;
            }
            header = h.header;
            headerLines = line - 1;
            continue;
          }
          const r = storageAuditRowToEvent(fields, header);
          if (r.ok) fresh.push({ line: at, event: r.event });
          else problems.push({ line: at, message: r.message });
        }
        rows.push(...fresh);
        if (fresh.length > 0) opts.onRows?.(fresh);
        if (refused !== undefined || quoteErrorLine !== undefined) return parser.abort();
        opts.onProgress?.(Math.min(1, results.meta.cursor / Math.max(1, total)));
        // A string is parsed synchronously to its end unless the parser lets other work in between.
        if (typeof input === 'string') {
          parser.pause();
          setTimeout(() => parser.resume(), 0);
        }
      },
      complete() {
        void finish();
      },
      error(err) {
        refused ??= `The file could not be read: ${err.message}`;
        void finish();
      },
    });
  });
}

/**
 * The line break that ends the first line: CRLF, LF or CR (LF for a file of one line). A file mixing
 * them outside quoted fields reads differently here than in the domain's reader; the console writes one.
 */
function lineBreakOf(start: string): '\r\n' | '\n' | '\r' {
  const at = start.search(/[\r\n]/);
  if (at === -1 || start[at] === '\n') return '\n';
  return start[at + 1] === '\n' ? '\r\n' : '\r';
}

/** The file from `fromLine` on, read by the domain's parser under the file's own header lines. */
function readRestWithDomain(text: string, headerLines: number, fromLine: number): { rows: ParsedRow[]; problems: RowProblem[] } {
  const joined = `${text.slice(0, offsetOfLine(text, headerLines + 1))}${text.slice(offsetOfLine(text, fromLine))}`;
  const { rows, errors } = parseStorageAuditCsvLines(joined);
  // The joined text's line headerLines + 1 is the file's line `fromLine`.
  const shift = fromLine - (headerLines + 1);
  return { rows: rows.map((r) => ({ line: r.line + shift, event: r.event })), problems: errors.map((e) => ({ line: e.line + shift, message: e.message })) };
}

/** Where a physical line starts (1-based), counting CRLF, LF and CR each as one break, as the domain does. */
function offsetOfLine(text: string, line: number): number {
  let at = text.startsWith('\uFEFF') ? 1 : 0;
  for (let n = 1; n < line && at < text.length; n++) {
    while (at < text.length && text[at] !== '\n' && text[at] !== '\r') at++;
    at += text[at] === '\r' && text[at + 1] === '\n' ? 2 : 1;
  }
  return Math.min(at, text.length);
}

// ---------------------------------------------------------------------------------------------
// Sending the rows
// ---------------------------------------------------------------------------------------------

const encoder = new TextEncoder();
/** `{"fileName":…,"importId":…,"rows":[` and the closing brackets, with room for a long file name. */
const ENVELOPE_BYTES = 2048;

/**
 * Splits rows into requests of at most `maxRows` rows whose JSON stays under `maxBytes` (measured
 * as UTF-8, as the bridge sends it), so no `invoke` comes near Forge's 500 KB.
 */
export function requestChunks(rows: readonly ParsedRow[], maxRows = STORAGE_AUDIT_CHUNK_ROWS, maxBytes = STORAGE_AUDIT_CHUNK_BYTES): ParsedRow[][] {
  const out: ParsedRow[][] = [];
  let current: ParsedRow[] = [];
  let bytes = ENVELOPE_BYTES;
  for (const row of rows) {
    const size = encoder.encode(JSON.stringify(row)).length + 1;
    if (current.length > 0 && (current.length >= maxRows || bytes + size > maxBytes)) {
      out.push(current);
      current = [];
      bytes = ENVELOPE_BYTES;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

export type SendChunk = (request: { fileName: string; importId: string; rows: ParsedRow[] }) => Promise<Result<ImportChunkResult>>;

export interface ImportTotals {
  read: number;
  new: number;
  known: number;
  rejected: RowProblem[];
}

/** Rows arriving while a file is still being read, taken a request at a time by the senders. */
export class RowFeed {
  private rows: ParsedRow[] = [];
  private done = false;
  private waiting: (() => void)[] = [];

  push(rows: readonly ParsedRow[]): void {
    this.rows.push(...rows);
    this.wake();
  }

  end(): void {
    this.done = true;
    this.wake();
  }

  /** The next request's rows, once a full request is in or the file is done; null when none are left. */
  async take(): Promise<ParsedRow[] | null> {
    for (;;) {
      if (this.rows.length >= STORAGE_AUDIT_CHUNK_ROWS || (this.done && this.rows.length > 0)) {
        const [chunk = []] = requestChunks(this.rows.slice(0, STORAGE_AUDIT_CHUNK_ROWS));
        this.rows.splice(0, chunk.length);
        return chunk;
      }
      if (this.done) return null;
      await new Promise<void>((ok) => this.waiting.push(ok));
    }
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const ok of waiting) ok();
  }
}

const RETRYABLE = new Set(['RATE_LIMITED', 'INTERNAL']);
const wait = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

export interface SendOptions {
  fileName: string;
  importId: string;
  /** Requests in flight at once. */
  parallel?: number;
  onProgress?: (sentRows: number) => void;
  retries?: number;
  /** How often a request the storage quota refused is tried again (each after the server's retry hint). */
  rateLimitRetries?: number;
  backoffMs?: number;
}

/**
 * Sends the rows, `parallel` requests at a time, retrying a request that failed for a passing reason
 * (rate limit, network): every request is safe to repeat, since the archive stores a row once.
 * Stops at the first lasting failure and says how far it got; running the import again finishes it.
 */
export async function sendRows(source: readonly ParsedRow[] | RowFeed, send: SendChunk, opts: SendOptions): Promise<{ ok: true; totals: ImportTotals } | { ok: false; totals: ImportTotals; message: string }> {
  const feed = source instanceof RowFeed ? source : new RowFeed();
  if (!(source instanceof RowFeed)) {
    feed.push(source);
    feed.end();
  }
  const totals: ImportTotals = { read: 0, new: 0, known: 0, rejected: [] };
  let failure: string | undefined;
  let sent = 0;
  const worker = async () => {
    while (failure === undefined) {
      const chunk = await feed.take();
      if (chunk === null) return;
      let r = await send({ fileName: opts.fileName, importId: opts.importId, rows: chunk });
      // A failed request is retried after a backoff; one the storage quota refused waits as long as the
      // server says (the quota is per minute, so that can take up to a minute) and keeps trying longer.
      for (let failures = 1, throttled = 0; !r.ok && RETRYABLE.has(r.error.code); ) {
        if (r.error.code === 'RATE_LIMITED') {
          if (++throttled > (opts.rateLimitRetries ?? 36)) break;
          await wait(r.error.retryAfterMs ?? (opts.backoffMs ?? 1000) * 4);
        } else {
          if (failures > (opts.retries ?? 4)) break;
          await wait((opts.backoffMs ?? 1000) * 2 ** (failures++ - 1));
        }
        r = await send({ fileName: opts.fileName, importId: opts.importId, rows: chunk });
      }
      if (!r.ok) {
        failure ??= r.error.message;
        return;
      }
      totals.read += r.data.read;
      totals.new += r.data.new;
      totals.known += r.data.known;
      totals.rejected.push(...r.data.rejected);
      sent += chunk.length;
      opts.onProgress?.(sent);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.parallel ?? 2) }, worker));
  totals.rejected.sort((a, b) => a.line - b.line);
  return failure === undefined ? { ok: true, totals } : { ok: false, totals, message: failure };
}

export type FileImport =
  | { kind: 'refused'; message: string }
  | { kind: 'done'; read: number; new: number; known: number; rejected: RowProblem[] }
  | { kind: 'stopped'; read: number; new: number; known: number; rejected: RowProblem[]; message: string };

export interface FileProgress {
  /** The share of the file read, 0..1. */
  read: number;
  /** Rows read so far, and rows saved. */
  rows: number;
  saved: number;
}

/**
 * Reads a file and sends its rows while it is still being read. A file refused as a whole (not a
 * CSV, no header, missing columns) sends nothing; bad rows are listed with the rows the server
 * rejected, by line.
 */
export async function importAuditFile(input: File | string, send: SendChunk, opts: Omit<SendOptions, 'onProgress'> & { onProgress?: (p: FileProgress) => void }): Promise<FileImport> {
  const feed = new RowFeed();
  const progress: FileProgress = { read: 0, rows: 0, saved: 0 };
  const report = () => opts.onProgress?.({ ...progress });
  const parsing = parseAuditFile(input, {
    onProgress: (read) => {
      progress.read = read;
      report();
    },
    onRows: (rows) => {
      progress.rows += rows.length;
      feed.push(rows);
    },
  }).finally(() => feed.end());
  const sending = sendRows(feed, send, {
    ...opts,
    onProgress: (saved) => {
      progress.saved = saved;
      report();
    },
  });
  const [parsed, sent] = await Promise.all([parsing, sending]);
  if (!parsed.ok && sent.totals.read === 0) return { kind: 'refused', message: `${parsed.message} Nothing from this file was imported.` };
  const problems = parsed.ok ? parsed.problems : [];
  const counts = { read: (parsed.ok ? parsed.rows.length : sent.totals.read) + problems.length, new: sent.totals.new, known: sent.totals.known, rejected: [...problems, ...sent.totals.rejected].sort((a, b) => a.line - b.line) };
  if (!sent.ok) return { kind: 'stopped', ...counts, message: `The import stopped: ${sent.message} Import the file again to finish it; the rows already saved are recognised and not stored twice.` };
  if (!parsed.ok) return { kind: 'stopped', ...counts, message: `${parsed.message} The rows before it were imported.` };
  return { kind: 'done', ...counts };
}
