import type { Call } from './session';
import { QUEUE_PAGE_SIZE, type QueueRequest, type QueueRow } from '../contract/global';
import { queueJql } from '../domain/queue';
import { parseIntake } from '../domain/intake';
import { missingReportFields } from '../domain/report';
import type { Settings } from '../domain/settings';
import type { Partner } from '../domain/partner';
import type { IncidentDoc } from '../domain/incident';
import { jiraSearch, type SearchHit } from '../adapters/jira/search';
import { incidentFromStored, incidentItem } from '../adapters/kvs/incident-repo';
import { batchRead, type Versioned } from '../adapters/kvs/versioned-store';
import { partnerRepo } from '../adapters/kvs/partner-repo';
import { incidentFacts } from './listing';
import { obligationsView } from './clock';
import { recordFromIntake } from './intake';
import { AppError, invalid } from '../shared/errors';

// A page writes at most this many records from intakes whose record is missing, so a load stays bounded.
const MAX_RECOVERIES = 3;

function problemOf(messages: string[]): string {
  return `Jira could not run this view: ${messages.join(' ')} If a configured project or issue type no longer exists, ask a Jira admin to update \u201cIncident tickets\u201d in the app settings.`;
}

/** What an incident still needs from its partner: the open items of their checklist and the report's gaps. */
function needsOf(doc: IncidentDoc, settings: Settings, partner: Partner | null, now: Date): QueueRow['needs'] {
  const items = obligationsView(doc, settings, partner, now).checklist.items.filter((i) => (i.status === 'open' || i.status === 'overdue') && i.key !== 'contacts-current');
  const needs = items.map((i) => ({ label: i.label, detail: i.detail, dueAt: i.dueAt, overdue: i.status === 'overdue' }));
  const missing = missingReportFields(doc.report, doc.indicatorCount);
  if (missing.length) needs.push({ label: 'Complete the report', detail: `${missing.length} report field${missing.length === 1 ? '' : 's'} missing: ${missing.slice(0, 4).map((m) => m.label).join(', ')}${missing.length > 4 ? ', \u2026' : ''}`, dueAt: null, overdue: false });
  return needs;
}

function untriagedRow(hit: SearchHit): QueueRow {
  return { issueId: hit.id, issueKey: hit.key, summary: hit.summary, created: hit.created, hasRecord: false, supportLevel: 'untriaged', phase: 'none', severity: '', partnerName: '', appName: '', clock: 'none', ackDueAt: '', nextPartnerDue: '', nextDeletionDue: '', needs: [] };
}

function rowOf(call: Call, hit: SearchHit, doc: IncidentDoc, settings: Settings, partner: Partner | null): QueueRow {
  const f = incidentFacts(doc, settings, partner, call.now);
  const breached = f.ackState === 'running' && f.ackDueAt !== '' && f.ackDueAt < call.now.toISOString();
  return {
    ...untriagedRow(hit),
    hasRecord: true,
    supportLevel: f.supportLevel,
    phase: f.phase,
    severity: doc.triage?.support.severity ?? '',
    partnerName: call.role === 'ir' ? (partner?.name ?? '') : '',
    appName: f.appName,
    clock: breached ? 'breached' : f.ackState,
    ackDueAt: f.ackDueAt,
    nextPartnerDue: f.nextPartnerDue,
    nextDeletionDue: f.nextDeletionDue,
    needs: call.role === 'partner' ? needsOf(doc, settings, partner, call.now) : [],
  };
}

/** Writes the records of reported tickets whose record is missing (the report's second step failed earlier). */
async function recover(call: Call, hits: SearchHit[], docs: Map<string, IncidentDoc>) {
  if (call.role === 'viewer') return;
  const pending = hits.filter((h) => !docs.has(h.id) && h.intake !== undefined).slice(0, MAX_RECOVERIES);
  for (const hit of pending) {
    const intake = parseIntake(hit.intake);
    if (!intake) continue;
    // The property is editable in Jira: a partner's people only complete intakes naming their own organization.
    if (call.role === 'partner' && !(await call.session.myPartners()).some((p) => p.doc.id === intake.partnerId)) continue;
    const partner = (await call.session.partner(intake.partnerId))?.doc ?? null;
    try {
      await recordFromIntake(call, { id: hit.id, key: hit.key }, hit.summary, intake, partner);
      const [written] = await batchRead([incidentItem(hit.id)]);
      docs.set(hit.id, incidentFromStored(hit.key, written?.value).doc);
    } catch (e) {
      // Someone else's load wrote it meanwhile, or storage is busy: the next load tries again.
      if (!(e instanceof AppError && e.code === 'CONFLICT')) console.error(`Could not write the record of ${hit.key} from its intake`, e);
    }
  }
}

/**
 * One page of a queue view: Jira's search as the user (so Jira decides what the viewer may see), merged with the
 * app's records of those tickets (one batched read) and their partners (one more). A ticket without a record
 * needs triage. The number of calls does not depend on how many incidents exist.
 */
export async function queuePage(call: Call, input: QueueRequest) {
  const settings = (await call.session.settings()).doc;
  const role = call.role === 'admin' ? 'viewer' : call.role;
  const jql = queueJql({ tickets: settings.incidents, view: input.view, role, filters: input, sort: input.sort });
  const answer = await jiraSearch.page(jql, QUEUE_PAGE_SIZE, input.cursor);
  if (!answer.ok) {
    // The cursor is Jira's nextPageToken: one Jira refuses did not come from the previous page.
    if (input.cursor) throw invalid({ cursor: 'Use the cursor the previous page returned' });
    return { rows: [], jql, problem: problemOf(answer.messages) };
  }
  const stored = await batchRead(answer.hits.map((h) => incidentItem(h.id)));
  const docs = new Map<string, IncidentDoc>();
  for (const s of stored) {
    const hit = answer.hits.find((h) => h.id === s.key);
    if (hit) docs.set(hit.id, incidentFromStored(hit.key, s.value).doc);
  }
  await recover(call, answer.hits, docs);
  const partnerIds = [...new Set([...docs.values()].map((d) => d.partnerId).filter((x): x is string => !!x))];
  const partners = partnerIds.length ? await partnerRepo.loadMany(partnerIds) : new Map<string, Versioned<Partner>>();
  const rows = answer.hits.map((hit) => {
    const doc = docs.get(hit.id);
    if (!doc) return untriagedRow(hit);
    try {
      return rowOf(call, hit, doc, settings, doc.partnerId ? (partners.get(doc.partnerId)?.doc ?? null) : null);
    } catch (e) {
      // A record the app cannot fully read still lists (as a ticket with a record): one bad record never breaks the page.
      console.error(`Could not compute the facts of ${hit.key}`, e);
      return { ...untriagedRow(hit), hasRecord: true };
    }
  });
  return { rows, jql, problem: null, ...(answer.nextPageToken ? { cursor: answer.nextPageToken } : {}) };
}
