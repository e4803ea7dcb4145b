import { beforeAll, describe, expect, it } from 'vitest';
import { control, panel, reset, setQuota, type Persona } from '../support/client';
import { configureSite } from '../support/directory';
import { PARTNER_REPORT } from '../support/payloads';

/**
 * The largest incident the panel accepts stays within Forge's KVS limits: every stored value under 240 KiB,
 * every transaction at most 25 operations (the local host refuses either, so a save that succeeds proves it).
 * The 10,000-entry audit trail is covered by audit-scale.test.ts.
 */
const VALUE_LIMIT = 240 * 1024;
const INDICATORS = 500;
const PER_CHUNK = 25;
const MAX_VALUE = 2048;
// '€' is 1 character but 3 bytes in UTF-8 JSON, the costliest a note may be (control characters, 6 bytes
// each as \u0001, are refused).
const WORST_NOTE = '€'.repeat(1000);
const ASCII_NOTE = 'n'.repeat(1000);

interface Indicator {
  id: string;
  value: string;
  note: string;
}
interface View {
  version: number;
  indicatorCount: number;
  report: { summary: Record<string, string>; irNotes?: string };
}
/** What an edit of the indicators answers. */
interface Changed {
  incident: View;
  indicators: Indicator[];
}

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');
async function storedValue(key: string, entityName?: string): Promise<{ status: number; body: unknown }> {
  const q = new URLSearchParams({ key, ...(entityName ? { entityName } : {}) });
  return control(`/__local/store/get?${q}`);
}

/** A URL of exactly 2,048 characters, different for each n. */
const longUrl = (n: number) => {
  const head = `https://exfil-${n}.example.com/`;
  return head + 'a'.repeat(MAX_VALUE - head.length);
};

let view: View;
let list: Indicator[];
/** The incident as the panel loads it, with its indicators as the Indicators tab reads them. */
async function loaded(as: Persona) {
  const [load, read] = await Promise.all([panel<{ incident: View }>(as, 'load'), panel<{ version: number; indicators: Indicator[] }>(as, 'indicators')]);
  expect(load.ok && read.ok, JSON.stringify([load.error, read.error])).toBe(true);
  return { load, read, incident: load.data!.incident, indicators: read.data!.indicators };
}

beforeAll(async () => {
  await reset();
  await configureSite({ link: false });
  // Building the largest incident takes ~80 saves of a 1.2 MB incident in seconds (each reads and writes
  // ~130 quota units); a person would take an afternoon. The quota is not what this suite tests.
  await setQuota({ readUnitsPerWindow: 10_000_000, writeUnitsPerWindow: 10_000_000 });
  // Every report text at its maximum; the partner's report and IR's notes.
  const long = 'r'.repeat(10_000);
  const report = { ...PARTNER_REPORT, summary: { whatHappened: long, actionsTaken: long, currentStatus: long }, impact: { ...PARTNER_REPORT.impact, dataExposureDetail: long }, app: { ...PARTNER_REPORT.app, name: 'n'.repeat(200), appKey: 'k'.repeat(200) } };
  let version = (await panel<View>('partner-acme', 'saveReport', { version: 0, report })).data!.version;
  version = (await panel<View>('ir-analyst', 'saveIrNotes', { version, irNotes: 'i'.repeat(10_000) })).data!.version;
  // 500 indicators of 2,048 characters, pasted in pieces that fit Forge's 500 KB invoke.
  const lines = Array.from({ length: INDICATORS }, (_, i) => longUrl(i));
  for (let at = 0; at < lines.length; at += 150) {
    const r = await panel<Changed & { added: number }>('partner-acme', 'addIndicators', { version, text: lines.slice(at, at + 150).join('\n') });
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    expect(r.data?.added).toBe(Math.min(150, INDICATORS - at));
    version = r.data!.incident.version;
    view = r.data!.incident;
    list = r.data!.indicators;
  }
  // 1,000-character notes, the costliest kind in JSON, on whole chunks (the unit that must stay under the
  // limit), plain text on the last chunk. Each note is one save (~0.1 s with 500 indicators in the answer), so by
  // default two chunks are noted; SIZES_ALL_NOTES=1 notes all 500 (about a minute).
  const ids = list.map((i) => i.id);
  const notedChunks = process.env.SIZES_ALL_NOTES ? INDICATORS - PER_CHUNK : 2 * PER_CHUNK;
  const noted = ids.flatMap((id, i) => (i < notedChunks ? [[id, WORST_NOTE] as const] : i >= INDICATORS - PER_CHUNK ? [[id, ASCII_NOTE] as const] : []));
  for (const [id, note] of noted) {
    const r = await panel<Changed>('ir-analyst', 'updateIndicator', { version, id, note, firstSeen: '2026-11-17T08:00:00Z' });
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    version = r.data!.incident.version;
    view = r.data!.incident;
    list = r.data!.indicators;
  }
}, 120_000);

describe('the largest incident', () => {
  it('saves and loads whole: 500 indicators of 2,048 characters, notes at their maximum, report texts at theirs', async () => {
    const { load, read, incident: inc, indicators } = await loaded('ir-analyst');
    expect(inc.indicatorCount).toBe(INDICATORS);
    expect(indicators.map((i) => i.value)).toEqual(Array.from({ length: INDICATORS }, (_, i) => longUrl(i)));
    expect(indicators.slice(0, 2 * PER_CHUNK).every((i) => i.note === WORST_NOTE)).toBe(true);
    expect(indicators.slice(-PER_CHUNK).every((i) => i.note === ASCII_NOTE)).toBe(true);
    expect(inc.report.summary.whatHappened).toHaveLength(10_000);
    expect(inc.report.irNotes).toHaveLength(10_000);
    expect(inc).toEqual(view);
    expect(indicators).toEqual(list);
    // The first render reads the record (and the settings and partner) without the chunks, within the budget of
    // 30 read units; the Indicators tab reads all 20 chunks with the partner, in the same two batches.
    expect(load.kvsOps).toBeLessThanOrEqual(2);
    expect(load.kvsReadUnits).toBeLessThanOrEqual(30);
    expect(read.kvsOps).toBeLessThanOrEqual(2);
  });

  it('keeps every stored value under 240 KiB: the record, each indicator chunk, each audit entry', async () => {
    const record = await storedValue('10001', 'incident');
    expect(record.status).toBe(200);
    const sizes: Record<string, number> = { record: bytes(record.body) };
    const chunks = INDICATORS / PER_CHUNK;
    for (let n = 0; n < chunks; n++) {
      const chunk = await storedValue(`ioc:10001:${n}`);
      expect(chunk.status, `chunk ${n}`).toBe(200);
      expect(chunk.body as unknown[]).toHaveLength(PER_CHUNK);
      sizes[`ioc:10001:${n}`] = bytes(chunk.body);
    }
    expect((await storedValue(`ioc:10001:${chunks}`)).status).toBe(404);
    const seq = (record.body as { auditSeq: number }).auditSeq;
    // Report, notes, the pastes, and one entry per note at least.
    expect(seq).toBeGreaterThanOrEqual(2 + 4 + 3 * PER_CHUNK);
    for (let s = 1; s <= seq; s++) {
      const key = `audit:incident-10001:${String(s).padStart(10, '0')}`;
      const entry = await storedValue(key, 'audit-entry');
      expect(entry.status, key).toBe(200);
      sizes[key] = bytes(entry.body);
    }
    const over = Object.entries(sizes).filter(([, b]) => b >= VALUE_LIMIT);
    expect(over).toEqual([]);
    // The costliest chunk the schema allows (25 × (2,048 + 3,000 bytes)) is big enough that the limit is really tested.
    expect(sizes['ioc:10001:0']).toBeGreaterThan(125 * 1024);
    expect((await panel('ir-analyst', 'verifyHistory')).data).toEqual({ ok: true, count: seq });
  });

  it('rewrites all 20 chunks, the record and its audit entry in one transaction of at most 25 operations', async () => {
    const first = list[0]!;
    // Removing the first indicator shifts every later one into the previous chunk: 20 chunks change at once.
    const r = await panel<Changed>('ir-analyst', 'removeIndicators', { version: view.version, ids: [first.id] });
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    expect(r.data?.indicators).toHaveLength(INDICATORS - 1);
    expect(r.data?.indicators.map((i) => i.id)).toEqual(list.slice(1).map((i) => i.id));
    const last = await storedValue(`ioc:10001:${INDICATORS / PER_CHUNK - 1}`);
    expect(last.body as unknown[]).toHaveLength(PER_CHUNK - 1);
    const after = await loaded('partner-acme');
    expect(after.incident.indicatorCount).toBe(INDICATORS - 1);
    expect(after.indicators).toHaveLength(INDICATORS - 1);
  });

  it('removes 400 long indicators in one call: the chunks no longer read are deleted after the transaction', async () => {
    const before = await loaded('ir-analyst');
    const gone = before.indicators.slice(50, 450).map((i) => i.id);
    const r = await panel<Changed>('partner-acme', 'removeIndicators', { version: before.incident.version, ids: gone });
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    const kept = before.indicators.filter((i) => !gone.includes(i.id));
    expect(r.data?.indicators.map((i) => i.id)).toEqual(kept.map((i) => i.id));
    const after = await loaded('ir-analyst');
    expect(after.indicators.map((i) => i.id)).toEqual(kept.map((i) => i.id));
    expect(after.incident.indicatorCount).toBe(kept.length);
    // Only the chunks still holding indicators remain.
    const chunks = Math.ceil(kept.length / PER_CHUNK);
    expect((await storedValue(`ioc:10001:${chunks - 1}`)).status).toBe(200);
    expect((await storedValue(`ioc:10001:${chunks}`)).status).toBe(404);
    expect((await panel('ir-analyst', 'verifyHistory')).data).toMatchObject({ ok: true });
    // The trail keeps every removed indicator.
    const history = await panel<{ entries: { action: string; version?: number; changes: unknown[] }[] }>('ir-analyst', 'history');
    expect(history.data!.entries.filter((e) => e.action === 'indicators.remove' && e.version === r.data!.incident.version).flatMap((e) => e.changes)).toHaveLength(400);
  });

  it('refuses a save that would take the record past its budget, and stays writable', async () => {
    await reset();
    await configureSite({ link: false });
    // Report texts and IR notes at their maximum in 3-byte characters: about 150 KB of record.
    const long = '€'.repeat(10_000);
    const report = { ...PARTNER_REPORT, summary: { whatHappened: long, actionsTaken: long, currentStatus: long }, impact: { ...PARTNER_REPORT.impact, dataExposureDetail: long } };
    let version = (await panel<View>('partner-acme', 'saveReport', { version: 0, report })).data!.version;
    version = (await panel<View>('ir-analyst', 'saveIrNotes', { version, irNotes: long })).data!.version;
    // 50 mitigations of 1,000 such characters would add another 150 KB.
    const mitigations = Array.from({ length: 50 }, (_, i) => ({ id: `step-${i}`, kind: 'patching', description: '€'.repeat(1000), owner: 'Sam', dueOn: '2026-12-01', status: 'planned' }));
    const digest = async () => (await control<{ sha256: string }>('/__local/store/digest')).body.sha256;
    const before = await digest();
    const full = await panel('partner-acme', 'saveMitigations', { version, mitigations });
    expect(full.error?.code).toBe('INVALID_INPUT');
    // Users may fill 208 KB; the 16 KB above are kept for the app's own writes (reminder claims and markers).
    expect(full.error?.fields?.record).toMatch(/may hold 208 KB/);
    expect(await digest()).toBe(before);
    const fits = await panel<View>('partner-acme', 'saveMitigations', { version, mitigations: mitigations.slice(0, 10) });
    expect(fits.ok, JSON.stringify(fits.error)).toBe(true);
    const record = await storedValue('10001', 'incident');
    expect(bytes(record.body)).toBeLessThan(VALUE_LIMIT);
    // Control characters are refused outright, with the field named.
    const ctl = await panel('ir-analyst', 'saveIrNotes', { version: fits.data!.version, irNotes: 'a\u0001b' });
    expect(ctl.error?.fields?.irNotes).toMatch(/control characters/);
  });
});
