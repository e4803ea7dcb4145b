import { beforeEach, describe, expect, it } from 'vitest';
import { control, invoke, MODULES, panel, reset } from '../support/client';
import { ACME_APP_ID, ACME_PARTNER, consoleDownload, GLOBEX_PARTNER, VALID_SETTINGS } from '../support/fixtures';
import type { ImportChunkResult } from '../../src/contract/storage-audit';

interface SelfTest {
  assumptions: { id: string; holds: boolean; observed: string }[];
  cleanedUp: boolean;
}
interface View {
  version: number;
}
const quirks = (q: Record<string, unknown>) => control('/__local/kvs/quirks', q);
const selfTest = async () => (await invoke<SelfTest>('jira-admin', MODULES.admin, 'platformSelfTest')).data!;
const admin = <T>(fn: string, payload: unknown) => invoke<T>('jira-admin', MODULES.admin, fn, payload);
const holds = (t: SelfTest) => Object.fromEntries(t.assumptions.map((a) => [a.id, a.holds]));
const outreach = (version: number, issueKey = 'SEC-1') => panel<View>('ir-analyst', 'recordOutreach', { version, at: '2026-11-23T09:00:00.000Z', channel: 'email', message: 'Please confirm' }, issueKey);

beforeEach(async () => {
  await reset();
  await control('/__local/clock', { now: '2026-11-23T09:00:00.000Z' });
});

// Where Forge KVS is undocumented the emulator can answer either way (local/kvs/quirks.ts): the self-test
// reports what it finds, and the app saves, conflicts and reads correctly whichever way it is.
describe('the KVS assumptions, either way', () => {
  it('reports every assumption as holding on the default emulator, and leaves no scratch data', async () => {
    const before = (await control<{ sha256: string }>('/__local/store/digest')).body.sha256;
    const t = await selfTest();
    expect(holds(t)).toEqual({ 'not-exists-on-missing-key': true, 'failed-condition-code': true, 'batch-get-missing-key': true, 'get-missing-key': true, 'index-read-after-write': true });
    expect(t.cleanedUp).toBe(true);
    expect((await control<{ sha256: string }>('/__local/store/digest')).body.sha256).toBe(before);
  });

  it('when notExists() fails on a missing key and the code is another: first saves still work, one winner, the loser gets CONFLICT', async () => {
    await quirks({ conditionPassesOnMissingKey: false, conditionFailedCode: 'PRECONDITION_FAILED' });
    const t = await selfTest();
    expect(holds(t)).toMatchObject({ 'not-exists-on-missing-key': false, 'failed-condition-code': true });
    expect(t.assumptions.find((a) => a.id === 'failed-condition-code')?.observed).toContain('PRECONDITION_FAILED');

    const first = await outreach(0);
    expect(first.ok, JSON.stringify(first.error)).toBe(true);
    expect((await outreach(0)).error?.code).toBe('CONFLICT');
    expect((await outreach(first.data!.version)).ok).toBe(true);
    expect((await panel('ir-analyst', 'load')).ok).toBe(true);

    // Two first saves of another incident at once: exactly one is kept.
    const both = await Promise.all([outreach(0, 'SEC-2'), outreach(0, 'SEC-2')]);
    expect(both.map((r) => (r.ok ? 'ok' : r.error?.code)).sort()).toEqual(['CONFLICT', 'ok']);
    expect((await panel('ir-analyst', 'history', {}, 'SEC-2')).data).toMatchObject({ entries: [expect.anything()] });
  });

  it('reads incidents whichever way batchGet reports a missing key', async () => {
    for (const q of [{ batchMissing: 'failed', missingCode: 'NOT_FOUND' }, { batchMissing: 'omitted' }, { batchMissing: 'empty' }]) {
      await reset();
      await quirks(q);
      expect(holds(await selfTest())['batch-get-missing-key'], JSON.stringify(q)).toBe(true);
      const saved = await outreach(0);
      expect(saved.ok, JSON.stringify(q)).toBe(true);
      expect((await panel<{ incident: View }>('partner-acme', 'load')).data?.incident.version, JSON.stringify(q)).toBe(saved.data!.version);
    }
  });

  it('when notExists() fails on a missing key: partners still claim their groups and apps, once, and a lost save claims nothing', async () => {
    await quirks({ conditionPassesOnMissingKey: false });
    const acme = await admin<{ version: number; partner: { id: string } }>('savePartner', { id: null, version: 0, partner: ACME_PARTNER });
    expect(acme.ok, JSON.stringify(acme.error)).toBe(true);
    // Acme's group and app are claimed: Globex cannot take them.
    const taken = await admin('savePartner', { id: null, version: 0, partner: { ...GLOBEX_PARTNER, memberGroups: ACME_PARTNER.memberGroups } });
    expect(taken.error?.fields?.['partner.memberGroups.0']).toMatch(/already belongs to the partner Acme/);
    // A second group on a later save is claimed too.
    const more = await admin<{ version: number }>('savePartner', { id: acme.data!.partner.id, version: acme.data!.version, partner: { ...ACME_PARTNER, memberGroups: [...ACME_PARTNER.memberGroups, 'jira-users'] } });
    expect(more.ok, JSON.stringify(more.error)).toBe(true);
    expect((await admin('savePartner', { id: null, version: 0, partner: { ...GLOBEX_PARTNER, memberGroups: ['jira-users'] } })).error?.fields?.['partner.memberGroups.0']).toMatch(/Acme/);
    // A save from a stale version fails whole: the group it named stays free.
    const stale = await admin('savePartner', { id: acme.data!.partner.id, version: acme.data!.version, partner: { ...ACME_PARTNER, memberGroups: [...ACME_PARTNER.memberGroups, 'partner-globex-security'] } });
    expect(stale.error?.code).toBe('CONFLICT');
    const globex = await admin('savePartner', { id: null, version: 0, partner: GLOBEX_PARTNER });
    expect(globex.ok, JSON.stringify(globex.error)).toBe(true);
  });

  it('when notExists() fails on a missing key: the storage audit import stores every row once, and a re-import finds them known', async () => {
    await quirks({ conditionPassesOnMissingKey: false });
    expect((await admin('save', { version: 0, settings: VALID_SETTINGS })).ok).toBe(true);
    expect((await admin('savePartner', { id: null, version: 0, partner: ACME_PARTNER })).ok).toBe(true);
    const rows = consoleDownload(300, 3).map((event, i) => ({ line: i + 2, event }));
    const first = await admin<ImportChunkResult>('storageAuditImport', { fileName: 'a.csv', rows });
    expect(first.data, JSON.stringify(first.error)).toEqual({ read: 300, new: 300, known: 0, rejected: [] });
    const again = await admin<ImportChunkResult>('storageAuditImport', { fileName: 'b.csv', rows });
    expect(again.data, JSON.stringify(again.error)).toEqual({ read: 300, new: 0, known: 300, rejected: [] });
    const exported = await admin<{ csv: string; cursor?: string }>('storageAuditExport', { appId: ACME_APP_ID, environment: 'production' });
    expect(exported.data?.cursor).toBeUndefined();
    expect(exported.data!.csv.trim().split('\n')).toHaveLength(301);
  });
});
