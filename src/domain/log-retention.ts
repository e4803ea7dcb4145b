// Log requests as the incident record keeps them, and what follows from the incident's closure:
// each delivered request's delete-by date, the reminders before it (14 days, 1 day) and the overdue
// flag, each posted once. Pure: "now" and the closure enter as arguments.
import type { SharedDataSummary } from './responsibilities';
import {
  deletionReminderDates,
  sharedDataDeleteBy,
  type LogCategoryId,
  type LogRequestIncludes,
  type LogRequestRecord,
  type LogRequestState,
  type TenantTier,
} from './log-sharing';

/** One entry of a request's life, as stored (JSON has no dates, so instants are ISO text). */
export interface StoredLogHistoryEntry {
  state: LogRequestState;
  at: string;
  note?: string;
}

export interface StoredLogRequest {
  id: string;
  category: LogCategoryId;
  appKey: string;
  environment: string;
  windowStart: string;
  windowEnd: string;
  includes: LogRequestIncludes;
  coldStorage: boolean;
  purpose: string;
  proposedBy: string;
  proposedByRole: 'ir' | 'partner';
  state: LogRequestState;
  legalApprovalRequired: boolean;
  history: StoredLogHistoryEntry[];
  /** Where the partner collects the logs (a secure file exchange reference), never the logs themselves. */
  delivery: { reference: string; at: string; by: string } | null;
  receipt: { at: string; by: string; restrictedHandlingAcknowledged: true } | null;
  /** The partner's attestation: who deleted the logs, when, and how. */
  deletion: { deletedBy: string; deletedAt: string; method: string; recordedBy: string; recordedAt: string } | null;
  /** While a hold applies there is no delete-by date. The reason is IR-internal. */
  legalHold: { reason: string; since: string; by: string } | null;
  /**
   * Legal/Privacy's decision as evidence: who decided (a Jira user or a named external approver), what, on which
   * day, and the reference to the decision. Absent on records written before decisions were kept (read as null).
   */
  legalDecision?: LegalDecision | null;
  /** IR-internal notes; never shown to partners. */
  internalNotes: { at: string; by: string; note: string }[];
  /** Retention reminders posted, and claims of runs posting one (see the scheduled sweep). */
  posted: string[];
  claims: Record<string, string>;
}

export interface LegalDecision {
  decision: 'approved' | 'denied';
  /** accountId only for a Jira user; the name as Jira showed it when recorded, or as IR typed it. */
  approver: { accountId?: string; name: string };
  /** YYYY-MM-DD, the day Legal/Privacy decided. */
  decidedOn: string;
  reference: string;
  recordedBy: string;
  recordedAt: string;
}

/** Whether delivery may be recorded as far as Legal/Privacy is concerned: no approval needed, or one with evidence. */
export function legalClearance(r: Pick<StoredLogRequest, 'legalApprovalRequired' | 'legalDecision'>): 'not-needed' | 'approved' | 'missing' {
  if (!r.legalApprovalRequired) return 'not-needed';
  return r.legalDecision?.decision === 'approved' ? 'approved' : 'missing';
}

/** The incident's log-sharing part: its requests and IR's determinations that bound them. */
export interface LogSharingPart {
  requests: StoredLogRequest[];
  /** IR's triage determination that customer data is being actively exploited (allows cold storage). */
  activeExploitationConfirmed: { at: string; by: string } | null;
  /** The affected tenants' tier, as IR knows it (app activity logs need Premium or Enterprise). */
  tenantTier: TenantTier;
}

export const EMPTY_LOG_SHARING: LogSharingPart = { requests: [], activeExploitationConfirmed: null, tenantTier: 'unknown' };
export const MAX_LOG_REQUESTS = 50;

/** The domain's state-machine view of a stored request. */
export function toRecord(r: StoredLogRequest): LogRequestRecord {
  return { state: r.state, legalApprovalRequired: r.legalApprovalRequired, history: r.history.map((h) => ({ ...h, at: new Date(h.at) })) };
}

/** A stored request updated with the state machine's result. */
export function fromRecord(r: StoredLogRequest, next: LogRequestRecord): StoredLogRequest {
  return { ...r, state: next.state, history: next.history.map((h) => ({ ...h, at: h.at.toISOString() })) };
}

/** When the incident closed: the time of the last phase move, if that move was to 'closed'. */
export function closedAtOf(phases: readonly { phase: string; at: string }[]): Date | null {
  const last = phases.at(-1);
  return last?.phase === 'closed' ? new Date(last.at) : null;
}

/** The partner holds the logs from delivery until the deletion is attested. */
export const holdsSharedData = (state: LogRequestState) => state === 'delivered' || state === 'received';
const everDelivered = (state: LogRequestState) => holdsSharedData(state) || state === 'deleted';

/** A request's delete-by date: only once the incident is closed, the logs are with the partner, and no hold applies. */
export function requestDeleteBy(r: StoredLogRequest, closedAt: Date | null): Date | null {
  if (closedAt === null || !holdsSharedData(r.state)) return null;
  return sharedDataDeleteBy(closedAt, r.legalHold !== null);
}

/** Deletion is overdue from the delete-by instant on. */
export const isOverdue = (deleteBy: Date | null, now: Date) => deleteBy !== null && now.getTime() >= deleteBy.getTime();

export const RETENTION_STAGES = ['14d', '1d', 'overdue'] as const;
export type RetentionStage = (typeof RETENTION_STAGES)[number];

export interface RetentionReminder {
  requestId: string;
  stage: RetentionStage;
  /** Names the request, its deadline and the stage: a re-closure (a new deadline) reminds afresh. */
  key: string;
  at: Date;
  deleteBy: Date;
}

function remindersFor(r: StoredLogRequest, deleteBy: Date): RetentionReminder[] {
  const { fourteenDaysBefore, oneDayBefore } = deletionReminderDates(deleteBy);
  const at: Record<RetentionStage, Date> = { '14d': fourteenDaysBefore, '1d': oneDayBefore, overdue: deleteBy };
  return RETENTION_STAGES.map((stage) => ({ requestId: r.id, stage, key: `retention:${r.id}:${deleteBy.toISOString()}:${stage}`, at: at[stage], deleteBy }));
}

/** Stages still to post: those after the last one posted. */
function pendingReminders(r: StoredLogRequest, closedAt: Date | null): RetentionReminder[] {
  const deleteBy = requestDeleteBy(r, closedAt);
  if (deleteBy === null) return [];
  const all = remindersFor(r, deleteBy);
  const lastPosted = all.reduce((acc, x, i) => (r.posted.includes(x.key) ? i : acc), -1);
  return all.slice(lastPosted + 1);
}

/**
 * The reminder to post now for a request, if any: the latest stage reached. Earlier stages a late run
 * skipped over are not posted any more (a "14 days left" after the deadline would mislead).
 */
export function dueRetentionReminder(r: StoredLogRequest, closedAt: Date | null, now: Date): RetentionReminder | null {
  const reached = pendingReminders(r, closedAt).filter((x) => x.at.getTime() <= now.getTime());
  return reached.at(-1) ?? null;
}

/** When the scheduled trigger next needs to look at this incident's retention reminders (ISO), if ever. */
export function nextRetentionCheckAt(part: LogSharingPart | undefined, closedAt: Date | null): string | undefined {
  let min: number | undefined;
  for (const r of part?.requests ?? []) {
    const next = pendingReminders(r, closedAt)[0];
    if (next && (min === undefined || next.at.getTime() < min)) min = next.at.getTime();
  }
  return min === undefined ? undefined : new Date(min).toISOString();
}

/** What the responsibilities checklist needs; null when nothing was ever delivered. */
export function sharedDataSummary(part: LogSharingPart | undefined, closedAt: Date | null, now: Date): SharedDataSummary | null {
  const requests = part?.requests ?? [];
  const delivered = requests.filter((r) => everDelivered(r.state));
  if (delivered.length === 0) return null;
  const dates = requests.map((r) => requestDeleteBy(r, closedAt)).filter((d): d is Date => d !== null);
  const next = dates.reduce<Date | null>((m, d) => (m === null || d.getTime() < m.getTime() ? d : m), null);
  return {
    delivered: delivered.length,
    deleted: requests.filter((r) => r.state === 'deleted').length,
    nextDeleteBy: next?.toISOString() ?? null,
    overdue: dates.some((d) => isOverdue(d, now)),
  };
}

/** The reminder comment's words. */
export function retentionReminderText(r: StoredLogRequest, stage: RetentionStage, deleteBy: Date, categoryLabel: string): string {
  const what = `the ${categoryLabel} logs shared for ${r.appKey} (${r.environment}), request ${r.id}`;
  const when = `${deleteBy.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const how = 'Delete them, then attest who deleted them, when and how in the incident panel.';
  if (stage === 'overdue') {
    return `Overdue: ${what} had to be deleted by ${when} (90 days after the incident closed). ${how}`;
  }
  const left = stage === '14d' ? '14 days' : '1 day';
  return `Reminder: ${left} left to delete ${what}. Shared logs must be deleted within 90 days of incident closure, by ${when}, unless a legal hold applies. ${how}`;
}
