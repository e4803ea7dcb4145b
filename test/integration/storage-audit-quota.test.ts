import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { control, hostUrl, invoke, MODULES, panel, reset, setQuota } from '../support/client';
import { ACME_APP_ID, auditEvent, auditSite, consoleDownload } from '../support/fixtures';
import { configureSite } from '../support/directory';
import { importAuditFile, type FileImport, type FileProgress } from '../../static/src/admin/storage-audit-import';
import { eventKey, parseStorageAuditCsv, toStorageAuditCsv, type StorageAuditEvent } from '../../src/domain/storage-audit';
import type { ArchivePage, ImportChunkResult } from '../../src/contract/storage-audit';

// The storage audit-log archive under Forge's storage quota, enforced by the local host: what an import costs
// in quota units, an import that is throttled and backs off, and an archive the earlier version stored.

const ROWS = 100_000;
const metrics = async () => (await control<Record<string, number>>('/__local/metrics')).body;
const admin = <T>(fn: string, payload: unknown = {}) => invoke<T>('jira-admin', MODULES.admin, fn, payload);

/** The settings page's own import module, its requests sent through the host as the bridge would. */
function importCsv(csv: string, importId: string, onProgress?: (p: FileProgress) => void): Promise<FileImport> {
  return importAuditFile(
    csv,
    async (payload) => {
      const r = await fetch(`${hostUrl()}/__local/invoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as: 'jira-admin', moduleKey: MODULES.admin, functionKey: 'storageAuditImport', payload }) });
      return (await r.json()) as never;
    },
    { fileName: `${importId}.csv`, importId, backoffMs: 50, onProgress },
  );
}

async function exportAll(): Promise<StorageAuditEvent[]> {
  let csv = '';
  let cursor: string | undefined;
  do {
    const r = await admin<{ csv: string; cursor?: string }>('storageAuditExport', { appId: ACME_APP_ID, environment: 'production', ...(cursor && { cursor }) });
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    csv += r.data!.csv;
    cursor = r.data!.cursor;
  } while (cursor);
  return parseStorageAuditCsv(csv).events;
}

beforeEach(async () => {
  await reset();
  await control('/__local/clock', { now: '2026-06-15T12:00:00.000Z' });
  // Acme (with its app) in the directory: imported rows must be a partner's app.
  await configureSite({ link: false });
});

describe('storage audit import in quota units', () => {
  it('imports 100,000 rows for a few thousand write units, and a re-import writes nothing', async () => {
    const csv = toStorageAuditCsv(consoleDownload(ROWS));
    const before = await metrics();
    const fresh = await importCsv(csv, 'fresh');
    expect(fresh).toMatchObject({ kind: 'done', read: ROWS, new: ROWS, known: 0 });
    const mid = await metrics();
    const again = await importCsv(csv, 'again');
    expect(again).toMatchObject({ kind: 'done', read: ROWS, new: 0, known: ROWS });
    const after = await metrics();
    // Budget: at most 50 write units per 1,000 rows (one value per event would be 1,000).
    expect(mid.kvsWriteUnits! - before.kvsWriteUnits!).toBeLessThanOrEqual(50 * (ROWS / 1000));
    // A re-import only writes the import log, once per request.
    expect(after.kvsWriteUnits! - mid.kvsWriteUnits!).toBeLessThanOrEqual(ROWS / 1000 + 5);
    expect(after.kvsReadUnits! - mid.kvsReadUnits!).toBeLessThanOrEqual(50 * (ROWS / 1000));
  }, 180_000);

  it('completes when throttled, backing off, and a panel load by another user during the import still answers', async () => {
    // 1,000 write units a window (a 100,000-row import needs ~2,200) and a window far longer than the import, so
    // the quota is spent whatever this machine's speed; the test then opens the next window itself, as the
    // minute's end would, while the import waits and retries on its own.
    const window = { writeUnitsPerWindow: 1000, windowMs: 600_000 };
    await setQuota(window);
    const csv = toStorageAuditCsv(consoleDownload(ROWS));
    let seen = (await metrics()).kvsThrottled!;
    let saved = 0;
    let finished = false;
    const running = importCsv(csv, 'throttled', (p) => (saved = p.saved)).finally(() => (finished = true));
    let windows = 1;
    let loadedWhileThrottled = false;
    while (!finished) {
      await new Promise((ok) => setTimeout(ok, 200));
      const throttled = (await metrics()).kvsThrottled!;
      if (throttled === seen) continue;
      seen = throttled;
      if (!loadedWhileThrottled) {
        // The write quota is spent: IR staff open an incident, which only reads.
        const load = await panel('ir-analyst', 'load');
        expect(load.ok, JSON.stringify(load.error)).toBe(true);
        expect(saved).toBeLessThan(ROWS);
        loadedWhileThrottled = true;
      }
      await setQuota(window);
      windows++;
    }
    const done = await running;
    expect(done).toMatchObject({ kind: 'done', read: ROWS, new: ROWS, known: 0, rejected: [] });
    expect(loadedWhileThrottled).toBe(true);
    expect(windows).toBeGreaterThanOrEqual(3);
    expect(await exportAll()).toHaveLength(ROWS);
  }, 300_000);
});

describe('an archive the earlier version stored (one value per event)', () => {
  const legacy = [auditEvent({ siteId: auditSite(1), eventDate: '2025-01-10' }), auditEvent({ siteId: auditSite(1), eventDate: '2025-03-01', event: 'App uninstalled' }), auditEvent({ siteId: auditSite(2), eventDate: '2025-02-01' })];

  beforeEach(async () => {
    // Written as that version wrote them, behind the app's back (the local host's store/put).
    for (const e of legacy) {
      const key = `${e.eventDate}:${createHash('sha256').update(eventKey(e)).digest('hex')}`;
      const value = { appEnv: `${ACME_APP_ID}:production`, site: `${e.siteId}:jira`, eventDate: e.eventDate, ...(e.event === 'App uninstalled' && { kind: 'app-uninstalled' }), row: e };
      expect((await control('/__local/store/put', { key, value, entityName: 'storage-audit-event' })).status).toBe(200);
    }
  });

  it('keeps it: the archive, the footprint and the export show those events beside newly imported ones', async () => {
    const added = auditEvent({ siteId: auditSite(3), eventDate: '2026-01-05' });
    const r = await admin<ImportChunkResult>('storageAuditImport', { fileName: 'new.csv', rows: [{ line: 2, event: added }] });
    expect(r.data).toEqual({ read: 1, new: 1, known: 0, rejected: [] });
    const page = (await admin<ArchivePage>('storageAuditArchive', { appId: ACME_APP_ID, environment: 'production' })).data!;
    expect(page.sites.map((s) => [s.siteId, s.timeline.length])).toEqual([[auditSite(1), 2], [auditSite(2), 1], [auditSite(3), 1]]);
    const exported = await exportAll();
    expect(exported.map(eventKey).sort()).toEqual([...legacy, added].map(eventKey).sort());
    const fp = await admin<{ sites: { siteId: string }[] }>('storageAuditFootprint', { appId: ACME_APP_ID, environment: 'production', from: '2025-02-15', to: '2026-02-01' });
    // Site 1 was installed until 2025-03-01, inside the window; site 3 since 2026-01-05.
    expect(fp.data?.sites.map((s) => s.siteId)).toEqual([auditSite(1), auditSite(2), auditSite(3)]);
  });

  it('recognises its events on a re-import: "already known", not stored twice', async () => {
    const rows = [...legacy, auditEvent({ siteId: auditSite(4) })].map((event, i) => ({ line: i + 2, event }));
    const r = await admin<ImportChunkResult>('storageAuditImport', { fileName: 'again.csv', rows });
    expect(r.data).toEqual({ read: 4, new: 1, known: 3, rejected: [] });
    expect(await exportAll()).toHaveLength(4);
  });
});
