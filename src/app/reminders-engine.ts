// The one engine behind the scheduled reminders (acknowledgment clocks, shared-log retention): incidents come
// from an index query (a few pages, never a scan); each is worked on its own, so one that fails is logged,
// counted and backed off (its check time moved later) and never holds up the others; each due reminder is
// claimed in KVS, posted once as the app's comment, then marked posted.
import type { Settings } from '../domain/settings';
import type { FieldChange } from '../domain/audit-trail';
import { incidentRepo, type IncidentDoc, type IncidentState } from '../adapters/kvs/incident-repo';
import { incidentMarks, type SweepName } from '../adapters/kvs/incident-marks';
import { comments } from '../adapters/jira/comments';
import { issues } from '../adapters/jira/issues';
import { commit, reindexIncident, restoreMirror, type DocChange } from './incident';
import { upgradeState } from './incident-upgrade';
import { reminderMentions, reminderRecipients, type Recipient } from './reminder-recipients';
import type { Partner } from '../domain/partner';
import { AppError } from './errors';
import { SYSTEM_ACTOR } from './actors';
import { Session, type Call } from './session';

/** The audit trail's actor for what the scheduled trigger does. */
export { SYSTEM_ACTOR } from './actors';
export const SWEEP_MAX_PAGES = 3;
// Each sweep starts no new incident after this long, so both fit in a scheduled trigger's 55 s; the rest stay
// due in the index for the next run.
const SWEEP_BUDGET_MS = 20_000;
// A claim older than this belongs to a run that died: the next run may finish its work.
const CLAIM_LEASE_MS = 2 * 60_000;

export type Issue = { id: string; key: string };

/** Where one reminder's bookkeeping lives (an outreach, a log request): keys posted, and runs' claims. */
export interface Slot {
  posted: string[];
  claims: Record<string, string>;
}

/** What differs between the sweeps; the engine does the rest. */
export interface ReminderKind<R> {
  sweep: SweepName;
  actions: { claim: string; posted: string };
  query: (now: Date, cursor?: string) => Promise<{ issues: Issue[]; cursor?: string }>;
  /** The reminders this incident owes now (its clock runs on its partner's coverage). */
  due: (doc: IncidentDoc, settings: Settings, now: Date, partner: Partner | null) => R[];
  key: (r: R) => string;
  /** The reminder's slot, or null once it no longer applies (the outreach acknowledged, the request gone). */
  slot: (doc: IncidentDoc, r: R) => Slot | null;
  /** The document change that stores the slot back. */
  put: (doc: IncidentDoc, r: R, slot: Slot) => DocChange;
  path: (r: R) => string;
  text: (doc: IncidentDoc, r: R, settings: Settings, recipients: Recipient[], now: Date, partner: Partner | null) => string;
  postedNote: (r: R) => string;
}

/** What one run of a sweep did: incidents looked at, reminders posted, incidents that failed and were backed off. */
export interface SweepResult {
  pages: number;
  checked: number;
  posted: number;
  failed: number;
  backedOff: number;
  orphaned: number;
  /** Set when the sweep itself could not run (e.g. its index query failed). */
  error?: string;
  /** Set when the run's time was up before every due incident was looked at (the next run continues). */
  outOfTime?: true;
}

const isConflict = (e: unknown) => e instanceof AppError && e.code === 'CONFLICT';
const reasonOf = (e: unknown) => (e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}` : String(e)).slice(0, 300);

/** The incident as stored, read as today's shape whatever shape it was written in. */
const loadForSweep = async (issue: Issue): Promise<IncidentState> => upgradeState(await incidentRepo.load(issue), issue.key);

/** Changes one reminder's slot, re-reading and retrying when someone saved in between; false when nothing to do. */
async function updateSlot<R>(kind: ReminderKind<R>, call: Call, issue: Issue, r: R, change: (s: Slot) => Slot | null, action: string, changes: FieldChange[], note?: string): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const state = await loadForSweep(issue);
    const slot = kind.slot(state.record.doc, r);
    const next = slot && change(slot);
    if (!next) return false;
    try {
      await commit(call, issue, state, kind.put(state.record.doc, r, next), action, changes, note);
      return true;
    } catch (e) {
      if (!isConflict(e)) throw e;
    }
  }
  return false;
}

/**
 * Posts one reminder exactly once: claim it (only one run wins), post the comment, then mark it posted, naming
 * the comment. Only a run that takes over an expired claim (its run may have died after posting) first looks
 * for the app's own comment for it; with a first claim, no comment can exist yet.
 */
async function remind<R>(kind: ReminderKind<R>, call: Call, issue: Issue, r: R, settings: Settings, appAccountId: () => Promise<string>): Promise<boolean> {
  const key = kind.key(r);
  const now = call.now;
  let takesOver = false;
  const claimed = await updateSlot(
    kind,
    call,
    issue,
    r,
    (s) => {
      if (s.posted.includes(key)) return null;
      const since = s.claims[key];
      if (since && now.getTime() - new Date(since).getTime() < CLAIM_LEASE_MS) return null;
      takesOver = since !== undefined;
      return { ...s, claims: { ...s.claims, [key]: now.toISOString() } };
    },
    kind.actions.claim,
    [{ path: `${kind.path(r)}.${key}.claimedAt`, after: now.toISOString() }],
  );
  if (!claimed) return false;
  const { doc } = (await loadForSweep(issue)).record;
  if (!kind.slot(doc, r)) return false;
  const posted = takesOver ? await comments.findReminder(issue.id, key, await appAccountId()) : undefined;
  const partner = (await call.session.partnerOf(doc))?.doc ?? null;
  const comment = posted ?? (await comments.postReminder(issue.id, key, kind.text(doc, r, settings, reminderRecipients(doc, partner), now, partner), reminderMentions(partner)));
  // Recorded only now that the comment exists.
  return updateSlot(
    kind,
    call,
    issue,
    r,
    (s) => {
      if (s.posted.includes(key)) return null;
      const { [key]: _done, ...claims } = s.claims;
      return { posted: [...s.posted, key], claims };
    },
    kind.actions.posted,
    [{ path: `${kind.path(r)}.${key}.comment`, after: comment }],
    kind.postedNote(r),
  );
}

/** One incident's work; throws when it fails (the caller logs, counts and backs it off). */
async function sweepIncident<R>(kind: ReminderKind<R>, call: Call, issue: Issue, settings: Settings, appAccountId: () => Promise<string>): Promise<{ posted: number; orphaned: boolean }> {
  const state = await loadForSweep(issue);
  if (state.record.version === 0) return { posted: 0, orphaned: false };
  const partner = (await call.session.partnerOf(state.record.doc))?.doc ?? null;
  const due = kind.due(state.record.doc, settings, call.now, partner);
  if (due.length === 0) {
    await reindexIncident(call, issue, state);
    return { posted: 0, orphaned: false };
  }
  if (!(await issues.exists(issue.id))) {
    console.warn(`${kind.sweep} sweep: ${issue.key} (${issue.id}): the Jira issue is gone; marked orphaned`);
    await incidentMarks.orphan(issue.id, call.now);
    return { posted: 0, orphaned: true };
  }
  await restoreMirror(issue, state.record.doc, settings, partner, call.now);
  let posted = 0;
  for (const r of due) if (await remind(kind, call, issue, r, settings, appAccountId)) posted++;
  return { posted, orphaned: false };
}

/** Runs one sweep over its index. Never throws: what failed is in the result (and the log). */
export async function runSweep<R>(kind: ReminderKind<R>, now: Date): Promise<SweepResult> {
  const session = new Session({ accountId: SYSTEM_ACTOR, moduleKey: 'timers', now });
  const call: Call = { session, role: 'ir', now, system: true };
  const result: SweepResult = { pages: 0, checked: 0, posted: 0, failed: 0, backedOff: 0, orphaned: 0 };
  let app: Promise<string> | undefined;
  const appAccountId = () =>
    (app ??= comments.appAccountId().catch((e: unknown) => {
      app = undefined;
      throw e;
    }));
  const started = Date.now();
  try {
    const settings = (await session.settings()).doc;
    let cursor: string | undefined;
    do {
      const page = await kind.query(now, cursor);
      result.pages++;
      for (const issue of page.issues) {
        if (Date.now() - started > SWEEP_BUDGET_MS) {
          result.outOfTime = true;
          return result;
        }
        result.checked++;
        try {
          const done = await sweepIncident(kind, call, issue, settings, appAccountId);
          result.posted += done.posted;
          if (done.orphaned) result.orphaned++;
        } catch (e) {
          result.failed++;
          const reason = reasonOf(e);
          console.error(`${kind.sweep} sweep: ${issue.key} (${issue.id}) failed: ${reason}`);
          try {
            const retryAt = await incidentMarks.backOff(issue.id, kind.sweep, now, reason);
            if (retryAt) result.backedOff++;
          } catch (e2) {
            console.error(`${kind.sweep} sweep: ${issue.key} (${issue.id}) could not be backed off: ${reasonOf(e2)}`);
          }
        }
      }
      cursor = page.cursor;
    } while (cursor && result.pages < SWEEP_MAX_PAGES);
  } catch (e) {
    result.error = reasonOf(e);
    console.error(`${kind.sweep} sweep could not run: ${result.error}`);
  }
  return result;
}
