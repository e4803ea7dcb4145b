import { kvs as store, Sort, WhereConditions } from '@forge/kvs';
import { ENTITIES } from './entities';

interface Indexed {
  issueId: string;
  issueKey: string;
  retentionCheckAt?: string;
}

/** Incidents owing a shared-data retention reminder at or before `now`: one index page, never a scan. */
export async function dueForRetentionCheck(now: Date, cursor?: string, limit = 100): Promise<{ issues: { id: string; key: string }[]; cursor?: string }> {
  let q = store.entity<Indexed>(ENTITIES.incident).query().index('by-retention-check').where(WhereConditions.lessThanEqualTo(now.toISOString())).sort(Sort.ASC).limit(limit);
  if (cursor) q = q.cursor(cursor);
  const page = await q.getMany();
  // The entity key is the issue id: a record planted or written without its identity attributes is still reachable.
  return { issues: page.results.map((r) => ({ id: r.value.issueId || r.key, key: r.value.issueKey || r.value.issueId || r.key })), cursor: page.nextCursor };
}
