import { kvs, Filter, FilterConditions, Sort, WhereConditions } from '@forge/kvs';
import { hash } from 'node:crypto';
import { canonicalEventName, eventKey, type StorageAuditEvent } from '../../domain/storage-audit';
import { normalizeAppId } from '../../domain/settings';
import { fromCursor } from './cursor';

/** Declared in manifest.yml (`app.storage.entities`). */
export const STORAGE_AUDIT_ENTITY = 'storage-audit-event';
const IMPORT_LOG_KEY = 'storage-audit:import-log';

/** What one event is stored as: the event, plus the attributes the entity's indexes are built on. */
export interface StoredAuditEvent {
  /** `<app UUID>:<environment>`, both canonical: the partition of every index. */
  appEnv: string;
  /** `<site ID>:<product>`: a site's events sort together in `by-site`. */
  site: string;
  eventDate: string;
  /**
   * Only on the events the archive looks for without a scan (uninstalls, failed migrations): an
   * index holds only values that have all its attributes, so the other events cost no `by-kind` entry.
   */
  kind?: IndexedKind;
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

// Forge's limits (shared/FORGE_FACTS.md §1): 25 operations per transaction, 25 keys per batch, 100 per page.
const TX_OPS = 25;
const PAGE = 100;
/** KVS calls a request keeps in flight at once: fast here, gentle with the per-installation rate limit. */
const PARALLEL = 4;

const fold = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** The partition an app and environment's events live in; the same for any spelling of either. */
export function appEnvOf(appId: string, environment: string): string {
  return `${normalizeAppId(appId)}:${fold(environment)}`;
}

/** The `site` attribute: site ID and product, so two products of one site are two installations. */
export function siteOf(e: Pick<StorageAuditEvent, 'siteId' | 'product'>): string {
  return `${e.siteId.trim()}:${fold(e.product)}`;
}

/**
 * A short, valid KVS key for an event's identity: its day, then a hash of eventKey, so equal
 * events (as eventKey folds them) share it. The day first keeps one download's keys close
 * together, which makes writing them cheaper for an ordered store. Node's one-shot SHA-256 (the
 * Forge runtime is Node 22) is 20 times faster than a JavaScript one: it matters at 100,000 rows.
 */
export function storedEventKey(e: StorageAuditEvent): string {
  return `${e.eventDate.trim()}:${hash('sha256', eventKey(e))}`;
}

/** The kinds of event the `by-kind` index holds. */
export const INDEXED_KINDS = { 'App uninstalled': 'app-uninstalled', 'Migration failed': 'migration-failed' } as const;
export type IndexedKind = (typeof INDEXED_KINDS)[keyof typeof INDEXED_KINDS];

function toStored(e: StorageAuditEvent): StoredAuditEvent {
  const name = canonicalEventName(e.event);
  const kind = name === 'App uninstalled' || name === 'Migration failed' ? INDEXED_KINDS[name] : undefined;
  return { appEnv: appEnvOf(e.appId, e.environment), site: siteOf(e), eventDate: e.eventDate.trim(), ...(kind && { kind }), row: e };
}

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

const isConditionFailure = (e: unknown) => (e as { code?: unknown })?.code === 'CONDITIONAL_CHECK_FAILED';

/** Which of these keys are stored already (one batch read of at most 25). */
async function existing(keys: readonly string[]): Promise<Set<string>> {
  const r = await kvs.batchGet<StoredAuditEvent>(keys.map((key) => ({ key, entityName: STORAGE_AUDIT_ENTITY })));
  const unexpected = r.failedKeys.find((f) => f.error.code !== 'KEY_NOT_FOUND');
  if (unexpected) throw Object.assign(new Error(unexpected.error.message), { code: unexpected.error.code });
  return new Set(r.successfulKeys.filter((s) => s.value !== undefined).map((s) => s.key));
}

/**
 * Writes up to 25 events in one transaction, each only if still absent: all of them or none. When
 * one is there already (an earlier import, or another import meanwhile) the transaction fails, the
 * group is re-read and what is still missing written again, so each event is counted new once.
 * `checkFirst` reads before writing: cheaper when the group is likely known (a re-import).
 */
async function writeGroup(group: readonly { key: string; value: StoredAuditEvent }[], checkFirst: boolean): Promise<{ stored: Set<string>; sawKnown: boolean }> {
  let pending = group;
  let sawKnown = false;
  if (checkFirst) {
    const there = await existing(pending.map((p) => p.key));
    sawKnown = there.size > 0;
    pending = pending.filter((p) => !there.has(p.key));
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    if (pending.length === 0) return { stored: new Set(), sawKnown };
    const tx = kvs.transact();
    for (const { key, value } of pending) {
      tx.set(key, value, { entityName: STORAGE_AUDIT_ENTITY, conditions: new Filter<StoredAuditEvent>().and('appEnv', FilterConditions.notExists()) });
    }
    try {
      await tx.execute();
      return { stored: new Set(pending.map((p) => p.key)), sawKnown };
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
      sawKnown = true;
      const there = await existing(pending.map((p) => p.key));
      pending = pending.filter((p) => !there.has(p.key));
    }
  }
  throw Object.assign(new Error('Storage audit events kept changing while they were written'), { code: 'TOO_MANY_REQUESTS' });
}

/** A condition on an index's range attribute. */
type Range = ReturnType<(typeof WhereConditions)[keyof typeof WhereConditions]>;

/** One page of an index query (at most 100), and the cursor for the next. */
async function page(index: string, partition: string[], opts: { where?: Range; cursor?: string; sort?: Sort }) {
  let q = kvs.entity<StoredAuditEvent>(STORAGE_AUDIT_ENTITY).query().index(index, { partition }).limit(PAGE).sort(opts.sort ?? Sort.ASC);
  if (opts.where) q = q.where(opts.where);
  if (opts.cursor) q = q.cursor(opts.cursor);
  const r = await fromCursor(opts.cursor, () => q.getMany());
  return { events: r.results.map((x) => x.value), cursor: r.nextCursor };
}

/** Pages through an index until `limit` events are read or none are left. */
async function upTo(index: string, partition: string[], where: Range, limit: number): Promise<{ events: StorageAuditEvent[]; more: boolean }> {
  const out: StorageAuditEvent[] = [];
  let cursor: string | undefined;
  do {
    const r = await page(index, partition, { where, cursor });
    out.push(...r.events.map((s) => s.row));
    cursor = r.cursor;
  } while (cursor && out.length < limit);
  return { events: out.slice(0, limit), more: out.length > limit || cursor !== undefined };
}

export const storageAuditRepo = {
  /**
   * Stores events that are not stored yet, in transactions of at most 25, and says for each input
   * event whether this call stored it (`true`) or it was known already, including a repeat of an
   * earlier event in the same call. Each transaction is atomic, and a repeated call stores nothing
   * twice, so an interrupted import is finished by running it again.
   */
  async store(events: readonly StorageAuditEvent[]): Promise<boolean[]> {
    const keys = events.map(storedEventKey);
    const firstAt = new Map<string, number>();
    keys.forEach((k, i) => {
      if (!firstAt.has(k)) firstAt.set(k, i);
    });
    const fresh = [...firstAt.entries()].map(([key, i]) => ({ key, value: toStored(events[i]!) }));
    // Optimistic: a new download is mostly new events, written without reading first. Once a group
    // turns out to hold known events (overlapping downloads overlap in runs), read before writing.
    let checkFirst = false;
    const stored = new Set<string>();
    await inParallel(groupsOf(fresh, TX_OPS), async (group) => {
      const r = await writeGroup(group, checkFirst);
      if (r.sawKnown) checkFirst = true;
      for (const k of r.stored) stored.add(k);
    });
    return keys.map((k, i) => firstAt.get(k) === i && stored.has(k));
  },

  /**
   * Events of whole sites in site order, from `fromSite` on, about `budget` of them: reading stops
   * at a site boundary once the budget is spent, and `next` is the first site not returned.
   */
  async sites(appEnv: string, fromSite: string | undefined, budget: number): Promise<{ events: StorageAuditEvent[]; next?: string }> {
    const out: StoredAuditEvent[] = [];
    let cursor: string | undefined;
    for (;;) {
      const r = await page('by-site', [appEnv], { where: fromSite === undefined ? undefined : WhereConditions.greaterThanEqualTo(fromSite), cursor });
      out.push(...r.events);
      cursor = r.cursor;
      if (!cursor) return { events: out.map((s) => s.row) };
      const last = out[out.length - 1]?.site;
      const complete = out.findIndex((s) => s.site === last);
      // The last site read may continue on the next page: leave it for the next call.
      if (out.length >= budget && complete > 0) return { events: out.slice(0, complete).map((s) => s.row), next: last };
    }
  },

  /** Every event of these sites (each `site` attribute names a site and product). */
  async ofSites(appEnv: string, sites: readonly string[]): Promise<StorageAuditEvent[]> {
    const each = await inParallel(sites, async (site) => (await upTo('by-site', [appEnv], WhereConditions.equalTo(site), Infinity)).events);
    return each.flat();
  },

  /** Events of one indexed kind on or after a day, at most `limit` (and whether there are more). */
  async ofKind(appEnv: string, kind: IndexedKind, fromDay: string, limit: number): Promise<{ events: StorageAuditEvent[]; more: boolean }> {
    return upTo('by-kind', [appEnv, kind], WhereConditions.greaterThanEqualTo(fromDay), limit);
  },

  /** Events of days in the range (`from` to `to` inclusive, or before `before`), oldest first, at most `limit`. */
  async onDays(appEnv: string, days: { from: string; to: string } | { before: string }, limit: number): Promise<{ events: StorageAuditEvent[]; more: boolean }> {
    const where = 'before' in days ? WhereConditions.lessThan(days.before) : WhereConditions.between(days.from, days.to);
    return upTo('by-date', [appEnv], where, limit);
  },

  /** One page of events in day order, for an export. */
  async datePage(appEnv: string, cursor: string | undefined, size: number): Promise<{ events: StorageAuditEvent[]; cursor?: string }> {
    const out: StorageAuditEvent[] = [];
    let next = cursor;
    do {
      const r = await page('by-date', [appEnv], { cursor: next });
      out.push(...r.events.map((s) => s.row));
      next = r.cursor;
    } while (next && out.length + PAGE <= size);
    return { events: out, cursor: next };
  },

  async importLog(): Promise<ImportLog> {
    return (await kvs.get<ImportLog>(IMPORT_LOG_KEY)) ?? { lastImportAt: null, recent: [] };
  },

  /**
   * Adds a request's counts to its run's entry and, when it accepted rows, moves the last import time on. Last write wins:
   * two imports at once may under-count the log's totals, never the archive.
   */
  async logImport(entry: ImportLogEntry, opts: { stored: boolean }): Promise<void> {
    const log = await this.importLog();
    const same = log.recent.find((r) => r.importId === entry.importId);
    const merged = same ? { ...entry, read: same.read + entry.read, new: same.new + entry.new, known: same.known + entry.known, rejected: same.rejected + entry.rejected } : entry;
    const recent = [merged, ...log.recent.filter((r) => r !== same)].slice(0, RECENT_FILES);
    // A request whose rows were all rejected is logged, but it is not an import for the cadence.
    await kvs.set(IMPORT_LOG_KEY, { lastImportAt: opts.stored ? entry.at : log.lastImportAt, recent } satisfies ImportLog);
  },
};
