import { listIncidents } from '../adapters/kvs/incident-repo';
import { issues } from '../adapters/jira/issues';
import { APP_PROJECT_ROLE, type SiteCheck } from '../contract/site';
import type { Call } from './session';
import { revive } from './orphans';

/** Pages of 100 incident records read by one check, within one resolver call's time. */
const MAX_PAGES = 10;

/** The step a Jira admin takes so the app sees the tickets of these projects (Jira Cloud's settings). */
export function fixStep(projects: string[]): string {
  const which = projects.length === 1 ? `project ${projects[0]}` : `projects ${projects.join(', ')}`;
  return (
    `In Jira, go to Settings › Issues › Issue security schemes, open the scheme used by ${which}, and on each ` +
    `security level these tickets use choose Add, then Project role: ${APP_PROJECT_ROLE}. An app cannot be added ` +
    `to a group; this role is how it sees a restricted ticket. Then run this check again.`
  );
}

/**
 * Which incident tickets the app itself cannot see. On Jira Cloud a ticket with an issue security level is
 * invisible to the app unless the level includes the app's project role; on such a ticket no reminder is
 * posted and the JQL property is not written. The tickets are the app's own incident records, each looked
 * up as the app (one bulk call per 100). An incident the sweeps marked orphaned whose ticket the app sees
 * again (the fix was made) is brought back into the sweeps.
 */
export async function siteCheck(call: Call): Promise<SiteCheck> {
  const hidden: SiteCheck['hidden'] = [];
  let incidents = 0;
  let revived = 0;
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await listIncidents({ order: 'updated', filters: {}, limit: 100, cursor });
    const seen = await issues.visibleToApp(page.items.map((i) => i.issueId));
    incidents += page.items.length;
    for (const i of page.items) {
      if (!seen.has(i.issueId)) hidden.push({ issueId: i.issueId, issueKey: i.issueKey, project: i.issueKey.split('-')[0] ?? '' });
      else if (i.orphanedAt && (await revive(call, { id: i.issueId, key: i.issueKey }, i))) revived++;
    }
    cursor = page.cursor;
  } while (cursor && ++pages < MAX_PAGES);
  const projects = [...new Set(hidden.map((h) => h.project))].sort();
  return { checkedAt: call.now.toISOString(), incidents, complete: !cursor, hidden, revived, fix: hidden.length > 0 ? fixStep(projects) : '' };
}
