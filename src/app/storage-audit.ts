// Use cases of the storage audit-log archive (seed 004): the console forgets an uninstalled site's
// logs after 30 days and everything after two years; this archive keeps them, and answers which
// sites had an app installed when. Each function can serve any module's resolver; the resolver
// decides who may call it.
import {
  addDaysToDay,
  consoleRetentionEndsOn,
  importCadence,
  installedSites,
  siteStates,
  toStorageAuditCsv,
  canonicalEventName,
  type SiteState,
  type StorageAuditEvent,
} from '../domain/storage-audit';
import { normalizeAppId } from '../domain/inventory';
import { appClaimKey, partnerRepo } from '../adapters/kvs/partner-repo';
import { appEnvOf, siteOf, storageAuditRepo } from '../adapters/kvs/storage-audit-repo';
import {
  STORAGE_AUDIT_ARCHIVE_PAGE,
  STORAGE_AUDIT_EXPORT_PAGE,
  STORAGE_AUDIT_FOOTPRINT_PAGE,
  type ArchivePage,
  type ArchiveSite,
  type Attention,
  type Cadence,
  type Footprint,
  type ImportChunkRequest,
  type ImportChunkResult,
  type RowProblem,
} from '../contract/storage-audit';
import { dayIn } from './time';
import type { Call } from './session';

export interface Installation {
  appId: string;
  environment: string;
}

/** The partner's calendar day, in the time zone of the settings' clock. */
async function todayFor(call: Call): Promise<string> {
  const { doc } = await call.session.settings();
  return dayIn(call.now, doc.clock.timeZone);
}

// ---------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------

/**
 * Stores one request's rows (already parsed and checked by the contract). Rows of an app that is
 * not in the inventory are rejected with their line; the others are stored once each, however
 * often they are sent, so an interrupted import is finished by sending the file again.
 */
export async function importChunk(call: Call, input: ImportChunkRequest): Promise<ImportChunkResult> {
  // An app is known when some partner of the directory lists it: one claim read per 25 distinct app IDs.
  const ids = [...new Set(input.rows.map((r) => normalizeAppId(r.event.appId)))];
  const claimed = await partnerRepo.claims(ids.map(appClaimKey));
  const inventory = new Set(ids.filter((id) => claimed.has(appClaimKey(id))));
  const accepted: StorageAuditEvent[] = [];
  const rejected: RowProblem[] = [];
  for (const { line, event } of input.rows) {
    if (inventory.has(normalizeAppId(event.appId))) accepted.push(event);
    else rejected.push({ line, message: `The app ${event.appId.trim()} is in no partner\u2019s app inventory. Add it to its partner under Partners and save, then import the file again.` });
  }
  const entry = (added: number) => ({ importId: input.importId ?? input.fileName, fileName: input.fileName, at: call.now.toISOString(), read: input.rows.length, new: added, known: accepted.length - added, rejected: rejected.length });
  let added = 0;
  if (accepted.length > 0) added = (await storageAuditRepo.store(accepted, entry)).filter(Boolean).length;
  else await storageAuditRepo.logRejected(entry(0));
  const result: ImportChunkResult = { read: input.rows.length, new: added, known: accepted.length - added, rejected };
  return result;
}

// ---------------------------------------------------------------------------------------------
// The archive by app and environment
// ---------------------------------------------------------------------------------------------

const RANK: Record<string, number> = { 'App installed': 0, 'App uninstalled': 2 };
const rank = (e: StorageAuditEvent) => RANK[canonicalEventName(e.event) ?? ''] ?? 1;

function timelineOf(state: SiteState, events: readonly StorageAuditEvent[]): ArchiveSite['timeline'] {
  const site = siteOf(state);
  return events
    .filter((e) => siteOf(e) === site)
    .sort((a, b) => (a.eventDate < b.eventDate ? -1 : a.eventDate > b.eventDate ? 1 : rank(a) - rank(b)))
    .map((e) => ({
      event: canonicalEventName(e.event) ?? e.event,
      eventDate: e.eventDate,
      installedVersion: e.installedVersion,
      location: e.location,
      targetLocation: e.targetLocation,
      consoleDeletesOn: consoleRetentionEndsOn(e.eventDate),
    }));
}

/**
 * Whole sites in site order, from `fromSite` on, about `budget` events: sites are taken until the budget is
 * spent, and `next` is the first site not taken.
 */
export function sitesPage(events: readonly StorageAuditEvent[], fromSite: string | undefined, budget: number): { events: StorageAuditEvent[]; next?: string } {
  const bySite = new Map<string, StorageAuditEvent[]>();
  for (const e of events) {
    const site = siteOf(e);
    if (fromSite !== undefined && site < fromSite) continue;
    const list = bySite.get(site);
    if (list) list.push(e);
    else bySite.set(site, [e]);
  }
  const out: StorageAuditEvent[] = [];
  for (const site of [...bySite.keys()].sort()) {
    if (out.length >= budget) return { events: out, next: site };
    out.push(...bySite.get(site)!);
  }
  return { events: out };
}

/** One page of sites (whole sites, about STORAGE_AUDIT_ARCHIVE_PAGE events), each with its state and timeline. */
export async function archive(call: Call, q: Installation & { cursor?: string }): Promise<ArchivePage> {
  const [today, all] = await Promise.all([todayFor(call), storageAuditRepo.all(appEnvOf(q.appId, q.environment))]);
  const page = sitesPage(all, q.cursor, STORAGE_AUDIT_ARCHIVE_PAGE);
  const attention = q.cursor === undefined ? attentionFor(q, today, all) : undefined;
  const sites = siteStates(page.events, q, today).map((state) => ({ ...state, timeline: timelineOf(state, page.events) }));
  return { appId: normalizeAppId(q.appId), environment: q.environment, today, sites, ...(page.next !== undefined && { cursor: page.next }), ...(attention && { attention }) };
}

/** How far ahead the archive warns that the console is about to erase events. */
export const HORIZON_WARNING_DAYS = 30;
const CANDIDATE_SITES = 200;
const LISTED = 100;
const COUNT_CAP = 1000;

/** Events on days of [from, to] (or before `before`), oldest first, at most `limit`, and whether there are more. */
function onDays(events: readonly StorageAuditEvent[], days: { from: string; to: string } | { before: string }, limit: number) {
  const inRange = events.filter((e) => ('before' in days ? e.eventDate < days.before : e.eventDate >= days.from && e.eventDate <= days.to)).sort((a, b) => (a.eventDate < b.eventDate ? -1 : a.eventDate > b.eventDate ? 1 : 0));
  return { events: inRange.slice(0, limit), more: inRange.length > limit };
}

/**
 * What needs a person's attention in an app and environment's archive: recent uninstalls (download again
 * before the console erases them), failed migrations, and events at the console's two-year horizon.
 */
export function attentionFor(q: Installation, today: string, events: readonly StorageAuditEvent[]): Attention {
  const since = addDaysToDay(today, -30);
  const ofKind = (name: string, from: string) => events.filter((e) => canonicalEventName(e.event) === name && e.eventDate >= from).sort((a, b) => (a.eventDate < b.eventDate ? -1 : 1)).slice(0, CANDIDATE_SITES);
  const uninstalls = ofKind('App uninstalled', since);
  const failures = ofKind('Migration failed', '0');
  // Two years are 730 or 731 days: a slightly wider range of days, then the exact rule.
  const near = onDays(events, { from: addDaysToDay(today, -731), to: addDaysToDay(today, HORIZON_WARNING_DAYS - 730) }, COUNT_CAP);
  const beyond = onDays(events, { before: addDaysToDay(today, -729) }, COUNT_CAP);

  // The candidates' full histories decide their state: a reinstall or a later migration clears them.
  const candidates = new Set([...new Set([...uninstalls, ...failures].map(siteOf))].slice(0, CANDIDATE_SITES));
  const states = siteStates(events.filter((e) => candidates.has(siteOf(e))), q, today);

  const horizonEnd = addDaysToDay(today, HORIZON_WARNING_DAYS);
  const nearEvents = near.events.filter((e) => {
    const ends = consoleRetentionEndsOn(e.eventDate);
    return ends >= today && ends <= horizonEnd;
  });
  const beyondCount = beyond.events.filter((e) => consoleRetentionEndsOn(e.eventDate) < today).length;
  return {
    downloadAgainBefore: states.flatMap((s) => (s.downloadAgainBefore ? [{ siteId: s.siteId, product: s.product, uninstalledOn: s.since, downloadAgainBefore: s.downloadAgainBefore }] : [])).slice(0, LISTED),
    failedMigrations: states.flatMap((s) => (s.failedMigration ? [{ siteId: s.siteId, product: s.product, ...s.failedMigration }] : [])).slice(0, LISTED),
    nearHorizon: {
      windowDays: HORIZON_WARNING_DAYS,
      count: nearEvents.length,
      more: near.more,
      shown: nearEvents.slice(0, LISTED).map((e) => ({ siteId: e.siteId, product: e.product, event: canonicalEventName(e.event) ?? e.event, eventDate: e.eventDate, consoleDeletesOn: consoleRetentionEndsOn(e.eventDate) })),
    },
    beyondHorizon: { count: beyondCount, more: beyond.more },
  };
}

// ---------------------------------------------------------------------------------------------
// Cadence, export, footprint
// ---------------------------------------------------------------------------------------------

/** When the console's logs were last imported, when the next import is due, and whether it is late. */
export async function cadence(call: Call): Promise<Cadence> {
  const [{ doc }, log] = await Promise.all([call.session.settings(), storageAuditRepo.importLog()]);
  const today = dayIn(call.now, doc.clock.timeZone);
  const lastDay = log.lastImportAt === null ? null : dayIn(new Date(log.lastImportAt), doc.clock.timeZone);
  const cadenceDays = doc.storageAudit.importCadenceDays;
  return {
    lastImportAt: log.lastImportAt,
    cadenceDays,
    today,
    ...importCadence(lastDay, cadenceDays, today),
    recent: log.recent.map(({ fileName, at, read, new: added, known, rejected }) => ({ fileName, at, read, new: added, known, rejected })),
  };
}

/** One page of the archive as CSV in the console's own format, oldest events first; the first page has the header. */
export async function exportCsv(_call: Call, q: Installation & { cursor?: string }): Promise<{ csv: string; rows: number; cursor?: string }> {
  const page = await storageAuditRepo.datePage(appEnvOf(q.appId, q.environment), q.cursor, STORAGE_AUDIT_EXPORT_PAGE);
  const csv = toStorageAuditCsv(page.events);
  const body = q.cursor === undefined ? csv : csv.slice(csv.indexOf('\r\n') + 2);
  return { csv: body, rows: page.events.length, ...(page.cursor !== undefined && { cursor: page.cursor }) };
}

/**
 * The sites where the app, in that environment, was installed on at least one day of [from, to]
 * (the incident window), each with the versions it ran then: the one in force on `from` and any
 * installed during the window. The estimated number of affected tenants is the number of sites.
 * A page holds whole sites (every site's full history decides its answer), about
 * STORAGE_AUDIT_FOOTPRINT_PAGE events; `cursor` continues.
 */
export async function footprint(q: Installation & { from: string; to: string; cursor?: string }): Promise<{ sites: Footprint['sites']; cursor?: string }> {
  const all = await storageAuditRepo.all(appEnvOf(q.appId, q.environment));
  const page = sitesPage(all, q.cursor, STORAGE_AUDIT_FOOTPRINT_PAGE);
  return { sites: footprintOf(page.events, q), ...(page.next !== undefined && { cursor: page.next }) };
}

function footprintOf(all: readonly StorageAuditEvent[], q: Installation & { from: string; to: string }): Footprint['sites'] {
  const events = all.filter((e) => e.eventDate <= q.to);
  const bySite = new Map<string, StorageAuditEvent[]>();
  for (const e of events) {
    const id = e.siteId.trim();
    const list = bySite.get(id);
    if (list) list.push(e);
    else bySite.set(id, [e]);
  }
  return installedSites(events, q).map((siteId) => ({ siteId, versions: versionsDuring(bySite.get(siteId) ?? [], q) }));
}

/** The whole footprint at once (for a caller that needs it all, e.g. a report): one read of the archive. */
export async function footprintAll(q: Installation & { from: string; to: string }): Promise<Footprint['sites']> {
  const all = await storageAuditRepo.all(appEnvOf(q.appId, q.environment));
  return footprintOf(sitesPage(all, undefined, Infinity).events, q);
}

/** The version in force on the window's first day (if installed then), then those installed during it. */
function versionsDuring(events: StorageAuditEvent[], q: Installation & { from: string }): string[] {
  const ordered = events.filter((e) => e.installedVersion.trim() !== '').sort((a, b) => (a.eventDate < b.eventDate ? -1 : a.eventDate > b.eventDate ? 1 : rank(a) - rank(b)));
  const installedOnFirstDay = installedSites(events, { ...q, to: q.from }).length > 0;
  const before = installedOnFirstDay ? ordered.filter((e) => e.eventDate < q.from).pop() : undefined;
  const during = ordered.filter((e) => e.eventDate >= q.from);
  return [...new Set([...(before ? [before] : []), ...during].map((e) => e.installedVersion.trim()))];
}

/** One page of the footprint, with a warning when the archive may be missing recent installs. */
export async function footprintView(call: Call, q: Installation & { from: string; to: string; cursor?: string }): Promise<Footprint> {
  const [page, c] = await Promise.all([footprint(q), cadence(call)]);
  return { ...page, archiveOverdue: c.overdue };
}
