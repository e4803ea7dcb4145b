// The settings, split by reason to change: site-wide settings (site-settings.ts), the single-partner
// version's shape (legacy-settings.ts), the partner directory's entry (partner.ts) and its inventory
// (inventory.ts), whether contacts are current (contacts-status.ts), the export file (settings-file.ts) and
// what a partner prefills (prefill.ts). This module only re-exports, so existing imports keep working.
export * from './inventory';
export * from './site-settings';
export * from './contacts-status';
export * from './settings-file';
export * from './prefill';
export {
  ContactsSettingsSchema,
  PartnerProfileSchema,
  LegacyClockSettingsSchema,
  LegacySettingsSchema,
  legacyPartnerOf,
  type ContactsSettings,
  type PartnerProfile,
  type LegacySettings,
} from './legacy-settings';
export { COVERAGE_CALENDARS, DEFAULT_REVIEW_DAYS, MAX_REVIEW_DAYS, MAX_GROUP_NAME_LENGTH } from './partner';
import { SiteSettingsSchema, defaultSiteSettings, DEFAULT_SITE_SETTINGS, validateSiteSettings, type SiteSettings } from './site-settings';

/** The site-wide settings (the name other modules have always used). */
export type Settings = SiteSettings;
export const SettingsSchema = SiteSettingsSchema;
export const defaultSettings = defaultSiteSettings;
export const DEFAULT_SETTINGS = DEFAULT_SITE_SETTINGS;
export const validateSettings = validateSiteSettings;
export * from './settings-record';
