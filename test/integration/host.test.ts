import { beforeAll, describe, expect, it } from 'vitest';
import { control, hostUrl, invoke, MODULES, panel, reset, type Envelope } from '../support/client';
import { configureSite } from '../support/directory';
import { join } from 'node:path';
import { startHostProcess } from '../support/host-process';
import { KvsStore } from '../../local/kvs/store';

interface FunctionsEntry {
  moduleKey: string;
  moduleType: string;
  functionKeys: string[];
}
interface LoadData {
  viewer: { accountId: string; displayName: string; role: string };
  issue?: { id: string; key: string };
}

beforeAll(async () => {
  await reset();
  // Acme's people are partners on SEC-1 because Acme is in the directory.
  await configureSite({ link: false });
});

describe('the local Forge host', () => {
  it('lists each module with its resolver function keys', async () => {
    const { body } = await control<FunctionsEntry[]>('/__local/functions');
    expect(body.map((m) => m.moduleKey).sort()).toEqual(Object.values(MODULES).sort());
    for (const m of body) expect(m.functionKeys.length).toBeGreaterThan(0);
  });

  it('answers the panel through the real packages, differently for IR staff and a partner', async () => {
    const ir = await panel<LoadData>('ir-analyst', 'load');
    const partner = await panel<LoadData>('partner-acme', 'load');
    expect(ir).toMatchObject({ ok: true, data: { viewer: { role: 'ir', displayName: 'Ines Ramos (Atlassian IR)' }, issue: { key: 'SEC-1', id: '10001' } } });
    expect(partner).toMatchObject({ ok: true, data: { viewer: { role: 'partner', displayName: 'Pat Acheson (Acme Apps)' }, issue: { key: 'SEC-1' } } });
    // The role comes from Jira's answers: two Jira calls (permissions on the issue, the user's groups).
    expect(ir.jiraCalls).toBe(2);
  });

  it("takes the issue from the page's context, never from the payload", async () => {
    const r = await panel('partner-acme', 'load', { issueKey: 'SEC-2' });
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('INVALID_INPUT');
    expect(r.error?.fields).toHaveProperty('issueKey');
    expect((await panel('partner-globex', 'load', {}, 'SEC-1')).error?.code).toBe('FORBIDDEN');
    expect((await panel('partner-globex', 'load', {}, 'SEC-2')).ok).toBe(true);
  });

  it('gives the outsider FORBIDDEN or NOT_FOUND from every function of every module', async () => {
    const { body } = await control<FunctionsEntry[]>('/__local/functions');
    let calls = 0;
    for (const m of body) {
      for (const key of m.functionKeys) {
        for (const issueKey of m.moduleType === 'jira:issuePanel' || m.moduleType === 'jira:issueContext' ? ['SEC-1', 'SEC-2', 'SEC-3'] : [undefined]) {
          const r = await invoke('outsider', m.moduleKey, key, {}, issueKey);
          expect(r.ok, `${m.moduleKey}.${key} ${issueKey ?? ''}`).toBe(false);
          expect(['FORBIDDEN', 'NOT_FOUND']).toContain(r.error?.code);
          calls++;
        }
      }
    }
    expect(calls).toBeGreaterThan(2);
  });

  it('keeps the settings functions to Jira administrators', async () => {
    expect((await invoke('jira-admin', MODULES.admin, 'load')).data).toMatchObject({ viewer: { role: 'admin' } });
    for (const who of ['ir-analyst', 'partner-acme', 'partner-globex', 'outsider'] as const) {
      expect((await invoke(who, MODULES.admin, 'load')).error?.code, who).toBe('FORBIDDEN');
    }
  });

  it('answers bad requests with a clear error and keeps running', async () => {
    const missing = await control<Envelope>('/__local/invoke', { as: 'ir-analyst', moduleKey: MODULES.panel });
    expect(missing.status).toBe(400);
    expect(missing.body.error?.message).toMatch(/functionKey/);
    const unknownPersona = await control<Envelope>('/__local/invoke', { as: 'mallory', moduleKey: MODULES.panel, functionKey: 'load', issueKey: 'SEC-1' });
    expect(unknownPersona.status).toBe(400);
    const unknownKey = await panel('ir-analyst', 'doesNotExist');
    expect(unknownKey.error?.code).toBe('NOT_FOUND');
    const notJson = await fetch(`${hostUrl()}/__local/invoke`, { method: 'POST', body: '{not json' });
    expect(notJson.status).toBe(400);
    const huge = await panel('ir-analyst', 'load', { blob: 'x'.repeat(600 * 1024) });
    expect(huge.status).toBe(413);
    const badClock = await control<Envelope>('/__local/clock', { advanceMs: 'soon' });
    expect(badClock.status).toBe(400);
    expect((await panel('ir-analyst', 'load')).ok).toBe(true);
  });

  it('moves the clock the handlers see', async () => {
    const before = await panel<{ serverNow: string }>('ir-analyst', 'load');
    await control('/__local/clock', { advanceMs: 6 * 3_600_000 });
    const after = await panel<{ serverNow: string }>('ir-analyst', 'load');
    const moved = Date.parse(after.data!.serverNow) - Date.parse(before.data!.serverNow);
    expect(moved).toBeGreaterThanOrEqual(6 * 3_600_000);
    expect(moved).toBeLessThan(6 * 3_600_000 + 60_000);
    await control('/__local/clock', { now: '2026-03-29T00:30:00Z' });
    const set = await panel<{ serverNow: string }>('ir-analyst', 'load');
    expect(Math.abs(Date.parse(set.data!.serverNow) - Date.parse('2026-03-29T00:30:00Z'))).toBeLessThan(60_000);
    await reset();
  });

  it('runs a scheduled trigger on demand', async () => {
    const r = await control<{ result: { statusCode: number } }>('/__local/triggers/timers', {});
    expect(r.status).toBe(200);
    expect(r.body.result).toMatchObject({ statusCode: 204 });
    expect((await control('/__local/triggers/nope', {})).status).toBe(404);
  });
});

describe('host restarts', () => {
  it('keeps KVS data across a stop and start, and reset restores the seed', async () => {
    const digest = async (url: string) => (await control<{ keys: number; sha256: string }>('/__local/store/digest', undefined, url)).body;
    const first = await startHostProcess();
    const seeded = await digest(first.url);
    await first.stop();
    // While the host is down, data lands in its store on disk (as a previous run's writes would).
    const store = new KvsStore(join(first.dataDir, 'kvs'), new Map());
    store.write([{ type: 'set', space: { kind: 'kv' }, key: 'written-before-restart', value: { kept: true } }]);
    await store.close();
    const again = await startHostProcess(first.dataDir);
    try {
      const after = await digest(again.url);
      expect(after.keys).toBe(seeded.keys + 1);
      await control('/__local/reset', {}, again.url);
      expect(await digest(again.url)).toEqual(seeded);
    } finally {
      await again.stop();
    }
  });
});
