// Are a partner's incident contacts current (seed 000, "Maintain current incident contacts ... update them
// whenever your team changes")? One sentence for admins, for the partner, and for the incident panel.
import { addDays, differenceInCalendarDays, format, parseISO } from 'date-fns';
import { tz } from '@date-fns/tz';
import { isCalendarDay } from './calendar';
import type { Partner } from './partner';

const UTC = tz('UTC');

/** The contacts as the status reads them (the single-partner version's contacts have this shape). */
export interface LegacyContacts {
  coverage24x5: boolean;
  lastReviewedOn: string;
  reviewReminderDays: number;
}

export type ContactsState = 'not-set' | 'current' | 'review-due' | 'incomplete';

export interface ContactsStatus {
  state: ContactsState;
  /** The last day the review still counts as current. */
  reviewDueOn: string | null;
  daysSinceReview: number | null;
  /** One plain sentence for admins and the incident panel. */
  message: string;
}

function parseDay(day: string, name: string): Date {
  if (typeof day !== 'string' || !isCalendarDay(day)) {
    throw new RangeError(`${name} must be a calendar date written YYYY-MM-DD (got ${JSON.stringify(day)}).`);
  }
  return parseISO(day, { in: UTC });
}

const dayString = (d: Date): string => format(d, 'yyyy-MM-dd', { in: UTC });
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Whether the incident contacts can be relied on today: 'review-due' once more than
 * `reviewReminderDays` days have passed since the last review (exactly that many is still
 * current); 'incomplete' when they do not confirm 24/5 coverage, which matters more than age.
 */
export function contactsStatus(c: LegacyContacts | null, today: string): ContactsStatus {
  const now = parseDay(today, 'today');
  if (c === null) {
    return {
      state: 'not-set',
      reviewDueOn: null,
      daysSinceReview: null,
      message: 'No incident contacts are set: the partner or a Jira admin needs to add a primary and a secondary contact.',
    };
  }
  const reviewed = parseDay(c.lastReviewedOn, 'lastReviewedOn');
  const reviewDueOn = dayString(addDays(reviewed, c.reviewReminderDays, { in: UTC }));
  // A review dated after today (an admin ahead of UTC) counts as done today.
  const daysSinceReview = Math.max(0, differenceInCalendarDays(now, reviewed, { in: UTC }));
  const ago = `last reviewed on ${c.lastReviewedOn} (${plural(daysSinceReview, 'day')} ago)`;
  if (!c.coverage24x5) {
    return {
      state: 'incomplete',
      reviewDueOn,
      daysSinceReview,
      message: `The incident contacts do not confirm 24/5 coverage, which the program requires: a Jira admin needs to update them (${ago}).`,
    };
  }
  if (daysSinceReview > c.reviewReminderDays) {
    return {
      state: 'review-due',
      reviewDueOn,
      daysSinceReview,
      message: `The incident contacts were ${ago} and their review was due by ${reviewDueOn}: a Jira admin needs to confirm they are still current.`,
    };
  }
  return {
    state: 'current',
    reviewDueOn,
    daysSinceReview,
    message: `The incident contacts are current: ${ago}, next review due by ${reviewDueOn}.`,
  };
}

/**
 * A directory partner's contacts: 'not-set' without contacts or a review date; either coverage (24x5 or 24x7)
 * confirms the 24/5 the program asks for, so only their age decides between current and review-due.
 */
export function partnerContactsStatus(p: Pick<Partner, 'contacts' | 'lastReviewedOn' | 'reviewIntervalDays'> | null, today: string): ContactsStatus {
  if (!p || p.contacts === null || p.lastReviewedOn === null) return contactsStatus(null, today);
  return contactsStatus({ coverage24x5: true, lastReviewedOn: p.lastReviewedOn, reviewReminderDays: p.reviewIntervalDays }, today);
}
