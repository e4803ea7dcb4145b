import * as v from 'valibot';
import { fn } from './fn';
import { NoInput, ViewerSchema } from './common';
import { HistoryInput, HistoryPageSchema, TrailCheckSchema, VerifyInput } from './audit';
import { SiteSettingsSchema } from '../domain/site-settings';
import { ContactsStatusSchema } from './contacts-status';
import { ExportPageInput, ExportPageSchema, PartnerDocSchema, PartnerGetInput, PartnerHistoryInput, PartnerListInput, PartnerListSchema, PartnerViewSchema, SavePartnerInput } from './directory';
import { STORAGE_AUDIT_ADMIN } from './storage-audit';
import { SITE_ADMIN } from './site';

export { ContactsStatusSchema };

const VersionField = v.pipe(v.number('Send the version you loaded'), v.integer(), v.minValue(0));
export const SETTINGS_IMPORT_MAX_CHARS = 1_000_000;

/** The site settings, and how the stored record read: upgraded from the previous version, or in need of repair. */
export const SettingsViewSchema = v.object({
  version: v.number(),
  settings: SiteSettingsSchema,
  /** The stored settings do not parse: the app runs on defaults until an admin saves or imports. */
  repair: v.nullable(v.object({ message: v.string(), fields: v.record(v.string(), v.string()) })),
  /** The partner the previous version's settings described, until an admin names its member groups and saves it. */
  previousVersionPartner: v.nullable(PartnerDocSchema),
});
export type SettingsView = v.InferOutput<typeof SettingsViewSchema>;

export const AdminLoadSchema = v.object({ viewer: ViewerSchema, serverNow: v.string(), ...SettingsViewSchema.entries, partners: PartnerListSchema });

export const ImportResultSchema = v.object({ ...SettingsViewSchema.entries, partnersWritten: v.number(), fileVersion: v.number() });

/** The settings page's functions (module `settings-page`): reachable only from that module, only for Jira admins. */
export const ADMIN = {
  load: fn(NoInput, AdminLoadSchema),
  save: fn(v.strictObject({ version: VersionField, settings: SiteSettingsSchema }), SettingsViewSchema),
  importSettings: fn(
    v.strictObject({ version: VersionField, text: v.pipe(v.string(), v.maxLength(SETTINGS_IMPORT_MAX_CHARS, 'The file is larger than 1 MB')) }),
    ImportResultSchema,
  ),
  /** The partner directory, page by page; one partner; its save; its own trail; the directory for an export. */
  partners: fn(PartnerListInput, PartnerListSchema),
  partner: fn(PartnerGetInput, PartnerViewSchema),
  savePartner: fn(SavePartnerInput, PartnerViewSchema),
  partnerHistory: fn(PartnerHistoryInput, HistoryPageSchema),
  exportPage: fn(ExportPageInput, ExportPageSchema),
  groups: fn(v.strictObject({ query: v.pipe(v.string(), v.trim(), v.maxLength(100, 'Use at most 100 characters')) }), v.object({ groups: v.array(v.string()) })),
  history: fn(HistoryInput, HistoryPageSchema),
  verifyHistory: fn(VerifyInput, TrailCheckSchema),
  ...STORAGE_AUDIT_ADMIN,
  ...SITE_ADMIN,
};
