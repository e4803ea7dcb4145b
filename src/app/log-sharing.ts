// Log-sharing requests on an incident (seed 000, "Key constraints on log sharing" and "How to handle
// shared logs and data"): proposed by a partner or IR staff, decided and delivered by IR staff, received
// and deleted by the partner. Every change goes through the domain's rules and the incident's versioned
// commit, so a refused step changes nothing.
import { proposeLogRequest as proposeRecord, transition, validateLogRequest, type LogRequestEvent } from '../domain/log-sharing';
import { fromRecord, MAX_LOG_REQUESTS, toRecord, closedAtOf, holdsSharedData, legalClearance, type LegalDecision, type LogSharingPart, type StoredLogRequest } from '../domain/log-retention';
import { directory } from '../adapters/jira/directory';
import { diffFields, type FieldChange } from '../domain/audit-trail';
import { uuidV5 } from '../domain/indicators';
import type { IncidentState } from '../adapters/kvs/incident-repo';
import type { LogRequestDraft } from '../contract/log-sharing';
import { commit, current } from './incident';
import { incidentStartOf, logSharingOf } from './log-sharing-view';
import { conflict, invalid } from './errors';
import type { Call } from './session';

const ID_NAMESPACE = '2b7e9c41-8d3a-4f6e-a1c5-7d9e0b2f4a68';
type Issue = { id: string; key: string };
type Notes = { note?: string; internalNote?: string };

const NO_SUCH_REQUEST = 'There is no such log request on this incident';

function findRequest(part: LogSharingPart, id: string): StoredLogRequest {
  const r = part.requests.find((x) => x.id === id);
  if (!r) throw invalid({ requestId: NO_SUCH_REQUEST });
  return r;
}

const withRequest = (part: LogSharingPart, next: StoredLogRequest): LogSharingPart => ({ ...part, requests: part.requests.map((r) => (r.id === next.id ? next : r)) });

/** The domain's verdict as the caller's error: CONFLICT for the wrong moment, INVALID_INPUT on a named field. */
function refuse(code: 'CONFLICT' | 'INVALID_INPUT', message: string, field: string) {
  return code === 'CONFLICT' ? conflict(message) : invalid({ [field]: message }, message);
}

/**
 * Applies one event of the request's life and saves it with the incident. `extra` adds what the step records
 * (the delivery reference, the receipt, the attestation). The public note lands in the trail; the internal one
 * under a path partners never see.
 */
async function step(
  call: Call,
  issue: Issue,
  state: IncidentState,
  requestId: string,
  event: LogRequestEvent,
  at: Date,
  o: { action: string; field: string; extra?: (r: StoredLogRequest) => StoredLogRequest; changes?: FieldChange[] } & Notes,
) {
  const part = logSharingOf(state.record.doc);
  const before = findRequest(part, requestId);
  const t = transition(toRecord(before), event, at);
  if (!t.ok) throw refuse(t.code, t.message, o.field);
  let next = (o.extra ?? ((r) => r))(fromRecord(before, t.request));
  const internal = o.internalNote?.trim();
  if (internal) next = { ...next, internalNotes: [...next.internalNotes, { at: call.now.toISOString(), by: call.session.accountId, note: internal }] };
  const changes: FieldChange[] = [
    { path: `logRequests.${requestId}.state`, before: before.state, after: next.state },
    ...(o.changes ?? []),
    ...(internal ? [{ path: `logRequests.${requestId}.internalNote`, after: internal }] : []),
  ];
  return commit(call, issue, state, { logSharing: withRequest(part, next) }, o.action, changes, o.note?.trim() || undefined);
}

/**
 * Logs are asked for the incident's partner's own apps and environments only (seed 000: "incident scope
 * only"). An unassigned incident has no inventory to check against: IR staff may still name an app.
 */
async function checkPartnerApp(call: Call, partnerId: string | null, appKey: string, environment: string) {
  const id = partnerId ?? (call.role === 'partner' ? await call.session.actingPartnerId() : null);
  if (!id) return;
  const partner = (await call.session.partner(id))?.doc;
  const app = partner?.apps.find((a) => a.appKey.toLowerCase() === appKey.trim().toLowerCase());
  if (!app) throw invalid({ 'request.appKey': 'Choose one of this incident\u2019s partner\u2019s apps (by app key)' });
  if (!(app.environments as readonly string[]).includes(environment)) throw invalid({ 'request.environment': `The app ${app.name} is listed for ${app.environments.join(', ')} only` });
}

/** A partner or IR staff propose a request; the program's rules are checked before anything is stored. */
export async function proposeLogRequest(call: Call, input: { version: number; request: LogRequestDraft }) {
  const { issue, state } = await current(call, input.version);
  const doc = state.record.doc;
  const part = logSharingOf(doc);
  if (part.requests.length >= MAX_LOG_REQUESTS) throw invalid({ request: `An incident holds at most ${MAX_LOG_REQUESTS} log requests` });
  const start = incidentStartOf(doc);
  if (!start) {
    throw invalid({ 'request.windowStart': "Record when the incident was first observed (Report, Timeline) first: log windows are bounded by the incident's start." });
  }
  const req = input.request;
  const closedAt = closedAtOf(doc.phases);
  const verdict = validateLogRequest(
    { ...req, windowStart: new Date(req.windowStart), windowEnd: new Date(req.windowEnd) },
    { incidentStart: start, ...(closedAt ? { incidentEnd: closedAt } : {}), now: call.now, activeExploitationConfirmed: part.activeExploitationConfirmed !== null, tenantTier: part.tenantTier },
  );
  if (!verdict.ok) {
    const fields: Record<string, string> = {};
    for (const e of verdict.errors) fields[`request.${e.field === 'incident' ? 'windowStart' : e.field}`] ??= e.message;
    throw invalid(fields, verdict.errors.map((e) => e.message).join(' '));
  }
  await checkPartnerApp(call, doc.partnerId ?? null, req.appKey, req.environment);
  const record = proposeRecord(verdict.legalApprovalRequired, call.now);
  const id = uuidV5(ID_NAMESPACE, `${issue.id} ${call.now.toISOString()} ${part.requests.length}`).slice(0, 8);
  const stored: StoredLogRequest = {
    id,
    ...req,
    proposedBy: call.session.accountId,
    proposedByRole: call.role === 'ir' ? 'ir' : 'partner',
    state: record.state,
    legalApprovalRequired: record.legalApprovalRequired,
    history: record.history.map((h) => ({ ...h, at: h.at.toISOString() })),
    delivery: null,
    receipt: null,
    deletion: null,
    legalHold: null,
    internalNotes: [],
    posted: [],
    claims: {},
  };
  const { posted: _p, claims: _c, internalNotes: _n, history: _h, ...shown } = stored;
  return commit(call, issue, state, { logSharing: { ...part, requests: [...part.requests, stored] } }, 'logRequest.propose', [{ path: `logRequests.${id}`, after: shown }]);
}

/** IR staff accept or decline a proposal, and ask Legal/Privacy; their answer is recorded with its evidence. */
export async function decideLogRequest(call: Call, input: { version: number; requestId: string; decision: 'accept' | 'decline' | 'request-legal-approval' | 'approve-legal' | 'deny-legal' } & Notes) {
  // Legal/Privacy's answer is evidence (who, when, which reference): recordLegalDecision, never a bare click.
  if (input.decision === 'approve-legal' || input.decision === 'deny-legal') throw invalid({ decision: "Record Legal/Privacy's decision with its approver, day and reference" });
  const { issue, state } = await current(call, input.version);
  return step(call, issue, state, input.requestId, { type: input.decision }, call.now, { action: `logRequest.${input.decision}`, field: 'decision', note: input.note, internalNote: input.internalNote });
}

/**
 * Legal/Privacy's decision, as evidence: the approver (a Jira user, named as Jira shows them, or an external
 * approver by name), the decision, its day and reference. It answers a pending approval, or adds the missing
 * evidence to an approval recorded before decisions were kept.
 */
export async function recordLegalDecision(
  call: Call,
  input: { version: number; requestId: string; decision: 'approved' | 'denied'; approver: { kind: 'jira-user'; accountId: string } | { kind: 'external'; name: string }; decidedOn: string; reference: string },
) {
  const { issue, state } = await current(call, input.version);
  const r = findRequest(logSharingOf(state.record.doc), input.requestId);
  if (input.decidedOn > call.now.toISOString().slice(0, 10)) throw invalid({ decidedOn: 'The decision cannot be in the future' });
  if (Number.isNaN(Date.parse(`${input.decidedOn}T00:00:00Z`)) || new Date(`${input.decidedOn}T00:00:00Z`).toISOString().slice(0, 10) !== input.decidedOn) throw invalid({ decidedOn: 'Give a real day as YYYY-MM-DD' });
  let approver: LegalDecision['approver'];
  if (input.approver.kind === 'jira-user') {
    const name = (await directory.displayNames([input.approver.accountId]))[input.approver.accountId];
    if (!name) throw invalid({ 'approver.accountId': 'Pick the approver from Jira: that person was not found' });
    approver = { accountId: input.approver.accountId, name };
  } else approver = { name: input.approver.name };
  const legalDecision: LegalDecision = { decision: input.decision, approver, decidedOn: input.decidedOn, reference: input.reference, recordedBy: call.session.accountId, recordedAt: call.now.toISOString() };
  const changes: FieldChange[] = [{ path: `logRequests.${input.requestId}.legalDecision`, after: { decision: input.decision, approver: approver.name, decidedOn: input.decidedOn, reference: input.reference } }];
  const action = input.decision === 'approved' ? 'logRequest.approve-legal' : 'logRequest.deny-legal';
  if (r.state === 'legal-approved' && !r.legalDecision && input.decision === 'approved') {
    const part = logSharingOf(state.record.doc);
    return commit(call, issue, state, { logSharing: withRequest(part, { ...r, legalDecision }) }, action, changes);
  }
  return step(call, issue, state, input.requestId, { type: input.decision === 'approved' ? 'approve-legal' : 'deny-legal' }, call.now, { action, field: 'decision', extra: (x) => ({ ...x, legalDecision }), changes });
}

/** IR staff look people up to name a Legal/Privacy approver. */
export async function findUsers(query: string) {
  return { users: await directory.findUsers(query) };
}

/** IR staff record the delivery: where the partner collects the logs, never the logs themselves. */
export async function deliverLogRequest(call: Call, input: { version: number; requestId: string; reference: string } & Notes) {
  const { issue, state } = await current(call, input.version);
  const pending = findRequest(logSharingOf(state.record.doc), input.requestId);
  if (pending.state === 'legal-approved' && legalClearance(pending) === 'missing') throw refuse('CONFLICT', "Record Legal/Privacy's approval with its approver, day and reference before the delivery.", 'reference');
  const delivery = { reference: input.reference, at: call.now.toISOString(), by: call.session.accountId };
  return step(call, issue, state, input.requestId, { type: 'deliver' }, call.now, {
    action: 'logRequest.deliver',
    field: 'reference',
    note: input.note,
    internalNote: input.internalNote,
    extra: (r) => ({ ...r, delivery }),
    changes: [{ path: `logRequests.${input.requestId}.delivery`, after: delivery }],
  });
}

/** The partner confirms receipt, acknowledging the RESTRICTED handling requirements. */
export async function acknowledgeLogReceipt(call: Call, input: { version: number; requestId: string; restrictedHandlingAcknowledged: true }) {
  const { issue, state } = await current(call, input.version);
  const receipt = { at: call.now.toISOString(), by: call.session.accountId, restrictedHandlingAcknowledged: true as const };
  return step(call, issue, state, input.requestId, { type: 'acknowledge-receipt', restrictedHandlingAcknowledged: input.restrictedHandlingAcknowledged }, call.now, {
    action: 'logRequest.receive',
    field: 'restrictedHandlingAcknowledged',
    extra: (r) => ({ ...r, receipt }),
    changes: [{ path: `logRequests.${input.requestId}.receipt`, after: receipt }],
  });
}

/** The partner attests who deleted the shared logs, when and how; not while a legal hold applies. */
export async function attestLogDeletion(call: Call, input: { version: number; requestId: string; deletedBy: string; deletedAt: string; method: string }) {
  const { issue, state } = await current(call, input.version);
  const r = findRequest(logSharingOf(state.record.doc), input.requestId);
  const at = new Date(input.deletedAt);
  if (at.getTime() > call.now.getTime()) throw invalid({ deletedAt: 'The logs cannot have been deleted in the future' });
  if (r.legalHold && holdsSharedData(r.state)) throw conflict('A legal hold applies to these logs: keep them until Atlassian lifts the hold.');
  // The wrong moment (nothing delivered, receipt not acknowledged) is named before any problem with the date.
  const now = transition(toRecord(r), { type: 'attest-deletion' }, call.now);
  if (!now.ok) throw refuse(now.code, now.message, 'deletedAt');
  const deletion = { deletedBy: input.deletedBy, deletedAt: at.toISOString(), method: input.method, recordedBy: call.session.accountId, recordedAt: call.now.toISOString() };
  return step(call, issue, state, input.requestId, { type: 'attest-deletion' }, at, {
    action: 'logRequest.deleted',
    field: 'deletedAt',
    extra: (x) => ({ ...x, deletion }),
    changes: [{ path: `logRequests.${input.requestId}.deletion`, after: deletion }],
  });
}

/** IR staff place or lift a legal hold on shared logs, with a reason (IR-internal). */
export async function setLegalHold(call: Call, input: { version: number; requestId: string; hold: boolean; reason: string }) {
  const { issue, state } = await current(call, input.version);
  const part = logSharingOf(state.record.doc);
  const r = findRequest(part, input.requestId);
  if (!holdsSharedData(r.state)) throw conflict('A legal hold applies to logs the partner holds: this request has no delivered logs to keep.');
  if (input.hold === (r.legalHold !== null)) throw conflict(input.hold ? 'A legal hold already applies to these logs.' : 'No legal hold applies to these logs.');
  const legalHold = input.hold ? { reason: input.reason, since: call.now.toISOString(), by: call.session.accountId } : null;
  const next: StoredLogRequest = { ...r, legalHold, internalNotes: [...r.internalNotes, { at: call.now.toISOString(), by: call.session.accountId, note: `${input.hold ? 'Legal hold placed' : 'Legal hold lifted'}: ${input.reason}` }] };
  return commit(call, issue, state, { logSharing: withRequest(part, next) }, input.hold ? 'logRequest.hold' : 'logRequest.release', [
    { path: `logRequests.${r.id}.legalHold`, before: r.legalHold !== null, after: input.hold },
    { path: `logRequests.${r.id}.legalHoldReason`, after: input.reason },
  ]);
}

/** IR's determinations that bound requests: confirmed exploitation of customer data (cold storage) and the tenant tier. */
export async function saveLogSharingFacts(call: Call, input: { version: number; activeExploitationConfirmed: boolean; tenantTier: LogSharingPart['tenantTier'] }) {
  const { issue, state } = await current(call, input.version);
  const part = logSharingOf(state.record.doc);
  const confirmed = input.activeExploitationConfirmed ? (part.activeExploitationConfirmed ?? { at: call.now.toISOString(), by: call.session.accountId }) : null;
  const next: LogSharingPart = { ...part, activeExploitationConfirmed: confirmed, tenantTier: input.tenantTier };
  const changes = diffFields(
    { logSharing: { activeExploitationConfirmed: part.activeExploitationConfirmed !== null, tenantTier: part.tenantTier } },
    { logSharing: { activeExploitationConfirmed: input.activeExploitationConfirmed, tenantTier: input.tenantTier } },
  );
  return commit(call, issue, state, { logSharing: next }, 'logSharing.facts', changes);
}
