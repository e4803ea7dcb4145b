import { invalid } from '../../shared/errors';

const badRequest = (e: unknown) => (e as { responseDetails?: { status?: unknown } })?.responseDetails?.status === 400;

/**
 * Runs a query that continues from a caller's cursor. KVS refuses a cursor it did not hand out with a 400; the
 * cursor is the only part of the query the caller chose, so that is the caller's INVALID_INPUT, not INTERNAL.
 */
export async function fromCursor<T>(cursor: string | undefined, query: () => Promise<T>): Promise<T> {
  try {
    return await query();
  } catch (e) {
    if (cursor !== undefined && badRequest(e)) throw invalid({ cursor: 'Use the cursor the previous page returned' }, 'This cursor is not one the app handed out.');
    throw e;
  }
}
