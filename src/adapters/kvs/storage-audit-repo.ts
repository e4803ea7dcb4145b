import { kvs, Filter, FilterConditions, Sort } from '@forge/kvs';
import { hash } from 'node:crypto';
import { eventKey, type StorageAuditEvent } from '../../domain/storage-audit';
import { normalizeAppId } from '../../domain/settings';
import { fromCursor } from './cursor';
import { isConditionFailure, isMissingKey } from './platform-assumptions';
import { invalid } from '../../shared/errors';
import { batchRead, createOnly } from './versioned-store';

/**
 * Declared in manifest.yml (`app.storage.entities`). The archive packs many events into one value: an app and
 * environment's events of one day (in parts, when a day holds more than a value can), so a console download of
 * 100,000 rows is a few thousand 10 KB quota units to write instead of 100,000 (Forge counts each item, rounded up
 * to 10 KB). The console's files are sorted by day, so an import request fills a handful of days.
 */
export const STORAGE_AUDIT_DAY_ENTITY = 'storage-audit-day';
/**
 * The earlier version stored one value per event. Entities cannot be deleted once deployed: a site that installed
 * that version keeps its archive there, read beside the packed days (and never written again).
 */
export const LEGACY_EVENT_ENTITY = 'storage-audit-event';
const IMPORT_LOG_KEY = 'storage-audit:import-log';

/** An event without what its day part already says (its day), in the console's column order. */
type Row = [appId: string, appName: string, siteId: string, product: string, environment: string, installedVersion: string, event: string, location: string, targetLocation: string | null];

/** One stored value: (part of) one day of one app and environment's events. */
export interface DayPart {
  /** `<app UUID>:<environment>`, both canonical: the partition of the `by-day` index. */
  appEnv: string;
  day: string;
  part: number;
  /** Moves on with every write; a write is conditional on the version it read. */
  version: number;
  /** No more rows fit: the day continues in the next part. */
  full?: boolean;
  rows: Row[];
}

interface LegacyEvent {
  row: StorageAuditEvent;
}

export interface ImportLogEntry {
  /** The browser's id for one run of one file, so its requests add up to one entry. */
  importId: string;
  fileName: string;
  at: string;
  read: number;
  new: number;
  known: number;
  rejected: number;
}
export interface ImportLog {
  lastImportAt: string | null;
  /** Newest first. */
  recent: ImportLogEntry[];
}
const RECENT_FILES = 10;

// Forge's limits (shared/FORGE_FACTS.md §1): 240 KiB a value, 25 operations and 4 MB a transaction, 25 keys a batch.
const PART_BYTES = 200 * 1024;
const TX_OPS = 25;
const TX_BYTES = 3_500_000;
const BATCH = 25;
/** Parts per query page: a page of full parts stays a few MB. */
const PARTS_PAGE = 10;
const LEGACY_PAGE = 100;
/** KVS calls a request keeps in flight at once. */
const PARALLEL = 4;
const ATTEMPTS = 6;

const fold = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** The partition an app and environment's events live in; the same for any spelling of either. */
export function appEnvOf(appId: string, environment: string): string {
  return `${normalizeAppId(appId)}:${fold(environment)}`;
}

/** A site and product, so two products of one site are two installations. */
export function siteOf(e: Pick<StorageAuditEvent, 'siteId' | 'product'>): string {
  return `${e.siteId.trim()}:${fold(e.product)}`;
}

/** A day part's key: a digest of the app and environment (any spelling makes a valid key), the day, the part. */
const partKey = (appEnv: string, day: string, part: number) => `sad:${hash('sha256', appEnv).slice(0, 32)}:${day}:${part}`;

/** The earlier version's key for an event (its day, then a digest of its identity). */
const legacyKey = (e: StorageAuditEvent) => `${e.eventDate.trim()}:${hash('sha256', eventKey(e))}`;

const toRow = (e: StorageAuditEvent): Row => [e.appId, e.appName, e.siteId, e.product, e.environment, e.installedVersion, e.event, e.location, e.targetLocation];
const fromRow = (r: Row, day: string): StorageAuditEvent => ({ appId: r[0], appName: r[1], siteId: r[2], product: r[3], environment: r[4], installedVersion: r[5], event: r[6], eventDate: day, location: r[7], targetLocation: r[8] });
const eventsOf = (p: DayPart) => p.rows.map((r) => fromRow(r, p.day));
const bytes = (x: unknown) => Buffer.byteLength(JSON.stringify(x), 'utf8');

function groupsOf<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Runs `work` over `items` with at most PARALLEL in flight, keeping the results in order. */
async function inParallel<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
  return out;
}

const failWith = (f: { error: { code: string; message: string } }) => Object.assign(new Error(f.error.message), { code: f.error.code });

/** These keys' values in one entity, missing keys left out (batches of 25, strongly consistent). */
async function getMany<T>(entityName: string, keys: readonly string[]): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  await inParallel(groupsOf(keys, BATCH), async (group) => {
    const r = await kvs.batchGet<T>(group.map((key) => ({ key, entityName })));
    const unexpected = r.failedKeys.find((f) => !isMissingKey(f.error.code));
    if (unexpected) throw failWith(unexpected);
    for (const s of r.successfulKeys) if (s.value !== undefined) out.set(s.key, s.value);
  });
  return out;
}

/** A day of one app and environment, as an import request sees it. */
interface DayGroup {
  appEnv: string;
  day: string;
  /** This request's events of the day not stored yet by it: index in the request, identity, row. */
  rows: { i: number; id: string; row: Row }[];
  parts: DayPart[];
}

/** Reads every part of these days: part 0, then the next one of each day whose last part read is full. */
async function readParts(groups: DayGroup[]): Promise<void> {
  for (const g of groups) g.parts = [];
  let open = groups;
  while (open.length > 0) {
    const keys = open.map((g) => partKey(g.appEnv, g.day, g.parts.length));
    const got = await getMany<DayPart>(STORAGE_AUDIT_DAY_ENTITY, keys);
    open = open.filter((g, n) => {
      const p = got.get(keys[n]!);
      if (p) g.parts.push(p);
      return p?.full === true;
    });
  }
}

/** One conditional write of a part, and the request's events it adds. */
interface PartWrite {
  key: string;
  value: DayPart;
  /** The version read, or undefined for a part that did not exist. */
  from?: number;
  adds: number[];
  size: number;
}

/** The writes that add a day's missing rows: to its last part while it has room, then to new parts. */
function planDay(g: DayGroup, skip: Set<number>): PartWrite[] {
  const known = new Set(g.parts.flatMap((p) => eventsOf(p).map(eventKey)));
  const missing = g.rows.filter((r) => !skip.has(r.i) && !known.has(r.id));
  if (missing.length === 0) return [];
  const writes: PartWrite[] = [];
  const fresh = (part: number): PartWrite => {
    const value: DayPart = { appEnv: g.appEnv, day: g.day, part, version: 1, rows: [] };
    return { key: partKey(g.appEnv, g.day, part), value, adds: [], size: bytes(value) };
  };
  const last = g.parts[g.parts.length - 1];
  let current: PartWrite =
    last && !last.full ? { key: partKey(g.appEnv, g.day, last.part), value: { ...last, rows: [...last.rows], version: last.version + 1 }, from: last.version, adds: [], size: bytes(last) } : fresh(last ? last.part + 1 : 0);
  for (const r of missing) {
    const rowBytes = bytes(r.row) + 1;
    if (current.size + rowBytes > PART_BYTES && current.value.rows.length > 0) {
      // The part is closed (an existing one is written once more to say so); the day goes on in the next.
      current.value.full = true;
      writes.push(current);
      current = fresh(current.value.part + 1);
    }
    current.value.rows.push(r.row);
    current.adds.push(r.i);
    current.size += rowBytes;
  }
  writes.push(current);
  return writes;
}

/** A plain value written in the same transaction as the last parts (the import log). */
interface AlsoWrite {
  key: string;
  value: unknown;
}

/**
 * Writes parts in transactions within Forge's limits, each write only if its part is still as read; `also`
 * goes in the last transaction, after the others succeeded. False when a part had moved on (read again).
 */
async function writeParts(writes: PartWrite[], stored: Set<number>, also: AlsoWrite): Promise<boolean> {
  const txs: PartWrite[][] = [];
  for (const w of writes) {
    const tx = txs[txs.length - 1];
    if (tx && tx.length < TX_OPS - 1 && tx.reduce((n, x) => n + x.size, 0) + w.size <= TX_BYTES) tx.push(w);
    else txs.push([w]);
  }
  const run = async (group: PartWrite[], withAlso: boolean): Promise<boolean> => {
    if (group.length === 0 && !withAlso) return true;
    const tx = kvs.transact();
    for (const w of group) {
      const conditions = w.from === undefined ? new Filter<DayPart>().and('version', FilterConditions.notExists()) : new Filter<DayPart>().and('version', FilterConditions.equalTo(w.from));
      tx.set(w.key, w.value, { entityName: STORAGE_AUDIT_DAY_ENTITY, conditions });
    }
    if (withAlso) tx.set(also.key, also.value);
    try {
      await tx.execute();
      for (const w of group) for (const i of w.adds) stored.add(i);
      return true;
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
      // notExists() may fail on a key that does not exist (platform-assumptions.ts). When every part is still as
      // read, the new parts are created only if absent (FAIL_IF_EXISTS), then the others written as planned.
      const fresh = group.filter((w) => w.from === undefined);
      if (fresh.length === 0 || !(await partsAsRead(group))) return false;
      for (const w of fresh) {
        if (!(await createOnly(STORAGE_AUDIT_DAY_ENTITY, w.key, w.value))) return false;
        for (const i of w.adds) stored.add(i);
      }
      return run(group.filter((w) => w.from !== undefined), withAlso);
    }
  };
  const last = txs.pop() ?? [];
  const clean = (await inParallel(txs, (group) => run(group, false))).every(Boolean);
  return clean && (await run(last, true));
}

/** Whether each part is as its write read it: at its version, or absent for a new one. */
async function partsAsRead(group: PartWrite[]): Promise<boolean> {
  const found = new Map((await batchRead(group.map((w) => ({ key: w.key, entityName: STORAGE_AUDIT_DAY_ENTITY })))).map((f) => [f.key, (f.value as Partial<DayPart>).version]));
  return group.every((w) => found.get(w.key) === w.from);
}

/** The import log with one request's counts added to its run's entry. */
function withEntry(log: ImportLog, entry: ImportLogEntry, stored: boolean): ImportLog {
  const same = log.recent.find((r) => r.importId === entry.importId);
  const merged = same ? { ...entry, read: same.read + entry.read, new: same.new + entry.new, known: same.known + entry.known, rejected: same.rejected + entry.rejected } : entry;
  const recent = [merged, ...log.recent.filter((r) => r !== same)].slice(0, RECENT_FILES);
  // A request whose rows were all rejected is logged, but it is not an import for the cadence.
  return { lastImportAt: stored ? entry.at : log.lastImportAt, recent };
}

/** Whether the earlier version stored events of this app and environment (one small index read). */
async function hasLegacy(appEnv: string): Promise<boolean> {
  const r = await kvs.entity<LegacyEvent>(LEGACY_EVENT_ENTITY).query().index('by-date', { partition: [appEnv] }).limit(1).getMany();
  return r.results.length > 0;
}

/** Every event the earlier version stored for this app and environment, oldest day first. */
async function legacyPage(appEnv: string, cursor: string | undefined): Promise<{ events: StorageAuditEvent[]; cursor?: string }> {
  let q = kvs.entity<LegacyEvent>(LEGACY_EVENT_ENTITY).query().index('by-date', { partition: [appEnv] }).limit(LEGACY_PAGE).sort(Sort.ASC);
  if (cursor) q = q.cursor(cursor);
  const r = await fromCursor(cursor, () => q.getMany());
  return { events: r.results.map((x) => x.value.row), cursor: r.nextCursor };
}

async function partsPage(appEnv: string, cursor: string | undefined): Promise<{ parts: DayPart[]; cursor?: string }> {
  let q = kvs.entity<DayPart>(STORAGE_AUDIT_DAY_ENTITY).query().index('by-day', { partition: [appEnv] }).limit(PARTS_PAGE).sort(Sort.ASC);
  if (cursor) q = q.cursor(cursor);
  const r = await fromCursor(cursor, () => q.getMany());
  return { parts: r.results.map((x) => x.value), cursor: r.nextCursor };
}

// An export cursor says which store it continues in: the packed days, then the earlier version's events.
const PACKED = 'p:';
const LEGACY = 'l:';

export const storageAuditRepo = {
  /**
   * Stores events that are not stored yet and says for each input event whether this call stored it (`true`)
   * or it was known already, including a repeat of an earlier event in the same call. Each day part is written
   * only if it is still as read, so concurrent imports never store or count an event twice; a repeated call
   * stores nothing twice, so an interrupted import is finished by running it again. The request's entry in the
   * import log (`entry`, given how many events are new) is written in the same transaction as the last parts, so
   * a request refused halfway (the storage quota) and sent again still counts its events new once.
   */
  async store(events: readonly StorageAuditEvent[], entry: (added: number) => ImportLogEntry): Promise<boolean[]> {
    const ids = events.map(eventKey);
    const seen = new Set<string>();
    const byDay = new Map<string, DayGroup>();
    events.forEach((e, i) => {
      if (seen.has(ids[i]!)) return;
      seen.add(ids[i]!);
      const appEnv = appEnvOf(e.appId, e.environment);
      const day = e.eventDate.trim();
      const id = `${appEnv}\n${day}`;
      const g = byDay.get(id) ?? { appEnv, day, rows: [], parts: [] };
      g.rows.push({ i, id: ids[i]!, row: toRow(e) });
      byDay.set(id, g);
    });
    const groups = [...byDay.values()];

    // Events the earlier version stored are known: looked up only where it stored any.
    const skip = new Set<number>();
    for (const appEnv of new Set(groups.map((g) => g.appEnv))) {
      if (!(await hasLegacy(appEnv))) continue;
      const rows = groups.filter((g) => g.appEnv === appEnv).flatMap((g) => g.rows);
      const keys = rows.map((r) => legacyKey(events[r.i]!));
      const there = await getMany<LegacyEvent>(LEGACY_EVENT_ENTITY, keys);
      rows.forEach((r, n) => {
        if (there.has(keys[n]!)) skip.add(r.i);
      });
    }

    const stored = new Set<number>();
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const [log] = await Promise.all([this.importLog(), readParts(groups)]);
      const done = new Set([...skip, ...stored]);
      const writes = groups.flatMap((g) => planDay(g, done));
      const added = stored.size + writes.reduce((n, w) => n + w.adds.length, 0);
      if (await writeParts(writes, stored, { key: IMPORT_LOG_KEY, value: withEntry(log, entry(added), true) })) return events.map((_, i) => stored.has(i));
    }
    throw Object.assign(new Error('Storage audit events kept changing while they were written'), { code: 'TOO_MANY_REQUESTS' });
  },

  /**
   * The whole archive of an app and environment: its packed days, oldest first, and any events the earlier
   * version stored. A site's events are spread over days, so the archive by site reads it all: about one read
   * unit per 10 KB packed (roughly 65 events), a tenth of a unit per event.
   */
  async all(appEnv: string): Promise<StorageAuditEvent[]> {
    const out: StorageAuditEvent[] = [];
    let cursor: string | undefined;
    do {
      const r = await partsPage(appEnv, cursor);
      for (const p of r.parts) out.push(...eventsOf(p));
      cursor = r.cursor;
    } while (cursor);
    if (await hasLegacy(appEnv)) {
      const packed = new Set(out.map(eventKey));
      do {
        const r = await legacyPage(appEnv, cursor);
        out.push(...r.events.filter((e) => !packed.has(eventKey(e))));
        cursor = r.cursor;
      } while (cursor);
    }
    return out;
  },

  /**
   * One page of at least `size` events (whole day parts) in day order, for an export: the packed days, then
   * the events the earlier version stored (each in day order).
   */
  async datePage(appEnv: string, cursor: string | undefined, size: number): Promise<{ events: StorageAuditEvent[]; cursor?: string }> {
    const out: StorageAuditEvent[] = [];
    if (cursor !== undefined && !cursor.startsWith(PACKED) && !cursor.startsWith(LEGACY)) throw invalid({ cursor: 'Use the cursor the previous page returned' }, 'This cursor is not one the app handed out.');
    let next: string | undefined = cursor ?? PACKED;
    while (next !== undefined && out.length < size) {
      if (next.startsWith(PACKED)) {
        const r = await partsPage(appEnv, next.slice(PACKED.length) || undefined);
        for (const p of r.parts) out.push(...eventsOf(p));
        next = r.cursor !== undefined ? PACKED + r.cursor : (await hasLegacy(appEnv)) ? LEGACY : undefined;
      } else {
        const r = await legacyPage(appEnv, next.slice(LEGACY.length) || undefined);
        out.push(...r.events);
        next = r.cursor !== undefined ? LEGACY + r.cursor : undefined;
      }
    }
    return { events: out, ...(next !== undefined && { cursor: next }) };
  },

  async importLog(): Promise<ImportLog> {
    return (await kvs.get<ImportLog>(IMPORT_LOG_KEY)) ?? { lastImportAt: null, recent: [] };
  },

  /** Logs a request that stored nothing because the inventory rejected all its rows (not an import for the cadence). */
  async logRejected(entry: ImportLogEntry): Promise<void> {
    await kvs.set(IMPORT_LOG_KEY, withEntry(await this.importLog(), entry, false));
  },
};
