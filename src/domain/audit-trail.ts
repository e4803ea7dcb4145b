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
  prevHash: string;
  hash: string;
}
export type UnsealedEntry = Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>;

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

/** Seals the next entry onto a trail whose last entry had `head` (seq and hash). */
export function sealEntry(head: { seq: number; hash: string }, entry: UnsealedEntry): AuditEntry {
  const body = { ...entry, seq: head.seq + 1, prevHash: head.hash };
  return { ...body, hash: hashOf(body) };
}

/**
 * Checks a trail in order from its first entry. Returns the first broken link, if any: an entry whose
 * content no longer matches its hash, or whose prevHash is not the hash of the entry before it.
 */
export function verifyChain(entries: readonly AuditEntry[], head?: { seq: number; hash: string }): { ok: true; count: number } | { ok: false; seq: number; reason: string } {
  let prev = { seq: 0, hash: GENESIS_HASH };
  for (const e of entries) {
    if (e.seq !== prev.seq + 1) return { ok: false, seq: prev.seq + 1, reason: `entry ${prev.seq + 1} is missing` };
    if (e.prevHash !== prev.hash) return { ok: false, seq: e.seq, reason: `entry ${e.seq} does not follow entry ${prev.seq}` };
    const { hash, ...body } = e;
    if (hashOf(body) !== hash) return { ok: false, seq: e.seq, reason: `entry ${e.seq} was changed after it was written` };
    prev = { seq: e.seq, hash };
  }
  if (head && (head.seq !== prev.seq || head.hash !== prev.hash)) {
    return { ok: false, seq: prev.seq + 1, reason: `the trail ends at entry ${prev.seq} but the record says ${head.seq}` };
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
