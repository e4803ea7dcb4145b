import { kvsError } from './errors';

// Forge's documented KVS limits (see shared/FORGE_FACTS.md §1).
export const LIMITS = {
  keyLength: 500,
  valueBytes: 240 * 1024,
  secretBytes: 128 * 1024,
  depth: 31,
  opsPerTransaction: 25,
  /** Payload of one transaction or one batchSet (storage-reference/kvs-transactions, kvs-batch). */
  requestBytes: 4 * 1024 * 1024,
  keysPerBatch: 25,
  pageMin: 1,
  pageMax: 100,
  defaultPage: 10,
} as const;

const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;
const ENTITY_NAME = /^(?![_.-])(?!.*\.{2})[a-z0-9:\-_.]{3,60}(?<!\.)$/;

export function checkKey(key: unknown): string {
  if (typeof key !== 'string' || key.length === 0) throw kvsError.badRequest('KEY_TOO_SHORT', 'Key must be a non-empty string');
  if (key.length > LIMITS.keyLength) throw kvsError.badRequest('KEY_TOO_LONG', `Key must be at most ${LIMITS.keyLength} characters`);
  if (!KEY_PATTERN.test(key)) throw kvsError.badRequest('INVALID_KEY', `Key '${key.slice(0, 60)}' does not match ${KEY_PATTERN}`);
  return key;
}

export function checkEntityName(name: unknown): string {
  if (typeof name !== 'string' || !ENTITY_NAME.test(name)) {
    throw kvsError.badRequest('INVALID_ENTITY_TYPE', `Entity name '${String(name)}' is invalid`);
  }
  return name;
}

function depthOf(value: unknown, depth = 0): number {
  if (value === null || typeof value !== 'object') return depth;
  let max = depth + 1;
  for (const child of Object.values(value as Record<string, unknown>)) {
    max = Math.max(max, depthOf(child, depth + 1));
    if (max > LIMITS.depth + 1) return max;
  }
  return max;
}

/** Validates a value as Forge would and returns its serialised size in bytes. */
export function checkValue(value: unknown, maxBytes: number = LIMITS.valueBytes): number {
  if (value === undefined || value === null) throw kvsError.badRequest('BAD_REQUEST', 'Value must not be null or undefined');
  if (depthOf(value) > LIMITS.depth) throw kvsError.badRequest('MAX_DEPTH', `Value exceeds the maximum object depth (${LIMITS.depth})`);
  const bytes = Buffer.byteLength(JSON.stringify(value), 'utf8');
  if (bytes > maxBytes) throw kvsError.tooLarge(`Value of ${bytes} bytes exceeds the maximum of ${maxBytes} bytes`);
  return bytes;
}

export function checkLimit(limit: unknown, code: string): number {
  if (limit === undefined) return LIMITS.defaultPage;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < LIMITS.pageMin || limit > LIMITS.pageMax) {
    throw kvsError.badRequest(code, `Limit must be between ${LIMITS.pageMin} and ${LIMITS.pageMax}`);
  }
  return limit;
}
