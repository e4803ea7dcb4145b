import { triageOutcome, defaultTriage } from '../domain/triage';
import type { Settings } from '../domain/settings';
import { supportPrefill } from '../domain/prefill';
import type { IncidentDoc } from '../domain/incident';
import type { Partner } from '../domain/partner';
import { obligationsView } from './clock';
import { sharedDataOf } from './log-sharing-view';

export const SUPPORT_LEVELS = ['joint', 'async', 'out-of-scope', 'untriaged'] as const;
export type SupportLevel = (typeof SUPPORT_LEVELS)[number];
export const LIST_ACK_STATES = ['none', 'running', 'acknowledged', 'acknowledged-late'] as const;
export type ListAckState = (typeof LIST_ACK_STATES)[number];

/** What the global page and Jira's search know about an incident without opening it; none of it is IR-internal. */
export interface IncidentFacts {
  supportLevel: SupportLevel;
  phase: string;
  appId: string;
  appName: string;
  /** The latest outreach's clock: 'running' becomes breached once `ackDueAt` has passed. */
  ackState: ListAckState;
  ackDueAt: string;
  nextPartnerDue: string;
  nextDeletionDue: string;
}

const toInstant = (d: string | null | undefined) => (!d ? '' : d.length === 10 ? `${d}T00:00:00.000Z` : new Date(d).toISOString());
const earliest = (xs: string[]) => xs.filter(Boolean).sort()[0] ?? '';

export function incidentFacts(doc: IncidentDoc, settings: Settings, partner: Partner | null, now: Date): IncidentFacts {
  const triage = doc.triage;
  const outcome = triage ? triageOutcome(triage) : triageOutcome(defaultTriage(supportPrefill(partner, doc.report.app.appId || undefined)));
  const ob = obligationsView(doc, settings, partner, now);
  const latest = ob.outreaches.at(-1);
  const ackState: ListAckState = !latest ? 'none' : latest.ack ? (latest.state === 'acknowledged-late' ? 'acknowledged-late' : 'acknowledged') : 'running';
  return {
    supportLevel: triage ? outcome.collaboration : 'untriaged',
    phase: doc.phases.at(-1)?.phase ?? 'none',
    appId: doc.report.app.appId,
    appName: doc.report.app.name,
    ackState,
    ackDueAt: latest ? latest.dueAt : '',
    nextPartnerDue: toInstant(ob.checklist.nextDue),
    nextDeletionDue: toInstant(sharedDataOf(doc, now)?.nextDeleteBy),
  };
}

/**
 * The default order of the global page: whatever falls due first comes first, so overdue items (due in the
 * past) lead, then those at risk; incidents with nothing due last (as closed ones are, but for shared logs still to
 * delete). The issue id makes each key unique.
 */
export function dueSortKey(f: IncidentFacts, issueId: string): string {
  // A closed incident is not at risk; only the deletion of logs shared with the partner stays due after closure.
  const due = f.phase === 'closed' ? f.nextDeletionDue : earliest([f.ackState === 'running' ? f.ackDueAt : '', f.nextPartnerDue, f.nextDeletionDue]);
  return `${due || '9999-12-31T23:59:59.999Z'}#${issueId.padStart(12, '0')}`;
}

/** An instant as entity-property `date` values are documented: `YYYY-MM-DDThh:mm:ssZ`, whole seconds. */
const propertyDate = (iso: string) => `${iso.slice(0, 19)}Z`;

/** The issue property Jira indexes for JQL (`jira:entityProperty` `incident-response`). */
export function propertyValue(f: IncidentFacts) {
  return {
    supportLevel: f.supportLevel,
    phase: f.phase,
    ackState: f.ackState,
    ...(f.ackDueAt ? { ackDueAt: propertyDate(f.ackDueAt) } : {}),
    ...(f.nextPartnerDue ? { partnerDue: propertyDate(f.nextPartnerDue) } : {}),
    ...(f.nextDeletionDue ? { deletionDue: propertyDate(f.nextDeletionDue) } : {}),
  };
}
