import * as v from 'valibot';
import { fn } from './fn';
import { NoInput, ViewerSchema } from './common';
import { HistoryInput, HistoryPageSchema, TrailCheckSchema, VerifyInput } from './audit';
import { SettingsSchema } from '../domain/settings';
import { STORAGE_AUDIT_ADMIN } from './storage-audit';

export const ContactsStatusSchema = v.object({
  state: v.picklist(['not-set', 'current', 'review-due', 'incomplete']),
  reviewDueOn: v.nullable(v.string()),
  daysSinceReview: v.nullable(v.number()),
  message: v.string(),
});

const VersionField = v.pipe(v.number('Send the version you loaded'), v.integer(), v.minValue(0));
export const SETTINGS_IMPORT_MAX_CHARS = 1_000_000;

export const SettingsViewSchema = v.object({ version: v.number(), settings: SettingsSchema, contactsStatus: ContactsStatusSchema });
export type SettingsView = v.InferOutput<typeof SettingsViewSchema>;

export const AdminLoadSchema = v.object({ viewer: ViewerSchema, serverNow: v.string(), ...SettingsViewSchema.entries });

/** The settings page's functions (module `settings-page`): reachable only from that module, only for Jira admins. */
export const ADMIN = {
  load: fn(NoInput, AdminLoadSchema),
  save: fn(v.strictObject({ version: VersionField, settings: SettingsSchema }), SettingsViewSchema),
  importSettings: fn(
    v.strictObject({ version: VersionField, text: v.pipe(v.string(), v.maxLength(SETTINGS_IMPORT_MAX_CHARS, 'The file is larger than 1 MB')) }),
    SettingsViewSchema,
  ),
  groups: fn(v.strictObject({ query: v.pipe(v.string(), v.trim(), v.maxLength(100, 'Use at most 100 characters')) }), v.object({ groups: v.array(v.string()) })),
  history: fn(HistoryInput, HistoryPageSchema),
  verifyHistory: fn(VerifyInput, TrailCheckSchema),
  ...STORAGE_AUDIT_ADMIN,
};
