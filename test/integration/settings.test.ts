import { beforeEach, describe, expect, it } from 'vitest';
import { control, invoke, MODULES, reset, type Persona } from '../support/client';
import { exportSettings } from '../../src/domain/settings';
import { VALID_SETTINGS } from '../support/fixtures';

interface View {
  version: number;
  settings: typeof VALID_SETTINGS;
  contactsStatus: { state: string };
}
const admin = <T = View>(as: Persona, fn: string, payload: unknown = {}) => invoke<T>(as, MODULES.admin, fn, payload);
const digest = async () => (await control<{ sha256: string }>('/__local/store/digest')).body.sha256;
const clone = <T>(x: T): T => structuredClone(x);

const FUNCTIONS: Record<string, unknown> = {
  load: {},
  save: { version: 0, settings: VALID_SETTINGS },
  importSettings: { version: 0, text: exportSettings(VALID_SETTINGS as never, new Date()) },
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
    expect(before).toMatchObject({ ok: true, data: { version: 0, contactsStatus: { state: 'not-set' } } });
    const saved = await admin('jira-admin', 'save', { version: 0, settings: VALID_SETTINGS });
    expect(saved.ok).toBe(true);
    expect(saved.data?.version).toBe(1);
    const after = await admin('jira-admin', 'load');
    expect(after.data?.settings).toEqual(VALID_SETTINGS);
    expect(after.data?.contactsStatus.state).toBe('current');
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

  it('requires the secondary contact', async () => {
    const s = clone(VALID_SETTINGS) as Record<string, unknown>;
    const { secondary: _gone, ...contacts } = VALID_SETTINGS.contacts;
    s.contacts = contacts;
    await rejects(s, 'settings.contacts.secondary', /./);
  });

  it('names an invalid email and a phone number that is not E.164', async () => {
    const s = clone(VALID_SETTINGS);
    s.contacts.primary.email = 'priya-at-acme';
    s.contacts.secondary.phone = '0155 5501';
    const r = await admin('jira-admin', 'save', { version: 0, settings: s });
    expect(r.error?.code).toBe('INVALID_INPUT');
    expect(r.error?.fields?.['settings.contacts.primary.email']).toMatch(/email/i);
    expect(r.error?.fields?.['settings.contacts.secondary.phone']).toMatch(/E\.164/);
  });

  it('refuses duplicate app IDs', async () => {
    const s = clone(VALID_SETTINGS);
    s.apps.push({ ...s.apps[0]!, name: 'Acme Timesheets (copy)', appKey: 'acme-timesheets-2', appId: s.apps[0]!.appId.toUpperCase() });
    await rejects(s, 'settings.apps.1.appId', /already/i);
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
    const bad = JSON.parse(exportSettings(VALID_SETTINGS as never, new Date())) as { settings: typeof VALID_SETTINGS };
    bad.settings.contacts.secondary.email = 'nope';
    const invalid = await admin('jira-admin', 'importSettings', { version: 0, text: JSON.stringify(bad) });
    expect(invalid.error?.code).toBe('INVALID_INPUT');
    expect(invalid.error?.fields?.['settings.contacts.secondary.email']).toMatch(/email/i);
    expect(await digest()).toBe(start);
  });

  it('imports a file it exported', async () => {
    const r = await admin('jira-admin', 'importSettings', { version: 0, text: exportSettings(VALID_SETTINGS as never, new Date()) });
    expect(r.ok).toBe(true);
    expect(r.data?.settings).toEqual(VALID_SETTINGS);
  });
});

describe('settings page: concurrency and history', () => {
  it('gives one of two concurrent saves CONFLICT, and keeps the winner', async () => {
    const a = clone(VALID_SETTINGS);
    a.partner.name = 'Acme A';
    const b = clone(VALID_SETTINGS);
    b.partner.name = 'Acme B';
    const results = await Promise.all([admin('jira-admin', 'save', { version: 0, settings: a }), admin('jira-admin', 'save', { version: 0, settings: b })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => r.error?.code === 'CONFLICT')).toHaveLength(1);
    const winner = results.find((r) => r.ok)!.data!.settings.partner.name;
    expect((await admin('jira-admin', 'load')).data?.settings.partner.name).toBe(winner);
    const history = await admin<{ entries: unknown[] }>('jira-admin', 'history');
    expect(history.data?.entries).toHaveLength(1);
  });

  it('records who changed what, newest first, and detects a tampered entry', async () => {
    await admin('jira-admin', 'save', { version: 0, settings: VALID_SETTINGS });
    const next = clone(VALID_SETTINGS);
    next.clock.calendar = '24x5';
    await admin('jira-admin', 'save', { version: 1, settings: next });
    const h = await admin<{ entries: { seq: number; actor: string; changes: { path: string; before?: unknown; after?: unknown }[] }[]; names: Record<string, string> }>('jira-admin', 'history');
    expect(h.data?.entries.map((e) => e.seq)).toEqual([2, 1]);
    expect(h.data?.entries[0]?.changes).toEqual([{ path: 'clock.calendar', before: '24x7', after: '24x5' }]);
    expect(h.data?.names[h.data.entries[0]!.actor]).toBe('Ada Admin');
    expect((await admin('jira-admin', 'verifyHistory')).data).toEqual({ ok: true, count: 2 });

    const key = 'audit:settings:0000000001';
    const stored = (await fetchJson(`/__local/store/get?entityName=audit-entry&key=${key}`)) as { entry: { changes: { path: string; after?: unknown }[] } };
    stored.entry.changes = stored.entry.changes.filter((c) => c.path !== 'partner');
    await control('/__local/store/put', { entityName: 'audit-entry', key, value: stored });
    const verdict = await admin<{ ok: boolean; seq: number; reason: string }>('jira-admin', 'verifyHistory');
    expect(verdict.data).toMatchObject({ ok: false, seq: 1 });
    expect(verdict.data?.reason).toMatch(/changed after it was written/);
  });
});

async function fetchJson(path: string): Promise<unknown> {
  return (await control(path)).body;
}
