import { kvs, Filter, FilterConditions } from '@forge/kvs';
import { docHash, ENTRY_SCHEMA, GENESIS_HASH, sealEntry, type AuditEntry, type UnsealedEntry } from '../../domain/audit-trail';
import { conflict, invalid } from '../../shared/errors';
import { auditEntryKey, ENTITIES } from './entities';
import { isConditionFailure, isMissingKey, PLACEHOLDER_VERSION } from './platform-assumptions';

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
  /** Deletions of values nothing reads any more, done after the transaction (a failure only leaves garbage). */
  cleanup?: SideWrite[];
  /** Users' saves stay within the user budget; the app's own writes may use the reserve above it. */
  writer?: Writer;
}
export type Writer = 'user' | 'system';

/**
 * A record's bytes as KVS stores them, kept well under Forge's 240 KiB per value (room for the platform's own
 * overhead). Users' saves may fill it only up to USER_BUDGET_BYTES: the reserve above is for what the app writes
 * on its own (reminder claims, posted markers), so the scheduled work never fails for size. A save past its
 * budget is refused as INVALID_INPUT, so the record stays writable.
 */
export const RECORD_MAX_BYTES = 224 * 1024;
export const SYSTEM_RESERVE_BYTES = 16 * 1024;
export const USER_BUDGET_BYTES = RECORD_MAX_BYTES - SYSTEM_RESERVE_BYTES;
/** Forge's limit of operations in one transaction. */
export const MAX_TRANSACTION_OPS = 25;
const utf8Bytes = (x: unknown) => new TextEncoder().encode(JSON.stringify(x)).length;

const CONFLICT = 'Someone else saved this first. Their changes are shown; yours were not saved.';

/** A saved record, or `undefined` when there is none (a first save's placeholder counts as none). */
export async function readRecord<D>(entityName: string, key: string): Promise<Versioned<D> | undefined> {
  const stored = await kvs.entity<StoredRecord<D>>(entityName).get(key);
  return stored && stored.version !== PLACEHOLDER_VERSION ? toVersioned(stored) : undefined;
}

/**
 * Creates `value` at `key` only if nothing is there, with `keyPolicy: 'FAIL_IF_EXISTS'` (documented, unlike a
 * `notExists()` condition on a missing key: platform-assumptions.ts). False when something is there.
 */
export async function createOnly(entityName: string, key: string, value: unknown): Promise<boolean> {
  try {
    await kvs.entity<unknown>(entityName).set(key, value, { keyPolicy: 'FAIL_IF_EXISTS' });
    return true;
  } catch (e) {
    if (await kvs.entity(entityName).get(key)) return false;
    throw e;
  }
}

/**
 * For a platform where `notExists()` fails on a missing key (platform-assumptions.ts): creates an empty
 * placeholder only if the key is still absent, so two first saves still cannot both win.
 */
async function claimFirstSave(entityName: string, key: string): Promise<void> {
  const placeholder = { version: PLACEHOLDER_VERSION, doc: {}, auditSeq: 0, auditHash: GENESIS_HASH };
  if (!(await createOnly(entityName, key, placeholder))) throw conflict(CONFLICT);
}

/**
 * For the same platform: a save whose record is still as read and whose only-if-absent values (a partner's
 * claims) are all still absent failed on those conditions alone. Each is created only if absent, then the save
 * runs without them; what it created is deleted again if the save fails, so no claim outlives a lost save.
 */
async function commitWithCreatedClaims<D>(c: Commit<D>, onPlaceholder: boolean, claims: SideWrite[]) {
  const created: SideWrite[] = [];
  try {
    for (const w of claims) {
      if (!(await createOnly(w.entityName!, w.key, w.value))) throw conflict(w.takenMessage ?? CONFLICT);
      created.push(w);
    }
    return await commitRecord({ ...c, also: (c.also ?? []).filter((w) => !w.onlyIfAbsent) }, onPlaceholder);
  } catch (e) {
    await cleanUp(created.map((w) => ({ key: w.key, entityName: w.entityName })));
    throw e;
  }
}

/** Whether a failed save's conditions were all as the caller read them: the record at `from`, claims absent. */
async function stillAsRead<D>(c: Commit<D>, claims: SideWrite[]): Promise<boolean> {
  const found = await batchRead([{ key: c.key, entityName: c.entityName }, ...claims.map((w) => ({ key: w.key, entityName: w.entityName }))]);
  const record = found.find((f) => f.key === c.key && f.entityName === c.entityName)?.value as { version?: unknown } | undefined;
  return (record?.version ?? 0) === c.from && found.length === (record ? 1 : 0);
}

export function toVersioned<D>(stored: StoredRecord<D>): Versioned<D> {
  return { version: stored.version, doc: stored.doc, head: { seq: stored.auditSeq, hash: stored.auditHash } };
}

/**
 * Writes a record, its audit entries and any side values in one transaction, conditional on the version
 * the caller read: two people saving the same version get one success and one CONFLICT, never a lost edit.
 */
export async function commitRecord<D>(c: Commit<D>, onPlaceholder = false): Promise<{ version: number; head: ChainHead; entries: AuditEntry[] }> {
  const version = c.from + 1;
  // Each entry names the record version and the document it leaves, so a rewritten document or a head moved
  // back onto an older entry no longer matches the trail.
  const hash = docHash(c.doc);
  let head = c.head;
  const entries: AuditEntry[] = [];
  for (const e of c.audit.entries) {
    const sealed = sealEntry(head, { ...e, v: ENTRY_SCHEMA, version, docHash: hash });
    entries.push(sealed);
    head = { seq: sealed.seq, hash: sealed.hash };
  }
  const record: StoredRecord<D> = { ...c.attributes, version, doc: c.doc, auditSeq: head.seq, auditHash: head.hash };
  const size = utf8Bytes(record);
  const limit = c.writer === 'system' ? RECORD_MAX_BYTES : USER_BUDGET_BYTES;
  if (size > limit) {
    const why = `This would make the record ${Math.ceil(size / 1024)} KB; it may hold ${limit / 1024} KB. Shorten the longest texts or lists; nothing was saved.`;
    throw invalid({ record: why }, why);
  }
  const ops = 1 + entries.length + (c.also?.length ?? 0);
  if (ops > MAX_TRANSACTION_OPS) {
    const why = `This change is too large to save at once (${ops} storage operations; Forge allows ${MAX_TRANSACTION_OPS}). Make it in smaller steps; nothing was saved.`;
    throw invalid({ record: why }, why);
  }
  const expected = c.from === 0 && !onPlaceholder ? FilterConditions.notExists() : FilterConditions.equalTo(c.from);
  const tx = c.replaceUnreadable
    ? kvs.transact().set(c.key, record, { entityName: c.entityName })
    : kvs.transact().set(c.key, record, { entityName: c.entityName, conditions: new Filter<StoredRecord<D>>().and('version', expected) });
  for (const entry of entries) {
    tx.set(auditEntryKey(c.audit.stream, entry.seq), { stream: c.audit.stream, seq: entry.seq, entry }, { entityName: ENTITIES.auditEntry });
  }
  for (const w of c.also ?? []) addWrite(tx, w);
  try {
    await tx.execute();
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    const there = c.from === 0 && !onPlaceholder ? await kvs.entity<StoredRecord<D>>(c.entityName).get(c.key) : undefined;
    if (c.from === 0 && !onPlaceholder && (!there || there.version === PLACEHOLDER_VERSION)) {
      // The condition failed although no record was saved: notExists() did not pass on a missing key.
      if (!there) await claimFirstSave(c.entityName, c.key);
      return commitRecord(c, true);
    }
    const claims = (c.also ?? []).filter((w) => w.onlyIfAbsent && w.entityName);
    if (claims.length > 0 && (await stillAsRead(c, claims))) return commitWithCreatedClaims(c, onPlaceholder, claims);
    throw conflict(c.also?.find((w) => w.onlyIfAbsent)?.takenMessage ?? CONFLICT);
  }
  await cleanUp(c.cleanup ?? []);
  return { version, head, entries };
}

function addWrite(tx: ReturnType<typeof kvs.transact>, w: SideWrite) {
  if (w.value === undefined) tx.delete(w.key, w.entityName ? { entityName: w.entityName } : undefined);
  else if (w.onlyIfAbsent && w.entityName) tx.set(w.key, w.value as { partnerId: string }, { entityName: w.entityName, conditions: new Filter<{ partnerId: string }>().and('partnerId', FilterConditions.notExists()) });
  else tx.set(w.key, w.value, w.entityName ? { entityName: w.entityName } : undefined);
}

async function cleanUp(writes: SideWrite[]) {
  for (let i = 0; i < writes.length; i += MAX_TRANSACTION_OPS) {
    const tx = kvs.transact();
    for (const w of writes.slice(i, i + MAX_TRANSACTION_OPS)) addWrite(tx, w);
    try {
      await tx.execute();
    } catch (e) {
      // Left-over values are never read (and the next write over them replaces them); the save itself stands.
      console.error('Could not delete values a save left unused', e);
      return;
    }
  }
}

/**
 * One batched read of up to 25 keys. A missing key is absent from the answer however the platform reports it
 * (platform-assumptions.ts); any other per-key failure is retried once, then thrown, never read as "absent".
 */
export async function batchRead(items: { key: string; entityName?: string }[]): Promise<{ key: string; entityName?: string; value: unknown }[]> {
  if (items.length === 0) return [];
  let pending = items;
  const found: { key: string; entityName?: string; value: unknown }[] = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    const { successfulKeys, failedKeys } = await kvs.batchGet<unknown>(pending);
    for (const item of successfulKeys) if (item.value !== undefined) found.push({ key: item.key, entityName: item.entityName, value: item.value });
    const failed = failedKeys.filter((f) => !isMissingKey(f.error?.code));
    if (failed.length === 0) return found;
    pending = failed.map((f) => ({ key: f.key, ...(f.entityName ? { entityName: f.entityName } : {}) }));
  }
  throw new Error(`Storage could not read ${pending.length} key(s): ${pending.map((p) => p.key).join(', ')}`);
}
