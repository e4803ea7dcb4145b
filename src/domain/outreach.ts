// Atlassian's outreach to a partner and its 8-hour acknowledgment clock: the reminder schedule the
// scheduled trigger works through, and the comments it posts. Pure: time only enters as arguments.
import * as v from 'valibot';
import { ackDueAt, ackStatus, thresholdInstant, type AckState, type CoverageCalendar } from './ack-timer';
import { shortText } from './contacts';
import { plainText } from './text';
import { instantField } from './calendar';

export const OUTREACH_CHANNELS = ['support-ticket', 'email', 'real-time-chat', 'phone', 'other'] as const;
export const OUTREACH_CHANNEL_LABELS: Readonly<Record<(typeof OUTREACH_CHANNELS)[number], string>> = {
  'support-ticket': 'Support ticket',
  email: 'Email',
  'real-time-chat': 'Real-time chat',
  phone: 'Phone',
  other: 'Other',
};
export const MAX_OUTREACHES = 50;
const instant = instantField('Enter a date and time');

export const OutreachInputSchema = v.strictObject({
  at: instant,
  channel: v.picklist(OUTREACH_CHANNELS, 'Choose how Atlassian reached out'),
  message: v.pipe(shortText(500), v.minLength(1, 'Enter a short message')),
});

export const AcknowledgeInputSchema = v.strictObject({
  outreachId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  /** Only IR staff recording an acknowledgment received elsewhere give a time and a note. */
  at: v.optional(instant),
  note: v.optional(plainText(1000), ''),
});

export interface Acknowledgment {
  at: string;
  by: string;
  via: 'partner' | 'ir';
  note: string;
}
export interface Outreach {
  id: string;
  at: string;
  channel: (typeof OUTREACH_CHANNELS)[number];
  message: string;
  by: string;
  ack: Acknowledgment | null;
  /** Reminder keys whose comment is posted. */
  posted: string[];
  /** Reminder key → when a trigger run claimed it (a claim older than the lease may be recovered). */
  claims: Record<string, string>;
}

export interface ClockConfig {
  calendar: CoverageCalendar;
  timeZone: string;
  thresholds: readonly number[];
}

export interface Reminder {
  key: string;
  outreachId: string;
  /** A percentage of the window, or the deadline itself. */
  percent: number | 'deadline';
  at: Date;
}

/** Each threshold and the deadline of one outreach's clock, in time order. */
export function reminderSchedule(o: Outreach, c: ClockConfig): Reminder[] {
  const start = new Date(o.at);
  const thresholds = [...new Set(c.thresholds)].filter((p) => p > 0 && p < 100).sort((a, b) => a - b);
  return [
    ...thresholds.map((p) => ({ key: `${o.id}:${p}`, outreachId: o.id, percent: p, at: thresholdInstant(start, p / 100, c.calendar, c.timeZone) })),
    { key: `${o.id}:deadline`, outreachId: o.id, percent: 'deadline' as const, at: ackDueAt(start, c.calendar, c.timeZone) },
  ];
}

/** Reminders still owed: the outreach is unacknowledged and neither this comment nor a later one is posted. */
function owed(outreaches: readonly Outreach[], c: ClockConfig): Reminder[] {
  return outreaches.filter((o) => o.ack === null).flatMap((o) => reminderSchedule(o, c).filter((r, i, all) => !all.slice(i).some((x) => o.posted.includes(x.key))));
}

/**
 * The reminders due at `now`, oldest first: one per outreach, the latest reached. A run catching up after a
 * pause posts "75%" once rather than "50%" and "75%" in the same second; the earlier one is superseded.
 */
export function dueReminders(outreaches: readonly Outreach[], c: ClockConfig, now: Date): Reminder[] {
  const latest = new Map<string, Reminder>();
  for (const r of owed(outreaches, c)) if (r.at.getTime() <= now.getTime()) latest.set(r.outreachId, r);
  return [...latest.values()].sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** When the trigger next needs to look at this incident (the index it queries), or null when nothing is owed. */
export function nextCheckAt(outreaches: readonly Outreach[], c: ClockConfig): string | null {
  const times = owed(outreaches, c).map((r) => r.at.getTime());
  return times.length ? new Date(Math.min(...times)).toISOString() : null;
}

export function outreachStatus(o: Outreach, c: ClockConfig, now: Date): { state: AckState; dueAt: Date; remainingMs: number } {
  return ackStatus({ outreachAt: new Date(o.at), ...(o.ack ? { acknowledgedAt: new Date(o.ack.at) } : {}), now, calendar: c.calendar, timeZone: c.timeZone });
}

/** Why an acknowledgment cannot be recorded, or null when it can. */
export function ackProblem(o: Outreach, at: Date, now: Date): { code: 'INVALID_INPUT' | 'CONFLICT'; field: string; message: string } | null {
  if (o.ack) return { code: 'CONFLICT', field: 'outreachId', message: 'This outreach is already acknowledged.' };
  if (at.getTime() < new Date(o.at).getTime()) return { code: 'INVALID_INPUT', field: 'at', message: 'An acknowledgment cannot come before the outreach.' };
  if (at.getTime() > now.getTime()) return { code: 'INVALID_INPUT', field: 'at', message: 'An acknowledgment cannot be in the future.' };
  return null;
}

/** The sentence of a reminder comment that names whom it is for. */
export function contactsLine(contacts: readonly { name: string; email: string }[]): string {
  const who = contacts.filter((c) => c.name || c.email).map((c) => (c.email ? `${c.name || c.email} (${c.email})` : c.name));
  return who.length ? `Incident contacts: ${who.join(', ')}.` : 'No incident contacts are recorded for this incident: add them in the report.';
}

const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

const inZone = (d: Date, timeZone: string) => {
  try {
    const s = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
    const [day, time] = s.split(', ');
    const [dd, mm, yyyy] = day!.split('/');
    return `${yyyy}-${mm}-${dd} ${time} ${timeZone}`;
  } catch {
    return utc(d);
  }
};
/** A time as its reader reads it: in their zone, with UTC beside it. */
const both = (d: Date, timeZone: string | undefined) => (timeZone && timeZone !== 'UTC' ? `${inZone(d, timeZone)} (${utc(d)})` : utc(d));

/**
 * The Jira comment for a reminder: plain about what is due, with times in the contacts' time zone (when the
 * directory knows it) and in UTC, and at the deadline about what may follow. Mentions go with it (the engine).
 */
export function reminderText(r: Reminder, o: Outreach, dueAt: Date, contacts: readonly { name: string; email: string; timeZone?: string }[]): string {
  const to = contactsLine(contacts);
  const zone = contacts.find((c) => c.timeZone)?.timeZone;
  if (r.percent === 'deadline') {
    return `The 8-hour acknowledgment window for Atlassian's outreach of ${both(new Date(o.at), zone)} ended at ${both(dueAt, zone)} without an acknowledgment. Atlassian may now take unilateral containment action, such as disabling the app, to protect customer data. ${to}`;
  }
  return `Reminder: Atlassian's outreach of ${both(new Date(o.at), zone)} is not acknowledged yet. ${r.percent}% of the 8-hour acknowledgment window has passed; it ends at ${both(dueAt, zone)}. Please acknowledge in the Security incident panel on this issue. ${to}`;
}
