// How a stored settings record reads today, whatever wrote it: today's site settings; the single-partner
// version's settings (upgraded: site-wide parts kept, the rest offered as one partner to complete); or
// something that does not parse, which never takes the app down: safe defaults, and a repair notice for admins.
import * as v from 'valibot';
import { fieldsOf, isRecord } from './schema-kit';
import { defaultSiteSettings, DEFAULT_SITE_SETTINGS, SITE_SETTINGS_SCHEMA_VERSION, SiteSettingsSchema, type SiteSettings } from './site-settings';
import { LegacySettingsSchema, legacyPartnerOf } from './legacy-settings';
import type { Partner } from './partner';

export interface SettingsRepair {
  message: string;
  /** Which stored fields did not parse, by path. */
  fields: Record<string, string>;
}

export interface SettingsReading {
  settings: SiteSettings;
  /** 1 when the record was written by the single-partner version, 2 today, null when it does not parse. */
  storedShape: 1 | 2 | null;
  /** The partner the single-partner version's settings describe, until an admin saves it to the directory. */
  legacyPartner: Partner | null;
  repair: SettingsRepair | null;
}

const REPAIR_MESSAGE =
  'The stored settings could not be read, so the app runs on the defaults (IR staff group "incident-response", reminders at 50% and 75%). A Jira admin needs to save the settings again or import a settings file.';

export function readSettings(stored: unknown): SettingsReading {
  if (stored === undefined || stored === null) return { settings: DEFAULT_SITE_SETTINGS, storedShape: 2, legacyPartner: null, repair: null };
  if (isRecord(stored) && stored.schemaVersion === SITE_SETTINGS_SCHEMA_VERSION) {
    const r = v.safeParse(SiteSettingsSchema, stored);
    if (r.success) return { settings: r.output, storedShape: 2, legacyPartner: null, repair: null };
    return { settings: DEFAULT_SITE_SETTINGS, storedShape: null, legacyPartner: null, repair: { message: REPAIR_MESSAGE, fields: fieldsOf(r.issues, 'settings') } };
  }
  const legacy = v.safeParse(LegacySettingsSchema, stored);
  if (legacy.success) {
    const { roles, clock, storageAudit } = legacy.output;
    return {
      settings: { schemaVersion: SITE_SETTINGS_SCHEMA_VERSION, roles, clock: { timeZone: clock.timeZone, reminderThresholds: clock.reminderThresholds }, storageAudit, incidents: defaultSiteSettings().incidents },
      storedShape: 1,
      legacyPartner: legacyPartnerOf(legacy.output),
      repair: null,
    };
  }
  return { settings: DEFAULT_SITE_SETTINGS, storedShape: null, legacyPartner: null, repair: { message: REPAIR_MESSAGE, fields: fieldsOf(legacy.issues, 'settings') } };
}
