import { dueReminders, outreachStatus, reminderText, type Outreach, type Reminder } from '../domain/outreach';
import { dueForAckCheck, incidentRepo } from '../adapters/kvs/incident-repo';
import { comments } from '../adapters/jira/comments';
import { clockConfig } from './clock';
import { reminderContacts, reminderMentions } from '../domain/prefill';
import { commit, reindexIncident } from './incident';
import { AppError } from './errors';
import { Session, type Call } from './session';

/** The audit trail's actor for what the scheduled trigger does. */
export const SYSTEM_ACTOR = 'app:timers';
export const SWEEP_MAX_PAGES = 3;
// A claim older than this belongs to a run that died: the next run may finish its work.
const CLAIM_LEASE_MS = 2 * 60_000;

type Issue = { id: string; key: string };

const isConflict = (e: unknown) => e instanceof AppError && e.code === 'CONFLICT';

/** Applies a change to the incident's outreaches, re-reading and retrying when someone saved in between. */
async function updateOutreaches(call: Call, issue: Issue, change: (o: Outreach[]) => Outreach[] | null, action: string, note?: string): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const state = await incidentRepo.load(issue);
    const next = change(state.record.doc.outreaches);
    if (!next) return false;
    try {
      await commit(call, issue, state, { outreaches: next }, action, [{ path: 'outreaches', after: note ?? action }], note);
      return true;
    } catch (e) {
      if (!isConflict(e)) throw e;
    }
  }
  return false;
}

const withOutreach = (list: Outreach[], id: string, f: (o: Outreach) => Outreach) => list.map((o) => (o.id === id ? f(o) : o));

/**
 * Posts one reminder exactly once: claim it in KVS (only one run wins), post the comment unless a
 * comment tagged with this reminder already exists (a run that died after posting), then mark it posted.
 */
async function remind(call: Call, issue: Issue, r: Reminder): Promise<boolean> {
  const claimed = await updateOutreaches(
    call,
    issue,
    (list) => {
      const o = list.find((x) => x.id === r.outreachId);
      if (!o || o.ack || o.posted.includes(r.key)) return null;
      const since = o.claims[r.key];
      if (since && call.now.getTime() - new Date(since).getTime() < CLAIM_LEASE_MS) return null;
      return withOutreach(list, o.id, (x) => ({ ...x, claims: { ...x.claims, [r.key]: call.now.toISOString() } }));
    },
    'clock.claim',
  );
  if (!claimed) return false;
  const { record } = await incidentRepo.load(issue);
  const settings = (await call.session.settings()).doc;
  const o = record.doc.outreaches.find((x) => x.id === r.outreachId)!;
  if (!(await comments.findReminder(issue.id, r.key))) {
    const partner = (await call.session.partnerOf(record.doc))?.doc ?? null;
    await comments.postReminder(issue.id, r.key, reminderText(r, o, outreachStatus(o, clockConfig(settings, partner), call.now).dueAt, reminderContacts(record.doc.report, partner)), reminderMentions(partner));
  }
  const label = r.percent === 'deadline' ? 'the acknowledgment deadline passed' : `${r.percent}% of the acknowledgment window passed`;
  return updateOutreaches(
    call,
    issue,
    (list) => {
      const x = list.find((y) => y.id === r.outreachId);
      if (!x || x.posted.includes(r.key)) return null;
      const { [r.key]: _done, ...claims } = x.claims;
      return withOutreach(list, x.id, (y) => ({ ...y, posted: [...y.posted, r.key], claims }));
    },
    'clock.reminder',
    `Reminder posted: ${label}.`,
  );
}

/**
 * The scheduled sweep: incidents whose clocks need a look come from an index query (at most a few
 * pages), never a scan; each due reminder is posted once.
 */
export async function sweepAckClocks(now: Date): Promise<{ pages: number; incidents: number; posted: number }> {
  const session = new Session({ accountId: SYSTEM_ACTOR, moduleKey: 'timers', now });
  const call: Call = { session, role: 'ir', now };
  const settings = (await session.settings()).doc;
  let cursor: string | undefined;
  let pages = 0;
  let incidents = 0;
  let posted = 0;
  do {
    const page = await dueForAckCheck(now, cursor);
    pages++;
    for (const issue of page.issues) {
      incidents++;
      const { record } = await incidentRepo.load(issue);
      const due = dueReminders(record.doc.outreaches, clockConfig(settings, (await session.partnerOf(record.doc))?.doc ?? null), now);
      if (due.length === 0) await reindexIncident(call, issue);
      for (const r of due) if (await remind(call, issue, r)) posted++;
    }
    cursor = page.cursor;
  } while (cursor && pages < SWEEP_MAX_PAGES);
  return { pages, incidents, posted };
}
