import { createHash } from 'node:crypto';
import { open, type RootDatabase, type Key } from 'lmdb';
import { kvsError } from './errors';
import { LIMITS, checkEntityName, checkKey, checkLimit, checkValue } from './limits';
import { checkCondition, checkFilterGroup, compare, matches, matchesGroup, RANGE_CONDITIONS, type Condition, type FilterGroup, type Scalar } from './conditions';
import { quirks } from './quirks';
import { checkEntityValue, indexEntries, type EntityDef } from './entities';

/** Where a key lives: plain KVS, secrets, or a custom entity. */
export type Space = { kind: 'kv' } | { kind: 'secret' } | { kind: 'entity'; entity: string };

interface Stored {
  v: unknown;
  c: number;
  u: number;
  e?: number;
}
export interface Item {
  key: string;
  value: unknown;
  createdAt?: number;
  updatedAt?: number;
  expireTime?: string;
}
export interface SetOptions {
  ttl?: { value: number; unit: 'SECONDS' | 'MINUTES' | 'HOURS' | 'DAYS' };
  keyPolicy?: 'OVERRIDE' | 'FAIL_IF_EXISTS';
}
export interface WriteOp {
  space: Space;
  key: string;
  value?: unknown;
  options?: SetOptions;
  conditions?: FilterGroup;
  type: 'set' | 'delete' | 'check';
}
export interface EntityQuery {
  entity: string;
  index: string;
  partition?: Scalar[];
  range?: Condition;
  filters?: FilterGroup;
  sort?: 'ASC' | 'DESC';
  limit?: number;
  cursor?: string;
}

const TTL_MS = { SECONDS: 1e3, MINUTES: 6e4, HOURS: 3.6e6, DAYS: 8.64e7 } as const;
const MAX_TTL_MS = 365 * TTL_MS.DAYS;
// Sorts after every valid key (keys are ASCII), used as an upper bound inside a range.
const HIGH = '\u00ff';

function dataKey(space: Space, key: string): Key {
  return space.kind === 'entity' ? ['d', 'e', space.entity, key] : ['d', space.kind, key];
}

function encodeCursor(parts: unknown[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}
/** A cursor this store handed out: `length` parts, the last (or only) one a key. */
function decodeCursor(cursor: unknown, length: number): unknown[] {
  try {
    const parts: unknown = JSON.parse(Buffer.from(String(cursor), 'base64url').toString('utf8'));
    const scalar = (x: unknown) => typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x)) || typeof x === 'boolean';
    if (Array.isArray(parts) && parts.length === length && parts.every(scalar) && typeof parts[length - 1] === 'string') return parts;
  } catch {
    /* fall through */
  }
  throw kvsError.badRequest('INVALID_CURSOR', 'Cursor is not valid');
}

/**
 * The local host's embedded KVS: lmdb on disk under `.forge-local/`, so data survives a restart, with every
 * write (single, batch or transaction) applied in one lmdb write transaction: all or nothing.
 */
export class KvsStore {
  private readonly db: RootDatabase<Stored | true, Key>;

  constructor(
    path: string,
    private readonly entities: Map<string, EntityDef>,
    private readonly now: () => number = () => Date.now(),
  ) {
    // noSync: a local host needs data to survive a process restart, not a power cut.
    this.db = open<Stored | true, Key>({ path, noSync: true, compression: false });
  }

  close(): Promise<void> {
    return this.db.close();
  }

  clear(): void {
    this.db.clearSync();
  }

  private entityDef(space: Space): EntityDef | undefined {
    if (space.kind !== 'entity') return undefined;
    checkEntityName(space.entity);
    const def = this.entities.get(space.entity);
    if (!def) throw kvsError.badRequest('INVALID_ENTITY_TYPE', `Entity '${space.entity}' is not declared in the manifest`);
    return def;
  }

  private live(key: Key): Stored | undefined {
    const s = this.db.get(key) as Stored | undefined;
    if (!s || s === (true as unknown)) return undefined;
    if (s.e !== undefined && s.e <= this.now()) return undefined;
    return s;
  }

  private toItem(key: string, s: Stored, fields?: string[]): Item {
    const item: Item = { key, value: s.v };
    if (fields?.includes('CREATED_AT')) item.createdAt = s.c;
    if (fields?.includes('UPDATED_AT')) item.updatedAt = s.u;
    if (fields?.includes('EXPIRE_TIME') && s.e !== undefined) item.expireTime = new Date(s.e).toISOString();
    return item;
  }

  get(space: Space, key: string, metadataFields?: string[]): Item {
    checkKey(key);
    this.entityDef(space);
    const s = this.live(dataKey(space, key));
    if (!s) throw kvsError.notFound();
    return this.toItem(key, s, metadataFields);
  }

  /** Validates a write before any of a transaction's writes is applied. */
  validate(op: WriteOp): void {
    checkKey(op.key);
    const def = this.entityDef(op.space);
    if (op.conditions) {
      if (!def) throw kvsError.badRequest('BAD_REQUEST', 'Conditions apply to custom entities only');
      checkFilterGroup(op.conditions);
    }
    if (op.type === 'set') {
      checkValue(op.value, op.space.kind === 'secret' ? LIMITS.secretBytes : LIMITS.valueBytes);
      if (def) checkEntityValue(def, op.value);
      const ttl = op.options?.ttl;
      if (ttl !== undefined) {
        const ms = (TTL_MS[ttl.unit] ?? NaN) * ttl.value;
        if (!Number.isFinite(ms) || ms <= 0 || ms > MAX_TTL_MS) throw kvsError.badRequest('BAD_REQUEST', 'TTL must be positive and at most 1 year');
      }
    }
  }

  /** Applies writes atomically; throws (and writes nothing) when any check or condition fails. */
  write(ops: WriteOp[]): { previous: (Item | undefined)[] } {
    const seen = new Set<string>();
    for (const op of ops) {
      this.validate(op);
      const id = JSON.stringify(dataKey(op.space, op.key));
      if (seen.has(id)) throw kvsError.badRequest('BAD_REQUEST', `Key '${op.key}' appears more than once`);
      seen.add(id);
    }
    return this.db.transactionSync(() => {
      const previous: (Item | undefined)[] = [];
      for (const op of ops) {
        const current = this.live(dataKey(op.space, op.key));
        const missingFails = !current && !quirks.conditionPassesOnMissingKey;
        if (op.conditions && (missingFails || !matchesGroup(current?.v as Record<string, unknown> | undefined, op.conditions))) {
          throw kvsError.conflict(`Condition failed for key '${op.key}'`);
        }
        if (op.type === 'set' && op.options?.keyPolicy === 'FAIL_IF_EXISTS' && current) {
          throw kvsError.conflict(`Key '${op.key}' already exists`);
        }
        previous.push(current ? this.toItem(op.key, current, ['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME']) : undefined);
      }
      ops.forEach((op, i) => {
        if (op.type === 'check') return;
        const def = this.entityDef(op.space);
        const k = dataKey(op.space, op.key);
        const before = previous[i];
        if (def && before) for (const ix of indexEntries(def, before.value as Record<string, unknown>)) this.db.removeSync(['i', def.name, ix.index, ix.partition, ix.range, op.key]);
        if (op.type === 'delete') {
          this.db.removeSync(k);
          return;
        }
        const t = this.now();
        const ttl = op.options?.ttl;
        const stored: Stored = { v: op.value, c: before?.createdAt ?? t, u: t };
        if (ttl) stored.e = t + TTL_MS[ttl.unit] * ttl.value;
        this.db.putSync(k, stored);
        if (def) for (const ix of indexEntries(def, op.value as Record<string, unknown>)) this.db.putSync(['i', def.name, ix.index, ix.partition, ix.range, op.key], true);
      });
      return { previous };
    });
  }

  /** Plain KVS query: keys in order, optionally those beginning with a prefix. */
  query(opts: { prefix?: string; limit?: number; after?: string; metadataFields?: string[] }): { data: Item[]; cursor?: string } {
    const limit = checkLimit(opts.limit, 'LIST_QUERY_LIMIT_EXCEEDED');
    const prefix = opts.prefix ?? '';
    const after = opts.after === undefined ? undefined : String(decodeCursor(opts.after, 1)[0]);
    const data: Item[] = [];
    let more = false;
    for (const { key, value } of this.db.getRange({ start: ['d', 'kv', after ?? prefix] })) {
      const k = key as [string, string, string];
      if (k[0] !== 'd' || k[1] !== 'kv' || !k[2].startsWith(prefix)) break;
      if (after !== undefined && k[2] <= after) continue;
      const s = value as Stored;
      if (s.e !== undefined && s.e <= this.now()) continue;
      if (data.length === limit) {
        more = true;
        break;
      }
      data.push(this.toItem(k[2], s, opts.metadataFields));
    }
    const last = data[data.length - 1];
    return more && last ? { data, cursor: encodeCursor([last.key]) } : { data };
  }

  /** Custom entity query on an index (or the built-in `by-key`), with Forge's page semantics. */
  entityQuery(q: EntityQuery, metadataFields?: string[]): { data: Item[]; cursor?: string } {
    const def = this.entityDef({ kind: 'entity', entity: q.entity })!;
    const limit = checkLimit(q.limit, 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE');
    const range = q.range ? checkCondition(q.range, RANGE_CONDITIONS) : undefined;
    const filters = q.filters ? checkFilterGroup(q.filters) : undefined;
    const desc = q.sort === 'DESC';
    if (q.sort !== undefined && q.sort !== 'ASC' && q.sort !== 'DESC') throw kvsError.badRequest('BAD_REQUEST', 'Sort must be ASC or DESC');

    let prefix: Key[];
    if (q.index === 'by-key') {
      prefix = ['d', 'e', def.name];
    } else {
      const ix = def.indexes.find((i) => i.name === q.index);
      if (!ix) throw kvsError.badRequest('INVALID_ENTITY_INDEX', `Index '${q.index}' is not declared on entity '${def.name}'`);
      const partition = q.partition ?? [];
      if (partition.length !== ix.partition.length) {
        throw kvsError.badRequest('INVALID_ENTITY_INDEX', `Index '${q.index}' needs ${ix.partition.length} partition value(s)`);
      }
      prefix = ['i', def.name, ix.name, JSON.stringify(partition)];
    }
    const cursor = q.cursor === undefined ? undefined : (decodeCursor(q.cursor, 2) as [Scalar, string]);
    const rangeOf = (k: Key[]): Scalar => k[prefix.length] as Scalar;
    const keyOf = (k: Key[]): string => (q.index === 'by-key' ? (k[3] as string) : (k[5] as string));

    // Coarse lmdb bounds for the partition; the exact where-condition is applied below.
    const lowest = [...prefix];
    const highest = [...prefix.slice(0, -1), `${String(prefix[prefix.length - 1])}\u0000`];
    let start: Key = desc ? highest : lowest;
    const v0 = range?.values[0] as Scalar | undefined;
    if (range && !desc && v0 !== undefined && range.condition !== 'LESS_THAN' && range.condition !== 'LESS_THAN_EQUAL_TO') start = [...prefix, v0];
    if (range && desc) {
      const hi = range.condition === 'BETWEEN' ? (range.values[1] as Scalar) : ['EQUAL_TO', 'LESS_THAN', 'LESS_THAN_EQUAL_TO'].includes(range.condition) ? v0 : undefined;
      if (hi !== undefined) start = [...prefix, hi, HIGH];
      if (range.condition === 'BEGINS_WITH') start = [...prefix, `${String(v0)}${HIGH}`];
    }
    if (cursor) start = q.index === 'by-key' ? [...prefix, cursor[1]] : [...prefix, cursor[0], cursor[1]];

    const pastEnd = (rv: Scalar): boolean => {
      if (!range) return false;
      const v = range.values[0] as Scalar;
      if (desc) {
        return ['GREATER_THAN', 'GREATER_THAN_EQUAL_TO', 'BETWEEN', 'EQUAL_TO'].includes(range.condition) && typeof rv === typeof v && compare(rv, v) < 0
          || (range.condition === 'BEGINS_WITH' && typeof rv === 'string' && rv < String(v));
      }
      const hi = range.condition === 'BETWEEN' ? (range.values[1] as Scalar) : v;
      if (['LESS_THAN', 'LESS_THAN_EQUAL_TO', 'BETWEEN', 'EQUAL_TO'].includes(range.condition)) return typeof rv === typeof hi && compare(rv, hi) > 0;
      return range.condition === 'BEGINS_WITH' && typeof rv === 'string' && rv > String(v) && !rv.startsWith(String(v));
    };

    const data: Item[] = [];
    let scanned = 0;
    let lastScanned: [Scalar, string] | undefined;
    let more = false;
    for (const { key } of this.db.getRange({ start, reverse: desc })) {
      const k = key as Key[];
      if (prefix.some((p, i) => k[i] !== p)) break;
      const itemKey = keyOf(k);
      const rv = q.index === 'by-key' ? itemKey : rangeOf(k);
      if (cursor && compare(rv, cursor[0]) === 0 && itemKey === cursor[1]) continue;
      if (pastEnd(rv)) break;
      if (range && !matches(rv, range)) continue;
      if (scanned === limit) {
        more = true;
        break;
      }
      scanned++;
      lastScanned = [rv, itemKey];
      const s = this.live(['d', 'e', def.name, itemKey]);
      if (!s) continue;
      if (filters && !matchesGroup(s.v as Record<string, unknown>, filters)) continue;
      data.push(this.toItem(itemKey, s, metadataFields));
    }
    return more && lastScanned ? { data, cursor: encodeCursor(lastScanned) } : { data };
  }

  /** A digest of every stored byte, so tests can prove a rejected call changed nothing. */
  digest(): { keys: number; sha256: string } {
    const hash = createHash('sha256');
    let keys = 0;
    for (const { key, value } of this.db.getRange({})) {
      keys++;
      hash.update(JSON.stringify([key, value]));
    }
    return { keys, sha256: hash.digest('hex') };
  }
}
