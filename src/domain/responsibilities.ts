// The partner's responsibilities (seed 000, "Partner Responsibilities" and the roles overview: keep
// contacts current, acknowledge outreach, execute the agreed mitigations, notify customers, handle
// shared data, provide a root cause analysis) as a checklist with its progress, plus the valibot
// schemas for what the partner records against it. The schemas are shared by browser and server.
//
// Pure: "today" and every deadline enter as arguments.
import * as v from 'valibot';
import type { AckState } from './ack-timer';
import { shortText } from './contacts';
import { textRules } from './text';
import { instantField, OFFSET_INSTANT_MESSAGE, isCalendarDay, toIsoInstant } from './calendar';

// ---------------------------------------------------------------------------------------------
// Dates and instants as text
// ---------------------------------------------------------------------------------------------

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** "2026-03-02 14:00 UTC": the date first, as elsewhere in the app's sentences. */
function formatInstant(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function formatDue(due: string): string {
  return isCalendarDay(due) ? due : formatInstant(due);
}

// ---------------------------------------------------------------------------------------------
// Field schemas
// ---------------------------------------------------------------------------------------------

/**
 * A required single-line text: a missing field and an empty one get the same sentence, so the
 * form shows one message whether the browser sent '' or nothing.
 */
const requiredLine = (max: number, message: string) => v.pipe(v.optional(shortText(max), ''), v.minLength(1, message));

/** Multi-line text (a description may need several lines), trimmed, required. */
const requiredText = (max: number, message: string) =>
  v.pipe(
    v.optional(v.string(message), ''),
    v.trim(),
    v.minLength(1, message),
    v.maxLength(max, `Use at most ${max} characters`),
    ...textRules(),
  );

const dayField = (missing: string) =>
  v.pipe(
    v.string(missing),
    v.trim(),
    v.minLength(1, missing),
    // Valibot runs the whole pipe, so each check skips what an earlier one already reported.
    v.check((s) => s === '' || DAY.test(s), 'Use the format YYYY-MM-DD, for example 2026-03-15'),
    v.check((s) => !DAY.test(s) || isCalendarDay(s), 'Enter a date that exists on the calendar'),
  );



// ---------------------------------------------------------------------------------------------
// Mitigations
// ---------------------------------------------------------------------------------------------

/** The program's examples of agreed containment and remediation steps, plus anything else agreed. */
export const MITIGATION_KINDS = ['credential-rotation', 'scope-reduction', 'patching', 'hotfix-deployment', 'other'] as const;
export type MitigationKind = (typeof MITIGATION_KINDS)[number];
export const MITIGATION_KIND_LABELS: Readonly<Record<MitigationKind, string>> = {
  'credential-rotation': 'Credential rotation',
  'scope-reduction': 'Scope reduction',
  patching: 'Patching',
  'hotfix-deployment': 'Hotfix deployment',
  other: 'Other',
};

export const MITIGATION_STATUSES = ['planned', 'in-progress', 'done', 'not-needed'] as const;
export type MitigationStatus = (typeof MITIGATION_STATUSES)[number];
export const MITIGATION_STATUS_LABELS: Readonly<Record<MitigationStatus, string>> = {
  planned: 'Planned',
  'in-progress': 'In progress',
  done: 'Done',
  'not-needed': 'Not needed',
};

/** Statuses that close a step: nothing more is owed for it. */
const FINISHED_STATUSES: readonly MitigationStatus[] = ['done', 'not-needed'];

export const MAX_MITIGATIONS = 50;

export const MitigationSchema = v.strictObject({
  id: v.pipe(
    v.string('The step has no ID'),
    v.regex(/^[A-Za-z0-9-]{1,64}$/, 'Use 1 to 64 letters, digits or hyphens for the step ID'),
  ),
  kind: v.picklist(MITIGATION_KINDS, 'Choose the kind of step'),
  description: requiredText(1000, 'Describe the step'),
  owner: requiredLine(200, 'Enter who owns this step'),
  dueOn: dayField('Enter the date this step is due'),
  status: v.picklist(MITIGATION_STATUSES, 'Choose the status of this step'),
});
export type Mitigation = v.InferOutput<typeof MitigationSchema>;

/** The agreed steps of one incident: at most MAX_MITIGATIONS, each ID used once. */
export const MitigationListSchema = v.pipe(
  v.array(MitigationSchema, 'Expected a list of steps'),
  v.maxLength(MAX_MITIGATIONS, `Record at most ${MAX_MITIGATIONS} steps`),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const seen = new Set<string>();
    dataset.value.forEach((step, index) => {
      if (seen.has(step.id)) {
        // Point at the repeated ID itself, so the form can show the message on that row.
        addIssue({
          message: 'Another step already uses this ID',
          path: [
            { type: 'array', origin: 'value', input: dataset.value, key: index, value: step },
            { type: 'object', origin: 'value', input: step, key: 'id', value: step.id },
          ],
        });
      }
      seen.add(step.id);
    });
  }),
);

/** A step still owed (planned or in progress) whose due day is before today. Due today is not late. */
export function isMitigationOverdue(step: Mitigation, today: string): boolean {
  return !FINISHED_STATUSES.includes(step.status) && step.dueOn < today;
}

// ---------------------------------------------------------------------------------------------
// Customer notification and root cause analysis
// ---------------------------------------------------------------------------------------------

export const MAX_CUSTOMER_COUNT = 100_000_000;

export const CustomerNotificationSchema = v.strictObject({
  notifiedAt: instantField('Enter when the customers were notified', OFFSET_INSTANT_MESSAGE),
  customerCount: v.pipe(
    v.number('Enter how many customers were notified'),
    v.integer('Enter a whole number of customers'),
    v.minValue(0, 'The number of customers cannot be negative'),
    v.maxValue(MAX_CUSTOMER_COUNT, `Enter at most ${MAX_CUSTOMER_COUNT.toLocaleString('en-US')} customers`),
  ),
  method: requiredLine(500, 'Enter how the customers were notified, for example email or status page'),
});
export type CustomerNotification = v.InferOutput<typeof CustomerNotificationSchema>;

export const RCA_STATUSES = ['not-started', 'in-progress', 'provided'] as const;
export type RcaStatus = (typeof RCA_STATUSES)[number];
export const RCA_STATUS_LABELS: Readonly<Record<RcaStatus, string>> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  provided: 'Provided',
};

export const RootCauseSchema = v.pipe(
  v.strictObject({
    status: v.picklist(RCA_STATUSES, 'Choose the status of the root cause analysis'),
    reference: v.optional(shortText(500), ''),
  }),
  // A provided RCA must say where to find it; the message belongs to the reference field.
  v.forward(
    v.partialCheck(
      [['status'], ['reference']],
      (rca) => rca.status !== 'provided' || rca.reference !== '',
      'Enter where the root cause analysis can be found, for example a link or document name',
    ),
    ['reference'],
  ),
);
export type RootCause = v.InferOutput<typeof RootCauseSchema>;

// ---------------------------------------------------------------------------------------------
// The checklist
// ---------------------------------------------------------------------------------------------

/** In the program's order. */
export const RESPONSIBILITY_KEYS = [
  'contacts-current',
  'outreach-acknowledged',
  'mitigations-executed',
  'customers-notified',
  'shared-data-handled',
  'root-cause-analysis',
] as const;
export type ResponsibilityKey = (typeof RESPONSIBILITY_KEYS)[number];

export const RESPONSIBILITY_LABELS: Readonly<Record<ResponsibilityKey, string>> = {
  'contacts-current': 'Keep incident contacts current',
  'outreach-acknowledged': "Acknowledge Atlassian's outreach",
  'mitigations-executed': 'Execute the agreed mitigations',
  'customers-notified': 'Notify your customers',
  'shared-data-handled': 'Handle shared data responsibly',
  'root-cause-analysis': 'Provide a root cause analysis',
};

export type ResponsibilityStatus = 'done' | 'open' | 'overdue' | 'not-applicable';

export interface Responsibility {
  key: ResponsibilityKey;
  label: string;
  status: ResponsibilityStatus;
  /** One plain sentence. */
  detail: string;
  /** ISO instant or YYYY-MM-DD day: the next thing due; null when nothing is due (always null when done). */
  dueAt: string | null;
}

export type ContactsState = 'not-set' | 'current' | 'review-due' | 'incomplete';

export interface SharedDataSummary {
  delivered: number;
  deleted: number;
  nextDeleteBy: string | null;
  overdue: boolean;
}

export interface ResponsibilitiesInput {
  /** YYYY-MM-DD in the partner's time zone. */
  today: string;
  contacts: { state: ContactsState };
  /** null: Atlassian has not reached out. */
  acknowledgment: { state: AckState; dueAt: string } | null;
  mitigations: Mitigation[];
  customerNotification: CustomerNotification | null;
  /** null: nothing was shared. */
  sharedData: SharedDataSummary | null;
  rootCause: RootCause;
}

export interface ResponsibilitiesProgress {
  items: Responsibility[];
  done: number;
  /** Items that are not 'not-applicable'. */
  applicable: number;
  /** The earliest dueAt among items not done (overdue ones included), or null. */
  nextDue: string | null;
}

type Item = Omit<Responsibility, 'key' | 'label'>;

export function responsibilities(input: ResponsibilitiesInput): ResponsibilitiesProgress {
  if (!isCalendarDay(input.today)) throw new RangeError(`today must be a calendar date (YYYY-MM-DD), got ${JSON.stringify(input.today)}.`);
  const byKey: Record<ResponsibilityKey, Item> = {
    'contacts-current': contactsItem(input.contacts.state),
    'outreach-acknowledged': acknowledgmentItem(input.acknowledgment),
    'mitigations-executed': mitigationsItem(input.mitigations, input.today),
    'customers-notified': customersItem(input.customerNotification),
    'shared-data-handled': sharedDataItem(input.sharedData),
    'root-cause-analysis': rootCauseItem(input.rootCause),
  };
  const items = RESPONSIBILITY_KEYS.map((key) => ({ key, label: RESPONSIBILITY_LABELS[key], ...byKey[key] }));
  return {
    items,
    done: items.filter((i) => i.status === 'done').length,
    applicable: items.filter((i) => i.status !== 'not-applicable').length,
    nextDue: earliest(items.filter((i) => i.status !== 'done').map((i) => i.dueAt)),
  };
}

/**
 * Deadlines are compared as text: instants are normalised to `toISOString()` and days are
 * YYYY-MM-DD, so the text order is the time order, and a day sorts before any instant on that
 * date (a day's deadline is treated as starting that day, the cautious reading).
 */
function earliest(dues: (string | null)[]): string | null {
  let min: string | null = null;
  for (const due of dues) if (due !== null && (min === null || due < min)) min = due;
  return min;
}

/** A deadline as given to the checklist: a calendar day, or any ISO instant (normalised to UTC). */
function normaliseDue(due: string, name: string): string {
  if (isCalendarDay(due)) return due;
  const iso = toIsoInstant(due);
  if (iso === null) throw new RangeError(`${name} must be an ISO instant or a YYYY-MM-DD day, got ${JSON.stringify(due)}.`);
  return iso;
}

function contactsItem(state: ContactsState): Item {
  switch (state) {
    case 'current':
      return done('A primary and a secondary incident contact are set and were reviewed recently.');
    case 'not-set':
      return open('Add a primary and a secondary incident contact for 24/5 support on the settings page.');
    case 'incomplete':
      return open('Complete the primary and secondary incident contacts on the settings page.');
    case 'review-due':
      // A review falling due has no deadline of its own, so it is still open rather than overdue.
      return open('Review the incident contacts on the settings page and update them if your team has changed.');
  }
}

function acknowledgmentItem(ack: ResponsibilitiesInput['acknowledgment']): Item {
  if (ack === null) return notApplicable('Atlassian has not reached out about this incident yet.');
  const due = normaliseDue(ack.dueAt, 'acknowledgment.dueAt');
  const when = formatDue(due);
  switch (ack.state) {
    case 'acknowledged':
      return done(`Atlassian's outreach was acknowledged before the deadline of ${when}.`);
    case 'acknowledged-late':
      return done(`Atlassian's outreach was acknowledged, but after the deadline of ${when}.`);
    case 'running':
      return open(`Acknowledge Atlassian's outreach by ${when}, then begin containment.`, due);
    case 'breached':
      // Seed 000: without an acknowledgment Atlassian may act alone; say so plainly.
      return overdue(
        `The acknowledgment deadline of ${when} has passed, so Atlassian may take containment action on its own, such as disabling the app.`,
        due,
      );
  }
}

function mitigationsItem(steps: Mitigation[], today: string): Item {
  if (steps.length === 0) return notApplicable('No mitigation steps have been agreed yet.');
  const owed = steps.filter((s) => !FINISHED_STATUSES.includes(s.status));
  if (owed.length === 0) {
    return done(`${steps.length === 1 ? 'The agreed step is' : `All ${steps.length} agreed steps are`} done or not needed.`);
  }
  const next = earliest(owed.map((s) => s.dueOn)) ?? today;
  const late = owed.filter((s) => isMitigationOverdue(s, today));
  if (late.length > 0) {
    const which = late.length === 1 ? 'One agreed step is past due: it was' : `${late.length} agreed steps are past due: the earliest was`;
    return overdue(`${which} due on ${next}.`, next);
  }
  return open(`${owed.length} of ${count(steps.length, 'agreed step')} ${owed.length === 1 ? 'is' : 'are'} still to do; the next is due on ${next}.`, next);
}

function customersItem(notification: CustomerNotification | null): Item {
  if (notification === null) {
    return open('Notify your customers of the incident, in line with your legal obligations and any timelines Atlassian advises.');
  }
  const when = formatInstant(normaliseDue(notification.notifiedAt, 'customerNotification.notifiedAt'));
  return done(`${count(notification.customerCount, 'customer')} notified on ${when} by ${notification.method}.`);
}

function sharedDataItem(shared: SharedDataSummary | null): Item {
  if (shared === null || shared.delivered === 0) return notApplicable('Atlassian has not shared any logs or data with you.');
  if (shared.deleted >= shared.delivered) {
    return done(`The deletion of ${shared.delivered === 1 ? 'the set' : `all ${shared.delivered} sets`} of shared logs has been attested.`);
  }
  const due = shared.nextDeleteBy === null ? null : normaliseDue(shared.nextDeleteBy, 'sharedData.nextDeleteBy');
  const left = shared.delivered - shared.deleted;
  const what = count(left, 'set of shared logs', 'sets of shared logs');
  if (shared.overdue) {
    return overdue(
      `Delete ${what} and attest the deletion now: ${due === null ? 'the deadline' : `the deadline of ${formatDue(due)}`} has passed.`,
      due,
    );
  }
  if (due === null) {
    return open(`Handle ${what} as RESTRICTED data, and delete ${left === 1 ? 'it' : 'them'} within 90 days of the incident's closure unless a legal hold applies.`);
  }
  return open(`Handle ${what} as RESTRICTED data, and delete ${left === 1 ? 'it' : 'them'} by ${formatDue(due)}.`, due);
}

function rootCauseItem(rca: RootCause): Item {
  switch (rca.status) {
    case 'provided':
      return done(`The root cause analysis was provided (${rca.reference}).`);
    case 'in-progress':
      return open('The root cause analysis is in progress; record where to find it once it is provided.');
    case 'not-started':
      return open('Provide a root cause analysis of the incident.');
  }
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

const NUMBER = new Intl.NumberFormat('en-US');

function count(n: number, one: string, many = `${one}s`): string {
  return `${NUMBER.format(n)} ${n === 1 ? one : many}`;
}

function done(detail: string): Item {
  return { status: 'done', detail, dueAt: null };
}
function open(detail: string, dueAt: string | null = null): Item {
  return { status: 'open', detail, dueAt };
}
function overdue(detail: string, dueAt: string | null): Item {
  return { status: 'overdue', detail, dueAt };
}
function notApplicable(detail: string): Item {
  return { status: 'not-applicable', detail, dueAt: null };
}
