import { listIncidents, type ListedIncident, type ListQuery } from '../adapters/kvs/incident-repo';
import { issues } from '../adapters/jira/issues';
import type { IncidentRow, ListRequest } from '../contract/global';
import { incidentFacts } from './listing';
import { upgradeIncidentDoc } from './incident-upgrade';
import { outreachStatus } from '../domain/outreach';
import { clockConfig } from './clock';
import type { Call } from './session';
import { partnerRepo } from '../adapters/kvs/partner-repo';
import type { Versioned } from '../adapters/kvs/versioned-store';
import type { Partner } from '../domain/partner';

// At most this many KVS pages for one page of rows: a partner who can see few incidents still gets an
// answer quickly, with a cursor to look further.
const MAX_QUERIES = 3;

function filtersOf(input: ListRequest, now: string): ListQuery['filters'] {
  const f: ListQuery['filters'] = { supportLevel: input.supportLevel, phase: input.phase, appId: input.appId, search: input.search?.toLowerCase() || undefined };
  if (input.clock === 'breached') return { ...f, ackState: 'running', dueBefore: now };
  if (input.clock === 'running') return { ...f, ackState: 'running', dueFrom: now };
  return input.clock ? { ...f, ackState: input.clock } : f;
}

function rowOf(item: ListedIncident, summary: string, now: Date): IncidentRow {
  const running = item.ackState === 'running';
  const breached = running && item.ackDueAt !== undefined && item.ackDueAt < now.toISOString();
  return {
    issueId: item.issueId,
    issueKey: item.issueKey,
    summary,
    appName: item.doc.report.app.name,
    supportLevel: (item.supportLevel ?? 'untriaged') as IncidentRow['supportLevel'],
    phase: item.phase ?? 'none',
    clock: breached ? 'breached' : ((item.ackState ?? 'none') as IncidentRow['clock']),
    ackDueAt: item.ackDueAt ?? '',
    nextPartnerDue: '',
    nextDeletionDue: '',
    updatedAt: item.updatedAt,
  };
}

/**
 * A page of the incidents the viewer may browse, in the chosen order and filters: candidates come from
 * one index query, and one bulk Jira call per query keeps only the issues Jira lets the viewer see.
 */
export async function listPage(call: Call, input: ListRequest): Promise<{ rows: IncidentRow[]; cursor?: string }> {
  const now = call.now.toISOString();
  const settings = (await call.session.settings()).doc;
  const rows: IncidentRow[] = [];
  let cursor = input.cursor;
  for (let q = 0; q < MAX_QUERIES; q++) {
    const page = await listIncidents({ order: input.order, filters: filtersOf(input, now), cursor, limit: input.pageSize });
    const visible = await issues.visibleTo(page.items.map((i) => i.issueId));
    // Each incident's clock runs on its partner's coverage: the page's partners in one read.
    const partnerIds = [...new Set(page.items.filter((i) => visible.has(i.issueId)).map((i) => i.doc.partnerId).filter((x): x is string => !!x))];
    const partners = partnerIds.length ? await partnerRepo.loadMany(partnerIds) : new Map<string, Versioned<Partner>>();
    const partnerOf = (item: ListedIncident) => (item.doc.partnerId ? (partners.get(item.doc.partnerId)?.doc ?? null) : null);
    for (const item of page.items) {
      const seen = visible.get(item.issueId);
      if (!seen) continue;
      const doc = upgradeIncidentDoc(item.doc, item.issueKey);
      const row = rowOf({ ...item, doc }, seen.summary, call.now);
      try {
        const facts = incidentFacts(doc, settings, partnerOf(item), call.now);
        row.nextPartnerDue = facts.nextPartnerDue;
        row.nextDeletionDue = facts.nextDeletionDue;
        if (row.clock === 'running' || row.clock === 'breached') {
          const latest = doc.outreaches.at(-1);
          if (latest) row.ackDueAt = outreachStatus(latest, clockConfig(settings, partnerOf(item)), call.now).dueAt.toISOString();
        }
      } catch (e) {
        // A record the app cannot fully read still lists, with its indexed facts: one bad record never breaks the page.
        console.error(`Could not compute the facts of ${item.issueKey}`, e);
      }
      rows.push(row);
    }
    cursor = page.cursor;
    if (!cursor || rows.length > 0) break;
  }
  return cursor ? { rows, cursor } : { rows };
}
