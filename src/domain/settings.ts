// The app's settings, kept on the Jira admin page: incident contacts (seed 000, "Maintain current
// incident contacts"), the partner profile and app inventory that prefill a report and its triage,
// who counts as IR staff, the acknowledgment clock, and how often storage audit logs are imported
// (seed 004). One valibot schema for browser and server; every message is a sentence shown next to
// the field its issue's path names (e.g. apps.1.appId), so a bad save or import names each field.
import * as v from 'valibot';
import { addDays, differenceInCalendarDays, format, parseISO } from 'date-fns';
import { tz } from '@date-fns/tz';
import { ContactSchema, shortText, timeZoneField } from './contacts';
import { FRAMEWORKS, PARTNER_TIERS } from './eligibility';
import type { SupportInput } from './eligibility';
import type { CoverageCalendar } from './ack-timer';
import { isCalendarDay } from './calendar';

const UTC = tz('UTC');

// ---------------------------------------------------------------------------------------------
// Limits and defaults
// ---------------------------------------------------------------------------------------------

export const APP_ENVIRONMENTS = ['development', 'staging', 'production'] as const;
export type AppEnvironment = (typeof APP_ENVIRONMENTS)[number];

export const APP_DISTRIBUTIONS = ['public', 'unlisted', 'private'] as const;
export type AppDistribution = (typeof APP_DISTRIBUTIONS)[number];

export const COVERAGE_CALENDARS = ['24x7', '24x5'] as const satisfies readonly CoverageCalendar[];

export const MAX_APPS = 50;
export const MAX_IR_GROUPS = 20;
export const DEFAULT_REVIEW_DAYS = 90;
export const MAX_REVIEW_DAYS = 365;
export const DEFAULT_THRESHOLDS: readonly number[] = Object.freeze([50, 75]);
export const MAX_THRESHOLDS = 4;
export const DEFAULT_IMPORT_CADENCE_DAYS = 7;
/** The console keeps an uninstalled site's logs for 30 days (seed 004): import before they go. */
export const MAX_IMPORT_CADENCE_DAYS = 29;
/** Connect's descriptor limit for an app key. */
export const MAX_APP_KEY_LENGTH = 64;
/** Jira's limit for a group name. */
export const MAX_GROUP_NAME_LENGTH = 255;
export const MAX_SETTINGS_IMPORT_BYTES = 1_048_576;

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

/**
 * The message of a strict object's own issues: the value is not an object, a field is missing
 * (named by `missing`), or a field is unknown. The object does not know its own key in the parent,
 * so the parent's path (added later) says where it is.
 */
function objectMessage(what: string, missing: Readonly<Record<string, string>>, notAnObject = `Enter the ${what}`) {
  return (issue: v.StrictObjectIssue): string => {
    const key = issue.path?.[0]?.key;
    if (issue.expected === 'never') return `Remove "${String(issue.input)}": it is not a field of the ${what}`;
    if (typeof key === 'string') return missing[key] ?? `Enter the ${key} of the ${what}`;
    return notAnObject;
  };
}

const wholeNumber = (what: string, min: number, max: number, why = '') => {
  const range = `Enter a whole number of ${what} from ${min} to ${max}${why}`;
  return v.pipe(v.number(range), v.integer(range), v.minValue(min, range), v.maxValue(max, range));
};

const requiredText = (what: string, max?: number) => v.pipe(shortText(max), v.minLength(1, `Enter the ${what}`));

// ---------------------------------------------------------------------------------------------
// Incident contacts
// ---------------------------------------------------------------------------------------------

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

const DATE_MESSAGE = 'Enter a real date as YYYY-MM-DD, for example 2025-03-31';
const calendarDate = v.pipe(v.string(DATE_MESSAGE), v.trim(), v.check(isCalendarDay, DATE_MESSAGE));

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

// ---------------------------------------------------------------------------------------------
// Partner profile and app inventory
// ---------------------------------------------------------------------------------------------

export const PartnerProfileSchema = v.strictObject(
  {
    name: requiredText('partner name'),
    tier: v.picklist(PARTNER_TIERS, 'Choose the partner tier: Platinum or other'),
  },
  objectMessage('partner profile', { name: 'Enter the partner name', tier: 'Choose the partner tier: Platinum or other' }),
);
export type PartnerProfile = v.InferOutput<typeof PartnerProfileSchema>;

// The manifest writes the app ID as an ARI; admins paste either form, the inventory keeps the UUID.
const APP_ARI_PREFIX = /^ari:cloud:ecosystem::app\//i;

/** The canonical form of a Forge app ID: trimmed, lowercase, without the manifest's ARI prefix. */
export function normalizeAppId(appId: string): string {
  return appId.trim().replace(APP_ARI_PREFIX, '').toLowerCase();
}

const APP_ID_MESSAGE = 'Enter the Forge app ID as a UUID, for example 83ba0476-7067-4011-9a80-0a132d9ff63a';
const appIdField = v.pipe(v.string(APP_ID_MESSAGE), v.transform(normalizeAppId), v.uuid(APP_ID_MESSAGE));

const APP_KEY_MESSAGE = 'Use only letters, digits, hyphens (-), underscores (_) and dots (.) in the app key';
const appKeyField = v.pipe(
  v.string('Enter the app key, for example acme-audit-app'),
  v.trim(),
  v.minLength(1, 'Enter the app key, for example acme-audit-app'),
  v.maxLength(MAX_APP_KEY_LENGTH, `Use at most ${MAX_APP_KEY_LENGTH} characters`),
  v.regex(/^[A-Za-z0-9._-]+$/, APP_KEY_MESSAGE),
);

const FRAMEWORK_MESSAGE = 'Choose the framework: Forge, Forge Remote, Connect on Forge, Connect or Server/Data Center';
const ENVIRONMENT_MESSAGE = 'Choose environments from development, staging and production';
const environmentsField = v.pipe(
  v.array(v.picklist(APP_ENVIRONMENTS, ENVIRONMENT_MESSAGE), ENVIRONMENT_MESSAGE),
  v.minLength(1, 'Choose at least one environment'),
  v.check((list) => new Set(list).size === list.length, 'Choose each environment only once'),
  // Stored in the program's order, so two equal inventories compare equal.
  v.transform((list) => APP_ENVIRONMENTS.filter((e) => list.includes(e))),
);

export const AppEntrySchema = v.strictObject(
  {
    name: requiredText('app name'),
    appKey: appKeyField,
    appId: appIdField,
    framework: v.picklist(FRAMEWORKS, FRAMEWORK_MESSAGE),
    enterpriseTrustSignal: v.boolean('Say whether the app has the Enterprise trust signal (yes or no)'),
    environments: environmentsField,
    distribution: v.picklist(APP_DISTRIBUTIONS, 'Choose the distribution: public, unlisted or private'),
  },
  objectMessage('app', {
    name: 'Enter the app name',
    appKey: 'Enter the app key, for example acme-audit-app',
    appId: 'Enter the Forge app ID',
    framework: FRAMEWORK_MESSAGE,
    enterpriseTrustSignal: 'Say whether the app has the Enterprise trust signal (yes or no)',
    environments: 'Choose at least one environment',
    distribution: 'Choose the distribution: public, unlisted or private',
  }),
);
export type AppEntry = v.InferOutput<typeof AppEntrySchema>;

type PathItem = v.IssuePathItem;

function arrayItemPath(list: unknown[], index: number): v.ArrayPathItem {
  return { type: 'array', origin: 'value', input: list, key: index, value: list[index] };
}

function fieldPath(entry: Record<string, unknown>, key: string): v.ObjectPathItem {
  return { type: 'object', origin: 'value', input: entry, key, value: entry[key] };
}

/**
 * For each item whose `keyOf` equals an earlier item's, the later index and the earlier one.
 * Items without a key (not yet valid) are skipped, so duplicates show next to other errors.
 */
function laterDuplicates(list: readonly unknown[], keyOf: (item: unknown) => string | null): [number, number][] {
  const firstAt = new Map<string, number>();
  const found: [number, number][] = [];
  list.forEach((item, index) => {
    const key = keyOf(item);
    if (key === null) return;
    const first = firstAt.get(key);
    if (first === undefined) firstAt.set(key, index);
    else found.push([index, first]);
  });
  return found;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A field of a (possibly half-parsed) object, compared case-insensitively. */
const stringField = (field: string) => (item: unknown): string | null =>
  isRecord(item) && typeof item[field] === 'string' && item[field] !== '' ? item[field].toLowerCase() : null;

// A raw check rather than v.check: it runs even when another app has an invalid field, so one
// save names every problem at once. It reads the parsed output, so app IDs are already canonical.
const uniqueApps = v.rawCheck<AppEntry[]>(({ dataset, addIssue }) => {
  // Typed as parsed, but items may be half-parsed when another field failed: read them as unknown.
  const apps: unknown = dataset.value;
  if (!Array.isArray(apps)) return;
  const report = (field: string, what: string) => {
    for (const [index, first] of laterDuplicates(apps, stringField(field))) {
      const entry: unknown = apps[index];
      if (!isRecord(entry)) continue;
      const path: [PathItem, ...PathItem[]] = [arrayItemPath(apps, index), fieldPath(entry, field)];
      addIssue({ message: `This ${what} is already listed (app ${first + 1})`, path });
    }
  };
  report('appId', 'Forge app ID');
  report('appKey', 'app key');
});

const appsField = v.pipe(
  v.array(AppEntrySchema, 'List the apps'),
  v.maxLength(MAX_APPS, `List at most ${MAX_APPS} apps`),
  uniqueApps,
);

// ---------------------------------------------------------------------------------------------
// Roles, clock, storage audit imports
// ---------------------------------------------------------------------------------------------

// Jira compares group names case-insensitively, so 'IR-Team' and 'ir-team' are one group.
const uniqueGroups = v.rawCheck<string[]>(({ dataset, addIssue }) => {
  const groups: unknown = dataset.value;
  if (!Array.isArray(groups)) return;
  const nameOf = (g: unknown) => (typeof g === 'string' && g !== '' ? g.toLowerCase() : null);
  for (const [index, first] of laterDuplicates(groups, nameOf)) {
    addIssue({ message: `This group is already listed (group ${first + 1})`, path: [arrayItemPath(groups, index)] });
  }
});

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
const thresholdsField = v.pipe(
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

export const ClockSettingsSchema = v.strictObject(
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
export type ClockSettings = v.InferOutput<typeof ClockSettingsSchema>;

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

// ---------------------------------------------------------------------------------------------
// All settings
// ---------------------------------------------------------------------------------------------

export const SettingsSchema = v.strictObject(
  {
    /** null until an admin saves contacts. */
    contacts: v.nullable(ContactsSettingsSchema),
    partner: v.nullable(PartnerProfileSchema),
    apps: appsField,
    roles: RolesSchema,
    clock: ClockSettingsSchema,
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
export type Settings = v.InferOutput<typeof SettingsSchema>;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** A fresh, mutable copy of the settings of a new installation. */
export function defaultSettings(): Settings {
  return {
    contacts: null,
    partner: null,
    apps: [],
    roles: { irGroups: ['incident-response'] },
    clock: { calendar: '24x7', timeZone: 'UTC', reminderThresholds: [...DEFAULT_THRESHOLDS] },
    storageAudit: { importCadenceDays: DEFAULT_IMPORT_CADENCE_DAYS },
  };
}

/** The settings of a new installation; frozen, so a caller cannot change everyone's defaults. */
export const DEFAULT_SETTINGS: Settings = deepFreeze(defaultSettings());

/** Valid settings, or the first message for each field path (e.g. 'apps.1.appId'). */
export function validateSettings(input: unknown): { ok: true; settings: Settings } | { ok: false; fields: Record<string, string> } {
  const result = v.safeParse(SettingsSchema, input);
  return result.success ? { ok: true, settings: result.output } : { ok: false, fields: fieldsOf(result.issues, '') };
}

function fieldsOf(issues: readonly v.BaseIssue<unknown>[], prefix: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = v.getDotPath(issue);
    const key = path ? (prefix ? `${prefix}.${path}` : path) : prefix || 'settings';
    fields[key] ??= issue.message;
  }
  return fields;
}

// ---------------------------------------------------------------------------------------------
// Are the contacts current?
// ---------------------------------------------------------------------------------------------

export type ContactsState = 'not-set' | 'current' | 'review-due' | 'incomplete';

export interface ContactsStatus {
  state: ContactsState;
  /** The last day the review still counts as current. */
  reviewDueOn: string | null;
  daysSinceReview: number | null;
  /** One plain sentence for admins and the incident panel. */
  message: string;
}

function parseDay(day: string, name: string): Date {
  if (typeof day !== 'string' || !isCalendarDay(day)) {
    throw new RangeError(`${name} must be a calendar date written YYYY-MM-DD (got ${JSON.stringify(day)}).`);
  }
  return parseISO(day, { in: UTC });
}

const dayString = (d: Date): string => format(d, 'yyyy-MM-dd', { in: UTC });
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Whether the incident contacts can be relied on today: 'review-due' once more than
 * `reviewReminderDays` days have passed since the last review (exactly that many is still
 * current); 'incomplete' when they do not confirm 24/5 coverage, which matters more than age.
 */
export function contactsStatus(c: Settings['contacts'], today: string): ContactsStatus {
  const now = parseDay(today, 'today');
  if (c === null) {
    return {
      state: 'not-set',
      reviewDueOn: null,
      daysSinceReview: null,
      message: 'No incident contacts are set: a Jira admin needs to add a primary and a secondary contact on the app settings page.',
    };
  }
  const reviewed = parseDay(c.lastReviewedOn, 'lastReviewedOn');
  const reviewDueOn = dayString(addDays(reviewed, c.reviewReminderDays, { in: UTC }));
  // A review dated after today (an admin ahead of UTC) counts as done today.
  const daysSinceReview = Math.max(0, differenceInCalendarDays(now, reviewed, { in: UTC }));
  const ago = `last reviewed on ${c.lastReviewedOn} (${plural(daysSinceReview, 'day')} ago)`;
  if (!c.coverage24x5) {
    return {
      state: 'incomplete',
      reviewDueOn,
      daysSinceReview,
      message: `The incident contacts do not confirm 24/5 coverage, which the program requires: a Jira admin needs to update them (${ago}).`,
    };
  }
  if (daysSinceReview > c.reviewReminderDays) {
    return {
      state: 'review-due',
      reviewDueOn,
      daysSinceReview,
      message: `The incident contacts were ${ago} and their review was due by ${reviewDueOn}: a Jira admin needs to confirm they are still current.`,
    };
  }
  return {
    state: 'current',
    reviewDueOn,
    daysSinceReview,
    message: `The incident contacts are current: ${ago}, next review due by ${reviewDueOn}.`,
  };
}

// ---------------------------------------------------------------------------------------------
// Export and import as JSON
// ---------------------------------------------------------------------------------------------

export const SETTINGS_EXPORT_FORMAT = 'partner-incident-response/settings';
export const SETTINGS_EXPORT_VERSION = 1;

export function exportSettings(s: Settings, exportedAt: Date): string {
  const file = {
    format: SETTINGS_EXPORT_FORMAT,
    version: SETTINGS_EXPORT_VERSION,
    exportedAt: exportedAt.toISOString(),
    settings: s,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

const NOT_AN_EXPORT = `This file is not a Partner Incident Response settings export: its "format" must be "${SETTINGS_EXPORT_FORMAT}".`;

const wrongVersion = (received: string | null) =>
  `This settings file has ${received === null ? 'no version' : `version ${received}`}; this app can import version ${SETTINGS_EXPORT_VERSION} only.`;

// Only format and version are checked here; exportedAt is informational, other keys are ignored.
// A missing "settings" is left to SettingsSchema, so it is reported as the settings field.
const ExportEnvelopeSchema = v.object(
  {
    format: v.literal(SETTINGS_EXPORT_FORMAT, NOT_AN_EXPORT),
    version: v.literal(SETTINGS_EXPORT_VERSION, (issue) => wrongVersion(issue.received)),
    settings: v.optional(v.unknown()),
  },
  (issue) => (issue.path?.[0]?.key === 'version' ? wrongVersion(null) : NOT_AN_EXPORT),
);

export type SettingsImportResult = { ok: true; settings: Settings } | { ok: false; fields: Record<string, string> };

/**
 * Reads a file written by exportSettings. Nothing is partially accepted: either the whole settings
 * object is valid, or each bad field comes back keyed by its path ('settings.apps.1.appId').
 */
export function parseSettingsImport(text: string): SettingsImportResult {
  if (typeof text !== 'string') return { ok: false, fields: { file: 'The file could not be read as text.' } };
  if (utf8Length(text) > MAX_SETTINGS_IMPORT_BYTES) {
    return { ok: false, fields: { file: 'The file is too large: a settings file is at most 1 MB.' } };
  }
  // Editors on Windows may save a byte order mark, which JSON.parse rejects.
  const json = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return { ok: false, fields: { file: `The file is not valid JSON (${describeJsonError(json)}).` } };
  }
  if (Array.isArray(data)) return { ok: false, fields: { format: NOT_AN_EXPORT } };
  const envelope = v.safeParse(ExportEnvelopeSchema, data);
  if (!envelope.success) return { ok: false, fields: { format: envelope.issues[0].message } };
  const settings = v.safeParse(SettingsSchema, envelope.output.settings);
  return settings.success
    ? { ok: true, settings: settings.output }
    : { ok: false, fields: fieldsOf(settings.issues, 'settings') };
}

function utf8Length(text: string): number {
  // Every UTF-16 unit is at most 3 UTF-8 bytes: skip the encoding when the text is surely small
  // enough or surely too large.
  if (text.length * 3 <= MAX_SETTINGS_IMPORT_BYTES) return text.length;
  if (text.length > MAX_SETTINGS_IMPORT_BYTES) return text.length;
  return new TextEncoder().encode(text).length;
}

// --- Where a JSON text goes wrong --------------------------------------------------------------
// JSON.parse's messages differ between engines and versions and often omit the position, so the
// first syntax error is located here, the same way everywhere.

const JSON_NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const JSON_ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/** The offset of the first JSON syntax error in `text`, or null when there is none. */
export function jsonSyntaxErrorOffset(text: string): number | null {
  let i = 0;
  const stack: ('[' | '{')[] = [];
  const skipSpace = () => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
  };
  const match = (re: RegExp): boolean => {
    re.lastIndex = i;
    if (!re.test(text)) return false;
    i = re.lastIndex;
    return true;
  };
  const scanString = (): boolean => {
    i++; // the opening quote
    while (i < text.length) {
      const ch = text.charCodeAt(i);
      if (ch === 0x22) {
        i++;
        return true;
      }
      if (ch < 0x20) return false;
      if (ch === 0x5c) {
        if (!match(JSON_ESCAPE)) return false;
      } else i++;
    }
    return false;
  };
  // After '{' or ',' in an object: a key, then a colon; a value follows.
  const scanKey = (): boolean => {
    skipSpace();
    if (text[i] !== '"' || !scanString()) return false;
    skipSpace();
    if (text[i] !== ':') return false;
    i++;
    return true;
  };
  const scanScalar = (): boolean => {
    const ch = text[i];
    if (ch === '"') return scanString();
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        return true;
      }
    }
    return match(JSON_NUMBER);
  };

  let wantValue = true;
  for (;;) {
    skipSpace();
    if (wantValue) {
      const ch = text[i];
      if (ch === '[' || ch === '{') {
        i++;
        skipSpace();
        if (text[i] === (ch === '[' ? ']' : '}')) {
          i++;
          wantValue = false;
          continue;
        }
        stack.push(ch);
        if (ch === '{' && !scanKey()) return i;
        continue;
      }
      if (!scanScalar()) return i;
      wantValue = false;
      continue;
    }
    const open = stack.at(-1);
    if (open === undefined) return i < text.length ? i : null;
    const ch = text[i];
    if (ch === ',') {
      i++;
      if (open === '{' && !scanKey()) return i;
      wantValue = true;
    } else if (ch === (open === '[' ? ']' : '}')) {
      i++;
      stack.pop();
    } else return i;
  }
}

function describeJsonError(text: string): string {
  const offset = jsonSyntaxErrorOffset(text);
  if (offset === null) return 'it could not be read';
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const where = `at line ${line}, column ${column}`;
  const codePoint = text.codePointAt(offset);
  if (codePoint === undefined) return `it ends too early, ${where}`;
  const shown = codePoint > 0x20 && codePoint !== 0x7f ? `"${String.fromCodePoint(codePoint)}"` : `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  return `unexpected ${shown} ${where}`;
}

// ---------------------------------------------------------------------------------------------
// Using the inventory
// ---------------------------------------------------------------------------------------------

/** The inventory's entry for a Forge app ID, in any case, with or without the ARI prefix. */
export function findApp(s: Settings, appId: string): AppEntry | undefined {
  const wanted = normalizeAppId(appId);
  return s.apps.find((app) => app.appId === wanted);
}

/** What the partner profile and the app inventory already say about a report's triage inputs. */
export function supportPrefill(
  s: Settings,
  appId: string | undefined,
): Partial<Pick<SupportInput, 'partnerTier' | 'framework' | 'enterpriseTrustSignal'>> {
  const prefill: Partial<Pick<SupportInput, 'partnerTier' | 'framework' | 'enterpriseTrustSignal'>> = {};
  if (s.partner) prefill.partnerTier = s.partner.tier;
  const app = appId === undefined ? undefined : findApp(s, appId);
  if (app) {
    prefill.framework = app.framework;
    prefill.enterpriseTrustSignal = app.enterpriseTrustSignal;
  }
  return prefill;
}
