// What the panel receives about log sharing, the index the scheduled trigger queries, and the
// responsibilities summary. Kept apart from the use cases so incident.ts and clock.ts can use it
// without an import cycle.
import { earliestLogDate, LEGAL_APPROVAL_EXPECTATION, LOG_CATEGORIES, RESTRICTED_HANDLING_NOTICE } from '../domain/log-sharing';
import { closedAtOf, EMPTY_LOG_SHARING, isOverdue, nextRetentionCheckAt, requestDeleteBy, sharedDataSummary, type LogSharingPart, type StoredLogRequest } from '../domain/log-retention';
import { deletionReminderDates } from '../domain/log-sharing';
import type { IncidentDoc } from '../adapters/kvs/incident-repo';
import type { Role } from '../contract/common';

export const logSharingOf = (doc: IncidentDoc): LogSharingPart => doc.logSharing ?? EMPTY_LOG_SHARING;

/** When the incident started, for the look-back: first observed, else detected; null until either is recorded. */
export function incidentStartOf(doc: IncidentDoc): Date | null {
  const t = doc.report.timeline;
  const at = t.firstObservedAt || t.detectedAt;
  return at ? new Date(at) : null;
}

/** The index value the scheduled trigger queries for retention reminders; absent when none is pending. */
export const retentionIndex = (doc: IncidentDoc) => {
  const at = nextRetentionCheckAt(doc.logSharing, closedAtOf(doc.phases));
  return at ? { retentionCheckAt: at } : {};
};

export const sharedDataOf = (doc: IncidentDoc, now: Date) => sharedDataSummary(doc.logSharing, closedAtOf(doc.phases), now);

/** Audit paths that carry IR-internal text (internal notes, legal-hold reasons): left out of a partner's history. */
export const isLogSharingInternalPath = (path: string) => /^logRequests\.[^.]+\.(internalNote|legalHoldReason)$/.test(path);

function requestView(r: StoredLogRequest, closedAt: Date | null, now: Date, role: Role) {
  const deleteBy = requestDeleteBy(r, closedAt);
  const ir = role === 'ir';
  return {
    id: r.id,
    category: r.category,
    categoryLabel: LOG_CATEGORIES.find((c) => c.id === r.category)?.label ?? r.category,
    appKey: r.appKey,
    environment: r.environment,
    windowStart: r.windowStart,
    windowEnd: r.windowEnd,
    includes: r.includes,
    coldStorage: r.coldStorage,
    purpose: r.purpose,
    proposedByRole: r.proposedByRole,
    proposedAt: r.history[0]?.at ?? '',
    state: r.state,
    legalApprovalRequired: r.legalApprovalRequired,
    history: r.history,
    delivery: r.delivery,
    receipt: r.receipt,
    deletion: r.deletion,
    // Partners learn that a hold applies, not why.
    legalHold: r.legalHold ? { since: r.legalHold.since, ...(ir ? { reason: r.legalHold.reason } : {}) } : null,
    // Older records approved before decisions were kept have none: the panel asks for the evidence then.
    legalDecision: r.legalDecision ? { decision: r.legalDecision.decision, approver: r.legalDecision.approver, decidedOn: r.legalDecision.decidedOn, reference: r.legalDecision.reference, recordedAt: r.legalDecision.recordedAt } : null,
    deleteBy: deleteBy?.toISOString() ?? null,
    reminders: deleteBy ? { fourteenDaysBefore: deletionReminderDates(deleteBy).fourteenDaysBefore.toISOString(), oneDayBefore: deletionReminderDates(deleteBy).oneDayBefore.toISOString() } : null,
    overdue: isOverdue(deleteBy, now),
    ...(ir ? { internalNotes: r.internalNotes } : {}),
  };
}

/** Log sharing as this viewer may see it: partners never receive internal notes or hold reasons. */
export function logSharingView(doc: IncidentDoc, role: Role, now: Date) {
  const part = logSharingOf(doc);
  const closedAt = closedAtOf(doc.phases);
  const start = incidentStartOf(doc);
  return {
    requests: part.requests.map((r) => requestView(r, closedAt, now, role)),
    activeExploitationConfirmed: part.activeExploitationConfirmed !== null,
    tenantTier: part.tenantTier,
    incidentStart: start?.toISOString() ?? null,
    earliestLogDate: start ? earliestLogDate(start).toISOString() : null,
    closedAt: closedAt?.toISOString() ?? null,
    legalApprovalExpectation: LEGAL_APPROVAL_EXPECTATION,
    restrictedHandlingNotice: RESTRICTED_HANDLING_NOTICE,
  };
}
export type LogSharingView = ReturnType<typeof logSharingView>;
