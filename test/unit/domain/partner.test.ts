import { describe, expect, it } from 'vitest';
import { claimChanges, isMember, normalizeGroup, partnerIdFor, upgradePartner, validatePartnerInput, type PartnerInput } from '../../../src/domain/partner';
import { appPickerOf, reminderContacts, reportContactsOf, reportHasContacts, supportPrefill } from '../../../src/domain/prefill';
import { partnerContactsStatus } from '../../../src/domain/contacts-status';
import { partnerHistory, upgradeIncident } from '../../../src/domain/incident';
import { INCIDENT_ACTIONS, isIrInternalAction, isIrInternalPath } from '../../../src/domain/visibility';
import { readSettings } from '../../../src/domain/settings-record';
import { exportSettings, parseSettingsImport } from '../../../src/domain/settings-file';
import { defaultSiteSettings } from '../../../src/domain/site-settings';
import { EMPTY_REPORT } from '../../../src/domain/report';

const APP = { name: 'Acme Timesheets', appKey: 'acme-timesheets', appId: '3f2a8c1e-5b7d-4e9a-8c6f-1d2e3f4a5b6c', framework: 'forge', enterpriseTrustSignal: true, environments: ['production'], distribution: 'public' } as const;
const contact = (name: string, email: string) => ({ name, role: 'Security lead', email, phone: '+14155550101', timeZone: 'America/New_York', accountId: '' });
const acme = (over: Partial<PartnerInput> = {}): PartnerInput => ({
  name: 'Acme',
  tier: 'platinum',
  memberGroups: ['partner-acme-security'],
  contacts: { primary: contact('Priya', 'priya@acme.example'), secondary: contact('Sam', 'sam@acme.example') },
  coverage: { calendar: '24x5', timeZone: 'America/New_York' },
  lastReviewedOn: '2026-11-01',
  reviewIntervalDays: 90,
  apps: [{ ...APP, environments: ['production'] }],
  ...over,
});
const partner = (over: Partial<PartnerInput> = {}) => ({ ...acme(over), id: 'acme', schemaVersion: 1, contactsUpdated: null });

describe('the partner directory entry', () => {
  it('accepts a complete partner and names each bad field', () => {
    expect(validatePartnerInput(acme()).ok).toBe(true);
    const r = validatePartnerInput({ ...acme(), memberGroups: [], coverage: { calendar: '24x6', timeZone: 'Mars/Base' }, apps: [{ ...APP, appId: 'nope' }] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.fields).sort()).toEqual(['apps.0.appId', 'coverage.calendar', 'coverage.timeZone', 'memberGroups']);
    expect(r.fields.memberGroups).toMatch(/at least one Jira group/);
  });

  it('refuses a group listed twice (Jira compares names case-insensitively) and a contact without a phone in E.164', () => {
    const r = validatePartnerInput(acme({ memberGroups: ['Partner-Acme', 'partner-acme'], contacts: { primary: { ...contact('P', 'p@a.example'), phone: '555' }, secondary: contact('S', 's@a.example') } }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.fields['memberGroups.1']).toMatch(/already listed/);
    expect(r.fields['contacts.primary.phone']).toMatch(/E\.164/);
  });

  it('membership and claims read group names case-insensitively; ids come from the name', () => {
    expect(isMember(partner(), ['jira-users', 'PARTNER-ACME-SECURITY'])).toBe(true);
    expect(isMember(partner(), ['partner-globex-security'])).toBe(false);
    expect(normalizeGroup('  Partner-Acme ')).toBe('partner-acme');
    expect(claimChanges(partner(), acme({ memberGroups: ['partner-acme-security', 'acme-oncall'], apps: [] }))).toEqual({ addGroups: ['acme-oncall'], dropGroups: [], addApps: [], dropApps: [APP.appId] });
    expect(partnerIdFor('Acme Apps, Inc.', () => false)).toBe('acme-apps-inc');
    expect(partnerIdFor('Acme', (id) => id === 'acme')).toBe('acme-2');
  });

  it('a record of an older shape reads with every field', () => {
    expect(upgradePartner({ id: 'old', name: 'Old' })).toMatchObject({ id: 'old', tier: 'other', memberGroups: [], contacts: null, apps: [], schemaVersion: 1 });
  });
});

describe('what the incident partner prefills', () => {
  it('an unassigned incident prefills nothing; a partner its contacts, apps, tier, framework and trust signal', () => {
    expect(supportPrefill(null, APP.appId)).toEqual({});
    expect(reportContactsOf(null)).toBeNull();
    expect(appPickerOf(null)).toEqual([]);
    expect(supportPrefill(partner(), APP.appId.toUpperCase())).toEqual({ partnerTier: 'platinum', framework: 'forge', enterpriseTrustSignal: true });
    expect(supportPrefill(partner(), '0a0a0a0a-0000-4000-8000-000000000003')).toEqual({ partnerTier: 'platinum' });
    expect(appPickerOf(partner()).map((a) => a.appId)).toEqual([APP.appId]);
  });

  it("reminders name the partner's current contacts, else the report's, never anyone else's", () => {
    const report = { ...EMPTY_REPORT, contacts: { primary: { name: 'Old', role: '', email: 'old@acme.example', phone: '' }, secondary: EMPTY_REPORT.contacts.secondary } };
    expect(reminderContacts(report, partner()).map((c) => c.email)).toEqual(['priya@acme.example', 'sam@acme.example']);
    expect(reminderContacts(report, null).map((c) => c.email)).toEqual(['old@acme.example', '']);
    expect(reminderContacts(EMPTY_REPORT, null)).toEqual([]);
    expect(reportHasContacts(report, partner())).toBe(false);
  });

  it("the contacts' status: not set, current, due for review", () => {
    expect(partnerContactsStatus(null, '2026-11-20').state).toBe('not-set');
    expect(partnerContactsStatus(partner(), '2026-11-20').state).toBe('current');
    expect(partnerContactsStatus(partner(), '2027-03-01').state).toBe('review-due');
  });
});

describe('what partners may see is tagged once', () => {
  it('every action the trail holds is tagged, and the scheduler bookkeeping of both sweeps is IR-internal', () => {
    expect(isIrInternalAction('clock.claim')).toBe(true);
    expect(isIrInternalAction('retention.claim')).toBe(true);
    expect(isIrInternalAction('clock.reminder')).toBe(false);
    expect(isIrInternalAction('retention.reminder')).toBe(false);
    expect(isIrInternalAction('incident.partner')).toBe(true);
    expect(isIrInternalAction('some.future.action')).toBe(true);
    expect(Object.keys(INCIDENT_ACTIONS)).toContain('report.save');
    expect(['irNotes', 'report.irNotes', 'triage.override.reason', 'partnerId', 'logRequests.ab12.internalNote', 'logRequests.ab12.legalHoldReason'].every(isIrInternalPath)).toBe(true);
    expect(isIrInternalPath('summary.whatHappened')).toBe(false);
  });

  it("a partner's history drops internal entries, fields and notes", () => {
    const e = (action: string, changes: { path: string; before?: unknown; after?: unknown }[], note?: string) => ({ action, changes, ...(note ? { note } : {}) });
    const shown = partnerHistory([
      e('retention.claim', [{ path: 'logRequests.x.reminders', after: 'claim' }]),
      e('clock.claim', [{ path: 'outreaches', after: 'claim' }]),
      e('triage.save', [{ path: 'triage.override', after: { collaboration: 'joint', reason: 'secret' } }], 'secret'),
      e('report.save', [{ path: 'irNotes', after: 'x' }, { path: 'summary.whatHappened', after: 'y' }]),
      e('report.save', [{ path: 'partnerId', after: 'globex' }]),
    ]);
    expect(shown).toEqual([
      { action: 'triage.save', changes: [{ path: 'triage.override', after: { collaboration: 'joint', reason: undefined } }], note: undefined },
      { action: 'report.save', changes: [{ path: 'summary.whatHappened', after: 'y' }], note: undefined },
    ]);
  });

  it('an incident of the single-partner version reads as unassigned, with every part', () => {
    const doc = upgradeIncident('SEC-9', { issueKey: 'SEC-9', report: EMPTY_REPORT } as never);
    expect(doc).toMatchObject({ schemaVersion: 2, partnerId: null, partnerLink: null, outreaches: [], triage: null });
  });
});

describe('settings records and files of both versions', () => {
  const legacy = { contacts: null, partner: { name: 'Acme Apps', tier: 'platinum' }, apps: [APP], roles: { irGroups: ['ir'] }, clock: { calendar: '24x5', timeZone: 'Europe/Berlin', reminderThresholds: [50] }, storageAudit: { importCadenceDays: 7 } };

  it('reads today\u2019s settings, upgrades the previous shape, and never throws on garbage', () => {
    expect(readSettings(defaultSiteSettings())).toMatchObject({ storedShape: 2, repair: null, legacyPartner: null });
    const old = readSettings(legacy);
    expect(old.settings).toEqual({ schemaVersion: 2, roles: { irGroups: ['ir'] }, clock: { timeZone: 'Europe/Berlin', reminderThresholds: [50] }, storageAudit: { importCadenceDays: 7 } });
    expect(old.legacyPartner).toMatchObject({ name: 'Acme Apps', tier: 'platinum', memberGroups: [], needsMemberGroups: true, coverage: { calendar: '24x5', timeZone: 'Europe/Berlin' }, apps: [APP] });
    for (const garbage of [42, 'x', { schemaVersion: 2 }, { roles: null }, []]) {
      const r = readSettings(garbage);
      expect(r.settings).toEqual(defaultSiteSettings());
      expect(r.repair?.message).toMatch(/could not be read/);
    }
  });

  it('a file round-trips the site settings and the directory; a version 1 file imports as one partner to complete', () => {
    const p = partner();
    const text = exportSettings(defaultSiteSettings(), [p], new Date(0));
    const back = parseSettingsImport(text);
    expect(back).toEqual({ ok: true, file: { version: 2, settings: defaultSiteSettings(), partners: [{ id: 'acme', ...acme() }] } });
    const v1 = parseSettingsImport(JSON.stringify({ format: 'partner-incident-response/settings', version: 1, exportedAt: '2025-01-01T00:00:00Z', settings: legacy }));
    expect(v1.ok && v1.file.version).toBe(1);
    expect(v1.ok && v1.file.partners[0]).toMatchObject({ name: 'Acme Apps', needsMemberGroups: true, memberGroups: [] });
    expect(parseSettingsImport(JSON.stringify({ format: 'partner-incident-response/settings', version: 3, settings: {} }))).toEqual({ ok: false, fields: { format: expect.stringMatching(/versions 1 and 2/) as unknown } });
  });
});

describe('a partner still to complete survives an export and an import', () => {
  it('keeps needsMemberGroups and its empty groups; any other partner without groups is refused by name', () => {
    const pending = { ...partner({ memberGroups: [] }), needsMemberGroups: true };
    const back = parseSettingsImport(exportSettings(defaultSiteSettings(), [pending], new Date(0)));
    expect(back.ok && back.file.partners[0]).toMatchObject({ memberGroups: [], needsMemberGroups: true });
    const refused = parseSettingsImport(exportSettings(defaultSiteSettings(), [partner({ memberGroups: [] })], new Date(0)));
    expect(refused).toEqual({ ok: false, fields: { 'partners.0.memberGroups': expect.stringMatching(/at least one Jira group/) as unknown } });
  });
});
