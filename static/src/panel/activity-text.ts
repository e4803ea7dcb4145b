// The incident's audit trail in words: what each entry did, with field labels instead of stored paths.
import type { HistoryPage } from '../../../src/contract/audit';
import { PHASE_LABELS, type Phase } from '../../../src/domain/lifecycle';
import { REPORT_FIELD_LABELS } from '../../../src/domain/report';

type Entry = HistoryPage['entries'][number];

export const ACTIVITY_KINDS = ['report', 'outreach', 'reminders', 'phase', 'logs', 'other'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = {
  report: 'Report edits',
  outreach: 'Outreach and acknowledgments',
  reminders: 'Reminders',
  phase: 'Phase moves',
  logs: 'Log requests',
  other: 'Other changes',
};

const ACTIONS: Record<string, [ActivityKind, string]> = {
  'report.save': ['report', 'edited the report'],
  'report.irNotes': ['report', 'changed the IR notes'],
  'indicators.add': ['report', 'added indicators'],
  'indicators.edit': ['report', 'edited an indicator'],
  'indicators.remove': ['report', 'removed indicators'],
  'triage.save': ['other', 'saved triage'],
  'channels.save': ['other', 'recorded a collaboration channel'],
  'phase.move': ['phase', 'moved the phase'],
  'incident.close': ['phase', 'closed the incident'],
  'outreach.record': ['outreach', 'recorded an outreach'],
  'outreach.acknowledge': ['outreach', 'recorded an acknowledgment'],
  'clock.claim': ['reminders', 'started a reminder'],
  'clock.reminder': ['reminders', 'posted a reminder comment'],
  'mitigations.save': ['other', 'saved mitigations'],
  'customers.notified': ['other', 'recorded the customer notification'],
  'rootCause.save': ['other', 'updated the root cause analysis'],
  'logRequest.propose': ['logs', 'proposed a log request'],
  'logRequest.accept': ['logs', 'accepted a log request'],
  'logRequest.decline': ['logs', 'declined a log request'],
  'logRequest.request-legal-approval': ['logs', 'asked Legal/Privacy for approval'],
  'logRequest.approve-legal': ['logs', 'recorded Legal/Privacy approval'],
  'logRequest.deny-legal': ['logs', 'recorded a Legal/Privacy denial'],
  'logRequest.deliver': ['logs', 'recorded a log delivery'],
  'logRequest.receive': ['logs', 'acknowledged receipt of shared logs'],
  'logRequest.deleted': ['logs', 'attested deletion of shared logs'],
  'logRequest.hold': ['logs', 'placed a legal hold'],
  'logRequest.release': ['logs', 'lifted a legal hold'],
  'logSharing.facts': ['logs', 'saved log-sharing determinations'],
  'retention.claim': ['reminders', 'started a retention reminder'],
  'retention.reminder': ['reminders', 'posted a retention reminder'],
  'incident.partner': ['other', 'set the incident\u2019s partner'],
};

export function activityKind(e: Entry): ActivityKind {
  return ACTIONS[e.action]?.[0] ?? 'other';
}

export function activityVerb(e: Entry): string {
  return ACTIONS[e.action]?.[1] ?? 'changed the incident';
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const short = (v: unknown, when: (iso: string) => string): string | null => {
  if (v === undefined || v === null || v === '') return 'empty';
  // Times read as the viewer's local date and time, not stored ISO text.
  if (typeof v === 'string' && ISO_INSTANT.test(v)) return when(v);
  if (typeof v === 'string') return v.length > 80 ? `${v.slice(0, 77)}…` : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.length ? v.join(', ') : 'none';
  return null;
};

/** One line per change, in words: "What happened: 'a' → 'b'"; structured values are named, not dumped. */
export function changeLines(e: Entry, when: (iso: string) => string = (iso) => iso): string[] {
  if (e.action === 'phase.move' || e.action === 'incident.close') {
    const c = e.changes.find((x) => x.path === 'phase');
    if (!c) return [];
    const label = (p: unknown) => PHASE_LABELS[p as Phase] ?? String(p);
    return [c.before ? `from ${label(c.before)} to ${label(c.after)}` : `to ${label(c.after)}`];
  }
  if (!e.action.startsWith('report.')) return [];
  return e.changes.map((c) => {
    const label = REPORT_FIELD_LABELS[c.path as keyof typeof REPORT_FIELD_LABELS] ?? (c.path === 'irNotes' ? 'IR notes' : c.path.startsWith('attachments') ? 'Attachments' : 'A report field');
    const before = short(c.before, when);
    const after = short(c.after, when);
    return before !== null && after !== null ? `${label}: ${before} → ${after}` : `${label} changed`;
  });
}
