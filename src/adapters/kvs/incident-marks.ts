// What the scheduled work writes onto an incident's stored record besides its document: recomputed index
// attributes, a failing sweep's back-off, the orphaned mark. The document, version and trail head are left as
// they are (no trail entry: nothing the incident says changes), and each write is conditional on the version
// read, so a save in between wins and recomputes the attributes itself.
import { kvs, Filter, FilterConditions, Sort } from '@forge/kvs';
import { ENTITIES } from './entities';
import { isConditionFailure } from './platform-assumptions';
import type { IncidentIndex } from './incident-repo';

type Raw = Record<string, unknown> & { version?: number; issueId?: string; issueKey?: string };
export type SweepName = 'ack' | 'retention';

const INDEX_ATTRIBUTES = ['ackCheckAt', 'retentionCheckAt', 'dueSort', 'supportLevel', 'phase', 'appId', 'ackState', 'ackDueAt', 'searchText', 'ackFailures', 'retentionFailures', 'sweepError'] as const;
const CHECK_ATTRIBUTE = { ack: 'ackCheckAt', retention: 'retentionCheckAt' } as const;
const FAILURES_ATTRIBUTE = { ack: 'ackFailures', retention: 'retentionFailures' } as const;
// A failing incident is looked at again after 1 minute, then 2, 4, … up to 6 hours.
const BACKOFF_BASE_MS = 60_000;
const BACKOFF_MAX_MS = 6 * 3_600_000;

const withoutEmpty = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && (typeof v !== 'string' || v.trim() !== '')));

/** Rewrites the stored value as `change` says, if it is still at the version read; false when it moved or is gone. */
async function rewrite(issueId: string, change: (raw: Raw) => Raw | null): Promise<boolean> {
  const raw = await kvs.entity<Raw>(ENTITIES.incident).get(issueId);
  if (!raw) return false;
  const next = change(raw);
  if (!next) return false;
  const expected = typeof raw.version === 'number' ? FilterConditions.equalTo(raw.version) : FilterConditions.notExists();
  try {
    await kvs.transact().set(issueId, withoutEmpty(next), { entityName: ENTITIES.incident, conditions: new Filter<Raw>().and('version', expected) }).execute();
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

export const backoffDelayMs = (failures: number) => Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1), BACKOFF_MAX_MS);

export interface OrphanedIncident {
  issueId: string;
  issueKey: string;
  orphanedAt: string;
  summary: string;
}

export const incidentMarks = {
  /**
   * Replaces the index attributes of the record at `version` (which also clears a sweep's back-off); `revive`
   * also lifts the orphaned mark, so both sweeps look at the incident again.
   */
  reindex(issueId: string, version: number, index: IncidentIndex, o: { revive?: boolean } = {}): Promise<boolean> {
    const replaced: readonly string[] = o.revive ? [...INDEX_ATTRIBUTES, 'orphanedAt'] : INDEX_ATTRIBUTES;
    return rewrite(issueId, (raw) => {
      if (raw.version !== version) return null;
      const kept = Object.fromEntries(Object.entries(raw).filter(([k]) => !replaced.includes(k)));
      return { ...kept, ...index };
    });
  },

  /** The stored record of an incident marked orphaned (as stored, any shape); null when it is not marked. */
  async orphaned(issueId: string): Promise<{ issueKey: string; version: number; doc: unknown } | null> {
    const raw = await kvs.entity<Raw & { orphanedAt?: string; doc?: unknown }>(ENTITIES.incident).get(issueId);
    if (!raw?.orphanedAt || typeof raw.version !== 'number') return null;
    return { issueKey: String(raw.issueKey ?? ''), version: raw.version, doc: raw.doc };
  },

  /**
   * Moves a failing incident's check time for this sweep later, by a delay that grows with each failure in a
   * row, and records the reason: it can never hold the head of the index. A save recomputes the index and
   * starts the count again.
   */
  async backOff(issueId: string, sweep: SweepName, now: Date, reason: string): Promise<string | null> {
    let retryAt: string | null = null;
    const done = await rewrite(issueId, (raw) => {
      const failures = (typeof raw[FAILURES_ATTRIBUTE[sweep]] === 'number' ? (raw[FAILURES_ATTRIBUTE[sweep]] as number) : 0) + 1;
      retryAt = new Date(now.getTime() + backoffDelayMs(failures)).toISOString();
      return { ...raw, [CHECK_ATTRIBUTE[sweep]]: retryAt, [FAILURES_ATTRIBUTE[sweep]]: failures, sweepError: `${sweep}: ${reason}`.slice(0, 500) };
    });
    return done ? retryAt : null;
  },

  /** Marks an incident whose Jira issue is gone: out of both sweeps' indexes, into the orphaned list. */
  orphan(issueId: string, now: Date): Promise<boolean> {
    return rewrite(issueId, (raw) => {
      const { ackCheckAt: _a, retentionCheckAt: _r, ...rest } = raw;
      return { ...rest, orphanedAt: now.toISOString() };
    });
  },

  /** Orphaned incidents, oldest first (one page). */
  async orphans(limit = 50): Promise<OrphanedIncident[]> {
    const page = await kvs
      .entity<Raw & { orphanedAt: string; doc?: { summary?: unknown } }>(ENTITIES.incident)
      .query()
      .index('by-orphaned')
      .sort(Sort.ASC)
      .limit(limit)
      .getMany();
    return page.results.map((r) => ({
      issueId: String(r.value.issueId ?? r.key),
      issueKey: String(r.value.issueKey ?? ''),
      orphanedAt: r.value.orphanedAt,
      summary: typeof r.value.doc?.summary === 'string' ? r.value.doc.summary : '',
    }));
  },
};
