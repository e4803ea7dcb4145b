import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { format, parseISO } from 'date-fns';
import { tz } from '@date-fns/tz';
import { addDaysToDay, importCadence, isCalendarDay, parseStorageAuditCsvLines, toStorageAuditCsv, type StorageAuditEvent } from '../../src/domain/storage-audit';
import { STORAGE_AUDIT_CHUNK_BYTES, STORAGE_AUDIT_CHUNK_ROWS } from '../../src/contract/storage-audit';
import type { ImportChunkResult } from '../../src/contract/storage-audit';
import type { Result } from '../../src/contract/envelope';
import { importAuditFile, parseAuditFile, refuseFile, requestChunks, sendRows, type ParsedRow, type SendChunk } from '../../static/src/admin/storage-audit-import';

// The browser's reading of the console CSV (the domain's reader fed the file a piece at a time) must agree
// with reading the whole text on every event and every line number, and its requests must stay inside Forge's limits.

const HEADER = 'App ID,App name,Site ID,Product,Environment,Installed version,Event,Event date,Location,Target location';
const APP = '3f2a8c1e-5b7d-4e9a-8c6f-1d2e3f4a5b6c';
const ev = (over: Partial<StorageAuditEvent> = {}): StorageAuditEvent => ({
  appId: APP,
  appName: 'acme',
  siteId: '87f02c6d-d051-4671-9338-612c4460f2fb',
  product: 'Jira',
  environment: 'Production',
  installedVersion: '1.0.0',
  event: 'App installed',
  eventDate: '2025-01-10',
  location: 'Global',
  targetLocation: null,
  ...over,
});

/** What the domain's own reader makes of the text, in the browser module's shape. */
function domainReading(text: string) {
  const { rows, errors } = parseStorageAuditCsvLines(text);
  return { rows, problems: errors };
}

describe('isCalendarDay (arithmetic) agrees with a date library round trip', () => {
  const UTC = tz('UTC');
  const roundTrip = (s: string) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
    const d = parseISO(s, { in: UTC });
    return !Number.isNaN(d.getTime()) && format(d, 'yyyy-MM-dd', { in: UTC }) === s;
  };
  it('for every year, month 0-13 and day 0-32', () => {
    const two = (n: number) => String(n).padStart(2, '0');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const s = `${String(y).padStart(4, '0')}-${two(m)}-${two(d)}`;
        expect(isCalendarDay(s)).toBe(roundTrip(s));
      }),
      { numRuns: 5000 },
    );
  });
  it('on the leap-year edges and on malformed text', () => {
    for (const s of ['2024-02-29', '2023-02-29', '1900-02-29', '2000-02-29', '2100-02-29', '2025-04-31', '2025-12-31', '2025-1-01', ' 2025-01-01', '2025-01-01 ', '２０２５-01-01', '']) {
      expect(isCalendarDay(s), s).toBe(roundTrip(s));
    }
  });
});

describe('importCadence', () => {
  it('never imported: due today and overdue', () => {
    expect(importCadence(null, 7, '2026-06-15')).toEqual({ nextDueOn: '2026-06-15', overdue: true });
  });
  it('due cadenceDays after the last import; overdue from the next day, across month and leap-day ends', () => {
    expect(importCadence('2026-06-15', 7, '2026-06-22')).toEqual({ nextDueOn: '2026-06-22', overdue: false });
    expect(importCadence('2026-06-15', 7, '2026-06-23')).toEqual({ nextDueOn: '2026-06-22', overdue: true });
    expect(importCadence('2024-02-25', 7, '2024-03-03')).toEqual({ nextDueOn: '2024-03-03', overdue: false });
    expect(importCadence('2024-02-25', 7, '2024-03-04')).toEqual({ nextDueOn: '2024-03-03', overdue: true });
    expect(importCadence('2026-12-31', 1, '2027-01-01').nextDueOn).toBe('2027-01-01');
  });
  it('addDaysToDay goes both ways through 29 February', () => {
    expect(addDaysToDay('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDaysToDay('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDaysToDay('2026-06-15', -731)).toBe('2024-06-14');
  });
});

describe('parseAuditFile (in pieces) reads exactly what the domain reads of the whole text', () => {
  const field = fc.oneof(
    fc.constantFrom('Jira', 'Confluence', 'Global', 'EU', '1.0.0', 'N/A', ''),
    fc.string({ maxLength: 6 }),
    fc.constantFrom('a, b', 'say "hi"', 'two\nlines', 'crlf\r\ninside', 'lone\rcr'),
  );
  const quote = (s: string) => (/[",\r\n]|^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  const day = fc.constantFrom('2025-01-10', '2024-02-29', '2025-02-29', '2025-13-01', '', '10/01/2025');
  const goodRow = fc.tuple(field, field, day, fc.constantFrom('App installed', 'Migration failed', '')).map(([name, product, date, event]) =>
    [APP, name, '87f02c6d', product, 'Production', '1.0.0', event, date, 'Global', 'N/A'].map(quote).join(','),
  );
  const record = fc.oneof(
    { weight: 6, arbitrary: goodRow },
    { weight: 1, arbitrary: goodRow.map((r) => `${r},extra`) },
    { weight: 1, arbitrary: goodRow.map((r) => r.split(',').slice(0, 7).join(',')) },
    { weight: 1, arbitrary: fc.constantFrom('', '   ', ',,,,,,,,,') },
    // Quoting errors: an opening quote never closed, and text after a closing quote.
    { weight: 1, arbitrary: goodRow.map((r) => r.replace(',', ',"')) },
    { weight: 1, arbitrary: goodRow.map((r) => r.replace(/,[^,"]*,/, ',"x"y,')) },
  );
  const file = fc.tuple(fc.array(record, { maxLength: 30 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), fc.boolean()).map(([rows, nl, bom, trailing]) => `${bom ? '\uFEFF' : ''}${[HEADER, ...rows].join(nl)}${trailing ? nl : ''}`);

  it('the same events, bad rows and line numbers, for any mix of good, bad, blank and multi-line records', async () => {
    await fc.assert(
      fc.asyncProperty(file, async (text) => {
        const ours = await parseAuditFile(text);
        expect(ours.ok).toBe(true);
        if (ours.ok) expect({ rows: ours.rows, problems: ours.problems }).toEqual(domainReading(text));
      }),
      { numRuns: 400 },
    );
  });

  it('after an unclosed quote mid-file, the rows after it still come back with their own lines', async () => {
    const text = [HEADER, toStorageAuditCsv([ev()]).split('\r\n')[1], `${APP},"oops,s,Jira,Production,1,App installed,2025-01-10,Global,N/A`, toStorageAuditCsv([ev({ siteId: 's2' })]).split('\r\n')[1], ''].join('\n');
    const ours = await parseAuditFile(text);
    expect(ours).toEqual({ ok: true, ...domainReading(text) });
    if (ours.ok) {
      expect(ours.rows.map((r) => [r.line, r.event.siteId])).toEqual([
        [2, '87f02c6d-d051-4671-9338-612c4460f2fb'],
        [4, 's2'],
      ]);
      expect(ours.problems).toEqual([{ line: 3, message: expect.stringMatching(/quoted field is not closed/i) }]);
    }
  });

  it('reads 20,000 rows across many chunks with the right line numbers', async () => {
    const events = Array.from({ length: 20_000 }, (_, i) => ev({ siteId: `site-${i}`, appName: i % 1000 === 0 ? 'multi\nline' : 'acme' }));
    const text = toStorageAuditCsv(events);
    const progress: number[] = [];
    const ours = await parseAuditFile(text, { onProgress: (p) => progress.push(p) });
    expect(ours.ok && ours.rows.length).toBe(20_000);
    if (ours.ok) expect(ours.rows).toEqual(domainReading(text).rows);
    expect(progress.length).toBeGreaterThan(5);
    expect(progress[progress.length - 1]).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it.each([
    ['an empty file', '', /file is empty/],
    ['blank lines only', '\n\n  \n', /file is empty/],
    ['missing columns', 'App ID,Site ID,Event\nx,y,z\n', /missing the columns "App name", "Product"/],
    ['JSON', '{"apps": []}\n', /missing the columns/],
    ['binary data', 'PK\u0003\u0004\u0000\u0000,x\n', /not a CSV file/],
    ['an unclosed quote in the header', '"App ID,App name\n', /header row can't be read/],
  ])('refuses %s as a whole', async (_what, text, message) => {
    const ours = await parseAuditFile(text);
    expect(ours.ok).toBe(false);
    if (!ours.ok) expect(ours.message).toMatch(message);
  });

  it('a header alone is a file with no rows', async () => {
    expect(await parseAuditFile(`${HEADER}\r\n`)).toEqual({ ok: true, rows: [], problems: [] });
  });
});

describe('refuseFile', () => {
  const MB = 1024 * 1024;
  it('refuses a 50 MB file, an empty file and what is not CSV; accepts the console download', () => {
    expect(refuseFile({ name: 'audit.csv', size: 50 * MB, type: 'text/csv' })).toMatch(/50\.0 MB; this page reads files up to 25 MB/);
    expect(refuseFile({ name: 'audit.csv', size: 25 * MB + 1, type: 'text/csv' })).toMatch(/up to 25 MB/);
    expect(refuseFile({ name: 'audit.csv', size: 25 * MB, type: 'text/csv' })).toBeNull();
    expect(refuseFile({ name: 'audit.csv', size: 0, type: 'text/csv' })).toMatch(/is empty/);
    expect(refuseFile({ name: 'audit.xlsx', size: 10, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })).toMatch(/not a CSV file/);
    expect(refuseFile({ name: 'audit.csv', size: 10, type: 'application/pdf' })).toMatch(/not a CSV file/);
    expect(refuseFile({ name: 'AUDIT.CSV', size: 10, type: '' })).toBeNull();
    expect(refuseFile({ name: 'audit.csv', size: 10, type: 'application/vnd.ms-excel' })).toBeNull();
  });
});

describe('requestChunks keeps every request inside Forge\u2019s invoke limit', () => {
  const bytes = (rows: ParsedRow[]) => new TextEncoder().encode(JSON.stringify({ functionKey: 'storageAuditImport', payload: { fileName: 'x'.repeat(255), importId: 'y'.repeat(64), rows } })).length;
  const wide = fc.string({ unit: 'grapheme', maxLength: 200 });
  const row = fc.record({ appName: wide, product: wide, location: wide, installedVersion: wide });

  it('at most STORAGE_AUDIT_CHUNK_ROWS rows and under 500,000 bytes each (even with 200-character non-ASCII fields), in order, nothing lost', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 1500 }), fc.integer({ min: 0, max: 1 }), (parts, wideRows) => {
        const rows: ParsedRow[] = parts.map((p, i) => ({ line: i + 2, event: ev(wideRows ? p : {}) }));
        const chunks = requestChunks(rows);
        expect(chunks.flat()).toEqual(rows);
        for (const c of chunks) {
          expect(c.length).toBeGreaterThan(0);
          expect(c.length).toBeLessThanOrEqual(STORAGE_AUDIT_CHUNK_ROWS);
          expect(bytes(c)).toBeLessThanOrEqual(STORAGE_AUDIT_CHUNK_BYTES);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('fills requests: 2,500 ordinary rows make 3 requests of at most 1,000', () => {
    const rows = Array.from({ length: 2500 }, (_, i) => ({ line: i + 2, event: ev({ siteId: `s${i}` }) }));
    expect(requestChunks(rows).map((c) => c.length)).toEqual([1000, 1000, 500]);
  });
});

describe('sendRows', () => {
  const rows = Array.from({ length: 2500 }, (_, i) => ({ line: i + 2, event: ev({ siteId: `s${i}` }) }));
  const ok = (n: number): Result<ImportChunkResult> => ({ ok: true, data: { read: n, new: n, known: 0, rejected: [] } });

  it('retries a request that was rate limited, and adds up every request once', async () => {
    let calls = 0;
    const send: SendChunk = async (req) => (++calls === 2 ? { ok: false, error: { code: 'RATE_LIMITED', message: 'busy' } } : ok(req.rows.length));
    const r = await sendRows(rows, send, { fileName: 'a.csv', importId: 'a', backoffMs: 1 });
    expect(r).toEqual({ ok: true, totals: { read: 2500, new: 2500, known: 0, rejected: [] } });
    expect(calls).toBe(4);
  });

  it('waits as long as the storage quota says and keeps trying while it is spent, past the ordinary retries', async () => {
    let calls = 0;
    const waits: number[] = [];
    let last = Date.now();
    const send: SendChunk = async (req) => {
      const now = Date.now();
      if (calls > 0) waits.push(now - last);
      last = now;
      // Throttled six times in a row (more than the 4 ordinary retries), then served.
      return ++calls <= 6 ? { ok: false, error: { code: 'RATE_LIMITED', message: 'busy', retryAfterMs: 40 } } : ok(req.rows.length);
    };
    const r = await sendRows(rows.slice(0, 10), send, { fileName: 'a.csv', importId: 'a', backoffMs: 1, parallel: 1 });
    expect(r).toEqual({ ok: true, totals: { read: 10, new: 10, known: 0, rejected: [] } });
    expect(calls).toBe(7);
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(35);
  });

  it('gives up when the storage quota stays spent past its retries', async () => {
    let calls = 0;
    const send: SendChunk = async () => {
      calls++;
      return { ok: false, error: { code: 'RATE_LIMITED', message: 'busy', retryAfterMs: 1 } };
    };
    const r = await sendRows(rows.slice(0, 10), send, { fileName: 'a.csv', importId: 'a', rateLimitRetries: 3 });
    expect(r.ok).toBe(false);
    expect(calls).toBe(4);
  });

  it('stops at a lasting failure, says why, and keeps what was counted', async () => {
    const send: SendChunk = async (req) => (req.rows[0]!.line === 1002 ? { ok: false, error: { code: 'FORBIDDEN', message: 'Only Jira administrators can use the app settings.' } } : ok(req.rows.length));
    const r = await sendRows(rows, send, { fileName: 'a.csv', importId: 'a', parallel: 1 });
    expect(r).toEqual({ ok: false, totals: { read: 1000, new: 1000, known: 0, rejected: [] }, message: 'Only Jira administrators can use the app settings.' });
  });

  it('gives up after the retries when the failure lasts', async () => {
    let calls = 0;
    const send: SendChunk = async () => {
      calls++;
      return { ok: false, error: { code: 'INTERNAL', message: "Couldn't reach the app." } };
    };
    const r = await sendRows(rows.slice(0, 10), send, { fileName: 'a.csv', importId: 'a', retries: 2, backoffMs: 1 });
    expect(r.ok).toBe(false);
    expect(calls).toBe(3);
  });

  it('reports the server\u2019s rejected rows sorted by line', async () => {
    const send: SendChunk = async (req) => ({ ok: true, data: { read: req.rows.length, new: req.rows.length - 1, known: 0, rejected: [{ line: req.rows[req.rows.length - 1]!.line, message: 'unknown app' }] } });
    const r = await sendRows(rows, send, { fileName: 'a.csv', importId: 'a', parallel: 3 });
    expect(r.ok && r.totals.rejected.map((p) => p.line)).toEqual([1001, 2001, 2501]);
  });
});

describe('importAuditFile', () => {
  const accept: SendChunk = async (req) => ({ ok: true, data: { read: req.rows.length, new: req.rows.length, known: 0, rejected: [] } });

  it('sends rows while the file is still being read, and counts every row once', async () => {
    const text = toStorageAuditCsv(Array.from({ length: 20_000 }, (_, i) => ev({ siteId: `s${i}` })));
    const readWhenSent: number[] = [];
    let read = 0;
    const lines: number[] = [];
    const r = await importAuditFile(
      text,
      async (req) => {
        readWhenSent.push(read);
        lines.push(...req.rows.map((x) => x.line));
        return accept(req);
      },
      { fileName: 'a.csv', importId: 'a', onProgress: (p) => (read = p.read) },
    );
    expect(r).toEqual({ kind: 'done', read: 20_000, new: 20_000, known: 0, rejected: [] });
    expect(readWhenSent.some((f) => f < 0.5)).toBe(true);
    expect(lines.sort((a, b) => a - b)).toEqual(Array.from({ length: 20_000 }, (_, i) => i + 2));
  });

  it('sends nothing from a file refused as a whole', async () => {
    let calls = 0;
    const r = await importAuditFile('App ID,Site ID\nx,y\n', async (req) => (calls++, accept(req)), { fileName: 'a.csv', importId: 'a' });
    expect(r).toEqual({ kind: 'refused', message: expect.stringMatching(/missing the columns.*Nothing from this file was imported/) });
    expect(calls).toBe(0);
  });

  it('lists the rows it could not read and the rows the server rejected together, by line', async () => {
    const text = `${toStorageAuditCsv([ev(), ev({ siteId: 'b' })])}${APP},a,c,Jira,Production,1,App installed,2025-02-29,Global,N/A\r\n`;
    const r = await importAuditFile(text, async (req) => ({ ok: true, data: { read: req.rows.length, new: 1, known: 0, rejected: [{ line: 3, message: 'unknown app' }] } }), { fileName: 'a.csv', importId: 'a' });
    expect(r).toEqual({ kind: 'done', read: 3, new: 1, known: 0, rejected: [{ line: 3, message: 'unknown app' }, { line: 4, message: expect.stringMatching(/not a calendar date/) }] });
  });

  it('says how far it got when the server refuses for good', async () => {
    const text = toStorageAuditCsv(Array.from({ length: 1500 }, (_, i) => ev({ siteId: `s${i}` })));
    const r = await importAuditFile(text, async (req) => (req.rows[0]!.line === 2 ? accept(req) : { ok: false, error: { code: 'FORBIDDEN', message: 'No.' } }), { fileName: 'a.csv', importId: 'a', parallel: 1 });
    expect(r).toEqual({ kind: 'stopped', read: 1500, new: 1000, known: 0, rejected: [], message: expect.stringMatching(/^The import stopped: No\. Import the file again/) });
  });
});
