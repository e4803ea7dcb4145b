import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { control, invoke, MODULES, setQuota } from '../support/client';
import { startHostProcess } from '../support/host-process';
import { KvsStore } from '../../local/kvs/store';
import { entityDefsFromManifest } from '../../local/kvs/entities';
import { readManifest } from '../../local/manifest';
import { GENESIS_HASH, sealEntry, type AuditEntry } from '../../src/domain/audit-trail';
import { DEFAULT_SETTINGS } from '../../src/domain/settings';

const ENTRIES = 10_000;
const FORGE_VALUE_LIMIT = 240 * 1024;

describe('an audit trail of 10,000 entries', () => {
  it('is paged, verified end to end across calls, and keeps every value far below 240 KiB', async () => {
    const host = await startHostProcess();
    await host.stop();
    const store = new KvsStore(join(host.dataDir, 'kvs'), entityDefsFromManifest(readManifest('manifest.yml').raw));
    let head = { seq: 0, hash: GENESIS_HASH };
    let largest = 0;
    const ops = [];
    for (let i = 0; i < ENTRIES; i++) {
      const entry: AuditEntry = sealEntry(head, { at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), actor: '712020:0b9e1c55-1d3a-4f0e-a8c2-5e6f7a8b9c04', action: 'settings.save', changes: [{ path: 'clock.reminderThresholds', before: [50, 75], after: [40, 80] }] });
      head = { seq: entry.seq, hash: entry.hash };
      const value = { stream: 'settings', seq: entry.seq, entry };
      largest = Math.max(largest, Buffer.byteLength(JSON.stringify(value)));
      ops.push({ type: 'set' as const, space: { kind: 'entity' as const, entity: 'audit-entry' }, key: `audit:settings:${String(entry.seq).padStart(10, '0')}`, value });
    }
    const record = { version: ENTRIES, doc: DEFAULT_SETTINGS, auditSeq: head.seq, auditHash: head.hash };
    ops.push({ type: 'set' as const, space: { kind: 'entity' as const, entity: 'app-settings' }, key: 'settings', value: record });
    for (let i = 0; i < ops.length; i += 1000) store.write(ops.slice(i, i + 1000));
    await store.close();

    const again = await startHostProcess(host.dataDir);
    try {
      // Verifying 10,000 entries reads ~10,000 quota units in calls one after another: more than a minute's
      // 4,000, so on Forge the calls would meet 429s and continue minutes later. This test is about paging, time
      // per call and value sizes, not the quota (kvs-quota.test.ts).
      await setQuota({ readUnitsPerWindow: 1_000_000 }, again.url);
      // Verified a part per call, each well inside Forge's 25 s, continuing with the cursor each answer gives.
      // These entries predate the entry schema (no record version, no document hash): they verify as before.
      let cursor: string | undefined;
      let calls = 0;
      let checked = 0;
      for (;;) {
        const started = Date.now();
        const verdict = await invoke<{ ok: boolean; count: number; total?: number; cursor?: string }>('jira-admin', MODULES.admin, 'verifyHistory', cursor ? { cursor } : {}, undefined, again.url);
        expect(Date.now() - started, `call ${calls + 1}`).toBeLessThan(25_000);
        calls++;
        expect(verdict.data?.ok, JSON.stringify(verdict.data)).toBe(true);
        expect(verdict.data!.count).toBeGreaterThan(checked);
        checked = verdict.data!.count;
        cursor = verdict.data!.cursor;
        if (!cursor) {
          expect(verdict.data).toEqual({ ok: true, count: ENTRIES });
          break;
        }
        expect(verdict.data).toMatchObject({ total: ENTRIES });
      }
      expect(calls).toBeGreaterThan(1);
      const page = await invoke<{ entries: AuditEntry[]; cursor?: string }>('jira-admin', MODULES.admin, 'history', {}, undefined, again.url);
      expect(page.data?.entries[0]?.seq).toBe(ENTRIES);
      expect(page.data?.cursor).toBeDefined();
      expect(largest).toBeLessThan(FORGE_VALUE_LIMIT / 100);
      // The record itself does not grow with the trail: only the head is kept in it.
      const stored = (await control<unknown>('/__local/store/get?entityName=app-settings&key=settings', undefined, again.url)).body;
      expect(Buffer.byteLength(JSON.stringify(stored))).toBeLessThan(4096);
    } finally {
      await again.stop();
    }
  }, 120_000);
});
