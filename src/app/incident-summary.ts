// The incident in a sentence or two for Jira's right-hand column: the clock that matters and what is owed.
import { closedAtOf } from '../domain/log-retention';
import { obligationsView } from './clock';
import type { Call } from './session';

export async function incidentSummary(call: Call) {
  const [read, settings] = await Promise.all([call.session.incident(), call.session.settings()]);
  const partner = read.partner?.doc ?? null;
  const doc = read.state.record.doc;
  const ob = obligationsView(doc, settings.doc, partner, call.now);
  const outreach = ob.outreaches.find((o) => !o.ack) ?? ob.outreaches.at(-1) ?? null;
  const owed = ob.checklist.items.flatMap((i) => (i.status === 'open' || i.status === 'overdue' ? [{ key: i.key, label: i.label, status: i.status, dueAt: i.dueAt }] : []));
  return {
    clock: ob.clock,
    outreach,
    owed,
    phase: doc.phases.at(-1)?.phase ?? null,
    closed: closedAtOf(doc.phases) !== null,
    // Which partner an incident belongs to is IR's business (as on the panel).
    partnerName: call.role === 'ir' ? (partner?.name ?? null) : null,
  };
}
