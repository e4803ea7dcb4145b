import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** One field that changed: its dotted path, and the value before and after (absent = undefined). */
export interface FieldChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

/** An entry of a tamper-evident trail: each carries the hash of the one before it. */
export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  changes: FieldChange[];
  note?: string;
  /** Entry schema: absent on entries written before 2; from 2 on, the record version and document it left. */
  v?: number;
  version?: number;
  docHash?: string;
  prevHash: string;
  hash: string;
}
export type UnsealedEntry = Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>;

/** The current entry schema (see AuditEntry.v). */
export const ENTRY_SCHEMA = 2;

/** The hash before the first entry of every trail. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

function hashOf(entry: Omit<AuditEntry, 'hash'>): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(entry))));
}

/** The hash of a record's document as stored, which each entry of schema 2 carries. */
export const docHash = (doc: unknown): string => bytesToHex(sha256(utf8ToBytes(canonicalJson(doc))));

/** Seals the next entry onto a trail whose last entry had `head` (seq and hash). */
export function sealEntry(head: { seq: number; hash: string }, entry: UnsealedEntry): AuditEntry {
  const body = { ...entry, seq: head.seq + 1, prevHash: head.hash };
  return { ...body, hash: hashOf(body) };
}

/** Where a check of a trail stands: the last entry verified (seq 0 = none yet) and the record version it named. */
export interface ChainPosition {
  seq: number;
  hash: string;
  version?: number;
}
export const CHAIN_START: ChainPosition = { seq: 0, hash: GENESIS_HASH };
export type ChainBreak = { ok: false; seq: number; reason: string };

/**
 * Checks the next entries of a trail in order, from a position an earlier call reached. Returns the new
 * position, or the first broken link: a missing entry, an entry that does not follow the one before, an entry
 * whose content no longer matches its hash, or record versions that go backwards.
 */
export function verifyLinks(from: ChainPosition, entries: readonly AuditEntry[]): { ok: true; at: ChainPosition } | ChainBreak {
  let prev = from;
  for (const e of entries) {
    if (e.seq !== prev.seq + 1) return { ok: false, seq: prev.seq + 1, reason: `entry ${prev.seq + 1} is missing` };
    if (e.prevHash !== prev.hash) return { ok: false, seq: e.seq, reason: `entry ${e.seq} does not follow entry ${prev.seq}` };
    const { hash, ...body } = e;
    if (hashOf(body) !== hash) return { ok: false, seq: e.seq, reason: `entry ${e.seq} was changed after it was written` };
    if (e.version !== undefined && prev.version !== undefined && e.version < prev.version) return { ok: false, seq: e.seq, reason: `entry ${e.seq} names an older record version than entry ${prev.seq}` };
    prev = { seq: e.seq, hash, ...(e.version !== undefined ? { version: e.version } : {}) };
  }
  return { ok: true, at: prev };
}

/**
 * Checks that the record agrees with the trail's last entry: the record's head is that entry, and (for entries
 * of schema 2) the record's version and document are the ones the entry left. Catches a truncated tail with
 * a rewritten head, a moved head, and a rewritten document.
 */
export function verifyHead(last: ChainPosition, lastEntry: AuditEntry | undefined, record: { head: { seq: number; hash: string }; version: number; doc: unknown }): { ok: true } | ChainBreak {
  const { head } = record;
  if (head.seq !== last.seq || head.hash !== last.hash) return { ok: false, seq: last.seq + 1, reason: `the trail ends at entry ${last.seq} but the record says ${head.seq}` };
  if (!lastEntry || lastEntry.v === undefined) return { ok: true };
  if (lastEntry.version !== record.version) return { ok: false, seq: last.seq, reason: `the record is at version ${record.version} but its last entry was written for version ${lastEntry.version}` };
  if (lastEntry.docHash !== docHash(record.doc)) return { ok: false, seq: last.seq, reason: `the record's document was changed after entry ${last.seq} was written` };
  return { ok: true };
}

/** Checks a whole trail from its first entry, and optionally the record's head (seq and hash) against it. */
export function verifyChain(entries: readonly AuditEntry[], head?: { seq: number; hash: string }): { ok: true; count: number } | ChainBreak {
  const r = verifyLinks(CHAIN_START, entries);
  if (!r.ok) return r;
  if (head && (head.seq !== r.at.seq || head.hash !== r.at.hash)) {
    return { ok: false, seq: r.at.seq + 1, reason: `the trail ends at entry ${r.at.seq} but the record says ${head.seq}` };
  }
  return { ok: true, count: entries.length };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Field-level differences between two JSON documents; arrays compare as whole values. */
export function diffFields(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => diffFields(before[k], after[k], path ? `${path}.${k}` : k));
  }
  if (canonicalJson(before ?? null) === canonicalJson(after ?? null)) return [];
  const change: FieldChange = { path: path || '(root)' };
  if (before !== undefined) change.before = before;
  if (after !== undefined) change.after = after;
  return [change];
}
