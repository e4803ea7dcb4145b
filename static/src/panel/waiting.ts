import type { OutputOf } from '../../../src/contract/fn';
import type { PANEL } from '../../../src/contract/panel';
import type { IncidentViewData } from '../../../src/contract/incident';

type Load = OutputOf<typeof PANEL.load>;

/** What waits on IR staff, in plain words: derived from the loaded incident, no extra call. */
export function waitingOnUs(data: Load, incident: IncidentViewData): string[] {
  const out: string[] = [];
  if (incident.logSharing.closedAt) return out;
  if (!data.prefill.partner) out.push('Link the incident to its partner');
  if (!incident.triage.saved) out.push('Save triage: notification decision, eligibility and support level');
  if (incident.obligations.outreaches.length === 0) out.push('Reach out to the partner and record the outreach');
  for (const r of incident.logSharing.requests) {
    const what = `${r.categoryLabel} for ${r.appKey || 'the app'}`;
    if (r.state === 'proposed') out.push(`Accept or decline the log request: ${what}`);
    if (r.state === 'legal-requested') out.push(`Record the Legal/Privacy decision: ${what}`);
    if (r.state === 'legal-approved' || (r.state === 'accepted' && !r.legalApprovalRequired)) out.push(`Deliver the logs: ${what}`);
    if (r.state === 'accepted' && r.legalApprovalRequired) out.push(`Ask Legal/Privacy to approve: ${what}`);
  }
  return out;
}
