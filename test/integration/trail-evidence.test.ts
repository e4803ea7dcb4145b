import { beforeEach, describe, expect, it } from 'vitest';
import { control, panel, reset } from '../support/client';
import { configureSite } from '../support/directory';
import { PARTNER_REPORT } from '../support/payloads';
import type { AuditEntry } from '../../src/domain/audit-trail';

interface StoredRecord {
  version: number;
  auditSeq: number;
  auditHash: string;
  doc: { report: { summary: { currentStatus: string } } };
}
interface StoredEntry {
  stream: string;
  seq: number;
  entry: AuditEntry;
}

const STREAM = 'incident-10001';
const entryKey = (seq: number) => `audit:${STREAM}:${String(seq).padStart(10, '0')}`;
const record = async () => (await control<StoredRecord>('/__local/store/get?entityName=incident&key=10001')).body;
const entry = async (seq: number) => (await control<StoredEntry>(`/__local/store/get?entityName=audit-entry&key=${entryKey(seq)}`)).body;
const putRecord = (value: StoredRecord) => control('/__local/store/put', { key: '10001', entityName: 'incident', value });
const verify = async () => (await panel('ir-analyst', 'verifyHistory')).data;

/** Three saves of the report: a trail of three entries, the record at version 3. */
async function threeSaves(): Promise<void> {
  let version = 0;
  for (const status of ['Investigating', 'Contained', 'Recovered']) {
    const r = await panel<{ version: number }>('partner-acme', 'saveReport', { version, report: { ...PARTNER_REPORT, summary: { ...PARTNER_REPORT.summary, currentStatus: status } } });
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    version = r.data!.version;
  }
  expect(await verify()).toEqual({ ok: true, count: 3 });
}

beforeEach(async () => {
  await reset();
  // Acme in the directory: its people are partners on SEC-1 (the incident becomes Acme's on their first save).
  await configureSite({ link: false });
  await threeSaves();
});

describe('the audit trail as evidence', () => {
  it('carries the record version and the document hash in each entry', async () => {
    const e = (await entry(3)).entry;
    expect(e).toMatchObject({ v: 2, version: 3 });
    expect(e.docHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('detects a rewritten document', async () => {
    const r = await record();
    await putRecord({ ...r, doc: { ...r.doc, report: { ...r.doc.report, summary: { ...r.doc.report.summary, currentStatus: 'Nothing happened' } } } });
    expect(await verify()).toMatchObject({ ok: false, seq: 3, reason: expect.stringMatching(/document was changed/) });
  });

  it('detects a truncated tail whose record head was rewritten to match', async () => {
    const second = (await entry(2)).entry;
    expect((await control('/__local/store/delete', { key: entryKey(3), entityName: 'audit-entry' })).status).toBe(200);
    await putRecord({ ...(await record()), auditSeq: 2, auditHash: second.hash });
    expect(await verify()).toMatchObject({ ok: false, seq: 2, reason: expect.stringMatching(/version 3 .*version 2/) });
  });

  it('detects a head moved back onto an earlier entry', async () => {
    const first = (await entry(1)).entry;
    await putRecord({ ...(await record()), auditSeq: 1, auditHash: first.hash });
    expect(await verify()).toMatchObject({ ok: false, reason: 'the trail ends at entry 3 but the record says 1' });
  });

  it('detects a truncated tail left behind a record head', async () => {
    expect((await control('/__local/store/delete', { key: entryKey(3), entityName: 'audit-entry' })).status).toBe(200);
    expect(await verify()).toMatchObject({ ok: false, reason: 'the trail ends at entry 2 but the record says 3' });
  });

  it('tolerates an index that has not caught up: the newest entry is read by its key', async () => {
    // The entry stays under its key but leaves the stream's index, as right after a save while the index lags.
    const last = await entry(3);
    await control('/__local/store/put', { key: entryKey(3), entityName: 'audit-entry', value: { ...last, stream: 'not-yet-indexed' } });
    expect(await verify()).toEqual({ ok: true, count: 3 });
  });

  it('refuses a cursor it did not hand out', async () => {
    for (const cursor of ['garbage', `3.${'0'.repeat(64)}..not-a-kvs-cursor`, '']) {
      const r = await panel('ir-analyst', 'verifyHistory', { cursor });
      expect(r.error?.code, cursor).toBe('INVALID_INPUT');
      expect(r.error?.fields?.cursor, cursor).toBeDefined();
    }
  });
});
