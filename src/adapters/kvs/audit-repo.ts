import { kvs, Sort } from '@forge/kvs';
import type { AuditEntry } from '../../domain/audit-trail';
import { auditEntryKey, ENTITIES } from './entities';
import { fromCursor } from './cursor';

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
    const r = await fromCursor(opts.cursor, () => q.getMany());
    return { entries: r.results.map((x) => x.value.entry), cursor: r.nextCursor };
  },
  /** Oldest first, a page at a time (for verification, which pages through a trail across calls). */
  async pageAsc(stream: string, cursor: string | undefined, limit = PAGE_MAX): Promise<{ entries: AuditEntry[]; cursor?: string }> {
    let q = kvs.entity<StoredEntry>(ENTITIES.auditEntry).query().index('by-stream', { partition: [stream] }).sort(Sort.ASC).limit(Math.min(limit, PAGE_MAX));
    if (cursor) q = q.cursor(cursor);
    const r = await fromCursor(cursor, () => q.getMany());
    return { entries: r.results.map((x) => x.value.entry), cursor: r.nextCursor };
  },
  /**
   * Entries by sequence number, read by key: strongly consistent, unlike the index query, so an entry
   * written just now is found even while the index has not caught up. Stops at the first one absent.
   */
  async bySeq(stream: string, from: number, to: number): Promise<AuditEntry[]> {
    const out: AuditEntry[] = [];
    for (let seq = from; seq <= to; seq++) {
      const x = await kvs.entity<StoredEntry>(ENTITIES.auditEntry).get(auditEntryKey(stream, seq));
      if (!x) break;
      out.push(x.entry);
    }
    return out;
  },
};
