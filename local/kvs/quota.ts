import type { KvsReply } from './protocol';

/**
 * Forge's per-installation KVS quota (limits page, Feb 2026; shared/FORGE_FACTS.md §1 and §10): 4,000 read and
 * 4,000 write units a minute, a unit being one item, its size rounded up to 10 KB (a 65 KB item is 7 units).
 */
export const UNIT_BYTES = 10 * 1024;
export const DEFAULT_QUOTA = { readUnitsPerWindow: 4000, writeUnitsPerWindow: 4000, windowMs: 60_000 } as const;

/**
 * ASSUMPTIONS: where Forge's documentation says nothing, the local host counts as written here, and only here.
 * Each is a guess on the costly side, so an app that fits the local quota should fit Forge's.
 */
export const QUOTA_ASSUMPTIONS = {
  itemSize: "An item's size is its key plus its value as JSON (UTF-8); every item costs at least 1 unit.",
  missingKey: 'Reading a key that does not exist (get, or one key of a batchGet) costs 1 read unit, like a request.',
  queryPage: 'A query page costs the units of the items it returns, and at least 1 read unit when it returns none.',
  filteredOut: "Items an entity query's filters leave out are not counted (the docs do not say; they are read by the service).",
  delete: 'A delete (single, batch or in a transaction) costs 1 write unit.',
  batch: 'A batch costs the sum of its items; items the batch reports as failed cost nothing.',
  transaction: 'A transaction costs the sum of its operations: sets by size, deletes 1 write unit, each check 1 read unit.',
  condition: 'A condition on a set or delete costs nothing beyond the write; a transaction that fails its conditions writes nothing and costs 1 read unit per operation.',
  returnValue: "A set that returns the previous or latest value costs no read units beyond the write.",
  rejected: 'A request refused before reading or writing (validation error, over the quota) costs nothing.',
  window: 'The quota is a fixed window per installation (a minute by default, starting at the host start or at /__local/reset); a request that crosses the quota is served, those after it get 429 until the window ends.',
} as const;

export interface Units {
  read: number;
  write: number;
}

const unitsOf = (key: unknown, value: unknown): number => {
  const bytes = Buffer.byteLength(String(key ?? ''), 'utf8') + (value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value), 'utf8'));
  return Math.max(1, Math.ceil(bytes / UNIT_BYTES));
};

type Body = Record<string, unknown>;
const list = (raw: unknown): Body[] => (Array.isArray(raw) ? (raw as Body[]) : []);

/** What one served KVS call cost, from the request and the reply (see QUOTA_ASSUMPTIONS). */
export function costOf(path: string, body: unknown, reply: KvsReply): Units {
  const b = (body ?? {}) as Body;
  const ok = reply.status >= 200 && reply.status < 300;
  const out = (reply.body ?? {}) as Body;
  switch (path) {
    case '/api/v1/get':
    case '/api/v1/secret/get':
    case '/api/v1/entity/get':
      if (ok) return { read: unitsOf(out.key, out.value), write: 0 };
      return { read: reply.status === 404 ? 1 : 0, write: 0 };
    case '/api/v1/set':
    case '/api/v1/secret/set':
    case '/api/v1/entity/set':
      return { read: 0, write: ok ? unitsOf(b.key, b.value) : 0 };
    case '/api/v1/delete':
    case '/api/v1/secret/delete':
    case '/api/v1/entity/delete':
      return { read: 0, write: ok ? 1 : 0 };
    case '/api/v1/batch/get': {
      if (!ok) return { read: 0, write: 0 };
      const hits = list(out.successfulKeys).reduce((sum, i) => sum + unitsOf(i.key, i.value), 0);
      const misses = list(out.failedKeys).filter((f) => (f.error as Body | undefined)?.code === 'KEY_NOT_FOUND').length;
      return { read: hits + misses, write: 0 };
    }
    case '/api/v1/batch/set': {
      if (!ok) return { read: 0, write: 0 };
      const done = new Set(list(out.successfulKeys).map((s) => JSON.stringify([s.entityName ?? null, s.key])));
      const items = list(body).filter((i) => done.has(JSON.stringify([i.entityName ?? null, i.key])));
      return { read: 0, write: items.reduce((sum, i) => sum + unitsOf(i.key, i.value), 0) };
    }
    case '/api/v1/batch/delete':
      return { read: 0, write: ok ? list(out.successfulKeys).length : 0 };
    case '/api/v1/query':
    case '/api/v1/entity/query': {
      if (!ok) return { read: 0, write: 0 };
      const items = list(out.data);
      return { read: Math.max(1, items.reduce((sum, i) => sum + unitsOf(i.key, i.value), 0)), write: 0 };
    }
    case '/api/v1/transaction': {
      const sets = list(b.set);
      const deletes = list(b.delete);
      const checks = list(b.check);
      if (ok) return { read: checks.length, write: sets.reduce((sum, s) => sum + unitsOf(s.key, s.value), 0) + deletes.length };
      if (reply.status === 409) return { read: sets.length + deletes.length + checks.length, write: 0 };
      return { read: 0, write: 0 };
    }
    default:
      return { read: 0, write: 0 };
  }
}

/** Which quota a call draws on: reads and writes are separate quotas; a transaction is a write. */
function needs(path: string): { read: boolean; write: boolean } {
  const read = /\/(get|query)$/.test(path);
  return { read, write: !read };
}

export interface QuotaLimits {
  readUnitsPerWindow: number;
  writeUnitsPerWindow: number;
  windowMs: number;
}

/** The installation's quota window: units used so far, and whether the next request may be served. */
export class KvsQuota {
  private limits: QuotaLimits | null = { ...DEFAULT_QUOTA };
  private windowStart: number;
  private used: Units = { read: 0, write: 0 };
  throttled = 0;

  constructor(private readonly now: () => number) {
    this.windowStart = now();
  }

  /** Sets the limits (null: no quota) and starts a fresh window. */
  configure(limits: QuotaLimits | null): void {
    this.limits = limits;
    this.restart();
  }

  restart(): void {
    this.windowStart = this.now();
    this.used = { read: 0, write: 0 };
  }

  private roll(): void {
    const windowMs = this.limits?.windowMs ?? DEFAULT_QUOTA.windowMs;
    const now = this.now();
    const elapsed = now - this.windowStart;
    if (elapsed >= 0 && elapsed < windowMs) return;
    // Windows follow each other; a clock moved back (a test setting an earlier date) starts one now.
    this.windowStart = elapsed < 0 ? now : this.windowStart + Math.floor(elapsed / windowMs) * windowMs;
    this.used = { read: 0, write: 0 };
  }

  /** Seconds until the window ends when a quota this call needs is spent; undefined when it may go ahead. */
  refuse(path: string): number | undefined {
    this.roll();
    const l = this.limits;
    const { read, write } = needs(path);
    if (!l || ((!read || this.used.read < l.readUnitsPerWindow) && (!write || this.used.write < l.writeUnitsPerWindow))) return undefined;
    this.throttled++;
    return Math.max(1, Math.ceil((this.windowStart + l.windowMs - this.now()) / 1000));
  }

  charge(units: Units): void {
    this.roll();
    this.used.read += units.read;
    this.used.write += units.write;
  }

  state() {
    this.roll();
    return { limits: this.limits, windowStartedAt: new Date(this.windowStart).toISOString(), used: { ...this.used }, throttled: this.throttled, assumptions: QUOTA_ASSUMPTIONS };
  }
}
