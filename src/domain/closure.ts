// What is still open when IR staff close an incident, and what closing sets: the close dialog lists both so
// an irreversible step is taken knowingly. Pure: the caller passes the time.
import { sharedDataDeleteBy, type LogRequestState } from './log-sharing';
import { holdsSharedData } from './log-retention';

export interface ClosureInput {
  outreaches: readonly { id: string; at: string; ack: unknown }[];
  mitigations: readonly { description: string; status: string }[];
  rootCause: { status: string };
  customerNotification: unknown;
  logRequests: readonly { id: string; categoryLabel: string; state: LogRequestState; legalHold: unknown }[];
}

export interface OutstandingItem {
  kind: 'outreach' | 'mitigation' | 'root-cause' | 'customer-notification' | 'log-request';
  text: string;
}

const OPEN_LOG_STATES: readonly LogRequestState[] = ['proposed', 'accepted', 'legal-requested', 'legal-approved', 'delivered'];

export function outstandingAtClose(x: ClosureInput): OutstandingItem[] {
  const out: OutstandingItem[] = [];
  const unacked = x.outreaches.filter((o) => o.ack === null);
  if (unacked.length) out.push({ kind: 'outreach', text: `${unacked.length} outreach${unacked.length === 1 ? ' is' : 'es are'} not acknowledged by the partner` });
  for (const m of x.mitigations) if (m.status !== 'done' && m.status !== 'not-needed') out.push({ kind: 'mitigation', text: `Mitigation still open: ${m.description || 'no description'}` });
  if (x.rootCause.status !== 'provided') out.push({ kind: 'root-cause', text: 'The root cause analysis has not been provided' });
  if (x.customerNotification === null) out.push({ kind: 'customer-notification', text: 'No customer notification is recorded' });
  for (const r of x.logRequests) {
    if (!OPEN_LOG_STATES.includes(r.state)) continue;
    out.push({ kind: 'log-request', text: r.state === 'delivered' ? `Log request not yet received by the partner: ${r.categoryLabel}` : `Log request not yet delivered: ${r.categoryLabel}` });
  }
  return out;
}

/** The delete-by date closing now gives each request whose logs are with the partner (none under a legal hold). */
export function deleteByDatesOnClose(x: Pick<ClosureInput, 'logRequests'>, closeAt: Date): { id: string; categoryLabel: string; deleteBy: Date | null }[] {
  return x.logRequests.filter((r) => holdsSharedData(r.state)).map((r) => ({ id: r.id, categoryLabel: r.categoryLabel, deleteBy: sharedDataDeleteBy(closeAt, r.legalHold !== null) }));
}
