import { MAX_INDICATORS, type StoredIndicator } from '../../domain/report';
import type { UnsealedEntry } from '../../domain/audit-trail';
import { emptyIncident, upgradeIncident, type IncidentDoc, type IncidentIndex } from '../../domain/incident';
import { kvs as store, Filter, FilterConditions, Sort, WhereConditions } from '@forge/kvs';
import { batchRead, commitRecord, EMPTY_HEAD, toVersioned, type SideWrite, type StoredRecord, type Versioned, type Writer } from './versioned-store';
import { ENTITIES } from './entities';
import { PLACEHOLDER_VERSION } from './platform-assumptions';
import { fromCursor } from './cursor';

// The aggregate lives in the domain; these names stay importable from here for code written against them.
export type { IncidentDoc, IncidentIndex } from '../../domain/incident';
export { emptyIncident } from '../../domain/incident';

/**
 * An incident as read for a use case: its record. The indicators live in chunks of their own and are read only
 * by what needs them (the Indicators tab, its edits, the exports): a large incident's chunks cost many more
 * quota units than its record (local/kvs/quota.ts), and most reads never look at them.
 */
export interface IncidentState {
  record: Versioned<IncidentDoc>;
}

/** How a save changes the indicators: the list it started from (as read) and the list it leaves. */
export interface IndicatorEdit {
  before: StoredIndicator[];
  after: StoredIndicator[];
}

// A stored indicator is at most ~8 KB (2,048-character value, 1,000-character note even fully escaped),
// so 25 per chunk stays far below 240 KiB; 500 indicators make 20 chunks.
export const INDICATORS_PER_CHUNK = 25;

export const incidentStream = (issueId: string) => `incident-${issueId}`;
const chunkKey = (issueId: string, n: number) => `ioc:${issueId}:${n}`;

export const incidentItem = (issueId: string) => ({ key: issueId, entityName: ENTITIES.incident });
/** The chunk keys that hold `count` indicators: none when there are none. */
export const chunkItems = (issueId: string, count: number) => Array.from({ length: Math.ceil(Math.min(count, MAX_INDICATORS) / INDICATORS_PER_CHUNK) }, (_, n) => ({ key: chunkKey(issueId, n) }));

/** A stored record (or its absence) as today's incident: a record of an earlier shape upgrades on read. */
export function incidentFromStored(issueKey: string, stored: unknown): Versioned<IncidentDoc> {
  // A first save's placeholder (platform-assumptions.ts) is no record yet.
  if (!stored || (stored as { version?: unknown }).version === PLACEHOLDER_VERSION) return { version: 0, doc: emptyIncident(issueKey), head: EMPTY_HEAD };
  const v = toVersioned(stored as StoredRecord<Partial<IncidentDoc>>);
  return { ...v, doc: upgradeIncident(issueKey, v.doc) };
}

/** The indicators of chunk values read from KVS, in order, as many as the record says it holds. */
export function indicatorsFrom(found: { key: string; value: unknown }[], count: number): StoredIndicator[] {
  const chunks: StoredIndicator[][] = [];
  for (const item of found) if (item.key.startsWith('ioc:')) chunks[Number(item.key.split(':')[2])] = item.value as StoredIndicator[];
  // Indicators saved before markings existed carry none: the incident's applies.
  return chunks.slice(0, Math.ceil(count / INDICATORS_PER_CHUNK)).flat().filter(Boolean).map((i) => ({ ...i, tlp: i.tlp ?? '' }));
}

function chunksOf(list: StoredIndicator[]): StoredIndicator[][] {
  const out: StoredIndicator[][] = [];
  for (let i = 0; i < list.length; i += INDICATORS_PER_CHUNK) out.push(list.slice(i, i + INDICATORS_PER_CHUNK));
  return out;
}

export const incidentRepo = {
  /** The record alone (one key): its indicators are read with `indicators` by what needs them. */
  async load(issue: { id: string; key: string }): Promise<IncidentState> {
    const found = await batchRead([incidentItem(issue.id)]);
    return { record: incidentFromStored(issue.key, found[0]?.value) };
  },

  /** The indicators of a record holding `count`: only the chunks that exist (none for none), in one batch. */
  async indicators(issueId: string, count: number): Promise<StoredIndicator[]> {
    return indicatorsFrom(await batchRead(chunkItems(issueId, count)), count);
  },

  /**
   * Saves the record, the indicator chunks that changed (only when the save edits the indicators), and the audit
   * entries in one transaction, conditional on the version the caller edited.
   */
  save(issue: { id: string; key: string }, state: IncidentState, doc: IncidentDoc, entries: UnsealedEntry[], index: IncidentIndex, writer: Writer = 'user', indicators?: IndicatorEdit) {
    const before = chunksOf(indicators?.before ?? []);
    const after = chunksOf(indicators?.after ?? []);
    const also: SideWrite[] = [];
    const cleanup: SideWrite[] = [];
    for (let n = 0; n < Math.max(before.length, after.length); n++) {
      if (JSON.stringify(before[n]) === JSON.stringify(after[n])) continue;
      // Chunks past the new count are never read (reads slice by indicatorCount): deleting them can follow the
      // record's transaction, so a bulk removal stays within Forge's 25 operations.
      (n < after.length ? also : cleanup).push({ key: chunkKey(issue.id, n), value: after[n] });
    }
    return commitRecord({
      entityName: ENTITIES.incident,
      key: issue.id,
      from: state.record.version,
      head: state.record.head,
      doc: indicators ? { ...doc, indicatorCount: indicators.after.length } : doc,
      // Entity attributes cannot be empty strings: an empty fact is simply absent.
      attributes: { issueId: issue.id, issueKey: issue.key, updatedAt: doc.updatedAt, ...Object.fromEntries(Object.entries(index).filter(([, v]) => typeof v === 'string' && v.trim() !== '')) },
      audit: { stream: incidentStream(issue.id), entries },
      also,
      cleanup,
      writer,
    });
  },
};

interface Indexed {
  issueId: string;
  issueKey: string;
  ackCheckAt?: string;
}

/** Incidents whose acknowledgment clocks need a look at or before `now`: one index page, never a scan. */
export async function dueForAckCheck(now: Date, cursor?: string, limit = 100): Promise<{ issues: { id: string; key: string }[]; cursor?: string }> {
  let q = store.entity<Indexed>(ENTITIES.incident).query().index('by-ack-check').where(WhereConditions.lessThanEqualTo(now.toISOString())).sort(Sort.ASC).limit(limit);
  if (cursor) q = q.cursor(cursor);
  const page = await q.getMany();
  // The entity key is the issue id: a record planted or written without its identity attributes is still reachable.
  return { issues: page.results.map((r) => ({ id: r.value.issueId || r.key, key: r.value.issueKey || r.value.issueId || r.key })), cursor: page.nextCursor };
}

export const LIST_PAGE = 100;
export interface ListQuery {
  order: 'due' | 'updated';
  /** `dueBefore`/`dueFrom` split running clocks into breached and not yet breached at a given instant. */
  filters: { supportLevel?: string; phase?: string; appId?: string; ackState?: string; dueBefore?: string; dueFrom?: string; search?: string; partnerId?: string };
  limit?: number;
  cursor?: string;
}
/** A listed incident: its identity, the indexed facts (the aggregate's `IncidentIndex`) and its document. */
export interface ListedIncident extends Indexed, IncidentIndex {
  version: number;
  updatedAt: string;
  doc: IncidentDoc;
  /** Set while the sweeps could not see the incident's ticket (incident-marks.ts). */
  orphanedAt?: string;
}

/** One page of incidents in the global page's order, filtered on their indexed facts (one KVS query). */
export async function listIncidents(q: ListQuery): Promise<{ items: ListedIncident[]; cursor?: string }> {
  const f = q.filters;
  const conditions: [keyof ListedIncident, Parameters<Filter<ListedIncident>['and']>[1]][] = [];
  if (f.supportLevel) conditions.push(['supportLevel', FilterConditions.equalTo(f.supportLevel)]);
  if (f.phase) conditions.push(['phase', FilterConditions.equalTo(f.phase)]);
  if (f.appId) conditions.push(['appId', FilterConditions.equalTo(f.appId)]);
  if (f.partnerId) conditions.push(['partnerId', FilterConditions.equalTo(f.partnerId)]);
  if (f.ackState) conditions.push(['ackState', FilterConditions.equalTo(f.ackState)]);
  if (f.dueBefore) conditions.push(['ackDueAt', FilterConditions.lessThan(f.dueBefore)]);
  if (f.dueFrom) conditions.push(['ackDueAt', FilterConditions.greaterThanEqualTo(f.dueFrom)]);
  if (f.search) conditions.push(['searchText', FilterConditions.contains(f.search)]);
  let query = store.entity<ListedIncident>(ENTITIES.incident).query().index(q.order === 'due' ? 'by-due' : 'updatedAt');
  const [first, ...rest] = conditions;
  if (first) query = query.filters(rest.reduce((acc, [attr, cond]) => acc.and(attr, cond), new Filter<ListedIncident>().and(first[0], first[1])));
  query = query.sort(q.order === 'due' ? Sort.ASC : Sort.DESC).limit(q.limit ?? LIST_PAGE);
  if (q.cursor) query = query.cursor(q.cursor);
  const page = await fromCursor(q.cursor, () => query.getMany());
  // As in `load`: parts a record was written without read as their empty value.
  return { items: page.results.map((r) => ({ ...r.value, doc: upgradeIncident(r.value.issueKey, r.value.doc) })), cursor: page.nextCursor };
}
