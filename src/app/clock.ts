import { ackProblem, MAX_OUTREACHES, nextCheckAt, outreachStatus, type ClockConfig, type Outreach } from '../domain/outreach';
import { responsibilities, type CustomerNotification, type Mitigation, type RootCause } from '../domain/responsibilities';
import type { Settings } from '../domain/settings';
import { partnerContactsStatus } from '../domain/contacts-status';
import { partnerCalendar, type Partner } from '../domain/partner';
import { diffFields } from '../domain/audit-trail';
import { uuidV5 } from '../domain/indicators';
import type { IncidentDoc } from '../domain/incident';
import { AppError, invalid } from './errors';
import { dayIn } from './time';
import type { Call } from './session';
import { sharedDataOf } from './log-sharing-view';
import { closedAtOf } from '../domain/log-retention';

/**
 * The acknowledgment clock of an incident: its partner's coverage (24x5 weekends counted in the partner's
 * time zone) and the site's reminder thresholds. An unassigned incident runs on 24x7.
 */
export const clockConfig = (s: Settings, p: Partner | null): ClockConfig => ({ ...partnerCalendar(p), thresholds: s.clock.reminderThresholds });

/** The index value the scheduled trigger queries: when this incident's clocks next need a look. */
export const ackIndex = (doc: IncidentDoc, s: Settings, p: Partner | null) => {
  // A closed incident's clocks are stopped: nothing for the trigger to look at.
  const at = closedAtOf(doc.phases) ? null : nextCheckAt(doc.outreaches, clockConfig(s, p));
  return at ? { ackCheckAt: at } : {};
};

/** The partner's obligations as the panel shows them: each clock's state, and the responsibilities checklist. */
export function obligationsView(doc: IncidentDoc, s: Settings, p: Partner | null, now: Date) {
  const config = clockConfig(s, p);
  const outreaches = doc.outreaches.map((o) => {
    const st = outreachStatus(o, config, now);
    return { id: o.id, at: o.at, channel: o.channel, message: o.message, ack: o.ack, state: st.state, dueAt: st.dueAt.toISOString() };
  });
  const latest = outreaches.at(-1);
  const checklist = responsibilities({
    today: dayIn(now, config.timeZone),
    // The incident's partner's contacts; an unassigned incident has none to judge yet.
    contacts: { state: partnerContactsStatus(p, dayIn(now, config.timeZone)).state },
    acknowledgment: latest ? { state: latest.state, dueAt: latest.dueAt } : null,
    mitigations: doc.mitigations,
    customerNotification: doc.customerNotification,
    sharedData: sharedDataOf(doc, now),
    rootCause: doc.rootCause,
  });
  return { clock: { calendar: config.calendar, timeZone: config.timeZone, thresholds: [...config.thresholds] }, outreaches, mitigations: doc.mitigations, customerNotification: doc.customerNotification, rootCause: doc.rootCause, checklist };
}

/** Changes to an obligations part, for the trail. */
export const partChanges = (name: string, before: unknown, after: unknown) => diffFields({ [name]: before ?? undefined }, { [name]: after });

export function newOutreach(call: Call, doc: IncidentDoc, input: { at: string; channel: Outreach['channel']; message: string }): Outreach[] {
  if (new Date(input.at).getTime() > call.now.getTime()) throw invalid({ at: 'An outreach cannot be in the future' });
  if (doc.outreaches.length >= MAX_OUTREACHES) throw invalid({ at: `An incident holds at most ${MAX_OUTREACHES} outreaches` });
  const id = uuidV5('6f0b3a52-6c1e-4d7a-9b38-2f4c1d5e7a90', `${input.at} ${doc.outreaches.length}`).slice(0, 8);
  return [...doc.outreaches, { id, at: input.at, channel: input.channel, message: input.message, by: call.session.accountId, ack: null, posted: [], claims: {} }];
}

/** A partner acknowledges with one click (now); IR staff record one received elsewhere, with a time and a note. */
export function acknowledged(call: Call, doc: IncidentDoc, input: { outreachId: string; at?: string; note: string }): Outreach[] {
  const i = doc.outreaches.findIndex((o) => o.id === input.outreachId);
  if (i < 0) throw invalid({ outreachId: 'There is no such outreach on this incident' });
  if (call.role === 'partner' && (input.at !== undefined || input.note)) throw invalid({ at: 'Partners acknowledge now, with one click' });
  const at = input.at ? new Date(input.at) : call.now;
  const problem = ackProblem(doc.outreaches[i]!, at, call.now);
  if (problem) throw new AppError(problem.code, problem.message, problem.code === 'INVALID_INPUT' ? { [problem.field]: problem.message } : undefined);
  const ack = { at: at.toISOString(), by: call.session.accountId, via: call.role === 'partner' ? ('partner' as const) : ('ir' as const), note: input.note };
  return doc.outreaches.map((o, n) => (n === i ? { ...o, ack } : o));
}

export type ObligationsPart = { mitigations: Mitigation[] } | { customerNotification: CustomerNotification } | { rootCause: RootCause };
