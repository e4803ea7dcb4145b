import { kvs, Sort } from '@forge/kvs';
import type { AuditEntry } from '../../domain/audit-trail';
import { ENTITIES } from './entities';

interface StoredEntry {
  stream: string;
  seq: number;
  entry: AuditEntry;
}

const PAGE_MAX = 100;

/** Reads a trail kept one entry per value, so no value grows however long the history gets. */
export const auditRepo = {
  /** Newest first, a page at a time. */
  async page(stream: string, opts: { limit: number; cursor?: string }): Promise<{ entries: AuditEntry[]; cursor?: string }> {
    let q = kvs.entity<StoredEntry>(ENTITIES.auditEntry).query().index('by-stream', { partition: [stream] }).sort(Sort.DESC).limit(Math.min(opts.limit, PAGE_MAX));
    if (opts.cursor) q = q.cursor(opts.cursor);
    const r = await q.getMany();
    return { entries: r.results.map((x) => x.value.entry), cursor: r.nextCursor };
  },
  /** The whole trail, oldest first (for verification). */
  async all(stream: string): Promise<AuditEntry[]> {
    const out: AuditEntry[] = [];
    let cursor: string | undefined;
    do {
      let q = kvs.entity<StoredEntry>(ENTITIES.auditEntry).query().index('by-stream', { partition: [stream] }).sort(Sort.ASC).limit(PAGE_MAX);
      if (cursor) q = q.cursor(cursor);
      const r = await q.getMany();
      for (const x of r.results) out.push(x.value.entry);
      cursor = r.nextCursor;
    } while (cursor);
    return out;
  },
};
