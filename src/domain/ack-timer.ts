// The 8-hour acknowledgment clock: a partner must acknowledge Atlassian's outreach within
// `slaHours` of coverage time. On a '24x5' calendar the weekend (local Saturday 00:00 to local
// Monday 00:00 in the contact's IANA time zone) does not count.
//
// Pure: time only enters as arguments. Zone math goes through @date-fns/tz (Intl underneath),
// never through the host's own time zone, so results do not depend on where the code runs.
import { TZDate, tzOffset } from '@date-fns/tz';

export type CoverageCalendar = '24x7' | '24x5';
export type AckState = 'running' | 'acknowledged' | 'acknowledged-late' | 'breached';
export type SlaColour = 'neutral' | 'warning' | 'danger' | 'breached';

export interface AckTimerInput {
  outreachAt: Date;
  acknowledgedAt?: Date;
  now: Date;
  calendar: CoverageCalendar;
  timeZone: string;
  slaHours?: number;
}

export interface AckStatus {
  state: AckState;
  dueAt: Date;
  remainingMs: number;
}

export const DEFAULT_ACK_SLA_HOURS = 8;

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
const SATURDAY = 6;
const SUNDAY = 0;

// ---------------------------------------------------------------------------------------------
// Validation

const knownZones = new Map<string, boolean>();

/** True when `timeZone` is an IANA zone name this runtime knows (e.g. 'Europe/London', 'UTC'). */
export function isValidTimeZone(timeZone: string): boolean {
  const cached = knownZones.get(timeZone);
  if (cached !== undefined) return cached;
  // Bare offsets ('+05:00') are not IANA names, and whether Intl accepts them depends on the
  // Node version; rejecting them keeps the result the same on every runtime.
  let valid = typeof timeZone === 'string' && timeZone.trim() !== '' && !/^[+-]/.test(timeZone);
  if (valid) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
    } catch {
      valid = false;
    }
  }
  knownZones.set(timeZone, valid);
  return valid;
}

function assertTimeZone(timeZone: string): void {
  if (!isValidTimeZone(timeZone)) {
    throw new RangeError(
      `Unknown time zone ${JSON.stringify(timeZone)}: expected an IANA time zone name such as "Europe/London".`,
    );
  }
}

function assertCalendar(calendar: CoverageCalendar): void {
  if (calendar !== '24x7' && calendar !== '24x5') {
    throw new RangeError(`Unknown coverage calendar ${JSON.stringify(calendar)}: expected '24x7' or '24x5'.`);
  }
}

function assertDate(value: Date, name: string): number {
  const ms = value instanceof Date ? value.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${name} must be a valid Date.`);
  return ms;
}

// Whole milliseconds, so that dueAt − outreachAt is exact and repeatable.
function slaToMs(slaHours: number): number {
  if (typeof slaHours !== 'number' || !Number.isFinite(slaHours) || slaHours <= 0) {
    throw new RangeError(`slaHours must be a positive, finite number of hours (got ${String(slaHours)}).`);
  }
  return Math.round(slaHours * MS_PER_HOUR);
}

function toDate(ms: number): Date {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) throw new RangeError('The deadline falls outside the range of a Date.');
  return date;
}

// ---------------------------------------------------------------------------------------------
// Local wall-clock instants

function offsetMs(timeZone: string, ms: number): number {
  return Math.round(tzOffset(timeZone, new Date(ms)) * MS_PER_MINUTE);
}

/**
 * The first instant whose local date (in `timeZone`) is the given calendar day. Usually local
 * 00:00; when midnight is skipped by a DST change (e.g. Asia/Tehran, America/Santiago) it is the
 * instant of the change; when midnight happens twice, the first occurrence.
 */
function startOfLocalDay(year: number, month: number, day: number, timeZone: string): number {
  const wall = Date.UTC(year, month, day); // the wall-clock reading, as if it were UTC
  // Real offsets lie within ±14 h, so a day either side is safely before/after any change at
  // this midnight.
  const before = offsetMs(timeZone, wall - MS_PER_DAY);
  const after = offsetMs(timeZone, wall + MS_PER_DAY);
  const candidates = [wall - before, wall - after]
    .filter((instant) => instant + offsetMs(timeZone, instant) === wall)
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first !== undefined) return first;
  return firstInstantWithOffset(timeZone, wall - after, wall - before, after);
}

// Midnight fell in a DST gap: binary-search the change, which lies in (lo, hi], for the first
// instant carrying the new offset.
function firstInstantWithOffset(timeZone: string, lo: number, hi: number, offset: number): number {
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetMs(timeZone, mid) === offset) hi = mid;
    else lo = mid;
  }
  return hi;
}

interface Weekend {
  start: number; // local Saturday 00:00
  end: number; // local Monday 00:00
}

/** The weekend that contains `ms`, or else the next one after it. */
function weekendAtOrAfter(ms: number, timeZone: string): Weekend {
  const local = new TZDate(ms, timeZone);
  const weekday = local.getDay();
  const toSaturday = weekday === SATURDAY ? 0 : weekday === SUNDAY ? -1 : SATURDAY - weekday;
  const year = local.getFullYear();
  const month = local.getMonth();
  const saturday = local.getDate() + toSaturday;
  // Two calendar days, not 48 hours: a weekend with a DST change lasts 47 or 49 hours.
  const weekend = {
    start: startOfLocalDay(year, month, saturday, timeZone),
    end: startOfLocalDay(year, month, saturday + 2, timeZone),
  };
  // The loops below advance to `end`; guarantee progress even on nonsensical zone data.
  if (weekend.end <= ms) throw new Error(`Time zone ${timeZone} has no Monday after ${new Date(ms).toISOString()}.`);
  return weekend;
}

// ---------------------------------------------------------------------------------------------
// Coverage-time arithmetic

/**
 * The earliest instant at which `amountMs` of coverage time has been counted from `startMs`.
 * A 24x5 deadline that lands exactly on Saturday 00:00 stays there (rather than Monday 00:00).
 */
function addCoverageMs(startMs: number, amountMs: number, calendar: CoverageCalendar, timeZone: string): number {
  if (calendar === '24x7' || amountMs <= 0) return startMs + amountMs;
  let cursor = startMs;
  let remaining = amountMs;
  for (;;) {
    const weekend = weekendAtOrAfter(cursor, timeZone);
    if (cursor >= weekend.start) {
      cursor = weekend.end; // paused: counting resumes on Monday 00:00 local
      continue;
    }
    if (cursor + remaining <= weekend.start) return cursor + remaining;
    remaining -= weekend.start - cursor;
    cursor = weekend.end;
  }
}

/** Coverage time counted in [fromMs, toMs). */
function coverageMsBetween(fromMs: number, toMs: number, calendar: CoverageCalendar, timeZone: string): number {
  if (toMs <= fromMs) return 0;
  if (calendar === '24x7') return toMs - fromMs;
  let counted = 0;
  let cursor = fromMs;
  while (cursor < toMs) {
    const weekend = weekendAtOrAfter(cursor, timeZone);
    if (cursor < weekend.start) counted += Math.min(toMs, weekend.start) - cursor;
    cursor = weekend.end;
  }
  return counted;
}

// ---------------------------------------------------------------------------------------------
// Public API

/** When the acknowledgment is due: `slaHours` of coverage time after the outreach. */
export function ackDueAt(
  outreachAt: Date,
  calendar: CoverageCalendar,
  timeZone: string,
  slaHours: number = DEFAULT_ACK_SLA_HOURS,
): Date {
  const start = assertDate(outreachAt, 'outreachAt');
  assertCalendar(calendar);
  assertTimeZone(timeZone);
  return toDate(addCoverageMs(start, slaToMs(slaHours), calendar, timeZone));
}

/**
 * Where the acknowledgment stands at `now`. An acknowledgment exactly at the deadline is in time;
 * `now` exactly at the deadline is still running. `remainingMs` is elapsed (wall-clock) time to
 * the deadline, negative once it has passed, whether or not it was acknowledged.
 */
export function ackStatus(t: AckTimerInput): AckStatus {
  const now = assertDate(t.now, 'now');
  const dueAt = ackDueAt(t.outreachAt, t.calendar, t.timeZone, t.slaHours ?? DEFAULT_ACK_SLA_HOURS);
  const due = dueAt.getTime();
  let state: AckState;
  if (t.acknowledgedAt !== undefined) {
    state = assertDate(t.acknowledgedAt, 'acknowledgedAt') <= due ? 'acknowledged' : 'acknowledged-late';
  } else {
    state = now > due ? 'breached' : 'running';
  }
  return { state, dueAt, remainingMs: due - now };
}

/** True when the clock is not counting at `now` (inside the weekend on a 24x5 calendar). */
export function pausedAt(now: Date, calendar: CoverageCalendar, timeZone: string): boolean {
  const ms = assertDate(now, 'now');
  assertCalendar(calendar);
  assertTimeZone(timeZone);
  return calendar === '24x5' && ms >= weekendAtOrAfter(ms, timeZone).start;
}

/** When a paused clock starts counting again (local Monday 00:00), or null when it is counting. */
export function resumesAt(now: Date, calendar: CoverageCalendar, timeZone: string): Date | null {
  if (!pausedAt(now, calendar, timeZone)) return null;
  return new Date(weekendAtOrAfter(now.getTime(), timeZone).end);
}

/** Coverage time, in ms, counted between two instants (0 when `to` is not after `from`). */
export function coverageMs(from: Date, to: Date, calendar: CoverageCalendar, timeZone: string): number {
  const fromMs = assertDate(from, 'from');
  const toMs = assertDate(to, 'to');
  assertCalendar(calendar);
  assertTimeZone(timeZone);
  return coverageMsBetween(fromMs, toMs, calendar, timeZone);
}

/**
 * The fraction (0, rising past 1 once overdue) of the coverage time used at `now`. The clock
 * stops at the acknowledgment, so an acknowledged timer reports the fraction used by then.
 */
export function elapsedFraction(t: AckTimerInput): number {
  const start = assertDate(t.outreachAt, 'outreachAt');
  let end = assertDate(t.now, 'now');
  if (t.acknowledgedAt !== undefined) end = Math.min(end, assertDate(t.acknowledgedAt, 'acknowledgedAt'));
  assertCalendar(t.calendar);
  assertTimeZone(t.timeZone);
  const slaMs = slaToMs(t.slaHours ?? DEFAULT_ACK_SLA_HOURS);
  return coverageMsBetween(start, end, t.calendar, t.timeZone) / slaMs;
}

/**
 * The first whole millisecond at which `fraction` of the coverage time is used (1 → the due time,
 * 0.5 / 0.75 → the reminder instants), so a scheduled trigger can index on it.
 */
export function thresholdInstant(
  outreachAt: Date,
  fraction: number,
  calendar: CoverageCalendar,
  timeZone: string,
  slaHours: number = DEFAULT_ACK_SLA_HOURS,
): Date {
  const start = assertDate(outreachAt, 'outreachAt');
  assertCalendar(calendar);
  assertTimeZone(timeZone);
  if (typeof fraction !== 'number' || !Number.isFinite(fraction) || fraction < 0) {
    throw new RangeError(`fraction must be a finite number ≥ 0 (got ${String(fraction)}).`);
  }
  // Rounded up so that elapsedFraction at this instant is never below `fraction`.
  const amountMs = Math.ceil(slaToMs(slaHours) * fraction);
  return toDate(addCoverageMs(start, amountMs, calendar, timeZone));
}

/** The colour Jira uses for an SLA with this much time left. */
export function slaColour(remainingMs: number): SlaColour {
  if (Number.isNaN(remainingMs)) throw new RangeError('remainingMs must be a number.');
  if (remainingMs < 0) return 'breached';
  if (remainingMs < 30 * MS_PER_MINUTE) return 'danger';
  if (remainingMs < MS_PER_HOUR) return 'warning';
  return 'neutral';
}

/**
 * Time left as hours and minutes, e.g. '7h 59m', '0h 05m', '-0h 05m' once breached; whole minutes
 * are truncated toward zero and hours are not rolled into days. Locale-free.
 */
export function formatRemaining(remainingMs: number): string {
  if (!Number.isFinite(remainingMs)) throw new RangeError('remainingMs must be a finite number.');
  const sign = remainingMs < 0 ? '-' : '';
  const minutes = Math.floor(Math.abs(remainingMs) / MS_PER_MINUTE);
  const hours = Math.floor(minutes / 60);
  return `${sign}${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
}
