/**
 * What the app assumes about Forge KVS where the docs are silent or disagree, each in one place with its
 * source (shared FORGE_FACTS §10), so the rest of the app reads the platform's answers only through these.
 * The settings page's platform self-test (src/app/platform-self-test.ts) checks every one on a site.
 */

interface KvsErrorLike {
  code?: unknown;
  responseDetails?: { status?: unknown };
}

/**
 * A transaction whose condition failed. Undocumented: `CONDITIONAL_CHECK_FAILED` is in no doc and no
 * @forge/kvs test (the docs' transaction page names no code). So any code that names a failed condition,
 * or an HTTP 409/412 answer, is read as "someone else wrote first" (CONFLICT), never as a crash.
 */
export function isConditionFailure(e: unknown): boolean {
  const { code, responseDetails } = (e ?? {}) as KvsErrorLike;
  return (typeof code === 'string' && /CONDITION/i.test(code)) || responseDetails?.status === 409 || responseDetails?.status === 412;
}

/** The installation's storage quota for the minute is spent (a 429 from KVS, as @forge/kvs reports it). */
export function isRateLimit(e: unknown): boolean {
  const code = (e as KvsErrorLike | undefined)?.code;
  return code === 'RATE_LIMIT_EXCEEDED' || code === 'TOO_MANY_REQUESTS';
}

/**
 * A missing key. @forge/kvs's client treats `KEY_NOT_FOUND` as absent (storage-api.js); the docs' error
 * table says `NOT_FOUND` (storage-reference/kvs-errorhandling). Both mean absent here.
 */
export const MISSING_KEY_CODES: readonly string[] = ['KEY_NOT_FOUND', 'NOT_FOUND'];
export const isMissingKey = (code: unknown) => typeof code === 'string' && MISSING_KEY_CODES.includes(code);

interface BatchAnswer<T> {
  successfulKeys: { key: string; entityName?: string; value?: T }[];
  failedKeys: { key: string; entityName?: string; error: { code: string; message: string } }[];
}

/**
 * The values a `batchGet` found. Undocumented how a missing key is reported: left out, listed as successful
 * without a value, or failed with a not-found code (docs: storage-reference/kvs-batch). All three read as
 * absent. Batches complete "as many as possible", so any other failed key is an error, never a silent gap.
 */
export function batchFound<T>(r: BatchAnswer<T>): { key: string; entityName?: string; value: T }[] {
  const failed = r.failedKeys.find((f) => !isMissingKey(f.error.code));
  if (failed) throw Object.assign(new Error(`KVS could not read ${failed.key}: ${failed.error.message}`), { code: failed.error.code });
  return r.successfulKeys.filter((s): s is { key: string; entityName?: string; value: T } => s.value !== undefined);
}

/**
 * Whether a `notExists()` condition passes on a key that does not exist (the first save of every record
 * depends on it). Undocumented (docs: storage-reference/entities-transactions show conditions on existing
 * values only). The app relies on it when it holds; when a first save fails on a key still absent, it
 * creates a placeholder with `keyPolicy: 'FAIL_IF_EXISTS'` (documented) and saves on that instead.
 */
export const PLACEHOLDER_VERSION = 0;

/**
 * An index query sees a write made just before it. Documented as not guaranteed ("query is eventually
 * consistent; get is strongly consistent", storage-reference/kvs): the app never relies on it. Records are
 * read by key before they are changed, and a sweep that misses a fresh write catches it on its next run.
 */
export const QUERY_READS_OWN_WRITES = false;
