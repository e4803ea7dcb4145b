import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { control, invoke, MODULES, reset, type Persona } from '../support/client';
import { exportSettings } from '../../src/domain/settings';
import { ACME_PARTNER, VALID_SETTINGS } from '../support/fixtures';

interface View {
  version: number;
  settings: typeof VALID_SETTINGS;
  repair: { message: string } | null;
  previousVersionPartner: { name: string; needsMemberGroups?: boolean; apps: unknown[] } | null;
}
const admin = <T = View>(as: Persona, fn: string, payload: unknown = {}) => invoke<T>(as, MODULES.admin, fn, payload);
const digest = async () => (await control<{ sha256: string }>('/__local/store/digest')).body.sha256;
const clone = <T>(x: T): T => structuredClone(x);

const FUNCTIONS: Record<string, unknown> = {
  load: {},
  save: { version: 0, settings: VALID_SETTINGS },
  importSettings: { version: 0, text: exportSettings(VALID_SETTINGS as never, [], new Date()) },
  partners: {},
  savePartner: { id: null, version: 0, partner: ACME_PARTNER },
  groups: { query: 'inc' },
  history: {},
  verifyHistory: {},
};

beforeEach(async () => {
  await reset();
});

describe('settings page: who may use it', () => {
  it('lets a Jira admin save and read back the settings', async () => {
    const before = await admin('jira-admin', 'load');
    expect(before).toMatchObject({ ok: true, data: { version: 0, repair: null, previousVersionPartner: null } });
    const saved = await admin('jira-admin', 'save', { version: 0, settings: VALID_SETTINGS });
    expect(saved.ok).toBe(true);
    expect(saved.data?.version).toBe(1);
    const after = await admin('jira-admin', 'load');
    expect(after.data?.settings).toEqual(VALID_SETTINGS);
  });

  it('answers FORBIDDEN to IR staff, partners and outsiders from every settings function, and changes nothing', async () => {
    const start = await digest();
    for (const as of ['ir-analyst', 'partner-acme', 'partner-globex', 'outsider'] as const) {
      for (const [fn, payload] of Object.entries(FUNCTIONS)) {
        const r = await admin(as, fn, payload);
        expect(r.ok, `${as} ${fn}`).toBe(false);
        expect(r.error?.code, `${as} ${fn}`).toBe('FORBIDDEN');
      }
    }
    expect(await digest()).toBe(start);
  });

  it('does not answer settings functions from the issue panel or the global page, even for a Jira admin', async () => {
    await admin('jira-admin', 'save', { version: 0, settings: VALID_SETTINGS });
    const start = await digest();
    for (const moduleKey of [MODULES.panel, MODULES.global]) {
      for (const as of ['jira-admin', 'ir-analyst', 'partner-acme'] as const) {
        for (const [fn, payload] of Object.entries(FUNCTIONS)) {
          if (fn === 'load') continue; // every module has its own load
          const r = await invoke(as, moduleKey, fn, payload, moduleKey === MODULES.panel ? 'SEC-1' : undefined);
          // A module may have a function of the same name (the panel's own history), never the settings' answer.
          expect(JSON.stringify(r), `${moduleKey} ${as} ${fn}`).not.toMatch(/settings\.save|Priya Acheson|incident-response/);
          if (!r.ok) expect(['NOT_FOUND', 'FORBIDDEN'], `${moduleKey} ${as} ${fn}`).toContain(r.error?.code);
        }
      }
    }
    expect(await digest()).toBe(start);
  });
});

describe('settings page: bad input', () => {
  const rejects = async (settings: unknown, field: string, rule: RegExp) => {
    const start = await digest();
    const r = await admin('jira-admin', 'save', { version: 0, settings });
    expect(r.error?.code).toBe('INVALID_INPUT');
    expect(r.error?.fields?.[field], JSON.stringify(r.error?.fields)).toMatch(rule);
    expect(await digest()).toBe(start);
  };

  it('keeps only what is site-wide: partner fields are not settings any more', async () => {
    await rejects({ ...VALID_SETTINGS, contacts: null }, 'settings.contacts', /Remove "contacts"/);
    await rejects({ ...VALID_SETTINGS, apps: [] }, 'settings.apps', /Remove "apps"/);
  });

  it('refuses thresholds out of range', async () => {
    const s = clone(VALID_SETTINGS);
    s.clock.reminderThresholds = [50, 100];
    const r = await admin('jira-admin', 'save', { version: 0, settings: s });
    expect(r.error?.code).toBe('INVALID_INPUT');
    expect(Object.keys(r.error?.fields ?? {}).some((k) => k.startsWith('settings.clock.reminderThresholds'))).toBe(true);
  });

  it('refuses a group the site does not have', async () => {
    const s = clone(VALID_SETTINGS);
    s.roles.irGroups = ['incident-response', 'no-such-group'];
    await rejects(s, 'settings.roles.irGroups.1', /no group named "no-such-group"/i);
  });

  it('refuses a malformed import file as a whole', async () => {
    const start = await digest();
    const notJson = await admin('jira-admin', 'importSettings', { version: 0, text: '{"format": ' });
    expect(notJson.error?.code).toBe('INVALID_INPUT');
    expect(Object.keys(notJson.error?.fields ?? {})).not.toHaveLength(0);
    const bad = JSON.parse(exportSettings(VALID_SETTINGS as never, [{ ...ACME_PARTNER, id: 'acme' } as never], new Date())) as { partners: (typeof ACME_PARTNER)[] };
    bad.partners[0]!.contacts.secondary.email = 'nope';
    const invalid = await admin('jira-admin', 'importSettings', { version: 0, text: JSON.stringify(bad) });
    expect(invalid.error?.code).toBe('INVALID_INPUT');
    expect(invalid.error?.fields?.['partners.0.contacts.secondary.email']).toMatch(/email/i);
    expect(await digest()).toBe(start);
  });

  it('imports a file it exported', async () => {
    await admin('jira-admin', 'savePartner', { id: null, version: 0, partner: ACME_PARTNER });
    const pages = await admin<{ partners: unknown[] }>('jira-admin', 'exportPage');
    const text = exportSettings(VALID_SETTINGS as never, pages.data!.partners as never, new Date());
    await reset();
    const r = await admin<View & { partnersWritten: number }>('jira-admin', 'importSettings', { version: 0, text });
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    expect(r.data?.settings).toEqual(VALID_SETTINGS);
    expect(r.data?.partnersWritten).toBe(1);
    const acme = await admin<{ partner: typeof ACME_PARTNER }>('jira-admin', 'partner', { id: 'acme' });
    expect(acme.data?.partner).toMatchObject({ name: 'Acme', memberGroups: ['partner-acme-security'], apps: ACME_PARTNER.apps });
  });
});

describe('settings page: concurrency and history', () => {
  it('gives one of two concurrent saves CONFLICT, and keeps the winner', async () => {
    const a = clone(VALID_SETTINGS);
    a.clock.timeZone = 'Europe/Paris';
    const b = clone(VALID_SETTINGS);
    b.clock.timeZone = 'Asia/Tokyo';
    const results = await Promise.all([admin('jira-admin', 'save', { version: 0, settings: a }), admin('jira-admin', 'save', { version: 0, settings: b })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => r.error?.code === 'CONFLICT')).toHaveLength(1);
    const winner = results.find((r) => r.ok)!.data!.settings.clock.timeZone;
    expect((await admin('jira-admin', 'load')).data?.settings.clock.timeZone).toBe(winner);
    const history = await admin<{ entries: unknown[] }>('jira-admin', 'history');
    expect(history.data?.entries).toHaveLength(1);
  });

  it('records who changed what, newest first, and detects a tampered entry', async () => {
    await admin('jira-admin', 'save', { version: 0, settings: VALID_SETTINGS });
    const next = clone(VALID_SETTINGS);
    next.clock.timeZone = 'Europe/Berlin';
    await admin('jira-admin', 'save', { version: 1, settings: next });
    const h = await admin<{ entries: { seq: number; actor: string; changes: { path: string; before?: unknown; after?: unknown }[] }[]; names: Record<string, string> }>('jira-admin', 'history');
    expect(h.data?.entries.map((e) => e.seq)).toEqual([2, 1]);
    expect(h.data?.entries[0]?.changes).toEqual([{ path: 'clock.timeZone', before: 'UTC', after: 'Europe/Berlin' }]);
    expect(h.data?.names[h.data.entries[0]!.actor]).toBe('Ada Admin');
    expect((await admin('jira-admin', 'verifyHistory')).data).toEqual({ ok: true, count: 2 });

    const key = 'audit:settings:0000000001';
    const stored = (await fetchJson(`/__local/store/get?entityName=audit-entry&key=${key}`)) as { entry: { actor: string } };
    stored.entry.actor = 'someone-else';
    await control('/__local/store/put', { entityName: 'audit-entry', key, value: stored });
    const verdict = await admin<{ ok: boolean; seq: number; reason: string }>('jira-admin', 'verifyHistory');
    expect(verdict.data).toMatchObject({ ok: false, seq: 1 });
    expect(verdict.data?.reason).toMatch(/changed after it was written/);
  });
});

async function fetchJson(path: string): Promise<unknown> {
  return (await control(path)).body;
}

// ---------------------------------------------------------------------------------------------
// Records and files of the previous (single-partner) version, and settings that do not parse

const fixture = (name: string) => JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/previous-version', name), 'utf8')) as Record<string, unknown>;
const plant = (entityName: string, key: string, value: unknown) => control('/__local/store/put', { entityName, key, value });

describe('settings that do not parse never take the app down', () => {
  it.each([
    ['a record whose document is garbage', { version: 4, auditSeq: 4, auditHash: '0'.repeat(64), doc: { schemaVersion: 2, roles: 'everyone' } }],
    ['a record without its bookkeeping', { doc: 'not settings at all' }],
  ])('%s: the app still answers on defaults, admins see "settings need repair" and repair it', async (_what, value) => {
    await plant('app-settings', 'settings', value);
    const ir = await invoke<{ viewer: { role: string } }>('ir-analyst', MODULES.panel, 'load', {}, 'SEC-1');
    expect(ir.ok, JSON.stringify(ir.error)).toBe(true);
    expect(ir.data?.viewer.role).toBe('ir');
    expect((await invoke('partner-acme', MODULES.global, 'load')).ok).toBe(true);
    const broken = await admin('jira-admin', 'load');
    expect(broken.ok, JSON.stringify(broken.error)).toBe(true);
    expect(broken.data?.repair?.message).toMatch(/could not be read|damaged/);
    const repaired = await admin('jira-admin', 'save', { version: broken.data!.version, settings: VALID_SETTINGS });
    expect(repaired.ok, JSON.stringify(repaired.error)).toBe(true);
    const after = await admin('jira-admin', 'load');
    expect(after.data).toMatchObject({ repair: null, settings: VALID_SETTINGS });
  });

  it('an import also replaces a broken record', async () => {
    await plant('app-settings', 'settings', { doc: 42 });
    const broken = await admin('jira-admin', 'load');
    const r = await admin('jira-admin', 'importSettings', { version: broken.data!.version, text: exportSettings(VALID_SETTINGS as never, [], new Date()) });
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    expect((await admin('jira-admin', 'load')).data?.repair).toBeNull();
  });
});

describe('records and exports of the previous version', () => {
  it('old settings and an old incident load and save; the old partner is offered for its member groups, then becomes a directory partner', async () => {
    await plant('app-settings', 'settings', fixture('settings-record.json'));
    await plant('incident', '10001', fixture('incident-record.json'));
    // The incident loads as unassigned: nothing is prefilled from a directory that has no partner for it yet.
    const ir = await invoke<{ incident: { version: number; report: { irNotes?: string; summary: { whatHappened: string } } }; prefill: { partner: unknown; contacts: unknown; suggestion: unknown } }>('ir-analyst', MODULES.panel, 'load', {}, 'SEC-1');
    expect(ir.ok, JSON.stringify(ir.error)).toBe(true);
    expect(ir.data?.incident).toMatchObject({ version: 2, report: { irNotes: 'Looks like token theft', summary: { whatHappened: 'Unusual calls to /rest/api/3/user/search' } } });
    expect(ir.data?.prefill).toMatchObject({ partner: null, contacts: null, suggestion: null });
    const saved = await invoke('ir-analyst', MODULES.panel, 'saveIrNotes', { version: 2, irNotes: 'Confirmed token theft' }, 'SEC-1');
    expect(saved.ok, JSON.stringify(saved.error)).toBe(true);

    const view = await admin('jira-admin', 'load');
    expect(view.data?.settings).toEqual({ schemaVersion: 2, roles: { irGroups: ['incident-response'] }, clock: { timeZone: 'America/New_York', reminderThresholds: [50, 75] }, storageAudit: { importCadenceDays: 7 }, incidents: { projects: ['SEC'], issueTypes: ['Security incident'] } });
    const old = view.data!.previousVersionPartner!;
    expect(old).toMatchObject({ name: 'Acme Apps', tier: 'platinum', memberGroups: [], needsMemberGroups: true, coverage: { calendar: '24x5', timeZone: 'America/New_York' } });
    // Without member groups it cannot be saved: the admin is asked for them.
    const { id: _id, schemaVersion: _v, contactsUpdated: _c, needsMemberGroups: _n, ...fields } = old as unknown as Record<string, unknown>;
    const refused = await admin('jira-admin', 'savePartner', { id: null, version: 0, partner: fields, fromPreviousVersion: true });
    expect(refused.error?.fields).toHaveProperty(['partner.memberGroups']);
    const created = await admin<{ partner: { id: string } }>('jira-admin', 'savePartner', { id: null, version: 0, partner: { ...fields, memberGroups: ['partner-acme-security'] }, fromPreviousVersion: true });
    expect(created.ok, JSON.stringify(created.error)).toBe(true);
    expect((await admin('jira-admin', 'load')).data?.previousVersionPartner).toBeNull();
    // The old incident now gets its partner suggested from the report's app ID.
    const again = await invoke<{ prefill: { suggestion: { id: string } | null } }>('ir-analyst', MODULES.panel, 'load', {}, 'SEC-1');
    expect(again.data?.prefill.suggestion?.id).toBe(created.data!.partner.id);
  });

  it('imports a settings file the previous version exported: site settings, and one partner to complete', async () => {
    const text = readFileSync(resolve(import.meta.dirname, '../fixtures/previous-version/settings-export-v1.json'), 'utf8');
    const r = await admin<View & { partnersWritten: number; fileVersion: number }>('jira-admin', 'importSettings', { version: 0, text });
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    expect(r.data).toMatchObject({ fileVersion: 1, partnersWritten: 1, settings: { clock: { timeZone: 'America/New_York', reminderThresholds: [50, 75] } } });
    const list = await admin<{ partners: { id: string; name: string; needsMemberGroups: boolean; appCount: number }[] }>('jira-admin', 'partners');
    expect(list.data?.partners).toEqual([expect.objectContaining({ name: 'Acme Apps', needsMemberGroups: true, appCount: 1 })]);
  });
});
