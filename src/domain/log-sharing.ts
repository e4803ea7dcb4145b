// Log sharing (seed 000: "What Atlassian may share with you", "Key constraints on log sharing",
// FAQs): what may be requested, when a request must be refused, and the life of a request from
// proposal to the partner's attestation that the shared logs were deleted.

import { subMonths } from 'date-fns';
import { tz } from '@date-fns/tz';

const UTC = tz('UTC');
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

// ---------------------------------------------------------------------------------------------
// The public contract (DOMAIN_API.md)
// ---------------------------------------------------------------------------------------------

/**
 * The earliest instant logs may come from: 12 calendar months before the incident started, in
 * UTC, same time of day; a day missing from the target month (29 Feb) becomes its last day.
 */
export function earliestLogDate(incidentStart: Date): Date {
  // date-fns clamps to the month's end; the UTC context keeps the host's time zone out of it.
  return new Date(subMonths(incidentStart, 12, { in: UTC }).getTime());
}

/** Shared logs must be deleted within 90 days (of 24 hours) of closure, unless a legal hold applies. */
export function sharedDataDeleteBy(incidentClosedAt: Date, legalHold: boolean): Date | null {
  if (legalHold) return null;
  return new Date(incidentClosedAt.getTime() + 90 * DAY_MS);
}

/**
 * Any customer data named needs Legal/Privacy approval: the program's three (customer account IDs, source
 * IP addresses, customer email domains) and, as its FAQ puts it, "PII/UGC data" generally: other personal
 * data and user-generated content. The last two are optional so callers written before them still work.
 */
export function requiresLegalApproval(fields: {
  accountIds?: boolean;
  sourceIps?: boolean;
  emailDomains?: boolean;
  otherPersonalData?: boolean;
  userGeneratedContent?: boolean;
}): boolean {
  return fields.accountIds === true || fields.sourceIps === true || fields.emailDomains === true
    || fields.otherPersonalData === true || fields.userGeneratedContent === true;
}

// ---------------------------------------------------------------------------------------------
// What may be shared
// ---------------------------------------------------------------------------------------------

export type LogCategoryId =
  | 'app-metadata-footprint'
  | 'versions-config-lifecycle'
  | 'developer-tooling-tunnel'
  | 'runtime-deployment-webhook'
  | 'app-activity';

export type TenantTier = 'standard' | 'premium' | 'enterprise' | 'unknown';

export interface LogCategory {
  readonly id: LogCategoryId;
  /** The program's name for the category. */
  readonly label: string;
  /** The program's description, verbatim. */
  readonly description: string;
  /** Tenant tiers the category can be shared for; null when the program sets no limit. */
  readonly tenantTiers: readonly TenantTier[] | null;
}

/** The five categories of seed 000, in its order and wording. */
export const LOG_CATEGORIES: readonly LogCategory[] = [
  {
    id: 'app-metadata-footprint',
    label: 'App metadata and installation footprint',
    description:
      'App listing metadata and installation footprint that help identify your app, understand where it is installed, and determine which customers, tenants, environments, or workspaces may be affected.',
    tenantTiers: null,
  },
  {
    id: 'versions-config-lifecycle',
    label: 'App versions, configuration, and lifecycle events',
    description:
      "Logs describing how your app's versions and configuration changed over time, including install, uninstall, and update events. Used to reconstruct which version, permissions, and network settings were in place at the time of an incident.",
    tenantTiers: null,
  },
  {
    id: 'developer-tooling-tunnel',
    label: 'Developer tooling and tunnel usage',
    description:
      "Limited Forge CLI logs relevant to IR, such as Forge tunnel creation events and app creation metadata. Used to understand who last interacted with the app's development tooling around the incident.",
    tenantTiers: null,
  },
  {
    id: 'runtime-deployment-webhook',
    label: 'Runtime, deployment, and webhook events',
    description:
      'Logs describing when your Forge app environments are created, updated, and deployed, including storage and webhook triggers, scope/permission updates, CDN deployments, and manifest updates.',
    tenantTiers: null,
  },
  {
    id: 'app-activity',
    label: 'App activity logs',
    description:
      'Logs showing how your app interacted with Atlassian Cloud products during the incident window. Where customer-identifying data is present, fields are minimized or pseudonymized, and sharing is subject to Atlassian Legal/Privacy review. Currently limited to Premium and Enterprise tier tenants only.',
    tenantTiers: ['premium', 'enterprise'],
  },
];

/** The program's own words for each refusal, quoted to the person whose request is refused. */
export const LOG_SHARING_REFUSALS = {
  incidentScope:
    "Logs are extracted for a specific time window and app, tied to the incident under investigation. Logs aren't shared in bulk or for ongoing monitoring.",
  proactive: "Proactive or on-demand log access outside of incidents isn't available.",
  lookBack: "Log sharing is limited to a maximum of 12 months before the incident. Older logs aren't available.",
  coldStorage:
    'Logs in cold storage are retrieved only when active exploitation of customer data is confirmed, due to cost and retrieval time. Atlassian IR makes this determination during triage.',
  appActivityTier: 'App activity logs are currently limited to Premium and Enterprise tier tenants only.',
} as const;

/** "Expect a few business days for this step." (FAQ on logs with PII/UGC data) */
export const LEGAL_APPROVAL_EXPECTATION = 'a few business days';

/** What the partner acknowledges on receipt. */
export const RESTRICTED_HANDLING_NOTICE =
  'Logs classified as RESTRICTED are encrypted in transit and at rest and must be handled accordingly on your side.';

/** When to remind the partner that shared logs must be deleted (in 24-hour days, like the deadline). */
export function deletionReminderDates(deleteBy: Date): { fourteenDaysBefore: Date; oneDayBefore: Date } {
  return {
    fourteenDaysBefore: new Date(deleteBy.getTime() - 14 * DAY_MS),
    oneDayBefore: new Date(deleteBy.getTime() - DAY_MS),
  };
}

// ---------------------------------------------------------------------------------------------
// Validating a request
// ---------------------------------------------------------------------------------------------

export interface LogRequestIncludes {
  accountIds: boolean;
  sourceIps: boolean;
  emailDomains: boolean;
  /** Absent on requests saved before the form asked. */
  otherPersonalData?: boolean;
  userGeneratedContent?: boolean;
}

export interface LogRequestInput {
  category: LogCategoryId;
  appKey: string;
  environment: string;
  windowStart: Date;
  windowEnd: Date;
  includes: LogRequestIncludes;
  coldStorage: boolean;
  /** How these logs serve the investigation of this incident. */
  purpose: string;
}

export interface LogRequestContext {
  /** Null (or an invalid date) when there is no incident: such a request is proactive. */
  incidentStart: Date | null;
  incidentEnd?: Date;
  now: Date;
  activeExploitationConfirmed: boolean;
  tenantTier?: TenantTier;
}

export type LogRequestField =
  | 'incident'
  | 'category'
  | 'appKey'
  | 'environment'
  | 'windowStart'
  | 'windowEnd'
  | 'coldStorage'
  | 'purpose';

export interface FieldError {
  field: LogRequestField;
  message: string;
}

export type LogRequestValidation =
  | { ok: true; legalApprovalRequired: boolean }
  | { ok: false; errors: FieldError[] };

/** Every rule is checked so the requester sees all problems at once, not one per attempt. */
export function validateLogRequest(req: LogRequestInput, ctx: LogRequestContext): LogRequestValidation {
  const errors: FieldError[] = [
    ...checkCategory(req, ctx),
    ...checkScope(req),
    ...checkWindow(req, ctx),
    ...checkColdStorage(req, ctx),
  ];
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, legalApprovalRequired: requiresLegalApproval(req.includes) };
}

function checkCategory(req: LogRequestInput, ctx: LogRequestContext): FieldError[] {
  const category = LOG_CATEGORIES.find((c) => c.id === req.category);
  if (category === undefined) {
    return [{ field: 'category', message: 'Choose one of the five log categories Atlassian may share.' }];
  }
  const tier = ctx.tenantTier ?? 'unknown';
  if (category.tenantTiers !== null && !category.tenantTiers.includes(tier)) {
    const known = tier === 'unknown' ? ' The tenant tier is not known.' : ` This tenant is on ${tier}.`;
    return [{ field: 'category', message: LOG_SHARING_REFUSALS.appActivityTier + known }];
  }
  return [];
}

/** Incident scope: one app, one environment, a stated purpose — never bulk or monitoring. */
function checkScope(req: LogRequestInput): FieldError[] {
  const errors: FieldError[] = [];
  if (isBlank(req.appKey)) {
    errors.push({ field: 'appKey', message: `Name the app. ${LOG_SHARING_REFUSALS.incidentScope}` });
  }
  if (isBlank(req.environment)) {
    errors.push({ field: 'environment', message: "Name the app's environment (for example, production)." });
  }
  if (isBlank(req.purpose)) {
    errors.push({
      field: 'purpose',
      message: `Say how these logs serve the investigation of this incident. ${LOG_SHARING_REFUSALS.incidentScope}`,
    });
  }
  return errors;
}

function checkWindow(req: LogRequestInput, ctx: LogRequestContext): FieldError[] {
  if (!isValidDate(ctx.incidentStart)) {
    return [{ field: 'incident', message: `Logs are shared only for an incident. ${LOG_SHARING_REFUSALS.proactive}` }];
  }
  const errors: FieldError[] = [];
  const start = isValidDate(req.windowStart) ? req.windowStart : null;
  const end = isValidDate(req.windowEnd) ? req.windowEnd : null;
  if (start === null) {
    errors.push({ field: 'windowStart', message: `Give the window's start. ${LOG_SHARING_REFUSALS.incidentScope}` });
  }
  if (end === null) {
    errors.push({ field: 'windowEnd', message: `Give the window's end. ${LOG_SHARING_REFUSALS.incidentScope}` });
  }

  const earliest = earliestLogDate(ctx.incidentStart);
  if (start !== null && start.getTime() < earliest.getTime()) {
    errors.push({
      field: 'windowStart',
      message: `The window can't start before ${formatInstant(earliest)}, 12 months before the incident started. ${LOG_SHARING_REFUSALS.lookBack}`,
    });
  }

  // A future incident end cannot hold logs yet, so the earlier of the two bounds the window.
  const incidentEnd = isValidDate(ctx.incidentEnd) ? ctx.incidentEnd : null;
  const latest = incidentEnd !== null && incidentEnd.getTime() < ctx.now.getTime() ? incidentEnd : ctx.now;
  if (end !== null && end.getTime() > latest.getTime()) {
    const bound = latest === incidentEnd ? 'the incident ended' : 'now';
    errors.push({
      field: 'windowEnd',
      message: `The window can't end after ${bound} (${formatInstant(latest)}).`,
    });
  }
  if (start !== null && end !== null && start.getTime() >= end.getTime()) {
    errors.push({ field: 'windowEnd', message: 'The window must end after it starts.' });
  }
  return errors;
}

function checkColdStorage(req: LogRequestInput, ctx: LogRequestContext): FieldError[] {
  if (req.coldStorage && !ctx.activeExploitationConfirmed) {
    return [{ field: 'coldStorage', message: LOG_SHARING_REFUSALS.coldStorage }];
  }
  return [];
}

// ---------------------------------------------------------------------------------------------
// The life of a request
// ---------------------------------------------------------------------------------------------

export const LOG_REQUEST_STATES = [
  'proposed',
  'accepted',
  'declined',
  'legal-requested',
  'legal-approved',
  'legal-denied',
  'delivered',
  'received',
  'deleted',
] as const;
export type LogRequestState = (typeof LOG_REQUEST_STATES)[number];

/** States no event leaves. */
export const FINAL_LOG_REQUEST_STATES: readonly LogRequestState[] = ['declined', 'legal-denied', 'deleted'];

export type LogRequestEvent =
  | { type: 'accept'; note?: string }
  | { type: 'decline'; note?: string }
  | { type: 'request-legal-approval'; note?: string }
  | { type: 'approve-legal'; note?: string }
  | { type: 'deny-legal'; note?: string }
  | { type: 'deliver'; note?: string }
  /** The partner confirms receipt and that the logs will be handled as RESTRICTED data. */
  | { type: 'acknowledge-receipt'; restrictedHandlingAcknowledged: boolean; note?: string }
  /** The partner attests that the shared logs were deleted. */
  | { type: 'attest-deletion'; note?: string };
export type LogRequestEventType = LogRequestEvent['type'];

/**
 * Who records each event: Atlassian IR decides, asks Legal/Privacy and delivers ("All logs are
 * extracted, reviewed, and delivered by Atlassian Incident Response"); the partner handles the data.
 */
export const LOG_REQUEST_EVENT_ACTORS: Readonly<Record<LogRequestEventType, 'ir-staff' | 'partner'>> = {
  accept: 'ir-staff',
  decline: 'ir-staff',
  'request-legal-approval': 'ir-staff',
  'approve-legal': 'ir-staff',
  'deny-legal': 'ir-staff',
  deliver: 'ir-staff',
  'acknowledge-receipt': 'partner',
  'attest-deletion': 'partner',
};

export interface LogRequestHistoryEntry {
  state: LogRequestState;
  at: Date;
  note?: string;
}

/** The part of a stored log request the state machine needs; callers add their own fields. */
export interface LogRequestRecord {
  state: LogRequestState;
  legalApprovalRequired: boolean;
  /** Every state entered, oldest first; the first entry is the proposal. */
  history: LogRequestHistoryEntry[];
}

export type TransitionResult<R extends LogRequestRecord> =
  | { ok: true; request: R }
  | { ok: false; code: 'CONFLICT' | 'INVALID_INPUT'; message: string };

/** A new request, in state `proposed`. */
export function proposeLogRequest(legalApprovalRequired: boolean, at: Date): LogRequestRecord {
  return { state: 'proposed', legalApprovalRequired, history: [{ state: 'proposed', at }] };
}

/**
 * Applies one event. The request is never mutated: a new record comes back, or the reason the
 * event does not apply (CONFLICT: wrong moment; INVALID_INPUT: malformed event or time).
 */
export function transition<R extends LogRequestRecord>(
  request: R,
  event: LogRequestEvent,
  at: Date,
): TransitionResult<R> {
  const invalid = checkEventInput(request, event, at);
  if (invalid !== null) return { ok: false, code: 'INVALID_INPUT', message: invalid };

  const next = nextState(request, event);
  if (!next.ok) return { ok: false, code: 'CONFLICT', message: next.message };

  const entry: LogRequestHistoryEntry = { state: next.state, at };
  const note = event.note?.trim();
  if (note !== undefined && note !== '') entry.note = note;
  return { ok: true, request: { ...request, state: next.state, history: [...request.history, entry] } };
}

function checkEventInput(request: LogRequestRecord, event: LogRequestEvent, at: Date): string | null {
  if (!Object.hasOwn(LOG_REQUEST_EVENT_ACTORS, event.type)) return `Unknown log request event "${String(event.type)}".`;
  if (!isValidDate(at)) return 'The time of the event is not a valid date.';
  const last = request.history[request.history.length - 1];
  if (last !== undefined && at.getTime() < last.at.getTime()) {
    return `The event can't be earlier than the request's last change (${formatInstant(last.at)}).`;
  }
  if (event.type === 'acknowledge-receipt' && event.restrictedHandlingAcknowledged !== true) {
    return `Acknowledge that the logs will be handled as RESTRICTED data. ${RESTRICTED_HANDLING_NOTICE}`;
  }
  return null;
}

type NextState = { ok: true; state: LogRequestState } | { ok: false; message: string };

function nextState(request: LogRequestRecord, event: LogRequestEvent): NextState {
  const { state, legalApprovalRequired } = request;
  if (FINAL_LOG_REQUEST_STATES.includes(state)) {
    return conflict(`The request is ${describeState(state)}; nothing more can happen to it.`);
  }
  switch (event.type) {
    case 'accept':
      return state === 'proposed' ? to('accepted') : conflict(`Only a proposed request can be accepted; this one is ${describeState(state)}.`);
    case 'decline':
      return state === 'proposed' ? to('declined') : conflict(`Only a proposed request can be declined; this one is ${describeState(state)}.`);
    case 'request-legal-approval':
      if (!legalApprovalRequired) {
        return conflict(
          'Legal/Privacy approval is not needed: the request includes no customer account IDs, source IP addresses, customer email domains, other personal data or user-generated content.',
        );
      }
      return state === 'accepted'
        ? to('legal-requested')
        : conflict(`Legal/Privacy approval is requested once the request is accepted; this one is ${describeState(state)}.`);
    case 'approve-legal':
      return state === 'legal-requested' ? to('legal-approved') : conflict(legalNotPending(state));
    case 'deny-legal':
      return state === 'legal-requested' ? to('legal-denied') : conflict(legalNotPending(state));
    case 'deliver':
      return deliver(state, legalApprovalRequired);
    case 'acknowledge-receipt':
      return state === 'delivered'
        ? to('received')
        : conflict(`Receipt can be acknowledged once the logs are delivered; this request is ${describeState(state)}.`);
    case 'attest-deletion':
      return attestDeletion(state);
  }
}

function deliver(state: LogRequestState, legalApprovalRequired: boolean): NextState {
  if (state === 'legal-approved' || (state === 'accepted' && !legalApprovalRequired)) return to('delivered');
  if (state === 'accepted' || state === 'legal-requested') {
    return conflict(
      `Legal/Privacy approval is required first: these logs contain customer account IDs, source IP addresses or customer email domains (expect ${LEGAL_APPROVAL_EXPECTATION}).`,
    );
  }
  return conflict(`Only an accepted request can be delivered; this one is ${describeState(state)}.`);
}

function attestDeletion(state: LogRequestState): NextState {
  if (state === 'received') return to('deleted');
  if (state === 'delivered') {
    return conflict('Acknowledge receipt and RESTRICTED handling of the logs before attesting their deletion.');
  }
  return conflict(`The logs have not been delivered yet, so there is nothing to delete; the request is ${describeState(state)}.`);
}

function legalNotPending(state: LogRequestState): string {
  return `Legal/Privacy approval has not been requested for this request; it is ${describeState(state)}.`;
}

const STATE_WORDS: Readonly<Record<LogRequestState, string>> = {
  proposed: 'proposed',
  accepted: 'accepted',
  declined: 'declined',
  'legal-requested': 'waiting for Legal/Privacy approval',
  'legal-approved': 'approved by Legal/Privacy',
  'legal-denied': 'denied by Legal/Privacy',
  delivered: 'delivered',
  received: 'received by the partner',
  deleted: 'deleted by the partner',
};

function describeState(state: LogRequestState): string {
  return STATE_WORDS[state];
}

function to(state: LogRequestState): NextState {
  return { ok: true, state };
}

function conflict(message: string): NextState {
  return { ok: false, message };
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

function isValidDate(d: Date | null | undefined): d is Date {
  return d instanceof Date && !Number.isNaN(d.getTime());
}

function isBlank(s: string | undefined): boolean {
  return typeof s !== 'string' || s.trim() === '';
}

/** "2024-03-31 10:20:30 UTC": the date first, so people (and tests) find YYYY-MM-DD. */
function formatInstant(d: Date): string {
  const iso = d.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}
