import { CHAIN_START, verifyHead, verifyLinks, type AuditEntry, type ChainPosition } from '../domain/audit-trail';
import { auditRepo } from '../adapters/kvs/audit-repo';
import { directory } from '../adapters/jira/directory';
import { EMPTY_HEAD, readRecord, type ChainHead } from '../adapters/kvs/versioned-store';
import type { HistoryPage, TrailCheck } from '../contract/audit';
import { invalid } from './errors';
import { isRateLimit } from '../adapters/kvs/platform-assumptions';
import { people } from './actors';

export const HISTORY_PAGE_SIZE = 20;

/** One page of a trail, newest first, with the people's names resolved in one bulk call (the timers are no person). */
export async function historyPage(stream: string, cursor: string | undefined): Promise<HistoryPage> {
  const page = await auditRepo.page(stream, { limit: HISTORY_PAGE_SIZE, cursor });
  const names = await directory.displayNames(people(page.entries.map((e) => e.actor)));
  return page.cursor ? { entries: page.entries, names, cursor: page.cursor } : { entries: page.entries, names };
}

// One call checks at most this many pages of 100 entries, and stops early after this long, so a trail of any
// length is verified across calls, each well inside Forge's 25 s.
const VERIFY_PAGES_PER_CALL = 20;
const VERIFY_MS_PER_CALL = 8_000;
// Entries the index query has not returned yet but the record's head says exist are read by key.
const CATCH_UP_MAX = 25;

interface Progress {
  at: ChainPosition;
  /** The index query's cursor for the next page. */
  page?: string;
}

const BAD_CURSOR = 'Use the cursor the previous check returned';

/** The cursor is the position reached and the query's cursor: `seq.hash.version.pageCursor`. */
function encode(p: Progress): string {
  return [p.at.seq, p.at.hash, p.at.version ?? '', p.page ?? ''].join('.');
}
function decode(cursor: string | undefined): Progress {
  if (cursor === undefined) return { at: CHAIN_START };
  const m = /^(\d{1,10})\.([0-9a-f]{64})\.(\d{0,10})\.(.*)$/s.exec(cursor);
  if (!m) throw invalid({ cursor: BAD_CURSOR });
  return { at: { seq: Number(m[1]), hash: m[2]!, ...(m[3] ? { version: Number(m[3]) } : {}) }, ...(m[4] ? { page: m[4] } : {}) };
}

/** What verification needs of a record: its trail head, its version and its document as stored. */
export interface RecordForCheck {
  head: ChainHead;
  version: number;
  doc: unknown;
}

/**
 * Checks a trail from where the cursor left off (or its first entry): every link, then, at the end, that the
 * record agrees with the last entry. Answers the first broken link, or progress and a cursor to continue with,
 * or `{ ok: true, count }` once the whole trail is checked.
 */
export async function verifyTrail(stream: string, record: RecordForCheck, cursor?: string): Promise<TrailCheck> {
  const started = Date.now();
  let { at, page } = decode(cursor);
  let last: AuditEntry | undefined;
  for (let n = 0; n < VERIFY_PAGES_PER_CALL && Date.now() - started < VERIFY_MS_PER_CALL; n++) {
    let r: Awaited<ReturnType<typeof auditRepo.pageAsc>>;
    try {
      r = await auditRepo.pageAsc(stream, page);
    } catch (e) {
      // The minute's read quota ran out midway: what was checked is kept, the next call goes on from there.
      if (n > 0 && isRateLimit(e)) break;
      throw e;
    }
    // A page may start at or before the position reached (a cursor from before new entries): skip those.
    const fresh = r.entries.filter((e) => e.seq > at.seq);
    const checked = verifyLinks(at, fresh);
    if (!checked.ok) return checked;
    at = checked.at;
    last = fresh.at(-1) ?? last;
    page = r.cursor;
    if (!page) return finish(stream, record, at, last);
  }
  return { ok: true, count: at.seq, total: record.head.seq, cursor: encode({ at, page }) };
}

/** The index query ended: read by key what it has not caught up with yet, then check the record's head. */
async function finish(stream: string, record: RecordForCheck, at: ChainPosition, last: AuditEntry | undefined): Promise<TrailCheck> {
  if (record.head.seq > at.seq) {
    const behind = await auditRepo.bySeq(stream, at.seq + 1, Math.min(record.head.seq, at.seq + CATCH_UP_MAX));
    const checked = verifyLinks(at, behind);
    if (!checked.ok) return checked;
    at = checked.at;
    last = behind.at(-1) ?? last;
  }
  if (!last && at.seq > 0) last = (await auditRepo.bySeq(stream, at.seq, at.seq))[0];
  const head = verifyHead(at, last, record);
  return head.ok ? { ok: true, count: at.seq } : head;
}

/** A versioned record as stored (its document unparsed), for verification; an absent record has an empty trail. */
export async function storedRecordForCheck(entityName: string, key: string): Promise<RecordForCheck> {
  const r = await readRecord<unknown>(entityName, key);
  return r ?? { version: 0, doc: null, head: EMPTY_HEAD };
}
