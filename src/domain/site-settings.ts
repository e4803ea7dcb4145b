// The site-wide settings: only what is the same for every partner on the site. Who counts as IR staff, when
// acknowledgment reminders are posted, how often storage audit logs are imported (seed 004), and the time zone
// the site's own calendar days (import cadence) are counted in. Everything partner-specific lives in the
// partner directory (partner.ts).
import * as v from 'valibot';
import { timeZoneField } from './contacts';
import { objectMessage, requiredText, uniqueGroups, wholeNumber, fieldsOf } from './schema-kit';
import { MAX_GROUP_NAME_LENGTH } from './partner';

/** The shape version of the settings record: 1 = the single-partner version's settings (legacy-settings.ts). */
export const SITE_SETTINGS_SCHEMA_VERSION = 2;

export const MAX_IR_GROUPS = 20;
export const DEFAULT_THRESHOLDS: readonly number[] = Object.freeze([50, 75]);
export const MAX_THRESHOLDS = 4;
export const DEFAULT_IMPORT_CADENCE_DAYS = 7;
/** The console keeps an uninstalled site's logs for 30 days (seed 004): import before they go. */
export const MAX_IMPORT_CADENCE_DAYS = 29;

export const RolesSchema = v.strictObject(
  {
    irGroups: v.pipe(
      v.array(requiredText('group name', MAX_GROUP_NAME_LENGTH), 'List the Jira groups whose members are IR staff'),
      v.minLength(1, 'Add at least one Jira group for IR staff'),
      v.maxLength(MAX_IR_GROUPS, `List at most ${MAX_IR_GROUPS} groups`),
      uniqueGroups,
    ),
  },
  objectMessage('roles', { irGroups: 'Add at least one Jira group for IR staff' }),
);
export type Roles = v.InferOutput<typeof RolesSchema>;

const THRESHOLD_MESSAGE = 'Enter each reminder threshold as a whole percentage from 1 to 99';
export const thresholdsField = v.pipe(
  v.array(
    v.pipe(v.number(THRESHOLD_MESSAGE), v.integer(THRESHOLD_MESSAGE), v.minValue(1, THRESHOLD_MESSAGE), v.maxValue(99, THRESHOLD_MESSAGE)),
    'List the reminder thresholds as percentages, for example 50, 75',
  ),
  v.maxLength(MAX_THRESHOLDS, `Use at most ${MAX_THRESHOLDS} reminder thresholds`),
  v.check(
    (list) => list.every((t, i) => i === 0 || t > (list[i - 1] ?? t)),
    'List the reminder thresholds in strictly ascending order, each only once, for example 50, 75',
  ),
);

export const ReminderSettingsSchema = v.strictObject(
  { timeZone: timeZoneField, reminderThresholds: thresholdsField },
  objectMessage('reminder settings', {
    timeZone: 'Choose a time zone',
    reminderThresholds: 'List the reminder thresholds (an empty list means no reminders)',
  }),
);
export type ReminderSettings = v.InferOutput<typeof ReminderSettingsSchema>;

export const StorageAuditSettingsSchema = v.strictObject(
  {
    importCadenceDays: wholeNumber(
      'days',
      1,
      MAX_IMPORT_CADENCE_DAYS,
      ': the developer console keeps an uninstalled site\u2019s logs for 30 days only',
    ),
  },
  objectMessage('storage audit settings', { importCadenceDays: 'Enter how often, in days, to import storage audit logs' }),
);
export type StorageAuditSettings = v.InferOutput<typeof StorageAuditSettingsSchema>;

/** Jira's limits: a project key is 2–10 upper-case letters and digits starting with a letter; a name at most 255. */
const PROJECT_KEY = /^[A-Z][A-Z0-9_]{1,9}$/;
export const MAX_INCIDENT_PROJECTS = 10;
export const MAX_INCIDENT_ISSUE_TYPES = 10;
const unique = (xs: string[]) => new Set(xs.map((x) => x.toLowerCase())).size === xs.length;

/** Which tickets are incidents: those of these projects with one of these issue types (checked against Jira on save). */
export const IncidentTicketsSchema = v.strictObject(
  {
    projects: v.pipe(
      v.array(v.pipe(v.string('Enter a project key'), v.trim(), v.regex(PROJECT_KEY, 'Enter a Jira project key, for example SEC')), 'List the projects whose tickets are incidents'),
      v.minLength(1, 'Add at least one project'),
      v.maxLength(MAX_INCIDENT_PROJECTS, `List at most ${MAX_INCIDENT_PROJECTS} projects`),
      v.check(unique, 'List each project once'),
    ),
    issueTypes: v.pipe(
      v.array(requiredText('issue type', 255), 'List the issue types that are incidents'),
      v.minLength(1, 'Add at least one issue type'),
      v.maxLength(MAX_INCIDENT_ISSUE_TYPES, `List at most ${MAX_INCIDENT_ISSUE_TYPES} issue types`),
      v.check(unique, 'List each issue type once'),
    ),
  },
  objectMessage('incident tickets', { projects: 'Add at least one project', issueTypes: 'Add at least one issue type' }),
);
export type IncidentTickets = v.InferOutput<typeof IncidentTicketsSchema>;
export const DEFAULT_INCIDENT_TICKETS: IncidentTickets = Object.freeze({ projects: Object.freeze(['SEC']), issueTypes: Object.freeze(['Security incident']) }) as IncidentTickets;

export const SiteSettingsSchema = v.strictObject(
  {
    schemaVersion: v.optional(v.literal(SITE_SETTINGS_SCHEMA_VERSION, `Use settings schema version ${SITE_SETTINGS_SCHEMA_VERSION}`), SITE_SETTINGS_SCHEMA_VERSION),
    roles: RolesSchema,
    /** Named `clock` for continuity: the calendar and its time zone are each partner's coverage now. */
    clock: ReminderSettingsSchema,
    storageAudit: StorageAuditSettingsSchema,
    /** Settings saved before this field existed read as the seed's project and issue type. */
    incidents: v.optional(IncidentTicketsSchema, () => ({ projects: [...DEFAULT_INCIDENT_TICKETS.projects], issueTypes: [...DEFAULT_INCIDENT_TICKETS.issueTypes] })),
  },
  objectMessage(
    'settings',
    { roles: 'Add the roles', clock: 'Add the reminder settings', storageAudit: 'Add the storage audit settings' },
    'The settings must be an object with roles, clock and storageAudit',
  ),
);
export type SiteSettings = v.InferOutput<typeof SiteSettingsSchema>;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** A fresh, mutable copy of the settings of a new installation. */
export function defaultSiteSettings(): SiteSettings {
  return {
    schemaVersion: SITE_SETTINGS_SCHEMA_VERSION,
    roles: { irGroups: ['incident-response'] },
    clock: { timeZone: 'UTC', reminderThresholds: [...DEFAULT_THRESHOLDS] },
    storageAudit: { importCadenceDays: DEFAULT_IMPORT_CADENCE_DAYS },
    incidents: { projects: [...DEFAULT_INCIDENT_TICKETS.projects], issueTypes: [...DEFAULT_INCIDENT_TICKETS.issueTypes] },
  };
}

/** The settings of a new installation; frozen, so a caller cannot change everyone's defaults. */
export const DEFAULT_SITE_SETTINGS: SiteSettings = deepFreeze(defaultSiteSettings());

export function validateSiteSettings(input: unknown): { ok: true; settings: SiteSettings } | { ok: false; fields: Record<string, string> } {
  const result = v.safeParse(SiteSettingsSchema, input);
  return result.success ? { ok: true, settings: result.output } : { ok: false, fields: fieldsOf(result.issues, '') };
}
