import { kvs, Filter, FilterConditions } from '@forge/kvs';
import { GENESIS_HASH, sealEntry, type AuditEntry, type UnsealedEntry } from '../../domain/audit-trail';
import { conflict, invalid } from '../../shared/errors';
import { auditEntryKey, ENTITIES } from './entities';

/** Where a trail stands: the sequence number and hash of its last entry (seq 0 = empty). */
export interface ChainHead {
  seq: number;
  hash: string;
}
export const EMPTY_HEAD: ChainHead = { seq: 0, hash: GENESIS_HASH };

/** A record kept as a custom entity: its version (0 = never saved), its document, and its trail head. */
export interface Versioned<D> {
  version: number;
  doc: D;
  head: ChainHead;
}

export interface StoredRecord<D> {
  version: number;
  doc: D;
  auditSeq: number;
  auditHash: string;
  [indexAttribute: string]: unknown;
}

/** Another value written in the same transaction (e.g. an indicator chunk of the same incident). */
export interface SideWrite {
  key: string;
  value?: unknown;
  entityName?: string;
  /** Only when the key holds nothing yet (e.g. a claim on a group): otherwise the whole transaction fails. */
  onlyIfAbsent?: boolean;
  /** The CONFLICT message when `onlyIfAbsent` fails (the caller names what was taken meanwhile). */
  takenMessage?: string;
}

export interface Commit<D> {
  entityName: string;
  key: string;
  /** The version the caller edited; the write fails with CONFLICT if the record has moved on. */
  from: number;
  /** The stored record does not parse (a repair): replace it whatever it holds. */
  replaceUnreadable?: boolean;
  head: ChainHead;
  doc: D;
  /** Scalar attributes the record's indexes are built on. */
  attributes?: Record<string, string | number | boolean>;
  audit: { stream: string; entries: UnsealedEntry[] };
  also?: SideWrite[];
}

/**
 * A record's bytes as KVS stores them, kept well under Forge's 240 KiB per value (room for the platform's own
 * overhead): a save that would cross it is refused as INVALID_INPUT, so the record stays writable.
 */
export const RECORD_MAX_BYTES = 224 * 1024;
const utf8Bytes = (x: unknown) => new TextEncoder().encode(JSON.stringify(x)).length;

const isConditionFailure = (e: unknown) => (e as { code?: unknown })?.code === 'CONDITIONAL_CHECK_FAILED';

export async function readRecord<D>(entityName: string, key: string): Promise<Versioned<D> | undefined> {
  const stored = await kvs.entity<StoredRecord<D>>(entityName).get(key);
  return stored && toVersioned(stored);
}

export function toVersioned<D>(stored: StoredRecord<D>): Versioned<D> {
  return { version: stored.version, doc: stored.doc, head: { seq: stored.auditSeq, hash: stored.auditHash } };
}

/**
 * Writes a record, its audit entries and any side values in one transaction, conditional on the version
 * the caller read: two people saving the same version get one success and one CONFLICT, never a lost edit.
 */
export async function commitRecord<D>(c: Commit<D>): Promise<{ version: number; head: ChainHead; entries: AuditEntry[] }> {
  let head = c.head;
  const entries: AuditEntry[] = [];
  for (const e of c.audit.entries) {
    const sealed = sealEntry(head, e);
    entries.push(sealed);
    head = { seq: sealed.seq, hash: sealed.hash };
  }
  const version = c.from + 1;
  const record: StoredRecord<D> = { ...c.attributes, version, doc: c.doc, auditSeq: head.seq, auditHash: head.hash };
  const size = utf8Bytes(record);
  if (size > RECORD_MAX_BYTES) {
    const why = `This would make the record ${Math.ceil(size / 1024)} KB; it may hold ${RECORD_MAX_BYTES / 1024} KB. Shorten the longest texts or lists; nothing was saved.`;
    throw invalid({ record: why }, why);
  }
  const expected = c.from === 0 ? FilterConditions.notExists() : FilterConditions.equalTo(c.from);
  const tx = c.replaceUnreadable
    ? kvs.transact().set(c.key, record, { entityName: c.entityName })
    : kvs.transact().set(c.key, record, { entityName: c.entityName, conditions: new Filter<StoredRecord<D>>().and('version', expected) });
  for (const entry of entries) {
    tx.set(auditEntryKey(c.audit.stream, entry.seq), { stream: c.audit.stream, seq: entry.seq, entry }, { entityName: ENTITIES.auditEntry });
  }
  for (const w of c.also ?? []) {
    if (w.value === undefined) tx.delete(w.key, w.entityName ? { entityName: w.entityName } : undefined);
    else if (w.onlyIfAbsent && w.entityName) tx.set(w.key, w.value as { partnerId: string }, { entityName: w.entityName, conditions: new Filter<{ partnerId: string }>().and('partnerId', FilterConditions.notExists()) });
    else tx.set(w.key, w.value, w.entityName ? { entityName: w.entityName } : undefined);
  }
  try {
    await tx.execute();
  } catch (e) {
    if (isConditionFailure(e)) throw conflict(c.also?.find((w) => w.onlyIfAbsent)?.takenMessage ?? 'Someone else saved this first. Their changes are shown; yours were not saved.');
    throw e;
  }
  return { version, head, entries };
}

const isNotFound = (code: unknown) => code === 'KEY_NOT_FOUND' || code === 'NOT_FOUND';

/**
 * One batched read of up to 25 keys. A key that does not exist is absent from the answer; any other per-key
 * failure is an error (retried once, then thrown), never mistaken for "absent".
 */
export async function batchRead(items: { key: string; entityName?: string }[]): Promise<{ key: string; entityName?: string; value: unknown }[]> {
  if (items.length === 0) return [];
  let pending = items;
  const found: { key: string; entityName?: string; value: unknown }[] = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    const { successfulKeys, failedKeys } = await kvs.batchGet<unknown>(pending);
    for (const item of successfulKeys) found.push({ key: item.key, entityName: item.entityName, value: item.value });
    const failed = failedKeys.filter((f) => !isNotFound(f.error?.code));
    if (failed.length === 0) return found;
    pending = failed.map((f) => ({ key: f.key, ...(f.entityName ? { entityName: f.entityName } : {}) }));
  }
  throw new Error(`Storage could not read ${pending.length} key(s): ${pending.map((p) => p.key).join(', ')}`);
}
