// The Incident aggregate: what is stored about one incident ticket, its empty value, how records of an
// earlier shape read today, which facts are indexed, and what a partner may see of it and of its trail.
import { EMPTY_REPORT, toPartnerReport, upgradeReport, type PartnerReport, type Report, type StoredIndicator } from './report';
import type { AuditEntry, FieldChange } from './audit-trail';
import type { ChannelRecord, PhaseRecord, Triage } from './triage';
import type { Channel } from './eligibility';
import type { Outreach } from './outreach';
import type { CustomerNotification, Mitigation, RootCause } from './responsibilities';
import type { LogSharingPart } from './log-retention';
import type { IntakeRecord } from './intake';
import { isIrInternalAction, isIrInternalNote, isIrInternalPath } from './visibility';

/**
 * The shape version of an incident record. 1 = written by the single-partner version (no schemaVersion
 * field, no partner link); 2 = linked to at most one partner of the directory.
 */
export const INCIDENT_SCHEMA_VERSION = 2;

/** Who linked the incident to its partner, and how. */
export interface PartnerLink {
  at: string;
  by: string;
  /** 'ir' = IR staff chose it; 'app' = suggested from the report's app ID; 'member' = a partner member's first save. */
  via: 'ir' | 'app' | 'member';
}

/** The incident's main record; indicators live beside it in chunks so no value nears 240 KiB. */
export interface IncidentDoc {
  schemaVersion?: number;
  issueKey: string;
  /** The partner of the directory the incident belongs to; null while unassigned (IR-internal). */
  partnerId?: string | null;
  partnerLink?: PartnerLink | null;
  /** The issue's summary as Jira had it when the incident was first saved (for the global page's search). */
  summary?: string;
  report: Report;
  /** Attachment id → file name, as Jira listed them when they were chosen (the files stay in Jira). */
  attachmentNames: Record<string, string>;
  indicatorCount: number;
  updatedAt: string;
  /** Null until IR staff save triage; until then the view shows inputs prefilled from the partner. */
  triage: Triage | null;
  channels: Partial<Record<Channel, ChannelRecord>>;
  phases: PhaseRecord[];
  outreaches: Outreach[];
  mitigations: Mitigation[];
  customerNotification: CustomerNotification | null;
  rootCause: RootCause;
  /** Log requests and IR's determinations that bound them; absent on records saved before log sharing existed. */
  logSharing?: LogSharingPart;
  /** Set when the incident was reported from the app's global page (absent on records started in the panel). */
  intake?: IntakeRecord | null;
}

/** The incident's indexed attributes, besides its identity. None of them is IR-internal. */
export interface IncidentIndex {
  /** When the scheduled trigger next needs to look at the acknowledgment clocks; absent when nothing is owed. */
  ackCheckAt?: string;
  /** When the scheduled trigger next owes a shared-data retention reminder; absent when none is pending. */
  retentionCheckAt?: string;
  /** The global page's default order and its filters. */
  dueSort?: string;
  supportLevel?: string;
  phase?: string;
  appId?: string;
  ackState?: string;
  ackDueAt?: string;
  /** The incident's partner, so the directory's own listing and filters need no scan. */
  partnerId?: string;
  /** Lower-case issue key and summary, for the global page's search. */
  searchText?: string;
}

/** A new incident: nothing recorded yet, no partner. */
export const emptyIncident = (issueKey: string): IncidentDoc => ({
  schemaVersion: INCIDENT_SCHEMA_VERSION,
  issueKey,
  partnerId: null,
  partnerLink: null,
  report: EMPTY_REPORT,
  attachmentNames: {},
  indicatorCount: 0,
  updatedAt: '',
  triage: null,
  channels: {},
  phases: [],
  outreaches: [],
  mitigations: [],
  customerNotification: null,
  rootCause: { status: 'not-started', reference: '' },
});

/**
 * A stored record as today's code reads it: parts a record was written without read as their empty value,
 * and a record of the single-partner version (no partner link) reads as unassigned.
 */
export function upgradeIncident(issueKey: string, stored: Partial<IncidentDoc> | null | undefined): IncidentDoc {
  const doc = { ...emptyIncident(issueKey), ...(stored ?? {}) };
  return { ...doc, report: upgradeReport(stored?.report ?? EMPTY_REPORT), schemaVersion: INCIDENT_SCHEMA_VERSION, partnerId: doc.partnerId ?? null, partnerLink: doc.partnerLink ?? null };
}

/** The report as a viewer of this role may read it. */
export function reportFor(role: 'ir' | 'partner' | 'viewer', report: Report): PartnerReport & { irNotes?: string } {
  return role === 'ir' ? report : toPartnerReport(report);
}

/** A triage as a partner may see it: the override's reason stays with IR. */
export function partnerTriage(t: Triage): Triage {
  return t.override ? { ...t, override: { ...t.override, reason: '' } } : t;
}

const withoutReason = (x: unknown) => (x && typeof x === 'object' && 'reason' in x ? { ...(x as Record<string, unknown>), reason: undefined } : x);

/** A trail change as a partner may see it: an override's reason is IR-internal wherever it appears. */
function redactChange(c: FieldChange): FieldChange {
  if (c.path !== 'triage' && c.path !== 'triage.override') return c;
  const strip = (x: unknown) => (c.path === 'triage' && x && typeof x === 'object' ? { ...(x as Record<string, unknown>), override: withoutReason((x as Record<string, unknown>).override) } : withoutReason(x));
  return { path: c.path, ...(c.before !== undefined ? { before: strip(c.before) } : {}), ...(c.after !== undefined ? { after: strip(c.after) } : {}) };
}

/**
 * A partner's copy of trail entries: IR-internal actions left out, IR-internal fields and notes removed,
 * and entries left with nothing to show dropped. The hashes stay, so the partner's copy is still the trail.
 */
export function partnerHistory<E extends Pick<AuditEntry, 'action' | 'changes' | 'note'>>(entries: readonly E[]): E[] {
  return entries
    .filter((e) => !isIrInternalAction(e.action))
    .map((e) => ({ ...e, note: isIrInternalNote(e.action) ? undefined : e.note, changes: e.changes.filter((c) => !isIrInternalPath(c.path)).map(redactChange) }))
    .filter((e) => e.changes.length > 0 || e.note);
}

/** Indicators stored beside the record, in chunks of this size (see the KVS adapter). */
export type IndicatorList = StoredIndicator[];
