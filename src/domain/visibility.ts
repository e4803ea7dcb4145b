// What partners may not see, decided once. Each audit action and each stored field path is tagged here,
// where it is defined: the partner's view of the incident, the partner's copy of its history, and the
// redaction of trail entries all read these tags, so they cannot disagree.

export type Visibility = 'shared' | 'ir-internal';

interface ActionTag {
  /** Whether partners see the entry at all. */
  entry: Visibility;
  /** Whether partners see the entry's free-text note (e.g. an override's reason). */
  note: Visibility;
}

const shared: ActionTag = { entry: 'shared', note: 'shared' };
const internal: ActionTag = { entry: 'ir-internal', note: 'ir-internal' };

/** Every audit action the app writes on an incident's trail. An unknown action is IR-internal. */
export const INCIDENT_ACTIONS = {
  'report.save': shared,
  'report.irNotes': internal,
  'indicators.add': shared,
  'indicators.edit': shared,
  'indicators.remove': shared,
  // The note is the override's reason, which stays with IR.
  'triage.save': { entry: 'shared', note: 'ir-internal' },
  'channels.save': shared,
  'phase.move': shared,
  'incident.close': shared,
  'outreach.record': shared,
  'outreach.acknowledge': shared,
  'mitigations.save': shared,
  'customers.notified': shared,
  'rootCause.save': shared,
  'logRequest.propose': shared,
  'logRequest.approve': shared,
  'logRequest.reject': shared,
  'logRequest.deliver': shared,
  'logRequest.receive': shared,
  'logRequest.deleted': shared,
  'logRequest.hold': shared,
  'logRequest.release': shared,
  'logSharing.facts': shared,
  // Claims are the scheduler's bookkeeping (one run wins); the reminders themselves are shared.
  'clock.claim': internal,
  'clock.reminder': shared,
  'retention.claim': internal,
  'retention.reminder': shared,
  // Which partner an incident belongs to, and to whom it belonged before, is IR's business.
  'incident.partner': internal,
} as const satisfies Record<string, ActionTag>;
export type IncidentAction = keyof typeof INCIDENT_ACTIONS;

const tagOf = (action: string): ActionTag => (INCIDENT_ACTIONS as Record<string, ActionTag>)[action] ?? internal;

export const isIrInternalAction = (action: string): boolean => tagOf(action).entry === 'ir-internal';
export const isIrInternalNote = (action: string): boolean => tagOf(action).note === 'ir-internal';

/**
 * Stored fields that are IR-internal, as paths of the incident record (and of the trail's changes, which use
 * the same paths). A path is internal when it is one of these or lies below one.
 */
export const IR_INTERNAL_FIELDS: readonly RegExp[] = [
  /^report\.irNotes(\.|$)/,
  /^irNotes$/,
  /^triage\.override\.reason$/,
  /^partnerId$/,
  /^logRequests\.[^.]+\.(internalNote|internalNotes|legalHoldReason)(\.|$)/,
];

export const isIrInternalPath = (path: string): boolean => IR_INTERNAL_FIELDS.some((re) => re.test(path));

/** The IR-internal fields of the report: the partner's copy of a report leaves these out. */
export const IR_INTERNAL_REPORT_FIELDS = ['irNotes'] as const;
