// The settings file admins export and import: the site settings and the whole partner directory, as JSON.
// Version 2 is today's; version 1 (the single-partner version's settings) still imports: its site-wide
// parts become the site settings, the rest becomes one partner whose member groups an admin names.
import * as v from 'valibot';
import { fieldsOf, isRecord } from './schema-kit';
import { defaultSiteSettings, SiteSettingsSchema, type SiteSettings } from './site-settings';
import { LegacySettingsSchema, legacyPartnerOf } from './legacy-settings';
import { MEMBER_GROUPS_MESSAGE, memberGroupsField, PartnerIdSchema, PartnerInputSchema, type Partner, type PartnerInput } from './partner';

export const SETTINGS_EXPORT_FORMAT = 'partner-incident-response/settings';
export const SETTINGS_EXPORT_VERSION = 2;
export const READABLE_EXPORT_VERSIONS = [1, 2] as const;
export const MAX_SETTINGS_IMPORT_BYTES = 1_048_576;
/** A file of the whole directory beyond this many partners is exported and imported in several files. */
export const MAX_PARTNERS_PER_FILE = 200;

/** A partner as the file carries it: the admin's fields and its id (the app's stamps stay on the site). */
export interface PartnerFileEntry extends PartnerInput {
  id: string;
  /** Version 1 files describe a partner whose member groups are not known yet. */
  needsMemberGroups?: boolean;
}

export const toFileEntry = (p: Partner): PartnerFileEntry => ({
  id: p.id,
  name: p.name,
  tier: p.tier,
  memberGroups: p.memberGroups,
  contacts: p.contacts,
  coverage: p.coverage,
  lastReviewedOn: p.lastReviewedOn,
  reviewIntervalDays: p.reviewIntervalDays,
  apps: p.apps,
  ...(p.needsMemberGroups ? { needsMemberGroups: true } : {}),
});

export function exportSettings(s: SiteSettings, partners: readonly Partner[], exportedAt: Date): string {
  const file = {
    format: SETTINGS_EXPORT_FORMAT,
    version: SETTINGS_EXPORT_VERSION,
    exportedAt: exportedAt.toISOString(),
    settings: s,
    partners: partners.map(toFileEntry),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

const NOT_AN_EXPORT = `This file is not a Partner Incident Response settings export: its "format" must be "${SETTINGS_EXPORT_FORMAT}".`;

const wrongVersion = (received: string | null) =>
  `This settings file has ${received === null ? 'no version' : `version ${received}`}; this app can import versions ${READABLE_EXPORT_VERSIONS.join(' and ')}.`;

// Only format and version are checked here; exportedAt is informational, other keys are ignored.
// A missing "settings" is left to the settings schema, so it is reported as the settings field.
const ExportEnvelopeSchema = v.object(
  {
    format: v.literal(SETTINGS_EXPORT_FORMAT, NOT_AN_EXPORT),
    version: v.picklist(READABLE_EXPORT_VERSIONS, (issue) => wrongVersion(issue.received)),
    settings: v.optional(v.unknown()),
    partners: v.optional(v.unknown()),
  },
  (issue) => (issue.path?.[0]?.key === 'version' ? wrongVersion(null) : NOT_AN_EXPORT),
);

// A partner made from a version 1 file may still lack member groups: it is exported and imported as such.
const FileEntrySchema = v.pipe(
  v.object({ id: PartnerIdSchema, ...PartnerInputSchema.entries, memberGroups: memberGroupsField(0), needsMemberGroups: v.optional(v.boolean()) }),
  v.forward(
    v.check((p) => p.needsMemberGroups === true || p.memberGroups.length > 0, MEMBER_GROUPS_MESSAGE),
    ['memberGroups'],
  ),
);
const PartnersListSchema = v.pipe(
  v.array(FileEntrySchema, 'List the partners'),
  v.maxLength(MAX_PARTNERS_PER_FILE, `A file holds at most ${MAX_PARTNERS_PER_FILE} partners`),
  v.check((list) => new Set(list.map((p) => p.id)).size === list.length, 'Each partner id may appear only once'),
);

export interface SettingsFile {
  /** 1 = written by the single-partner version. */
  version: 1 | 2;
  settings: SiteSettings;
  partners: PartnerFileEntry[];
}
export type SettingsImportResult = { ok: true; file: SettingsFile } | { ok: false; fields: Record<string, string> };

/**
 * Reads a file written by exportSettings, of this version or the previous one. Nothing is partially
 * accepted: either the whole file is valid, or each bad field comes back keyed by its path
 * ('settings.roles.irGroups.0', 'partners.1.apps.0.appId').
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
  if (Array.isArray(data) || !isRecord(data)) return { ok: false, fields: { format: NOT_AN_EXPORT } };
  const envelope = v.safeParse(ExportEnvelopeSchema, data);
  if (!envelope.success) return { ok: false, fields: { format: envelope.issues[0].message } };
  if (envelope.output.version === 1) {
    const legacy = v.safeParse(LegacySettingsSchema, envelope.output.settings);
    if (!legacy.success) return { ok: false, fields: fieldsOf(legacy.issues, 'settings') };
    const { roles, clock, storageAudit } = legacy.output;
    const partner = legacyPartnerOf(legacy.output);
    return {
      ok: true,
      file: { version: 1, settings: { schemaVersion: 2, roles, clock: { timeZone: clock.timeZone, reminderThresholds: clock.reminderThresholds }, storageAudit, incidents: defaultSiteSettings().incidents }, partners: partner ? [toFileEntry(partner)] : [] },
    };
  }
  const settings = v.safeParse(SiteSettingsSchema, envelope.output.settings);
  const partners = v.safeParse(PartnersListSchema, envelope.output.partners ?? []);
  const fields = { ...(settings.success ? {} : fieldsOf(settings.issues, 'settings')), ...(partners.success ? {} : fieldsOf(partners.issues, 'partners')) };
  if (!settings.success || !partners.success) return { ok: false, fields };
  return { ok: true, file: { version: 2, settings: settings.output, partners: partners.output } };
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

