import type { FieldChange, UnsealedEntry } from '../domain/audit-trail';
import type { Call } from './session';

// Each trail entry is its own KVS value; keep it well under Forge's 240 KiB per value.
const ENTRY_BUDGET_BYTES = 200_000;
const bytes = (x: unknown) => new TextEncoder().encode(JSON.stringify(x)).length;

/**
 * The trail entries for one change: who, when, which function, and the field-level diff, split over
 * several entries (sealed together in the same transaction) when one would be too large.
 */
export function auditEntries(call: Call, action: string, changes: FieldChange[], note?: string): UnsealedEntry[] {
  const base = { at: call.now.toISOString(), actor: call.session.accountId, action, ...(note ? { note } : {}) };
  const entries: UnsealedEntry[] = [];
  let batch: FieldChange[] = [];
  let size = bytes(base);
  for (const change of changes) {
    const s = bytes(change);
    if (batch.length > 0 && size + s > ENTRY_BUDGET_BYTES) {
      entries.push({ ...base, changes: batch });
      batch = [];
      size = bytes(base);
    }
    batch.push(change);
    size += s;
  }
  entries.push({ ...base, changes: batch });
  return entries;
}
