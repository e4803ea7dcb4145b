// Storage audit logs of Forge hosted storage (seed 004): the developer console's CSV download,
// how long the console keeps it, and what the archive of those downloads says about which sites
// had the app installed when.

import { isCalendarDay } from './calendar';
import { CsvRecordReader, type CsvRecord } from './csv';
import { neutraliseCsvCell, restoreCsvCell } from './csv-cell';
import { addDays, addYears, format, parseISO } from 'date-fns';
import { tz } from '@date-fns/tz';

const UTC = tz('UTC');

export interface StorageAuditEvent {
  appId: string;
  appName: string;
  siteId: string;
  product: string;
  environment: string;
  installedVersion: string;
  event: string;
  eventDate: string /* YYYY-MM-DD */;
  location: string;
  targetLocation: string | null; // null for 'N/A'
}

type Column = keyof StorageAuditEvent;

/** The console's columns, in the console's order and spelling (seed 004). */
export const STORAGE_AUDIT_COLUMNS: readonly { readonly key: Column; readonly header: string }[] = [
  { key: 'appId', header: 'App ID' },
  { key: 'appName', header: 'App name' },
  { key: 'siteId', header: 'Site ID' },
  { key: 'product', header: 'Product' },
  { key: 'environment', header: 'Environment' },
  { key: 'installedVersion', header: 'Installed version' },
  { key: 'event', header: 'Event' },
  { key: 'eventDate', header: 'Event date' },
  { key: 'location', header: 'Location' },
  { key: 'targetLocation', header: 'Target location' },
];

/** A row without these is useless for the archive's questions. */
const REQUIRED_VALUES: readonly Column[] = ['appId', 'siteId', 'event', 'eventDate'];

/** The events the console records (seed 004), in their spelling. */
export const STORAGE_AUDIT_EVENT_NAMES = [
  'Migration scheduled',
  'Migration started',
  'Migration completed',
  'Migration failed',
  'App installed',
  'App uninstalled',
  'Forge backfill started',
  'Forge backfill completed',
] as const;
export type StorageAuditEventName = (typeof STORAGE_AUDIT_EVENT_NAMES)[number];

/** The console's spelling of an event name however it is cased or spaced; null when unknown. */
export function canonicalEventName(name: string): StorageAuditEventName | null {
  const wanted = normaliseText(name);
  return STORAGE_AUDIT_EVENT_NAMES.find((n) => n.toLowerCase() === wanted) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Parsing the console's CSV
// ---------------------------------------------------------------------------------------------

export interface CsvError {
  line: number;
  message: string;
}

/**
 * Reads the console's download. Bad rows are reported (by the line their record starts on) and
 * skipped; good rows still come back. Values are trimmed.
 *
 * The app's own RFC 4180 reader (./csv.ts) rather than a library: records are numbered by the
 * line they start on (quoted newlines shift the next), and a quoting error skips only its own
 * line, so the rows after it still come back. The browser feeds the same reader a file's stream.
 */
export function parseStorageAuditCsv(text: string): { events: StorageAuditEvent[]; errors: CsvError[] } {
  const { rows, errors } = parseStorageAuditCsvLines(text);
  return { events: rows.map((r) => r.event), errors };
}

/** As `parseStorageAuditCsv`, with the line each event's record starts on. */
export function parseStorageAuditCsvLines(text: string): { rows: { line: number; event: StorageAuditEvent }[]; errors: CsvError[] } {
  const reader = new StorageAuditCsvReader();
  const first = reader.push(text);
  const last = reader.end();
  const refused = first.refused ?? last.refused;
  if (refused) return { rows: [], errors: [refused] };
  return { rows: [...first.rows, ...last.rows], errors: [...first.errors, ...last.errors] };
}

/** What one piece of a file gave: its good rows, its bad ones, or why the file is refused as a whole. */
export interface CsvPiece {
  rows: { line: number; event: StorageAuditEvent }[];
  errors: CsvError[];
  /** The header row is missing or wrong: nothing of the file can be read. */
  refused?: CsvError;
}

/**
 * The console's CSV read as it arrives, a piece at a time (the browser reads a file's stream): each `push`
 * answers the records completed so far, `end` the rest. A record is answered only once it is whole (a quoted
 * field may span pieces), so the rows and line numbers are the same however the file is cut.
 */
export class StorageAuditCsvReader {
  private readonly records = new CsvRecordReader();
  private header: StorageAuditHeader | undefined;
  private refused: CsvError | undefined;

  push(text: string): CsvPiece {
    return this.refused ? { rows: [], errors: [] } : this.take(this.records.push(text));
  }

  end(): CsvPiece {
    if (this.refused) return { rows: [], errors: [] };
    const piece = this.take(this.records.end());
    if (!this.header && !this.refused) return { ...piece, refused: (this.refused = { line: 1, message: 'The file is empty: expected a header row and audit events.' }) };
    return piece;
  }

  private take(records: CsvRecord[]): CsvPiece {
    const piece: CsvPiece = { rows: [], errors: [] };
    for (const record of records) {
      if (this.refused) break;
      if (!this.header) {
        const columns = record.kind === 'error' ? { ok: false as const, message: `The header row can't be read: ${record.message}` } : record.fields.some((f) => f.includes('\u0000')) ? { ok: false as const, message: 'This is not a CSV file: it contains binary data. Import the storage audit log the developer console downloads.' } : readStorageAuditHeader(record.fields);
        if (columns.ok) this.header = columns.header;
        else piece.refused = this.refused = { line: record.line, message: columns.message };
        continue;
      }
      if (record.kind === 'error') {
        piece.errors.push({ line: record.line, message: record.message });
        continue;
      }
      const result = storageAuditRowToEvent(record.fields, this.header);
      if (result.ok) piece.rows.push({ line: record.line, event: result.event });
      else piece.errors.push({ line: record.line, message: result.message });
    }
    return piece;
  }
}

/** Where each of the console's columns sits in a file's header row, and how many fields a row has. */
export interface StorageAuditHeader {
  indexes: Readonly<Record<Column, number>>;
  width: number;
}

/**
 * Reads a header row already split into fields: column positions by name, any order, any case, extra
 * columns ignored; a missing or doubled column is a message for the whole file.
 */
export function readStorageAuditHeader(fields: readonly string[]): { ok: true; header: StorageAuditHeader } | { ok: false; message: string } {
  const mapped = mapHeader(fields);
  return mapped.ok ? { ok: true, header: { indexes: mapped.indexes, width: fields.length } } : mapped;
}

/** One data row already split into fields, checked by the same rules as `parseStorageAuditCsv`. */
export function storageAuditRowToEvent(fields: readonly string[], header: StorageAuditHeader): { ok: true; event: StorageAuditEvent } | { ok: false; message: string } {
  return toEvent(fields, header.indexes, header.width);
}

type HeaderResult = { ok: true; indexes: Record<Column, number> } | { ok: false; message: string };

/** Column positions by name: any order, any case, extra columns ignored. */
function mapHeader(fields: readonly string[]): HeaderResult {
  const names = fields.map(normaliseText);
  const indexes: Partial<Record<Column, number>> = {};
  const missing: string[] = [];
  for (const { key, header } of STORAGE_AUDIT_COLUMNS) {
    const wanted = header.toLowerCase();
    const at = names.indexOf(wanted);
    if (at === -1) missing.push(header);
    else if (names.lastIndexOf(wanted) !== at) return { ok: false, message: `The header names the column "${header}" twice.` };
    else indexes[key] = at;
  }
  if (missing.length > 0) {
    return {
      ok: false,
      message: `The header is missing ${missing.length === 1 ? 'the column' : 'the columns'} ${missing.map((m) => `"${m}"`).join(', ')}. Expected the developer console's storage audit log: ${STORAGE_AUDIT_COLUMNS.map((c) => c.header).join(', ')}.`,
    };
  }
  return { ok: true, indexes: indexes as Record<Column, number> };
}

type RowResult = { ok: true; event: StorageAuditEvent } | { ok: false; message: string };

function toEvent(fields: readonly string[], indexes: Readonly<Record<Column, number>>, expected: number): RowResult {
  if (fields.length !== expected) {
    return { ok: false, message: `Expected ${expected} fields, found ${fields.length}.` };
  }
  // Undoes the formula guard of `toStorageAuditCsv`, so an archive exported by the app imports as it was.
  const value = (key: Column): string => restoreCsvCell((fields[indexes[key]] ?? '').trim());
  const problems: string[] = [];
  for (const key of REQUIRED_VALUES) {
    if (value(key) === '') problems.push(`${headerOf(key)} is empty.`);
  }
  const eventDate = value('eventDate');
  if (eventDate !== '' && !isCalendarDay(eventDate)) {
    problems.push(`Event date "${eventDate}" is not a calendar date (YYYY-MM-DD).`);
  }
  if (problems.length > 0) return { ok: false, message: problems.join(' ') };

  const target = value('targetLocation');
  return {
    ok: true,
    event: {
      appId: value('appId'),
      appName: value('appName'),
      siteId: value('siteId'),
      product: value('product'),
      environment: value('environment'),
      installedVersion: value('installedVersion'),
      event: value('event'),
      eventDate,
      location: value('location'),
      // Lifecycle events carry 'N/A'; an empty cell means the same: no target.
      targetLocation: target === '' || target.toUpperCase() === 'N/A' ? null : target,
    },
  };
}

function headerOf(key: Column): string {
  return STORAGE_AUDIT_COLUMNS.find((c) => c.key === key)?.header ?? key;
}

// ---------------------------------------------------------------------------------------------
// Writing the console's CSV, and identity for idempotent imports
// ---------------------------------------------------------------------------------------------

/**
 * The console's own format: its header, RFC 4180 quoting, CRLF line ends, 'N/A' for no target; cells a
 * spreadsheet would run as a formula neutralised as every CSV the app writes (the reader restores them).
 */
export function toStorageAuditCsv(events: readonly StorageAuditEvent[]): string {
  const lines = [STORAGE_AUDIT_COLUMNS.map((c) => quoteCsv(c.header)).join(',')];
  for (const e of events) {
    lines.push(STORAGE_AUDIT_COLUMNS.map((c) => quoteCsv(neutraliseCsvCell(e[c.key] ?? 'N/A'))).join(','));
  }
  return lines.map((l) => `${l}\r\n`).join('');
}

function quoteCsv(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * A stable identity for one audit event, so importing the same download twice (or two
 * overlapping downloads) stores each event once. All ten fields, trimmed, case and spacing
 * folded, the app ID reduced to its UUID, no target and 'N/A' alike.
 */
export function eventKey(e: StorageAuditEvent): string {
  const target = e.targetLocation === null ? '' : normaliseText(e.targetLocation);
  return JSON.stringify([
    normaliseAppId(e.appId),
    normaliseText(e.appName),
    normaliseText(e.siteId),
    normaliseText(e.product),
    normaliseText(e.environment),
    normaliseText(e.installedVersion),
    normaliseText(e.event),
    e.eventDate.trim(),
    normaliseText(e.location),
    target === 'n/a' ? '' : target,
  ]);
}

// ---------------------------------------------------------------------------------------------
// How long the console keeps logs
// ---------------------------------------------------------------------------------------------

/** After an uninstall the console keeps the site's logs for 30 days only (seed 004). */
export function uninstalledLogsExpireOn(uninstallDate: string): string {
  return shiftDay(uninstallDate, (d) => addDays(d, 30, { in: UTC }));
}

/**
 * The console keeps logs for two years (seed 004). From 29 February the result is 28 February:
 * the anniversary clamped into the shorter month, never a day beyond two years, so a download
 * planned for that date is not too late.
 */
export function consoleRetentionEndsOn(eventDate: string): string {
  return shiftDay(eventDate, (d) => addYears(d, 2, { in: UTC }));
}

/** The day `days` calendar days after `day` (before it when negative). */
export function addDaysToDay(day: string, days: number): string {
  return shiftDay(day, (d) => addDays(d, days, { in: UTC }));
}

/**
 * When the next import of the console's logs is due: `cadenceDays` after the day of the last
 * one; overdue from the day after that. Never imported is due today and already overdue: the
 * console may be erasing an uninstalled site's logs right now.
 */
export function importCadence(lastImportDay: string | null, cadenceDays: number, today: string): { nextDueOn: string; overdue: boolean } {
  parseDay(today);
  if (lastImportDay === null) return { nextDueOn: today, overdue: true };
  const nextDueOn = addDaysToDay(lastImportDay, cadenceDays);
  return { nextDueOn, overdue: today > nextDueOn };
}

function shiftDay(day: string, shift: (d: Date) => Date): string {
  return format(shift(parseDay(day)), 'yyyy-MM-dd', { in: UTC });
}

function parseDay(day: string): Date {
  if (!isCalendarDay(day)) throw new RangeError(`"${day}" is not a calendar date (YYYY-MM-DD).`);
  return parseISO(day, { in: UTC });
}

// ---------------------------------------------------------------------------------------------
// Which sites had the app installed when
// ---------------------------------------------------------------------------------------------

export interface InstallationQuery {
  appId: string;
  environment: string;
}

/**
 * Site IDs (sorted, unique) where the app, in that environment, was installed on at least one day
 * in [from, to]. Install and uninstall days count as installed. An event of another kind while
 * the app is not known to be installed counts as an install on its date; nothing is assumed before
 * a site's first event. Throws a RangeError when `from` or `to` is not a calendar date.
 */
export function installedSites(
  events: StorageAuditEvent[],
  q: { appId: string; environment: string; from: string; to: string },
): string[] {
  parseDay(q.from);
  parseDay(q.to);
  if (q.from > q.to) return [];
  const sites = new Set<string>();
  for (const installation of installations(events, q)) {
    const overlaps = installedSpans(installation.events).some(
      (span) => span.from <= q.to && (span.to === null || span.to >= q.from),
    );
    if (overlaps) sites.add(installation.siteId);
  }
  return [...sites].sort();
}

export interface SiteState {
  siteId: string;
  /** An app is installed per site and product; a site with two products has two states. */
  product: string;
  state: 'installed' | 'uninstalled';
  /** The day the current state began (for `installed`: the first day of the current run). */
  since: string;
  installedVersion: string;
  /** The current location of the site's data. */
  location: string;
  pendingMigration?: { status: 'scheduled' | 'started'; date: string; targetLocation: string | null };
  failedMigration?: { date: string; targetLocation: string | null };
  backfill?: { started?: string; completed?: string };
  /** Uninstalled, and the console still has the logs until this day: download them before it. */
  downloadAgainBefore?: string;
  /** Uninstalled, and the console erased the logs on this day: only the archive has them. */
  consoleLogsErasedOn?: string;
}

/** The archive's view of each installation of the app in that environment, sorted by site. */
export function siteStates(events: StorageAuditEvent[], q: InstallationQuery, today: string): SiteState[] {
  parseDay(today);
  return installations(events, q).map(({ siteId, product, events: own }) => siteState(siteId, product, own, today));
}

function siteState(siteId: string, product: string, own: StorageAuditEvent[], today: string): SiteState {
  const ordered = [...own].sort(compareEvents);
  const days = dayStates(ordered);
  const last = days[days.length - 1];
  const installed = last?.endInstalled ?? false;

  let run = days.length - 1;
  while (installed && run > 0 && days[run - 1]?.endInstalled === true) run -= 1;
  const since = (installed ? days[run]?.day : last?.day) ?? '';

  const latest = (pick: (e: StorageAuditEvent) => string): string =>
    [...ordered].reverse().map(pick).find((v) => v !== '') ?? '';
  const state: SiteState = {
    siteId,
    product,
    state: installed ? 'installed' : 'uninstalled',
    since,
    installedVersion: latest((e) => e.installedVersion),
    location: latest((e) => e.location),
  };
  Object.assign(state, migrationState(ordered), backfillState(ordered));
  if (!installed && since !== '') {
    const expires = uninstalledLogsExpireOn(since);
    if (today <= expires) state.downloadAgainBefore = expires;
    else state.consoleLogsErasedOn = expires;
  }
  return state;
}

function migrationState(ordered: StorageAuditEvent[]): Pick<SiteState, 'pendingMigration' | 'failedMigration'> {
  const migrations = ordered.filter((e) => canonicalEventName(e.event)?.startsWith('Migration') === true);
  const last = migrations[migrations.length - 1];
  if (last === undefined) return {};
  const name = canonicalEventName(last.event);
  if (name === 'Migration scheduled' || name === 'Migration started') {
    const status = name === 'Migration scheduled' ? 'scheduled' : 'started';
    return { pendingMigration: { status, date: last.eventDate, targetLocation: last.targetLocation } };
  }
  if (name === 'Migration failed') {
    return { failedMigration: { date: last.eventDate, targetLocation: last.targetLocation } };
  }
  return {};
}

function backfillState(ordered: StorageAuditEvent[]): Pick<SiteState, 'backfill'> {
  const lastOf = (name: StorageAuditEventName): string | undefined =>
    ordered.filter((e) => canonicalEventName(e.event) === name).pop()?.eventDate;
  const started = lastOf('Forge backfill started');
  const completed = lastOf('Forge backfill completed');
  if (started === undefined && completed === undefined) return {};
  return { backfill: { ...(started !== undefined && { started }), ...(completed !== undefined && { completed }) } };
}

interface Installation {
  siteId: string;
  product: string;
  events: StorageAuditEvent[];
}

/** The app's events in that environment, grouped per site and product, sorted by site then product. */
function installations(events: StorageAuditEvent[], q: InstallationQuery): Installation[] {
  const appId = normaliseAppId(q.appId);
  const environment = normaliseText(q.environment);
  const groups = new Map<string, Installation>();
  for (const e of events) {
    if (normaliseAppId(e.appId) !== appId || normaliseText(e.environment) !== environment) continue;
    const siteId = e.siteId.trim();
    const product = e.product.trim();
    const key = JSON.stringify([siteId, product.toLowerCase()]);
    const group = groups.get(key) ?? { siteId, product, events: [] };
    group.events.push(e);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => compareText(a.siteId, b.siteId) || compareText(a.product, b.product));
}

type Kind = 'install' | 'uninstall' | 'other';

function kindOf(e: StorageAuditEvent): Kind {
  const name = canonicalEventName(e.event);
  if (name === 'App installed') return 'install';
  if (name === 'App uninstalled') return 'uninstall';
  return 'other';
}

interface DayState {
  day: string;
  /** Whether the app is installed at the end of the day. Every day with an event is an installed day. */
  endInstalled: boolean;
}

/**
 * The CSV has dates, not times, so the order of one day's events is unknown. Counting them
 * instead: starting installed (or implied installed by a non-install event), the day ends
 * installed when installs keep up with uninstalls; starting uninstalled, when they outnumber them.
 * Every event means the app was installed at some moment of its day.
 */
function dayStates(events: StorageAuditEvent[]): DayState[] {
  const byDay = new Map<string, { installs: number; uninstalls: number; others: number }>();
  for (const e of events) {
    const counts = byDay.get(e.eventDate) ?? { installs: 0, uninstalls: 0, others: 0 };
    const kind = kindOf(e);
    if (kind === 'install') counts.installs += 1;
    else if (kind === 'uninstall') counts.uninstalls += 1;
    else counts.others += 1;
    byDay.set(e.eventDate, counts);
  }
  const out: DayState[] = [];
  let installed = false;
  for (const day of [...byDay.keys()].sort()) {
    const c = byDay.get(day) ?? { installs: 0, uninstalls: 0, others: 0 };
    // With no install that day, any other event (or the uninstall itself) says it was installed.
    const startsInstalled: boolean = installed || c.installs === 0;
    installed = startsInstalled ? c.installs >= c.uninstalls : c.installs > c.uninstalls;
    out.push({ day, endInstalled: installed });
  }
  return out;
}

/** Inclusive spans of installed days; `to: null` means still installed. */
function installedSpans(events: StorageAuditEvent[]): { from: string; to: string | null }[] {
  const days = dayStates(events);
  return days.map((d, i) => ({ from: d.day, to: d.endInstalled ? (days[i + 1]?.day ?? null) : d.day }));
}

/** Events in a plausible order: by day, then lifecycle order within a day, then by identity. */
function compareEvents(a: StorageAuditEvent, b: StorageAuditEvent): number {
  return compareText(a.eventDate, b.eventDate) || rankInDay(a) - rankInDay(b) || compareText(eventKey(a), eventKey(b));
}

const DAY_RANK: Readonly<Record<StorageAuditEventName, number>> = {
  'App installed': 0,
  'Migration scheduled': 1,
  'Forge backfill started': 1,
  'Migration started': 2,
  'Migration completed': 3,
  'Migration failed': 3,
  'Forge backfill completed': 3,
  'App uninstalled': 4,
};

function rankInDay(e: StorageAuditEvent): number {
  const name = canonicalEventName(e.event);
  return name === null ? 2 : DAY_RANK[name];
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

function normaliseText(s: string): string {
  return s.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The console writes the bare UUID; people often paste the ARI (ari:cloud:ecosystem::app/<uuid>). */
function normaliseAppId(s: string): string {
  const text = normaliseText(s);
  const ari = /^ari:cloud:ecosystem::app\/(.+)$/.exec(text);
  return ari?.[1] ?? text;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export { isCalendarDay };
