import { listIncidents, LIST_PAGE } from '../adapters/kvs/incident-repo';
import { outreachStatus } from '../domain/outreach';
import { clockConfig } from './clock';
import { upgradeIncidentDoc } from './incident-upgrade';
import { incidentMarks } from '../adapters/kvs/incident-marks';
import type { Call } from './session';
import type { Partner } from '../domain/partner';

// Counting reads every incident; it stops at this many pages (10,000 incidents) and says so.
const MAX_PAGES = 100;
const DAY_MS = 86_400_000;

/**
 * Incidents by phase and support level, how acknowledgments went over the last 90 days, and the incidents whose
 * Jira issue is gone (orphaned: the sweeps leave them alone), for IR staff.
 */
export async function incidentStats(call: Call) {
  const settings = (await call.session.settings()).doc;
  const since = call.now.getTime() - 90 * DAY_MS;
  const byPhase: Record<string, number> = {};
  const bySupportLevel: Record<string, number> = {};
  const ackCompliance = { onTime: 0, late: 0, breached: 0, running: 0 };
  let incidents = 0;
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await listIncidents({ order: 'updated', filters: {}, cursor, limit: LIST_PAGE });
    pages++;
    // Each incident's clock runs on its partner's coverage (read once per invocation per partner).
    const partners = new Map<string, Partner | null>();
    for (const id of new Set(page.items.map((i) => i.doc.partnerId).filter((x): x is string => !!x))) partners.set(id, (await call.session.partner(id))?.doc ?? null);
    for (const item of page.items) {
      const config = clockConfig(settings, item.doc.partnerId ? (partners.get(item.doc.partnerId) ?? null) : null);
      incidents++;
      const phase = item.phase ?? 'none';
      const level = item.supportLevel ?? 'untriaged';
      byPhase[phase] = (byPhase[phase] ?? 0) + 1;
      bySupportLevel[level] = (bySupportLevel[level] ?? 0) + 1;
      for (const o of upgradeIncidentDoc(item.doc, item.issueKey).outreaches) {
        if (new Date(o.at).getTime() < since) continue;
        const state = outreachStatus(o, config, call.now).state;
        if (state === 'acknowledged') ackCompliance.onTime++;
        else if (state === 'acknowledged-late') ackCompliance.late++;
        else if (state === 'breached') ackCompliance.breached++;
        else ackCompliance.running++;
      }
    }
    cursor = page.cursor;
  } while (cursor && pages < MAX_PAGES);
  return { byPhase, bySupportLevel, ackCompliance, incidents, capped: cursor !== undefined, orphaned: await incidentMarks.orphans() };
}
