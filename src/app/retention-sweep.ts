// The scheduled reminders that shared logs must be deleted: 14 days and 1 day before the delete-by date,
// and once it has passed. Same machinery as the acknowledgment clocks (sweep.ts): incidents come from an
// index query, and each reminder is claimed in KVS, posted unless already posted, then marked posted.
import { closedAtOf, dueRetentionReminder, retentionReminderText, type RetentionReminder, type StoredLogRequest } from '../domain/log-retention';
import { LOG_CATEGORIES } from '../domain/log-sharing';
import { incidentRepo } from '../adapters/kvs/incident-repo';
import { dueForRetentionCheck } from '../adapters/kvs/retention-index';
import { comments } from '../adapters/jira/comments';
import { commit } from './incident';
import { logSharingOf } from './log-sharing-view';
import { AppError } from './errors';
import { Session, type Call } from './session';
import { SWEEP_MAX_PAGES, SYSTEM_ACTOR } from './sweep';

// A claim older than this belongs to a run that died: the next run may finish its work.
const CLAIM_LEASE_MS = 2 * 60_000;
type Issue = { id: string; key: string };

const isConflict = (e: unknown) => e instanceof AppError && e.code === 'CONFLICT';

/** Changes one request, re-reading and retrying when someone saved in between; false when there is nothing to do. */
async function updateRequest(call: Call, issue: Issue, id: string, change: (r: StoredLogRequest) => StoredLogRequest | null, action: string, note?: string): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const state = await incidentRepo.load(issue);
    const part = logSharingOf(state.record.doc);
    const r = part.requests.find((x) => x.id === id);
    const next = r ? change(r) : null;
    if (!next) return false;
    try {
      const requests = part.requests.map((x) => (x.id === id ? next : x));
      await commit(call, issue, state, { logSharing: { ...part, requests } }, action, [{ path: `logRequests.${id}.reminders`, after: note ?? action }], note);
      return true;
    } catch (e) {
      if (!isConflict(e)) throw e;
    }
  }
  return false;
}

const STAGE_WORDS = { '14d': '14 days before the delete-by date', '1d': '1 day before the delete-by date', overdue: 'the deletion is overdue' } as const;

/** Posts one retention reminder exactly once (claim, post unless a tagged comment exists, mark posted). */
async function remind(call: Call, issue: Issue, rem: RetentionReminder): Promise<boolean> {
  const claimed = await updateRequest(
    call,
    issue,
    rem.requestId,
    (r) => {
      if (r.posted.includes(rem.key)) return null;
      const since = r.claims[rem.key];
      if (since && call.now.getTime() - new Date(since).getTime() < CLAIM_LEASE_MS) return null;
      return { ...r, claims: { ...r.claims, [rem.key]: call.now.toISOString() } };
    },
    'retention.claim',
  );
  if (!claimed) return false;
  const { record } = await incidentRepo.load(issue);
  const r = logSharingOf(record.doc).requests.find((x) => x.id === rem.requestId);
  if (!r) return false;
  if (!(await comments.findReminder(issue.id, rem.key))) {
    const label = LOG_CATEGORIES.find((c) => c.id === r.category)?.label ?? r.category;
    await comments.postReminder(issue.id, rem.key, retentionReminderText(r, rem.stage, rem.deleteBy, label));
  }
  return updateRequest(
    call,
    issue,
    rem.requestId,
    (x) => {
      if (x.posted.includes(rem.key)) return null;
      const { [rem.key]: _done, ...claims } = x.claims;
      return { ...x, posted: [...x.posted, rem.key], claims };
    },
    'retention.reminder',
    `Retention reminder posted: ${STAGE_WORDS[rem.stage]}.`,
  );
}

/** The scheduled sweep of retention reminders: incidents from the `by-retention-check` index, each reminder once. */
export async function sweepRetention(now: Date): Promise<{ pages: number; incidents: number; posted: number }> {
  const session = new Session({ accountId: SYSTEM_ACTOR, moduleKey: 'timers', now });
  const call: Call = { session, role: 'ir', now };
  let cursor: string | undefined;
  let pages = 0;
  let incidents = 0;
  let posted = 0;
  do {
    const page = await dueForRetentionCheck(now, cursor);
    pages++;
    for (const issue of page.issues) {
      incidents++;
      const { record } = await incidentRepo.load(issue);
      const closedAt = closedAtOf(record.doc.phases);
      for (const r of logSharingOf(record.doc).requests) {
        const due = dueRetentionReminder(r, closedAt, now);
        if (due && (await remind(call, issue, due))) posted++;
      }
    }
    cursor = page.cursor;
  } while (cursor && pages < SWEEP_MAX_PAGES);
  return { pages, incidents, posted };
}
