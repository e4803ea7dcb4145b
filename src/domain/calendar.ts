// Calendar days and instants written as text, checked one way everywhere: impossible dates
// (2026-02-30) are refused rather than rolled over into the next month, as `Date` would.
import * as v from 'valibot';
import { parseISO } from 'date-fns/parseISO';

/** Days in a month of the proleptic Gregorian calendar, as date-fns and JavaScript dates count them. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** A real date written YYYY-MM-DD (2025-02-29 is not one). */
export function isCalendarDay(s: string): boolean {
  // Arithmetic rather than a parse and a format round trip: every imported audit-log row is checked, and
  // formatting through a time zone costs ~40 µs a call (4 s for a 100,000-row download).
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Year 0000 stays refused, as the date library refuses it.
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

// valibot's shape check (4-digit year, field ranges, required offset; ISO 8601's 'T', not RFC 3339's space);
// date-fns then rejects days that do not exist (2026-02-30) and does the offset arithmetic.
const ISO_TIMESTAMP = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}T/), v.isoTimestamp());
// valibot wants seconds; a time to the minute (what a datetime input gives) means second 00.
const MINUTES_THEN_OFFSET = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(?=Z|[+-])/;

/**
 * The instant an ISO 8601 date-time names, as `toISOString()`, or null. The offset (Z, ±hh:mm,
 * ±hhmm, ±hh) is required: a wall-clock time without one is ambiguous. Seconds are optional;
 * lowercase t/z are accepted.
 */
export function toIsoInstant(text: string): string | null {
  const s = text.trim().toUpperCase().replace(MINUTES_THEN_OFFSET, '$1:00');
  if (!v.is(ISO_TIMESTAMP, s)) return null;
  const date = parseISO(s);
  if (Number.isNaN(date.getTime())) return null;
  // An offset can carry a written year past 9999 or before 0000 in UTC ('+010000-…'): neither STIX nor
  // most tools can write that instant, so it is refused here rather than failing an export later.
  const iso = date.toISOString();
  return /^\d{4}-/.test(iso) ? iso : null;
}

export const INSTANT_MESSAGE = 'Enter a date and time with its UTC offset, for example 2026-11-20T14:05:00Z';
export const OFFSET_INSTANT_MESSAGE = 'Enter a date and time with its time zone offset, for example 2026-03-15T14:30:00Z';

/** '' (not known yet) or an instant, stored normalised to UTC `toISOString()` so that it sorts and compares. */
export const optionalInstant = (message = INSTANT_MESSAGE) =>
  v.pipe(
    v.string(message),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const text = dataset.value.trim();
      if (text === '') return '';
      const iso = toIsoInstant(text);
      if (iso === null) {
        addIssue({ message });
        return NEVER;
      }
      return iso;
    }),
  );

/** A required instant, normalised like `optionalInstant`: `missing` when empty, `format` when it names no real instant. */
export const instantField = (missing: string, format = INSTANT_MESSAGE) =>
  v.pipe(
    v.string(missing),
    v.trim(),
    v.minLength(1, missing),
    // Valibot runs the whole pipe: an empty text has had its message already.
    v.check((s) => s === '' || toIsoInstant(s) !== null, format),
    v.transform((s) => toIsoInstant(s) ?? s),
  );
