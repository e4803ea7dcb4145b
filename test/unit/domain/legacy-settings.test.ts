import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import * as v from 'valibot';
// The settings as the single-partner version stored and exported them (settings export version 1): today's
// code still reads this shape (to upgrade it), so its rules stay tested.
import { APP_DISTRIBUTIONS, APP_ENVIRONMENTS, AppEntrySchema, MAX_APPS } from '../../../src/domain/inventory';
import type { AppEntry } from '../../../src/domain/inventory';
import { DEFAULT_IMPORT_CADENCE_DAYS, DEFAULT_THRESHOLDS, MAX_IMPORT_CADENCE_DAYS, MAX_IR_GROUPS, RolesSchema, StorageAuditSettingsSchema } from '../../../src/domain/site-settings';
import { DEFAULT_REVIEW_DAYS } from '../../../src/domain/partner';
import {
  ContactsSettingsSchema,
  LegacyClockSettingsSchema as ClockSettingsSchema,
  LegacySettingsSchema as SettingsSchema,
  PartnerProfileSchema,
  defaultLegacySettings as defaultSettings,
  validateLegacySettings as validateSettings,
  type ContactsSettings,
  type LegacySettings as Settings,
} from '../../../src/domain/legacy-settings';
import { contactsStatus } from '../../../src/domain/contacts-status';
import { jsonSyntaxErrorOffset, MAX_SETTINGS_IMPORT_BYTES } from '../../../src/domain/settings-file';
import { FRAMEWORKS, PARTNER_TIERS } from '../../../src/domain/eligibility';
import type { Contact } from '../../../src/domain/contacts';

// ---------------------------------------------------------------------------------------------
// Fixtures

const APP_ID = '83ba0476-7067-4011-9a80-0a132d9ff63a';
const APP_ID_2 = '0a0a0a0a-0000-4000-8000-000000000003';

const primary = (): Contact => ({
  name: 'Ada Lovelace',
  role: 'Security lead',
  email: 'ada@acme.example',
  phone: '+14155550123',
  timeZone: 'America/Los_Angeles',
});
const secondary = (): Contact => ({
  name: 'Grace Hopper',
  role: 'On-call engineer',
  email: 'grace@acme.example',
  phone: '+4930123456',
  timeZone: 'Europe/Berlin',
});
const contacts = (over: Partial<ContactsSettings> = {}): ContactsSettings => ({
  primary: primary(),
  secondary: secondary(),
  coverage24x5: true,
  lastReviewedOn: '2025-01-01',
  reviewReminderDays: DEFAULT_REVIEW_DAYS,
  ...over,
});
const app = (over: Partial<AppEntry> = {}): AppEntry => ({
  name: 'Acme Audit',
  appKey: 'acme-audit-app',
  appId: APP_ID,
  framework: 'forge',
  enterpriseTrustSignal: false,
  environments: ['production'],
  distribution: 'public',
  ...over,
});
const settings = (over: Partial<Settings> = {}): Settings => ({
  ...defaultSettings(),
  contacts: contacts(),
  partner: { name: 'Acme Pty Ltd', tier: 'platinum' },
  apps: [app()],
  ...over,
});

/** The field messages for `input`, or {} when it is valid. */
function fields(input: unknown): Record<string, string> {
  const r = validateSettings(input);
  return r.ok ? {} : r.fields;
}
const withPath = (input: unknown, path: string): string | undefined => fields(input)[path];
const parses = (schema: v.GenericSchema, input: unknown): boolean => v.safeParse(schema, input).success;
const issuePaths = (schema: v.GenericSchema, input: unknown): (string | null)[] => {
  const r = v.safeParse(schema, input);
  return r.success ? [] : r.issues.map((i) => v.getDotPath(i));
};

// ---------------------------------------------------------------------------------------------

const DEFAULT_SETTINGS = Object.freeze(defaultSettings());

describe('constants and defaults', () => {
  it('has the agreed limits and defaults', () => {
    expect(MAX_SETTINGS_IMPORT_BYTES).toBe(1_048_576);
    expect(APP_ENVIRONMENTS).toEqual(['development', 'staging', 'production']);
    expect(APP_DISTRIBUTIONS).toEqual(['public', 'unlisted', 'private']);
    expect(MAX_APPS).toBe(50);
    expect(MAX_IR_GROUPS).toBe(20);
    expect(DEFAULT_REVIEW_DAYS).toBe(90);
    expect(DEFAULT_THRESHOLDS).toEqual([50, 75]);
    expect(DEFAULT_IMPORT_CADENCE_DAYS).toBe(7);
    expect(MAX_IMPORT_CADENCE_DAYS).toBe(29);
  });

  it('DEFAULT_SETTINGS: no contacts or partner, no apps, incident-response group, 24x7 UTC, [50, 75], 7 days', () => {
    expect(DEFAULT_SETTINGS).toEqual({
      contacts: null,
      partner: null,
      apps: [],
      roles: { irGroups: ['incident-response'] },
      clock: { calendar: '24x7', timeZone: 'UTC', reminderThresholds: [50, 75] },
      storageAudit: { importCadenceDays: 7 },
    });
    expect(v.parse(SettingsSchema, DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS);
  });

  it('defaultSettings() gives independent copies', () => {
    const a = defaultSettings();
    a.roles.irGroups.push('x');
    a.clock.reminderThresholds.push(90);
    expect(defaultSettings()).toEqual(DEFAULT_SETTINGS);
  });
});

describe('incident contacts', () => {
  it('accepts two complete contacts', () => {
    expect(parses(ContactsSettingsSchema, contacts())).toBe(true);
  });

  it('a missing secondary contact is reported on contacts.secondary', () => {
    const { secondary: _omit, ...rest } = contacts();
    expect(withPath(settings({ contacts: rest as ContactsSettings }), 'contacts.secondary')).toMatch(/secondary contact/);
  });

  it('a null secondary contact is reported on contacts.secondary', () => {
    expect(withPath(settings({ contacts: { ...contacts(), secondary: null as unknown as Contact } }), 'contacts.secondary')).toBeDefined();
  });

  it('names each missing field of a contact', () => {
    const f = fields(settings({ contacts: contacts({ primary: { name: 'Ada' } as Contact }) }));
    expect(Object.keys(f).sort()).toEqual([
      'contacts.primary.email',
      'contacts.primary.phone',
      'contacts.primary.role',
      'contacts.primary.timeZone',
    ]);
    expect(f['contacts.primary.email']).toBe('Enter an email address');
  });

  it('rejects an invalid email and a phone not in E.164, naming each', () => {
    const f = fields(
      settings({
        contacts: contacts({
          primary: { ...primary(), email: 'ada-at-acme' },
          secondary: { ...secondary(), phone: '030 123456' },
        }),
      }),
    );
    expect(f['contacts.primary.email']).toMatch(/valid email/);
    expect(f['contacts.secondary.phone']).toMatch(/E\.164/);
    expect(Object.keys(f)).toHaveLength(2);
  });

  it('rejects an empty name, a blank role and an unknown time zone', () => {
    const f = fields(settings({ contacts: contacts({ secondary: { ...secondary(), name: '', role: '   ', timeZone: 'Mars/Olympus' } }) }));
    expect(Object.keys(f).sort()).toEqual(['contacts.secondary.name', 'contacts.secondary.role', 'contacts.secondary.timeZone']);
  });

  it('coverage24x5 must be a boolean', () => {
    expect(withPath(settings({ contacts: { ...contacts(), coverage24x5: 'yes' as unknown as boolean } }), 'contacts.coverage24x5')).toMatch(/24\/5/);
    expect(parses(ContactsSettingsSchema, contacts({ coverage24x5: false }))).toBe(true);
  });

  it('lastReviewedOn must be a real calendar date written YYYY-MM-DD', () => {
    for (const ok of ['2024-02-29', '2025-12-31', '2025-01-01']) {
      expect(parses(ContactsSettingsSchema, contacts({ lastReviewedOn: ok })), ok).toBe(true);
    }
    for (const bad of ['2025-02-29', '2025-13-01', '2025-1-1', '01/02/2025', '2025-01-01T00:00:00Z', '']) {
      expect(withPath(settings({ contacts: contacts({ lastReviewedOn: bad }) }), 'contacts.lastReviewedOn'), bad).toMatch(/YYYY-MM-DD/);
    }
  });

  it('reviewReminderDays is a whole number from 1 to 365', () => {
    for (const ok of [1, 90, 365]) expect(parses(ContactsSettingsSchema, contacts({ reviewReminderDays: ok })), String(ok)).toBe(true);
    for (const bad of [0, 366, 1.5, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(withPath(settings({ contacts: contacts({ reviewReminderDays: bad }) }), 'contacts.reviewReminderDays'), String(bad)).toMatch(/1 to 365/);
    }
  });

  it('an unknown field is named so it can be removed', () => {
    expect(withPath(settings({ contacts: { ...contacts(), tertiary: primary() } as ContactsSettings }), 'contacts.tertiary')).toMatch(/Remove "tertiary"/);
  });

  it('contacts may be null (not set yet)', () => {
    expect(validateSettings(settings({ contacts: null })).ok).toBe(true);
  });

  it('trims text fields', () => {
    const out = v.parse(ContactsSettingsSchema, contacts({ primary: { ...primary(), name: '  Ada  ', email: ' ada@acme.example ' } }));
    expect(out.primary.name).toBe('Ada');
    expect(out.primary.email).toBe('ada@acme.example');
  });
});

describe('partner profile', () => {
  it('accepts a name and either tier', () => {
    for (const tier of PARTNER_TIERS) expect(parses(PartnerProfileSchema, { name: 'Acme', tier })).toBe(true);
  });

  it('requires a non-empty name and a known tier', () => {
    expect(withPath(settings({ partner: { name: '   ', tier: 'other' } }), 'partner.name')).toBe('Enter the partner name');
    expect(withPath(settings({ partner: { name: 'Acme', tier: 'gold' as 'other' } }), 'partner.tier')).toMatch(/Platinum or other/);
    expect(withPath(settings({ partner: { name: 'Acme' } as Settings['partner'] }), 'partner.tier')).toMatch(/tier/);
  });
});

describe('app inventory entry', () => {
  it('accepts a complete entry for every framework and distribution', () => {
    for (const framework of FRAMEWORKS) {
      for (const distribution of APP_DISTRIBUTIONS) {
        expect(parses(AppEntrySchema, app({ framework, distribution }))).toBe(true);
      }
    }
  });

  it('requires the name and the app key', () => {
    const { name: _n, appKey: _k, ...rest } = app();
    expect(Object.keys(fields(settings({ apps: [rest as AppEntry] }))).sort()).toEqual(['apps.0.appKey', 'apps.0.name']);
    expect(withPath(settings({ apps: [app({ name: '' })] }), 'apps.0.name')).toBe('Enter the app name');
    expect(withPath(settings({ apps: [app({ appKey: ' ' })] }), 'apps.0.appKey')).toMatch(/Enter the app key/);
  });

  it('app key: letters, digits, -, _ and . only, at most 64 characters', () => {
    for (const ok of ['acme-audit-app', 'com.acme.audit_app', 'A1', 'a'.repeat(64)]) {
      expect(parses(AppEntrySchema, app({ appKey: ok })), ok).toBe(true);
    }
    for (const bad of ['acme audit', 'acme/audit', 'acmé', 'acme:app']) {
      expect(withPath(settings({ apps: [app({ appKey: bad })] }), 'apps.0.appKey'), bad).toMatch(/letters, digits/);
    }
    expect(withPath(settings({ apps: [app({ appKey: 'a'.repeat(65) })] }), 'apps.0.appKey')).toMatch(/at most 64/);
  });

  it('app ID: a UUID, stored lowercase, also accepted as the manifest ARI', () => {
    expect(v.parse(AppEntrySchema, app({ appId: APP_ID.toUpperCase() })).appId).toBe(APP_ID);
    expect(v.parse(AppEntrySchema, app({ appId: ` ari:cloud:ecosystem::app/${APP_ID} ` })).appId).toBe(APP_ID);
    for (const bad of ['', 'not-a-uuid', APP_ID.slice(0, -1), `${APP_ID}0`, 'ari:cloud:ecosystem::app/xyz']) {
      expect(withPath(settings({ apps: [app({ appId: bad })] }), 'apps.0.appId'), bad).toMatch(/UUID/);
    }
  });

  it('framework, trust signal and distribution must be known values', () => {
    const f = fields(
      settings({
        apps: [app({ framework: 'forge-ui' as 'forge', enterpriseTrustSignal: 'true' as unknown as boolean, distribution: 'secret' as 'public' })],
      }),
    );
    expect(Object.keys(f).sort()).toEqual(['apps.0.distribution', 'apps.0.enterpriseTrustSignal', 'apps.0.framework']);
  });

  it('environments: a non-empty, duplicate-free subset, stored in the program order', () => {
    expect(v.parse(AppEntrySchema, app({ environments: ['production', 'development'] })).environments).toEqual(['development', 'production']);
    expect(withPath(settings({ apps: [app({ environments: [] })] }), 'apps.0.environments')).toBe('Choose at least one environment');
    expect(withPath(settings({ apps: [app({ environments: ['production', 'production'] })] }), 'apps.0.environments')).toMatch(/only once/);
    expect(withPath(settings({ apps: [app({ environments: ['prod' as 'production'] })] }), 'apps.0.environments.0')).toMatch(/development, staging and production/);
  });
});

describe('app inventory list', () => {
  it('a duplicate Forge app ID (in any case) is reported on the later app, naming the first', () => {
    const f = fields(settings({ apps: [app(), app({ appKey: 'other-key', appId: APP_ID.toUpperCase() })] }));
    expect(f).toEqual({ 'apps.1.appId': 'This Forge app ID is already listed (app 1)' });
  });

  it('the ARI form of a listed app ID is a duplicate too', () => {
    expect(withPath(settings({ apps: [app(), app({ appKey: 'k2', appId: `ari:cloud:ecosystem::app/${APP_ID}` })] }), 'apps.1.appId')).toBe(
      'This Forge app ID is already listed (app 1)',
    );
  });

  it('names the first listing when the duplicate is further down', () => {
    const f = fields(settings({ apps: [app(), app({ appKey: 'k2', appId: APP_ID_2 }), app({ appKey: 'k3' }), app({ appKey: 'k4', appId: APP_ID_2 })] }));
    expect(f).toEqual({
      'apps.2.appId': 'This Forge app ID is already listed (app 1)',
      'apps.3.appId': 'This Forge app ID is already listed (app 2)',
    });
  });

  it('a duplicate app key (in any case) is reported on the later app', () => {
    const f = fields(settings({ apps: [app(), app({ appKey: 'ACME-Audit-App', appId: APP_ID_2 })] }));
    expect(f).toEqual({ 'apps.1.appKey': 'This app key is already listed (app 1)' });
  });

  it('duplicates are named even when another app has an invalid field', () => {
    const f = fields(settings({ apps: [app(), app({ appKey: 'k2', appId: APP_ID_2, name: '' }), app({ appKey: 'k3' })] }));
    expect(f).toEqual({ 'apps.1.name': 'Enter the app name', 'apps.2.appId': 'This Forge app ID is already listed (app 1)' });
  });

  it('distinct apps are fine; an empty inventory is fine', () => {
    expect(validateSettings(settings({ apps: [app(), app({ appKey: 'k2', appId: APP_ID_2 })] })).ok).toBe(true);
    expect(validateSettings(settings({ apps: [] })).ok).toBe(true);
  });

  it('at most 50 apps', () => {
    const many = (n: number) =>
      Array.from({ length: n }, (_, i) => app({ appKey: `app-${i}`, appId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` }));
    expect(validateSettings(settings({ apps: many(MAX_APPS) })).ok).toBe(true);
    expect(withPath(settings({ apps: many(MAX_APPS + 1) }), 'apps')).toBe('List at most 50 apps');
  });
});

describe('roles', () => {
  it('accepts 1 to 20 unique group names', () => {
    expect(parses(RolesSchema, { irGroups: ['incident-response'] })).toBe(true);
    expect(parses(RolesSchema, { irGroups: Array.from({ length: MAX_IR_GROUPS }, (_, i) => `g${i}`) })).toBe(true);
    expect(issuePaths(RolesSchema, { irGroups: Array.from({ length: MAX_IR_GROUPS + 1 }, (_, i) => `g${i}`) })).toEqual(['irGroups']);
    expect(withPath(settings({ roles: { irGroups: [] } }), 'roles.irGroups')).toBe('Add at least one Jira group for IR staff');
  });

  it('rejects invalid group names, naming each', () => {
    const f = fields(settings({ roles: { irGroups: ['ok', '', '   ', 'two\nlines', 'x'.repeat(256), 42 as unknown as string] } }));
    expect(Object.keys(f).sort()).toEqual(['roles.irGroups.1', 'roles.irGroups.2', 'roles.irGroups.3', 'roles.irGroups.4', 'roles.irGroups.5']);
    expect(f['roles.irGroups.1']).toBe('Enter the group name');
    expect(f['roles.irGroups.3']).toBe('Use a single line');
    expect(f['roles.irGroups.4']).toBe('Use at most 255 characters');
    expect(parses(RolesSchema, { irGroups: ['x'.repeat(255)] })).toBe(true);
  });

  it('a group listed twice (in any case, after trimming) is reported on the later one', () => {
    expect(fields(settings({ roles: { irGroups: ['IR-Team', 'jira-admins', ' ir-team '] } }))).toEqual({
      'roles.irGroups.2': 'This group is already listed (group 1)',
    });
  });
});

describe('clock', () => {
  const clock = (reminderThresholds: number[]) => ({ calendar: '24x5', timeZone: 'Europe/Berlin', reminderThresholds });

  it('accepts 0 to 4 ascending thresholds from 1 to 99', () => {
    for (const ok of [[], [1], [99], [1, 99], [10, 20, 30, 40], [50, 75]]) expect(parses(ClockSettingsSchema, clock(ok)), String(ok)).toBe(true);
  });

  it('rejects thresholds of 0 or 100, fractions and non-numbers, on the threshold', () => {
    for (const bad of [0, 100, 50.5, -5]) {
      expect(withPath(settings({ clock: clock([bad]) as Settings['clock'] }), 'clock.reminderThresholds.0'), String(bad)).toMatch(/1 to 99/);
    }
    expect(withPath(settings({ clock: clock([50, '75' as unknown as number]) as Settings['clock'] }), 'clock.reminderThresholds.1')).toBeDefined();
  });

  it('rejects unsorted and repeated thresholds with a message that says so', () => {
    for (const bad of [[75, 50], [50, 50], [10, 30, 20]]) {
      expect(withPath(settings({ clock: clock(bad) as Settings['clock'] }), 'clock.reminderThresholds'), String(bad)).toMatch(/strictly ascending order, each only once/);
    }
  });

  it('rejects more than 4 thresholds', () => {
    expect(withPath(settings({ clock: clock([10, 20, 30, 40, 50]) as Settings['clock'] }), 'clock.reminderThresholds')).toMatch(/at most 4/);
  });

  it('calendar is 24x7 or 24x5; the time zone is an IANA name', () => {
    expect(parses(ClockSettingsSchema, { ...clock([]), calendar: '24x7' })).toBe(true);
    expect(withPath(settings({ clock: { ...clock([]), calendar: '24x6' } as unknown as Settings['clock'] }), 'clock.calendar')).toBe('Choose the calendar: 24x7 or 24x5');
    for (const bad of ['Mars/Olympus', '+05:00', '']) {
      expect(withPath(settings({ clock: { ...clock([]), timeZone: bad } as Settings['clock'] }), 'clock.timeZone'), bad).toMatch(/time zone/);
    }
  });
});

describe('storage audit import cadence', () => {
  it('is a whole number of days from 1 to 29', () => {
    for (const ok of [1, 7, 29]) expect(parses(StorageAuditSettingsSchema, { importCadenceDays: ok }), String(ok)).toBe(true);
    for (const bad of [0, 30, 7.5]) {
      expect(withPath(settings({ storageAudit: { importCadenceDays: bad } }), 'storageAudit.importCadenceDays'), String(bad)).toMatch(/1 to 29.*30 days/);
    }
  });
});

describe('settings as a whole', () => {
  it('names a missing section and an unknown one', () => {
    const { roles: _r, ...rest } = settings();
    expect(withPath(rest, 'roles')).toBe('Add the roles');
    expect(withPath({ ...settings(), theme: 'dark' }, 'theme')).toMatch(/Remove "theme"/);
  });

  it('a non-object is reported without a field path', () => {
    expect(fields('settings')).toEqual({ settings: expect.stringMatching(/must be an object/) as unknown });
  });

  it('reports every bad field at once (the issue text examples)', () => {
    const { secondary: _s, ...noSecondary } = contacts({ primary: { ...primary(), email: 'nope', phone: '12345' } });
    const f = fields({
      ...settings(),
      contacts: noSecondary,
      apps: [app(), app({ appKey: 'k2' })],
      clock: { calendar: '24x7', timeZone: 'UTC', reminderThresholds: [75, 100] },
      storageAudit: { importCadenceDays: 30 },
    });
    expect(Object.keys(f).sort()).toEqual([
      'apps.1.appId',
      'clock.reminderThresholds.1',
      'contacts.primary.email',
      'contacts.primary.phone',
      'contacts.secondary',
      'storageAudit.importCadenceDays',
    ]);
  });
});

describe('contactsStatus', () => {
  it('not-set without contacts', () => {
    const s = contactsStatus(null, '2025-06-01');
    expect(s).toMatchObject({ state: 'not-set', reviewDueOn: null, daysSinceReview: null });
    expect(s.message).toMatch(/primary and a secondary contact/);
  });

  it('exactly 90 days after the review is still current; 91 days is review-due', () => {
    const c = contacts({ lastReviewedOn: '2025-01-01', reviewReminderDays: 90 });
    expect(contactsStatus(c, '2025-04-01')).toMatchObject({ state: 'current', reviewDueOn: '2025-04-01', daysSinceReview: 90 });
    expect(contactsStatus(c, '2025-04-02')).toMatchObject({ state: 'review-due', reviewDueOn: '2025-04-01', daysSinceReview: 91 });
  });

  it('uses the configured number of days and counts real calendar days (leap year)', () => {
    const c = contacts({ lastReviewedOn: '2024-02-28', reviewReminderDays: 2 });
    expect(contactsStatus(c, '2024-03-01')).toMatchObject({ state: 'current', reviewDueOn: '2024-03-01', daysSinceReview: 2 });
    expect(contactsStatus(c, '2024-03-02')).toMatchObject({ state: 'review-due', daysSinceReview: 3 });
    const year = contacts({ lastReviewedOn: '2024-01-01', reviewReminderDays: 365 });
    expect(contactsStatus(year, '2024-12-31')).toMatchObject({ state: 'current', reviewDueOn: '2024-12-31' });
    expect(contactsStatus(year, '2025-01-01')).toMatchObject({ state: 'review-due', daysSinceReview: 366 });
  });

  it('reviewed today is current with 0 days; a review dated after today counts as today', () => {
    expect(contactsStatus(contacts({ lastReviewedOn: '2025-05-05' }), '2025-05-05')).toMatchObject({ state: 'current', daysSinceReview: 0 });
    expect(contactsStatus(contacts({ lastReviewedOn: '2025-05-06' }), '2025-05-05')).toMatchObject({ state: 'current', daysSinceReview: 0 });
  });

  it('incomplete when the contacts do not confirm 24/5 coverage, even when the review is also overdue', () => {
    expect(contactsStatus(contacts({ coverage24x5: false }), '2025-01-02')).toMatchObject({ state: 'incomplete', daysSinceReview: 1 });
    expect(contactsStatus(contacts({ coverage24x5: false }), '2026-01-01').state).toBe('incomplete');
  });

  it('every message is one plain sentence', () => {
    const cases = [
      contactsStatus(null, '2025-01-01'),
      contactsStatus(contacts(), '2025-01-02'),
      contactsStatus(contacts(), '2026-01-01'),
      contactsStatus(contacts({ coverage24x5: false }), '2025-01-02'),
    ];
    for (const { message } of cases) {
      expect(message).toMatch(/^[A-Z][^\n]*\.$/);
      expect(message.slice(0, -1)).not.toMatch(/\.\s/);
    }
    expect(contactsStatus(contacts(), '2025-01-02').message).toMatch(/1 day ago/);
    expect(contactsStatus(contacts(), '2026-01-01').message).toMatch(/2025-04-01/);
  });

  it('rejects a date that is not YYYY-MM-DD', () => {
    expect(() => contactsStatus(null, '2025-02-30')).toThrow(RangeError);
    expect(() => contactsStatus(contacts(), '1 May 2025')).toThrow(RangeError);
    expect(() => contactsStatus(contacts({ lastReviewedOn: '2025-1-1' }), '2025-05-01')).toThrow(RangeError);
  });
});

describe('jsonSyntaxErrorOffset', () => {
  it('finds the first error where JSON.parse fails', () => {
    expect(jsonSyntaxErrorOffset('{"a":1}')).toBeNull();
    expect(jsonSyntaxErrorOffset(' [1, {"b": [true, false, null, -0.5e+3, "\\u00e9\\n"]}] ')).toBeNull();
    expect(jsonSyntaxErrorOffset('{"a":1,}')).toBe(7);
    expect(jsonSyntaxErrorOffset('[1 2]')).toBe(3);
    expect(jsonSyntaxErrorOffset('01')).toBe(1);
    expect(jsonSyntaxErrorOffset('"\\x"')).toBe(1);
    expect(jsonSyntaxErrorOffset('"a\nb"')).toBe(2);
    expect(jsonSyntaxErrorOffset("{'a':1}")).toBe(1);
    expect(jsonSyntaxErrorOffset('{"a" 1}')).toBe(5);
    expect(jsonSyntaxErrorOffset('[')).toBe(1);
    expect(jsonSyntaxErrorOffset('tru')).toBe(0);
  });

  it('agrees with JSON.parse on generated JSON and on corrupted JSON', () => {
    const parsesNative = (t: string) => {
      try {
        JSON.parse(t);
        return true;
      } catch {
        return false;
      }
    };
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(jsonSyntaxErrorOffset(text)).toBeNull();
      }),
    );
    // Corrupt a valid text by deleting or inserting a character: both must still agree.
    const corrupted = fc
      .tuple(fc.json(), fc.nat(), fc.constantFrom('', ',', ':', '"', '[', ']', '{', '}', '0', '-', 'e', '.', '\\', ' ', 'x', '\n'), fc.boolean())
      .map(([text, at, ch, replace]) => {
        const i = at % (text.length + 1);
        return text.slice(0, i) + ch + text.slice(replace ? i + 1 : i);
      });
    fc.assert(
      fc.property(corrupted, (text) => {
        expect(jsonSyntaxErrorOffset(text) === null).toBe(parsesNative(text));
      }),
      { numRuns: 500 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const text = (max: number) =>
  fc.string({ minLength: 1, maxLength: max, unit: 'grapheme' }).filter((t) => t.trim() === t && t !== '' && !/[\r\n]/.test(t));
const contactArb: fc.Arbitrary<Contact> = fc.record({
  name: text(40),
  role: text(40),
  email: fc.stringMatching(/^[a-z][a-z0-9]{0,10}(\.[a-z0-9]{1,5})?@[a-z]{1,10}\.(com|org|example)$/),
  phone: fc.stringMatching(/^\+[1-9]\d{1,14}$/),
  timeZone: fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe'),
});
const dayArb = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const appArb = fc.record({
  name: text(40),
  appKey: fc.stringMatching(/^[A-Za-z0-9._-]{1,20}$/),
  appId: fc.uuid(),
  framework: fc.constantFrom(...FRAMEWORKS),
  enterpriseTrustSignal: fc.boolean(),
  environments: fc.subarray([...APP_ENVIRONMENTS], { minLength: 1 }),
  distribution: fc.constantFrom(...APP_DISTRIBUTIONS),
});
const settingsArb: fc.Arbitrary<Settings> = fc.record({
  contacts: fc.option(
    fc.record({
      primary: contactArb,
      secondary: contactArb,
      coverage24x5: fc.boolean(),
      lastReviewedOn: dayArb,
      reviewReminderDays: fc.integer({ min: 1, max: 365 }),
    }),
    { nil: null },
  ),
  partner: fc.option(fc.record({ name: text(60), tier: fc.constantFrom(...PARTNER_TIERS) }), { nil: null }),
  apps: fc
    .uniqueArray(appArb, { maxLength: 6, selector: (a) => a.appId })
    // App keys made unique by position, whatever their case.
    .map((apps) => apps.map((a, i) => ({ ...a, appKey: `${a.appKey}-${i}` }))),
  roles: fc.record({
    irGroups: fc.uniqueArray(text(30), { minLength: 1, maxLength: MAX_IR_GROUPS, comparator: (a, b) => a.toLowerCase() === b.toLowerCase() }),
  }),
  clock: fc.record({
    calendar: fc.constantFrom('24x7' as const, '24x5' as const),
    timeZone: fc.constantFrom('UTC', 'Pacific/Chatham', 'America/Sao_Paulo'),
    reminderThresholds: fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { maxLength: 4 }).map((t) => [...t].sort((a, b) => a - b)),
  }),
  storageAudit: fc.record({ importCadenceDays: fc.integer({ min: 1, max: MAX_IMPORT_CADENCE_DAYS }) }),
});

describe('properties', () => {
  it('re-listing any app with its ID in upper case is reported on exactly that entry, naming the original', () => {
    const withApps = settingsArb.filter((s) => s.apps.length > 0);
    fc.assert(
      fc.property(withApps, fc.nat(), (s, pick) => {
        const i = pick % s.apps.length;
        const original = s.apps[i] as AppEntry;
        const copy = { ...original, appKey: 'unique-copy-key', appId: original.appId.toUpperCase() };
        const f = fields({ ...s, apps: [...s.apps, copy] });
        expect(f).toEqual({ [`apps.${s.apps.length}.appId`]: `This Forge app ID is already listed (app ${i + 1})` });
      }),
      { numRuns: 100 },
    );
  });

  it('the review is due exactly when more than reviewReminderDays days have passed', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 1, max: 365 }), fc.integer({ min: 0, max: 800 }), (reviewed, days, after) => {
        const today = new Date(Date.parse(`${reviewed}T00:00:00Z`) + after * 86_400_000).toISOString().slice(0, 10);
        const st = contactsStatus(contacts({ lastReviewedOn: reviewed, reviewReminderDays: days }), today);
        expect(st.daysSinceReview).toBe(after);
        expect(st.state).toBe(after > days ? 'review-due' : 'current');
        expect(st.reviewDueOn !== null && today > st.reviewDueOn).toBe(after > days);
      }),
    );
  });
});
