// The storage audit-log archive's functions (seed 004): import the developer console's CSV in
// chunks, read the archive by app and environment, the import cadence, export in the console's own
// format, and which sites had an app installed during a window. Shared by static/ and src/.
import * as v from 'valibot';
import { hasLoneSurrogate, LONE_SURROGATE_MESSAGE, textRules } from '../domain/text';
import { fn } from './fn';
import { isCalendarDay } from '../domain/storage-audit';
import { normalizeAppId } from '../domain/settings';

/** Rows per import request. The browser also keeps each request's JSON under STORAGE_AUDIT_CHUNK_BYTES. */
export const STORAGE_AUDIT_CHUNK_ROWS = 1000;
/** Forge refuses an `invoke` request over 500 KB; this leaves room for the platform's envelope. */
export const STORAGE_AUDIT_CHUNK_BYTES = 400_000;
/** Per field, far above anything the console writes, so one row stays under ~1.5 KB of JSON. */
const FIELD_MAX = 200;
/** The browser refuses larger files before reading them: the console's download is a few MB per 10,000 events. */
export const STORAGE_AUDIT_MAX_FILE_BYTES = 25 * 1024 * 1024;
/** Events per export page: a page's CSV (~1 MB) stays far below Forge's 5 MB response limit. */
export const STORAGE_AUDIT_EXPORT_PAGE = 5000;
/** About this many events per archive page of sites (whole sites only), with their timelines. */
export const STORAGE_AUDIT_ARCHIVE_PAGE = 2000;
/**
 * About this many events' sites per footprint page. Every page reads the app and environment's whole archive
 * (a site's events are spread over its packed days), so a page is as large as its answer allows: site IDs and
 * versions, ~1 MB at most, far below Forge's 5 MB response limit, and one read of the archive for most archives.
 */
export const STORAGE_AUDIT_FOOTPRINT_PAGE = 50_000;

// The console's rows are stored as they are, except what is not text at all (a lone surrogate).
const wellFormed = v.check<string, string>((s) => !hasLoneSurrogate(s), LONE_SURROGATE_MESSAGE);
const text = v.pipe(v.string(), v.maxLength(FIELD_MAX, `Use at most ${FIELD_MAX} characters`), wellFormed);
const required = (what: string) => v.pipe(v.string(`${what} is missing`), v.trim(), v.minLength(1, `${what} is empty`), v.maxLength(FIELD_MAX, `${what} is longer than ${FIELD_MAX} characters`), wellFormed);
const DAY_MESSAGE = 'Enter a real date as YYYY-MM-DD';
const day = v.pipe(v.string(DAY_MESSAGE), v.check(isCalendarDay, DAY_MESSAGE));

/** One event as the browser read it from the console's CSV (the domain's StorageAuditEvent). */
export const StorageAuditEventSchema = v.strictObject({
  appId: required('App ID'),
  appName: text,
  siteId: required('Site ID'),
  product: text,
  environment: text,
  installedVersion: text,
  event: required('Event'),
  eventDate: v.pipe(v.string(), v.trim(), v.check(isCalendarDay, 'Event date is not a calendar date (YYYY-MM-DD)')),
  location: text,
  targetLocation: v.nullable(text),
});

const lineNumber = v.pipe(v.number(), v.integer(), v.minValue(1));

export const ImportChunkInput = v.strictObject({
  /** Only for the import log: the name of the file the rows came from. */
  fileName: v.pipe(v.string(), v.trim(), v.minLength(1, 'Name the file'), v.maxLength(255, 'Use at most 255 characters'), ...textRules()),
  /** The browser's id for this run of this file, so the import log shows one entry per file; defaults to the file name. */
  importId: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'Use 1 to 64 letters, digits, - or _'))),
  rows: v.pipe(
    v.array(v.strictObject({ line: lineNumber, event: StorageAuditEventSchema })),
    v.minLength(1, 'Send at least one row'),
    v.maxLength(STORAGE_AUDIT_CHUNK_ROWS, `Send at most ${STORAGE_AUDIT_CHUNK_ROWS} rows at a time`),
  ),
});
export type ImportChunkRequest = v.InferOutput<typeof ImportChunkInput>;

export const RowProblemSchema = v.object({ line: v.number(), message: v.string() });
export type RowProblem = v.InferOutput<typeof RowProblemSchema>;

export const ImportChunkResultSchema = v.object({
  read: v.number(),
  /** Stored by this request. */
  new: v.number(),
  /** Already in the archive (an overlapping download, a re-run, or twice in this request). */
  known: v.number(),
  rejected: v.array(RowProblemSchema),
});
export type ImportChunkResult = v.InferOutput<typeof ImportChunkResultSchema>;

const APP_ID_MESSAGE = 'Choose an app from the inventory';
const appIdField = v.pipe(v.string(APP_ID_MESSAGE), v.transform(normalizeAppId), v.uuid(APP_ID_MESSAGE));
const environmentField = v.pipe(v.string('Choose an environment'), v.trim(), v.minLength(1, 'Choose an environment'), v.maxLength(100, 'Use at most 100 characters'));
const CURSOR_MESSAGE = 'Use the cursor the previous page returned';
/** An opaque position the server gave with the previous page (KVS checks it when it is used). */
const cursorField = v.optional(v.pipe(v.string(), v.minLength(1, CURSOR_MESSAGE), v.maxLength(1000, CURSOR_MESSAGE)));
/** The first site of the next page, `<site ID>:<product>`, as the previous page gave it. */
const siteCursorField = v.optional(v.pipe(v.string(), v.maxLength(1000, CURSOR_MESSAGE), v.regex(/^[^:]+:.+$/, CURSOR_MESSAGE)));

export const InstallationInput = v.strictObject({ appId: appIdField, environment: environmentField });
export const ArchiveInput = v.strictObject({ ...InstallationInput.entries, cursor: siteCursorField });
export const ExportInput = v.strictObject({ ...InstallationInput.entries, cursor: cursorField });

const migration = v.object({ date: v.string(), targetLocation: v.nullable(v.string()) });

export const TimelineEventSchema = v.object({
  event: v.string(),
  eventDate: v.string(),
  installedVersion: v.string(),
  location: v.string(),
  targetLocation: v.nullable(v.string()),
  /** The day the console erases it (two years on); until then it can still be downloaded there. */
  consoleDeletesOn: v.string(),
});

/** The domain's SiteState, with the site's events oldest first. */
export const ArchiveSiteSchema = v.object({
  siteId: v.string(),
  product: v.string(),
  state: v.picklist(['installed', 'uninstalled']),
  since: v.string(),
  installedVersion: v.string(),
  location: v.string(),
  pendingMigration: v.optional(v.object({ status: v.picklist(['scheduled', 'started']), ...migration.entries })),
  failedMigration: v.optional(migration),
  backfill: v.optional(v.object({ started: v.optional(v.string()), completed: v.optional(v.string()) })),
  downloadAgainBefore: v.optional(v.string()),
  consoleLogsErasedOn: v.optional(v.string()),
  timeline: v.array(TimelineEventSchema),
});
export type ArchiveSite = v.InferOutput<typeof ArchiveSiteSchema>;

const siteRef = { siteId: v.string(), product: v.string() };

export const AttentionSchema = v.object({
  /** Uninstalled within the last 30 days: the console still has their logs, until the day given. */
  downloadAgainBefore: v.array(v.object({ ...siteRef, uninstalledOn: v.string(), downloadAgainBefore: v.string() })),
  /** Sites whose latest data migration failed. */
  failedMigrations: v.array(v.object({ ...siteRef, date: v.string(), targetLocation: v.nullable(v.string()) })),
  /** Events the console erases within `windowDays` (kept here). `count` stops at `shown.length` when `more`. */
  nearHorizon: v.object({
    windowDays: v.number(),
    count: v.number(),
    more: v.boolean(),
    shown: v.array(v.object({ ...siteRef, event: v.string(), eventDate: v.string(), consoleDeletesOn: v.string() })),
  }),
  /** Events the console has already erased (older than two years): only this archive has them. */
  beyondHorizon: v.object({ count: v.number(), more: v.boolean() }),
});
export type Attention = v.InferOutput<typeof AttentionSchema>;

export const ArchivePageSchema = v.object({
  appId: v.string(),
  environment: v.string(),
  /** The partner's calendar day the states were computed for. */
  today: v.string(),
  sites: v.array(ArchiveSiteSchema),
  /** More sites after these: send it back for the next page. */
  cursor: v.optional(v.string()),
  /** Only on the first page. */
  attention: v.optional(AttentionSchema),
});
export type ArchivePage = v.InferOutput<typeof ArchivePageSchema>;

export const ImportLogEntrySchema = v.object({ fileName: v.string(), at: v.string(), read: v.number(), new: v.number(), known: v.number(), rejected: v.number() });

export const CadenceSchema = v.object({
  lastImportAt: v.nullable(v.string()),
  cadenceDays: v.number(),
  today: v.string(),
  nextDueOn: v.string(),
  overdue: v.boolean(),
  /** Files imported most recently, newest first. */
  recent: v.array(ImportLogEntrySchema),
});
export type Cadence = v.InferOutput<typeof CadenceSchema>;

export const ExportPageSchema = v.object({
  /** CSV text in the console's format; only the first page has the header row. */
  csv: v.string(),
  rows: v.number(),
  cursor: v.optional(v.string()),
});

export const FootprintInput = v.pipe(
  v.strictObject({ ...InstallationInput.entries, from: day, to: day, cursor: siteCursorField }),
  v.check((q) => q.from <= q.to, 'The window must not end before it starts'),
);

/** One page of the answer (whole sites, by site ID); the caller sends `cursor` back for the next. */
export const FootprintSchema = v.object({
  sites: v.array(v.object({ siteId: v.string(), versions: v.array(v.string()) })),
  cursor: v.optional(v.string()),
  /** Whether an import is overdue: the archive may be missing recent installs. */
  archiveOverdue: v.boolean(),
});
export type Footprint = v.InferOutput<typeof FootprintSchema>;

/** Spread into the settings page's contract (Jira admins only). */
export const STORAGE_AUDIT_ADMIN = {
  storageAuditImport: fn(ImportChunkInput, ImportChunkResultSchema),
  storageAuditArchive: fn(ArchiveInput, ArchivePageSchema),
  storageAuditCadence: fn(v.strictObject({}), CadenceSchema),
  storageAuditExport: fn(ExportInput, ExportPageSchema),
  storageAuditFootprint: fn(FootprintInput, FootprintSchema),
};
