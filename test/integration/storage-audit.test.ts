import { beforeEach, describe, expect, it } from 'vitest';
import { control, invoke, MODULES, reset, type Persona } from '../support/client';
import { configureSite } from '../support/directory';
import { ACME_APP_ID, auditEvent, auditSite } from '../support/fixtures';
import { eventKey, parseStorageAuditCsv, type StorageAuditEvent } from '../../src/domain/storage-audit';
import type { ArchivePage, Cadence, Footprint, ImportChunkResult } from '../../src/contract/storage-audit';

// The storage audit-log archive through the local host: the real resolver, @forge/kvs and the
// embedded store, exactly as the settings page calls it.

const admin = <T>(as: Persona, fn: string, payload: unknown = {}) => invoke<T>(as, MODULES.admin, fn, payload);
const digest = async () => (await control<{ sha256: string }>('/__local/store/digest')).body.sha256;
const setNow = (iso: string) => control('/__local/clock', { now: iso });

const OTHER_APP = '0b7e2f4c-9d1a-4c3e-8f5b-6a2d1e0c9b8a';
const NOW = '2026-06-15T12:00:00.000Z';
const TODAY = '2026-06-15';
const site = auditSite;
const ev = auditEvent;

/** `sites` sites, each installed and backfilled: three distinct events per site. */
function bulk(sites: number, firstSite = 0): StorageAuditEvent[] {
  const out: StorageAuditEvent[] = [];
  for (let s = firstSite; s < firstSite + sites; s++) {
    const day = `2025-${String((s % 12) + 1).padStart(2, '0')}-${String((s % 28) + 1).padStart(2, '0')}`;
    out.push(ev({ siteId: site(s), eventDate: day }));
    out.push(ev({ siteId: site(s), eventDate: day, event: 'Forge backfill started' }));
    out.push(ev({ siteId: site(s), eventDate: day, event: 'Forge backfill completed' }));
  }
  return out;
}

const CHUNK = 1000;
async function importFile(events: StorageAuditEvent[], fileName = 'audit.csv', opts: { chunks?: number[] } = {}) {
  const totals = { read: 0, new: 0, known: 0, rejected: [] as ImportChunkResult['rejected'] };
  const count = Math.ceil(events.length / CHUNK);
  for (const c of opts.chunks ?? Array.from({ length: count }, (_, i) => i)) {
    const rows = events.slice(c * CHUNK, (c + 1) * CHUNK).map((event, i) => ({ line: c * CHUNK + i + 2, event }));
    const r = await admin<ImportChunkResult>('jira-admin', 'storageAuditImport', { fileName, importId: fileName.replace(/\W/g, '-'), rows });
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    totals.read += r.data!.read;
    totals.new += r.data!.new;
    totals.known += r.data!.known;
    totals.rejected.push(...r.data!.rejected);
  }
  return totals;
}

async function exportAll(appId = ACME_APP_ID, environment = 'production'): Promise<{ csv: string; pages: number }> {
  let csv = '';
  let cursor: string | undefined;
  let pages = 0;
  do {
    const r = await admin<{ csv: string; rows: number; cursor?: string }>('jira-admin', 'storageAuditExport', { appId, environment, ...(cursor && { cursor }) });
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    csv += r.data!.csv;
    cursor = r.data!.cursor;
    pages++;
  } while (cursor);
  return { csv, pages };
}

const archive = async (environment = 'production', cursor?: string) => {
  const r = await admin<ArchivePage>('jira-admin', 'storageAuditArchive', { appId: ACME_APP_ID, environment, ...(cursor && { cursor }) });
  expect(r.ok, JSON.stringify(r.error)).toBe(true);
  return r.data!;
};

const keys = (events: StorageAuditEvent[]) => events.map(eventKey).sort();

beforeEach(async () => {
  await reset();
  await setNow(NOW);
  await configureSite({ link: false });
});

describe('storage audit import: idempotent and resumable', () => {
  it('stores each row once: a second import of the same file is all "already known" and the export is unchanged', async () => {
    const events = bulk(700); // 2,100 rows, 3 requests
    expect(await importFile(events)).toEqual({ read: 2100, new: 2100, known: 0, rejected: [] });
    const first = await exportAll();
    expect(await importFile(events)).toEqual({ read: 2100, new: 0, known: 2100, rejected: [] });
    const second = await exportAll();
    expect(second.csv).toBe(first.csv);
    expect(keys(parseStorageAuditCsv(second.csv).events)).toEqual(keys(events));
  });

  it('an interrupted import resumed: half the chunks, then the whole file again → exact counts, no duplicates', async () => {
    const events = bulk(1000); // 3,000 rows in 3 chunks
    const half = await importFile(events, 'audit.csv', { chunks: [0, 2] });
    expect(half).toMatchObject({ read: 2000, new: 2000, known: 0 });
    const again = await importFile(events);
    expect(again).toEqual({ read: 3000, new: 1000, known: 2000, rejected: [] });
    const { csv } = await exportAll();
    const exported = parseStorageAuditCsv(csv);
    expect(exported.errors).toEqual([]);
    expect(exported.events).toHaveLength(3000);
    expect(keys(exported.events)).toEqual(keys(events));
  });

  it('two overlapping downloads: the overlap is "already known"', async () => {
    const older = bulk(400, 0); // sites 0..399
    const newer = bulk(400, 200); // sites 200..599: 600 rows overlap
    expect(await importFile(older, 'march.csv')).toMatchObject({ read: 1200, new: 1200, known: 0 });
    expect(await importFile(newer, 'april.csv')).toMatchObject({ read: 1200, new: 600, known: 600 });
    expect(parseStorageAuditCsv((await exportAll()).csv).events).toHaveLength(1800);
  });

  it('a row repeated in one request, or spelled with other case and spacing, is stored once', async () => {
    const a = ev();
    const variant = ev({ event: '  app   INSTALLED ', environment: 'production', product: 'jira', appId: `ari:cloud:ecosystem::app/${ACME_APP_ID.toUpperCase()}` });
    const r = await admin<ImportChunkResult>('jira-admin', 'storageAuditImport', { fileName: 'x.csv', rows: [{ line: 2, event: a }, { line: 3, event: a }, { line: 4, event: variant }] });
    expect(r.data).toEqual({ read: 3, new: 1, known: 2, rejected: [] });
    expect(parseStorageAuditCsv((await exportAll()).csv).events).toEqual([a]);
  });

  it('runs concurrent imports of the same rows without storing or counting any row twice', async () => {
    const events = bulk(300);
    const rows = events.map((event, i) => ({ line: i + 2, event }));
    const results = await Promise.all([1, 2, 3].map(() => admin<ImportChunkResult>('jira-admin', 'storageAuditImport', { fileName: 'same.csv', rows })));
    const added = results.reduce((n, r) => n + r.data!.new, 0);
    expect(added).toBe(900);
    expect(results.every((r) => r.data!.new + r.data!.known === 900)).toBe(true);
    expect(parseStorageAuditCsv((await exportAll()).csv).events).toHaveLength(900);
  });
});

describe('storage audit import: bad input', () => {
  it('rejects rows of an app that is not in the inventory, by line, and keeps the good rows', async () => {
    const rows = [
      { line: 2, event: ev() },
      { line: 3, event: ev({ appId: OTHER_APP }) },
      { line: 7, event: ev({ siteId: site(2) }) },
      { line: 9, event: ev({ appId: OTHER_APP, siteId: site(3) }) },
    ];
    const r = await admin<ImportChunkResult>('jira-admin', 'storageAuditImport', { fileName: 'mixed.csv', rows });
    expect(r.data?.read).toBe(4);
    expect(r.data?.new).toBe(2);
    expect(r.data?.known).toBe(0);
    expect(r.data?.rejected.map((x) => x.line)).toEqual([3, 9]);
    expect(r.data?.rejected[0]?.message).toMatch(new RegExp(`${OTHER_APP}.*in no partner.s app inventory`));
    expect(parseStorageAuditCsv((await exportAll()).csv).events.map((e) => e.siteId).sort()).toEqual([site(1), site(2)]);
    expect(parseStorageAuditCsv((await exportAll(OTHER_APP)).csv).events).toEqual([]);
  });

  it('a request of unknown apps only stores no event and does not count as an import for the cadence', async () => {
    const r = await admin<ImportChunkResult>('jira-admin', 'storageAuditImport', { fileName: 'other.csv', rows: [{ line: 2, event: ev({ appId: OTHER_APP }) }] });
    expect(r.data).toMatchObject({ read: 1, new: 0, known: 0 });
    const c = await admin<Cadence>('jira-admin', 'storageAuditCadence');
    expect(c.data?.lastImportAt).toBeNull();
    expect(c.data?.recent[0]).toMatchObject({ fileName: 'other.csv', rejected: 1 });
  });

  it.each([
    ['a date that does not exist', { fileName: 'a.csv', rows: [{ line: 2, event: ev({ eventDate: '2025-02-29' }) }] }, 'rows.0.event.eventDate'],
    ['an empty Site ID', { fileName: 'a.csv', rows: [{ line: 2, event: ev({ siteId: '  ' }) }] }, 'rows.0.event.siteId'],
    ['a missing column', { fileName: 'a.csv', rows: [{ line: 2, event: { ...ev(), location: undefined } }] }, 'rows.0.event.location'],
    ['an unknown field', { fileName: 'a.csv', rows: [{ line: 2, event: { ...ev(), extra: 'x' } }] }, 'rows.0.event.extra'],
    ['no rows', { fileName: 'a.csv', rows: [] }, 'rows'],
    ['too many rows', { fileName: 'a.csv', rows: Array.from({ length: 1001 }, (_, i) => ({ line: i + 2, event: ev({ siteId: site(i) }) })) }, 'rows'],
    ['no file name', { fileName: ' ', rows: [{ line: 2, event: ev() }] }, 'fileName'],
  ])('refuses a request with %s as a whole, storing nothing', async (_what, payload, field) => {
    const start = await digest();
    const r = await admin('jira-admin', 'storageAuditImport', payload);
    expect(r.error?.code).toBe('INVALID_INPUT');
    expect(Object.keys(r.error?.fields ?? {}), JSON.stringify(r.error)).toContain(field);
    expect(await digest()).toBe(start);
  });

  it('the host refuses a request over Forge\u2019s 500 KB invoke limit, storing nothing', async () => {
    const start = await digest();
    const big = 'x'.repeat(190);
    const rows = Array.from({ length: 1000 }, (_, i) => ({ line: i + 2, event: ev({ siteId: site(i), appName: big, product: big, location: big }) }));
    const r = await admin('jira-admin', 'storageAuditImport', { fileName: 'big.csv', rows });
    expect(r.status).toBe(413);
    expect(await digest()).toBe(start);
  });
});

describe('storage audit archive', () => {
  it('shows each site with state, version, location, a timeline, "download again before", failed migrations and the two-year horizon', async () => {
    const events = [
      // Site 1: installed, migrated to the EU, upgraded.
      ev({ siteId: site(1), eventDate: '2025-01-10' }),
      ev({ siteId: site(1), eventDate: '2025-03-01', event: 'Migration scheduled', targetLocation: 'EU' }),
      ev({ siteId: site(1), eventDate: '2025-03-02', event: 'Migration completed', location: 'EU', targetLocation: 'EU' }),
      ev({ siteId: site(1), eventDate: '2026-02-01', event: 'App installed', installedVersion: '2.0.0', location: 'EU' }),
      // Site 2: uninstalled 10 days ago: the console still has its logs for 20 more days.
      ev({ siteId: site(2), eventDate: '2026-01-05' }),
      ev({ siteId: site(2), eventDate: '2026-06-05', event: 'App uninstalled' }),
      // Site 3: uninstalled 40 days ago: the console has erased its logs; the archive keeps them.
      ev({ siteId: site(3), eventDate: '2026-01-05' }),
      ev({ siteId: site(3), eventDate: '2026-05-06', event: 'App uninstalled' }),
      // Site 4: its latest migration failed.
      ev({ siteId: site(4), eventDate: '2025-02-01' }),
      ev({ siteId: site(4), eventDate: '2026-04-01', event: 'Migration failed', targetLocation: 'US' }),
      // Site 5: installed on 2024-06-20: the console erases that event on 2026-06-20, within 30 days.
      ev({ siteId: site(5), eventDate: '2024-06-20' }),
      // Site 6: installed 2024-06-01: the console erased it on 2026-06-01.
      ev({ siteId: site(6), eventDate: '2024-06-01' }),
      // Another environment and another product of site 1 stay apart.
      ev({ siteId: site(1), environment: 'Staging' }),
      ev({ siteId: site(1), product: 'Confluence', eventDate: '2025-05-05' }),
    ];
    expect(await importFile(events)).toMatchObject({ new: events.length });
    const page = await archive();
    expect(page.today).toBe(TODAY);
    expect(page.cursor).toBeUndefined();
    const of = (n: number, product = 'Jira') => page.sites.find((s) => s.siteId === site(n) && s.product === product);
    expect(page.sites.map((s) => `${s.siteId.slice(-1)}:${s.product}`)).toEqual(['1:Confluence', '1:Jira', '2:Jira', '3:Jira', '4:Jira', '5:Jira', '6:Jira']);
    expect(of(1)).toMatchObject({ state: 'installed', since: '2025-01-10', installedVersion: '2.0.0', location: 'EU' });
    expect(of(1)!.timeline.map((t) => [t.eventDate, t.event])).toEqual([
      ['2025-01-10', 'App installed'],
      ['2025-03-01', 'Migration scheduled'],
      ['2025-03-02', 'Migration completed'],
      ['2026-02-01', 'App installed'],
    ]);
    expect(of(1)!.timeline[0]!.consoleDeletesOn).toBe('2027-01-10');
    expect(of(2)).toMatchObject({ state: 'uninstalled', since: '2026-06-05', downloadAgainBefore: '2026-07-05' });
    expect(of(3)).toMatchObject({ state: 'uninstalled', since: '2026-05-06', consoleLogsErasedOn: '2026-06-05' });
    expect(of(3)!.downloadAgainBefore).toBeUndefined();
    expect(of(4)).toMatchObject({ state: 'installed', failedMigration: { date: '2026-04-01', targetLocation: 'US' } });

    const a = page.attention!;
    expect(a.downloadAgainBefore).toEqual([{ siteId: site(2), product: 'Jira', uninstalledOn: '2026-06-05', downloadAgainBefore: '2026-07-05' }]);
    expect(a.failedMigrations).toEqual([{ siteId: site(4), product: 'Jira', date: '2026-04-01', targetLocation: 'US' }]);
    expect(a.nearHorizon).toMatchObject({ windowDays: 30, count: 1, more: false });
    expect(a.nearHorizon.shown).toEqual([{ siteId: site(5), product: 'Jira', event: 'App installed', eventDate: '2024-06-20', consoleDeletesOn: '2026-06-20' }]);
    expect(a.beyondHorizon).toEqual({ count: 1, more: false });

    const staging = await archive('Staging');
    expect(staging.sites.map((s) => s.siteId)).toEqual([site(1)]);
  });

  it('the horizon is exact to the day: an event the console erases today is still "near", yesterday\u2019s is "beyond"', async () => {
    await importFile([ev({ siteId: site(1), eventDate: '2024-06-15' }), ev({ siteId: site(2), eventDate: '2024-06-14' }), ev({ siteId: site(3), eventDate: '2024-07-15' }), ev({ siteId: site(4), eventDate: '2024-07-16' })]);
    const a = (await archive()).attention!;
    expect(a.nearHorizon.shown.map((e) => e.eventDate)).toEqual(['2024-06-15', '2024-07-15']);
    expect(a.beyondHorizon.count).toBe(1);
  });

  it('a recent uninstall followed by a reinstall needs no download; a failed migration that later completed is not listed', async () => {
    await importFile([
      ev({ siteId: site(1), eventDate: '2026-06-01', event: 'App uninstalled' }),
      ev({ siteId: site(1), eventDate: '2026-06-03' }),
      ev({ siteId: site(2), eventDate: '2026-01-01', event: 'Migration failed', targetLocation: 'EU' }),
      ev({ siteId: site(2), eventDate: '2026-01-09', event: 'Migration completed', targetLocation: 'EU', location: 'EU' }),
    ]);
    const a = (await archive()).attention!;
    expect(a.downloadAgainBefore).toEqual([]);
    expect(a.failedMigrations).toEqual([]);
  });

  it('pages through many sites: whole sites per page, every site exactly once', async () => {
    const events = bulk(1500); // 4,500 events
    await importFile(events);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await archive('production', cursor);
      for (const s of page.sites) {
        expect(s.timeline).toHaveLength(3);
        seen.push(s.siteId);
      }
      // Only the first page looks for what needs attention.
      if (pages === 0) expect(page.attention).toBeDefined();
      else expect(page.attention).toBeUndefined();
      cursor = page.cursor;
      pages++;
    } while (cursor);
    expect(pages).toBeGreaterThan(1);
    expect(seen).toEqual(Array.from({ length: 1500 }, (_, i) => site(i)));
  });
});

describe('storage audit cadence', () => {
  it('is overdue before the first import, due `importCadenceDays` after the last one, and overdue the day after', async () => {
    let c = await admin<Cadence>('jira-admin', 'storageAuditCadence');
    expect(c.data).toMatchObject({ lastImportAt: null, cadenceDays: 7, today: TODAY, nextDueOn: TODAY, overdue: true, recent: [] });

    await importFile(bulk(2), 'june.csv');
    c = await admin<Cadence>('jira-admin', 'storageAuditCadence');
    // The host's clock keeps running from NOW.
    const at = expect.stringMatching(/^2026-06-15T12:00:0\d\.\d{3}Z$/);
    expect(c.data).toMatchObject({ lastImportAt: at, nextDueOn: '2026-06-22', overdue: false });
    expect(c.data?.recent).toEqual([{ fileName: 'june.csv', at, read: 6, new: 6, known: 0, rejected: 0 }]);

    await setNow('2026-06-22T23:59:00.000Z');
    expect((await admin<Cadence>('jira-admin', 'storageAuditCadence')).data).toMatchObject({ today: '2026-06-22', overdue: false });
    await setNow('2026-06-23T00:00:00.000Z');
    expect((await admin<Cadence>('jira-admin', 'storageAuditCadence')).data).toMatchObject({ today: '2026-06-23', overdue: true });
  });

  it('adds up the requests of one file into one log entry, newest file first', async () => {
    await importFile(bulk(500), 'a.csv'); // 2 requests
    await importFile(bulk(10), 'b.csv');
    const c = await admin<Cadence>('jira-admin', 'storageAuditCadence');
    expect(c.data?.recent).toEqual([
      expect.objectContaining({ fileName: 'b.csv', read: 30, new: 0, known: 30 }),
      expect.objectContaining({ fileName: 'a.csv', read: 1500, new: 1500, known: 0 }),
    ]);
  });
});

describe('storage audit export', () => {
  it('round-trips: the export in the console\u2019s format parses back to exactly the imported events, header once, oldest first', async () => {
    const events = [...bulk(2000), ev({ siteId: site(9999), appName: 'has, "quotes"', targetLocation: 'EU', event: 'Migration scheduled', eventDate: '2024-12-31' })];
    await importFile(events);
    const { csv, pages } = await exportAll();
    expect(pages).toBe(2);
    expect(csv.startsWith('App ID,App name,Site ID,Product,Environment,Installed version,Event,Event date,Location,Target location\r\n')).toBe(true);
    expect(csv.match(/App ID,App name/g)).toHaveLength(1);
    const parsed = parseStorageAuditCsv(csv);
    expect(parsed.errors).toEqual([]);
    expect(keys(parsed.events)).toEqual(keys(events));
    expect(parsed.events[0]?.eventDate).toBe('2024-12-31');
    const dates = parsed.events.map((e) => e.eventDate);
    expect(dates).toEqual([...dates].sort());
    expect(parsed.events.find((e) => e.siteId === site(9999))).toEqual(events[events.length - 1]);
  });

  it('exports only a header for an app and environment without events', async () => {
    expect((await exportAll(ACME_APP_ID, 'development')).csv).toBe('App ID,App name,Site ID,Product,Environment,Installed version,Event,Event date,Location,Target location\r\n');
  });
});

describe('storage audit footprint for an incident window', () => {
  it('lists the sites installed on any day of the window, with the versions they ran then', async () => {
    await importFile([
      // Installed long before and still installed, upgraded during the window.
      ev({ siteId: site(1), eventDate: '2025-01-01', installedVersion: '1.0.0' }),
      ev({ siteId: site(1), eventDate: '2026-03-10', installedVersion: '1.1.0' }),
      // Uninstalled the day the window opens: counts (the uninstall day is installed).
      ev({ siteId: site(2), eventDate: '2025-01-01', installedVersion: '1.0.0' }),
      ev({ siteId: site(2), eventDate: '2026-03-01', event: 'App uninstalled', installedVersion: '1.0.0' }),
      // Uninstalled the day before: does not count.
      ev({ siteId: site(3), eventDate: '2025-01-01' }),
      ev({ siteId: site(3), eventDate: '2026-02-28', event: 'App uninstalled' }),
      // Installed on the window's last day: counts.
      ev({ siteId: site(4), eventDate: '2026-03-31', installedVersion: '1.1.0' }),
      // Installed the day after: does not count.
      ev({ siteId: site(5), eventDate: '2026-04-01', installedVersion: '1.1.0' }),
      // Uninstalled before, reinstalled during: only the version it ran during the window.
      ev({ siteId: site(6), eventDate: '2024-01-01', installedVersion: '0.9.0' }),
      ev({ siteId: site(6), eventDate: '2024-02-01', event: 'App uninstalled', installedVersion: '0.9.0' }),
      ev({ siteId: site(6), eventDate: '2026-03-15', installedVersion: '1.1.0' }),
      // Another environment: not counted.
      ev({ siteId: site(7), eventDate: '2025-01-01', environment: 'Staging' }),
    ]);
    const r = await admin<Footprint>('jira-admin', 'storageAuditFootprint', { appId: ACME_APP_ID, environment: 'production', from: '2026-03-01', to: '2026-03-31' });
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    expect(r.data).toEqual({
      archiveOverdue: false,
      sites: [
        { siteId: site(1), versions: ['1.0.0', '1.1.0'] },
        { siteId: site(2), versions: ['1.0.0'] },
        { siteId: site(4), versions: ['1.1.0'] },
        { siteId: site(6), versions: ['1.1.0'] },
      ],
    });
  });

  it('pages through a large archive: every site once, across pages', async () => {
    // 51,000 events (more than one page), sorted by day as the console writes its download (a file in another
    // order rewrites every day it touches in every request: far more write units).
    await importFile(bulk(17_000).sort((a, b) => (a.eventDate < b.eventDate ? -1 : a.eventDate > b.eventDate ? 1 : 0)));
    const found: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const r = await admin<Footprint>('jira-admin', 'storageAuditFootprint', { appId: ACME_APP_ID, environment: 'production', from: '2025-06-01', to: '2025-06-30', ...(cursor && { cursor }) });
      expect(r.ok, JSON.stringify(r.error)).toBe(true);
      found.push(...r.data!.sites.map((s) => s.siteId));
      cursor = r.data!.cursor;
      pages++;
    } while (cursor);
    expect(pages).toBeGreaterThan(1);
    // bulk(): site s is installed on 2025-((s % 12) + 1)-((s % 28) + 1); installed in June 2025 are those installed by its end.
    const expected = Array.from({ length: 17_000 }, (_, s) => s).filter((s) => (s % 12) + 1 <= 6).map(site);
    expect(found).toEqual(expected);
  });

  it('refuses a window that ends before it starts, or days that do not exist', async () => {
    for (const [from, to] of [['2026-03-02', '2026-03-01'], ['2026-02-30', '2026-03-01']] as const) {
      const r = await admin('jira-admin', 'storageAuditFootprint', { appId: ACME_APP_ID, environment: 'production', from, to });
      expect(r.error?.code).toBe('INVALID_INPUT');
    }
  });
});

describe('storage audit: who may use it', () => {
  const CALLS: Record<string, unknown> = {
    storageAuditImport: { fileName: 'a.csv', rows: [{ line: 2, event: ev() }] },
    storageAuditArchive: { appId: ACME_APP_ID, environment: 'production' },
    storageAuditCadence: {},
    storageAuditExport: { appId: ACME_APP_ID, environment: 'production' },
    storageAuditFootprint: { appId: ACME_APP_ID, environment: 'production', from: '2026-01-01', to: '2026-01-31' },
  };

  it('answers FORBIDDEN to IR staff, partners and outsiders on the settings page, and changes nothing', async () => {
    const start = await digest();
    for (const as of ['ir-analyst', 'partner-acme', 'partner-globex', 'outsider'] as const) {
      for (const [fn, payload] of Object.entries(CALLS)) {
        const r = await admin(as, fn, payload);
        expect(r.error?.code, `${as} ${fn}`).toBe('FORBIDDEN');
      }
    }
    expect(await digest()).toBe(start);
  });

  it('is not reachable from the issue panel or the global page, even for a Jira admin', async () => {
    const start = await digest();
    for (const moduleKey of [MODULES.panel, MODULES.global]) {
      for (const [fn, payload] of Object.entries(CALLS)) {
        const r = await invoke('jira-admin', moduleKey, fn, payload, moduleKey === MODULES.panel ? 'SEC-1' : undefined);
        expect(['NOT_FOUND', 'FORBIDDEN'], `${moduleKey} ${fn}`).toContain(r.error?.code);
      }
    }
    expect(await digest()).toBe(start);
  });
});
