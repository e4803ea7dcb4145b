// The acknowledgment clocks' reminders (50%, 75%, deadline by default), through the reminders engine.
import { dueReminders, outreachStatus, reminderText, type Outreach, type Reminder } from '../domain/outreach';
import { closedAtOf } from '../domain/log-retention';
import { dueForAckCheck } from '../adapters/kvs/incident-repo';
import { clockConfig } from './clock';
import { runSweep, type ReminderKind, type SweepResult } from './reminders-engine';

export { SWEEP_MAX_PAGES, SYSTEM_ACTOR } from './reminders-engine';

const withOutreach = (list: Outreach[], id: string, f: (o: Outreach) => Outreach) => list.map((o) => (o.id === id ? f(o) : o));
const outreachOf = (list: readonly Outreach[], r: Reminder) => list.find((o) => o.id === r.outreachId);

export const ackReminders: ReminderKind<Reminder> = {
  sweep: 'ack',
  actions: { claim: 'clock.claim', posted: 'clock.reminder' },
  query: (now, cursor) => dueForAckCheck(now, cursor),
  // Closing an incident stops its clocks: nothing more is owed.
  due: (doc, settings, now, partner) => (closedAtOf(doc.phases) ? [] : dueReminders(doc.outreaches, clockConfig(settings, partner), now)),
  key: (r) => r.key,
  slot: (doc, r) => {
    const o = outreachOf(doc.outreaches, r);
    return o && !o.ack ? { posted: o.posted, claims: o.claims } : null;
  },
  put: (doc, r, slot) => ({ outreaches: withOutreach(doc.outreaches, r.outreachId, (o) => ({ ...o, posted: slot.posted, claims: slot.claims })) }),
  path: (r) => `outreaches.${r.outreachId}.reminders`,
  text: (doc, r, settings, recipients, now, partner) => {
    const o = outreachOf(doc.outreaches, r)!;
    return reminderText(r, o, outreachStatus(o, clockConfig(settings, partner), now).dueAt, recipients);
  },
  postedNote: (r) => `Reminder posted: ${r.percent === 'deadline' ? 'the acknowledgment deadline passed' : `${r.percent}% of the acknowledgment window passed`}.`,
};

/** One run over the `by-ack-check` index: each due reminder posted once. */
export const sweepAckClocks = (now: Date): Promise<SweepResult> => runSweep(ackReminders, now);
