// Reading the developer console's storage audit-log CSV in the browser and sending it to the app in
// requests Forge accepts. No React here, so the bench and the unit tests drive the same code in Node.
import { StorageAuditCsvReader, type CsvPiece, type StorageAuditEvent } from '../../../src/domain/storage-audit';
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

export interface ParseOptions {
  /** The share of the file read so far, 0..1. */
  onProgress?: (fraction: number) => void;
  /** Each piece's good rows as soon as they are read, so they can be sent while the rest is read. */
  onRows?: (rows: ParsedRow[]) => void;
}

/** Pieces of a string, yielding between them, so the page (or the bench) stays responsive. */
const STRING_PIECE = 256 * 1024;

/** The file's text a piece at a time, with how much of it has been read (0..1). */
async function* piecesOf(input: File | string): AsyncGenerator<{ text: string; read: number }> {
  if (typeof input === 'string') {
    for (let at = 0; at < input.length; at += STRING_PIECE) {
      await new Promise((ok) => setTimeout(ok, 0));
      yield { text: input.slice(at, at + STRING_PIECE), read: Math.min(1, (at + STRING_PIECE) / input.length) };
    }
    return;
  }
  // The file's own stream: it is never held whole, and a character split between two pieces is decoded once whole.
  const decoder = new TextDecoder('utf-8');
  const reader = input.stream().getReader();
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    yield { text: decoder.decode(value, { stream: true }), read: Math.min(1, bytes / Math.max(1, input.size)) };
  }
  yield { text: decoder.decode(), read: 1 };
}

/**
 * Reads the console's CSV with the domain's own RFC 4180 reader, fed from the file a piece at a time, so rows
 * can be sent while the rest is read. Line numbers are the file's lines (the header is line 1; a quoted line
 * break moves the next record down); a quoting error skips only its own line.
 */
export async function parseAuditFile(input: File | string, opts: ParseOptions = {}): Promise<ParseOutcome> {
  const reader = new StorageAuditCsvReader();
  const rows: ParsedRow[] = [];
  const problems: RowProblem[] = [];
  const take = (piece: CsvPiece): string | undefined => {
    if (piece.refused) return piece.refused.message;
    rows.push(...piece.rows);
    problems.push(...piece.errors);
    if (piece.rows.length > 0) opts.onRows?.(piece.rows);
    return undefined;
  };
  try {
    for await (const { text, read } of piecesOf(input)) {
      const refused = take(reader.push(text));
      if (refused !== undefined) return { ok: false, message: refused };
      opts.onProgress?.(read);
    }
  } catch (e) {
    return { ok: false, message: `The file could not be read: ${e instanceof Error ? e.message : String(e)}` };
  }
  const refused = take(reader.end());
  if (refused !== undefined) return { ok: false, message: refused };
  opts.onProgress?.(1);
  return { ok: true, rows, problems };
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
