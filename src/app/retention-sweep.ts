// The reminders that shared logs must be deleted: 14 days and 1 day before the delete-by date, and once it has
// passed, through the reminders engine.
import { closedAtOf, dueRetentionReminder, retentionReminderText, type RetentionReminder } from '../domain/log-retention';
import { LOG_CATEGORIES } from '../domain/log-sharing';
import { contactsLine } from '../domain/outreach';
import { dueForRetentionCheck } from '../adapters/kvs/retention-index';
import { logSharingOf } from './log-sharing-view';
import { runSweep, type ReminderKind, type SweepResult } from './reminders-engine';

const STAGE_WORDS = { '14d': '14 days before the delete-by date', '1d': '1 day before the delete-by date', overdue: 'the deletion is overdue' } as const;

export const retentionReminders: ReminderKind<RetentionReminder> = {
  sweep: 'retention',
  actions: { claim: 'retention.claim', posted: 'retention.reminder' },
  query: (now, cursor) => dueForRetentionCheck(now, cursor),
  due: (doc, _settings, now) => {
    const closedAt = closedAtOf(doc.phases);
    return logSharingOf(doc).requests.flatMap((r) => dueRetentionReminder(r, closedAt, now) ?? []);
  },
  key: (rem) => rem.key,
  slot: (doc, rem) => logSharingOf(doc).requests.find((x) => x.id === rem.requestId) ?? null,
  put: (doc, rem, slot) => {
    const part = logSharingOf(doc);
    return { logSharing: { ...part, requests: part.requests.map((x) => (x.id === rem.requestId ? { ...x, posted: slot.posted, claims: slot.claims } : x)) } };
  },
  path: (rem) => `logRequests.${rem.requestId}.reminders`,
  text: (doc, rem, _settings, recipients) => {
    const r = logSharingOf(doc).requests.find((x) => x.id === rem.requestId)!;
    const label = LOG_CATEGORIES.find((c) => c.id === r.category)?.label ?? r.category;
    return `${retentionReminderText(r, rem.stage, rem.deleteBy, label)} ${contactsLine(recipients)}`;
  },
  postedNote: (rem) => `Retention reminder posted: ${STAGE_WORDS[rem.stage]}.`,
};

/** One run over the `by-retention-check` index: each due reminder posted once. */
export const sweepRetention = (now: Date): Promise<SweepResult> => runSweep(retentionReminders, now);
