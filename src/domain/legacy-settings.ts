// The settings as the single-partner version (settings export version 1) stored and exported them: one
// contact pair, one partner profile, one app inventory and one clock for the whole site. Today's code reads
// them only to upgrade: the site-wide parts become the site settings, the rest becomes one partner.
import * as v from 'valibot';
import { ContactSchema, timeZoneField } from './contacts';
import { PARTNER_TIERS } from './eligibility';
import { appsField } from './inventory';
import { calendarDate, fieldsOf, objectMessage, requiredText, wholeNumber } from './schema-kit';
import { COVERAGE_CALENDARS, DEFAULT_REVIEW_DAYS, MAX_REVIEW_DAYS, PARTNER_SCHEMA_VERSION, type Partner } from './partner';
import { RolesSchema, StorageAuditSettingsSchema, thresholdsField } from './site-settings';

/** The contacts module's field rules, with messages that name a missing field. */
const SettingsContactSchema = v.strictObject(
  ContactSchema.entries,
  objectMessage('contact', {
    name: 'Enter the name',
    role: 'Enter the role',
    email: 'Enter an email address',
    phone: 'Enter a phone number',
    timeZone: 'Choose a time zone',
  }),
);


export const ContactsSettingsSchema = v.strictObject(
  {
    primary: SettingsContactSchema,
    secondary: SettingsContactSchema,
    /** The two contacts together confirm the 24/5 coverage the program asks for. */
    coverage24x5: v.boolean('Say whether the contacts cover 24/5 (yes or no)'),
    lastReviewedOn: calendarDate,
    reviewReminderDays: wholeNumber('days', 1, MAX_REVIEW_DAYS),
  },
  objectMessage('incident contacts', {
    primary: 'Add a primary contact',
    secondary: 'Add a secondary contact: the program asks for at least one primary and one secondary contact',
    coverage24x5: 'Say whether the contacts cover 24/5 (yes or no)',
    lastReviewedOn: 'Enter the date the contacts were last reviewed',
    reviewReminderDays: 'Enter after how many days to remind admins to review the contacts',
  }),
);
export type ContactsSettings = v.InferOutput<typeof ContactsSettingsSchema>;

export const PartnerProfileSchema = v.strictObject(
  {
    name: requiredText('partner name'),
    tier: v.picklist(PARTNER_TIERS, 'Choose the partner tier: Platinum or other'),
  },
  objectMessage('partner profile', { name: 'Enter the partner name', tier: 'Choose the partner tier: Platinum or other' }),
);
export type PartnerProfile = v.InferOutput<typeof PartnerProfileSchema>;

export const LegacyClockSettingsSchema = v.strictObject(
  {
    calendar: v.picklist(COVERAGE_CALENDARS, 'Choose the calendar: 24x7 or 24x5'),
    timeZone: timeZoneField,
    reminderThresholds: thresholdsField,
  },
  objectMessage('clock settings', {
    calendar: 'Choose the calendar: 24x7 or 24x5',
    timeZone: 'Choose a time zone',
    reminderThresholds: 'List the reminder thresholds (an empty list means no reminders)',
  }),
);
export type LegacyClockSettings = v.InferOutput<typeof LegacyClockSettingsSchema>;

export const LegacySettingsSchema = v.strictObject(
  {
    /** null until an admin saves contacts. */
    contacts: v.nullable(ContactsSettingsSchema),
    partner: v.nullable(PartnerProfileSchema),
    apps: appsField,
    roles: RolesSchema,
    clock: LegacyClockSettingsSchema,
    storageAudit: StorageAuditSettingsSchema,
  },
  objectMessage(
    'settings',
    {
      contacts: 'Add the incident contacts, or null when none are set yet',
      partner: 'Add the partner profile, or null when none is set yet',
      apps: 'List the apps (an empty list when there are none)',
      roles: 'Add the roles',
      clock: 'Add the clock settings',
      storageAudit: 'Add the storage audit settings',
    },
    'The settings must be an object with contacts, partner, apps, roles, clock and storageAudit',
  ),
);
export type LegacySettings = v.InferOutput<typeof LegacySettingsSchema>;

/** The partner the single-partner version's settings describe, or null when they describe none. */
export function legacyPartnerOf(s: LegacySettings): Partner | null {
  if (s.contacts === null && s.partner === null && s.apps.length === 0) return null;
  return {
    schemaVersion: PARTNER_SCHEMA_VERSION,
    id: 'previous-version-partner',
    name: s.partner?.name ?? 'Partner from the previous version',
    tier: s.partner?.tier ?? 'other',
    // The previous version knew no member groups: an admin names them before the partner is saved.
    memberGroups: [],
    needsMemberGroups: true,
    contacts: s.contacts ? { primary: { ...s.contacts.primary, accountId: '' }, secondary: { ...s.contacts.secondary, accountId: '' } } : null,
    coverage: { calendar: s.clock.calendar, timeZone: s.clock.timeZone },
    lastReviewedOn: s.contacts?.lastReviewedOn ?? null,
    reviewIntervalDays: s.contacts?.reviewReminderDays ?? DEFAULT_REVIEW_DAYS,
    apps: s.apps,
    contactsUpdated: null,
  };
}

/** The single-partner version's settings of a new installation (for reading and testing its shape). */
export function defaultLegacySettings(): LegacySettings {
  return {
    contacts: null,
    partner: null,
    apps: [],
    roles: { irGroups: ['incident-response'] },
    clock: { calendar: '24x7', timeZone: 'UTC', reminderThresholds: [50, 75] },
    storageAudit: { importCadenceDays: 7 },
  };
}

export function validateLegacySettings(input: unknown): { ok: true; settings: LegacySettings } | { ok: false; fields: Record<string, string> } {
  const result = v.safeParse(LegacySettingsSchema, input);
  return result.success ? { ok: true, settings: result.output } : { ok: false, fields: fieldsOf(result.issues, '') };
}
