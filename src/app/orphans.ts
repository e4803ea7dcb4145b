// An incident whose ticket the app could not see (deleted, or behind a security level without the app's role;
// Jira answers 404 for both) is marked orphaned and left out of the sweeps. Once the app sees the ticket again
// (the role added to the level), the mark is lifted and its reminders resume.
import { incidentMarks } from '../adapters/kvs/incident-marks';
import { issues } from '../adapters/jira/issues';
import { incidentIndex } from './incident';
import { upgradeIncidentDoc } from './incident-upgrade';
import { invalid } from './errors';
import type { Call } from './session';

/** Lifts the mark of an incident whose ticket the app is known to see, with its index recomputed. */
export async function revive(call: Call, issue: { id: string; key: string }, stored: { version: number; doc: unknown }): Promise<boolean> {
  const doc = upgradeIncidentDoc(stored.doc, issue.key);
  const [settings, partner] = await Promise.all([call.session.settings(), call.session.partnerOf(doc)]);
  return incidentMarks.reindex(issue.id, stored.version, incidentIndex(doc, settings.doc, partner?.doc ?? null, issue, call.now), { revive: true });
}

/** IR staff's "Check again" on an orphaned incident: revived when the app sees its ticket now. */
export async function recheckOrphan(call: Call, input: { issueId: string }): Promise<{ visible: boolean }> {
  const stored = await incidentMarks.orphaned(input.issueId);
  if (!stored) throw invalid({ issueId: 'This incident is not listed as out of the app\u2019s reach (it may have been brought back already)' });
  if (!(await issues.exists(input.issueId))) return { visible: false };
  await revive(call, { id: input.issueId, key: stored.issueKey }, stored);
  return { visible: true };
}
