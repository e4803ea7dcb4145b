import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  ackDueAt,
  ackStatus,
  coverageMs,
  elapsedFraction,
  formatRemaining,
  isValidTimeZone,
  pausedAt,
  resumesAt,
  slaColour,
  thresholdInstant,
} from '../../../src/domain/ack-timer';
import type { CoverageCalendar } from '../../../src/domain/ack-timer';

const H = 3_600_000;
const MIN = 60_000;
const at = (iso: string): Date => new Date(iso);
const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());
const due5 = (outreach: string, zone: string, sla?: number): string =>
  ackDueAt(at(outreach), '24x5', zone, sla).toISOString();

describe('ackDueAt on 24x7', () => {
  it('is 8 hours of elapsed time after the outreach by default', () => {
    expect(iso(ackDueAt(at('2026-05-04T10:00:00Z'), '24x7', 'Europe/London'))).toBe('2026-05-04T18:00:00.000Z');
  });

  it('ignores weekends and daylight-saving changes', () => {
    // Saturday 20:00 GMT, the night the clocks go forward: still exactly 8 real hours.
    expect(iso(ackDueAt(at('2026-03-28T20:00:00Z'), '24x7', 'Europe/London'))).toBe('2026-03-29T04:00:00.000Z');
  });

  it('honours slaHours, including fractions', () => {
    const outreach = at('2026-05-04T10:00:00Z');
    expect(ackDueAt(outreach, '24x7', 'UTC', 4).getTime() - outreach.getTime()).toBe(4 * H);
    expect(ackDueAt(outreach, '24x7', 'UTC', 0.5).getTime() - outreach.getTime()).toBe(30 * MIN);
    expect(ackDueAt(outreach, '24x7', 'UTC', 7.75).getTime() - outreach.getTime()).toBe(7 * H + 45 * MIN);
    expect(ackDueAt(outreach, '24x7', 'UTC', 200).getTime() - outreach.getTime()).toBe(200 * H);
  });

  it('rejects an slaHours that is not a positive finite number', () => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => ackDueAt(at('2026-05-04T10:00:00Z'), '24x7', 'UTC', bad)).toThrow(RangeError);
    }
  });

  it('rejects an invalid outreach date', () => {
    expect(() => ackDueAt(new Date(Number.NaN), '24x7', 'UTC')).toThrow(RangeError);
  });
});

describe('ackStatus', () => {
  const base = { outreachAt: at('2026-05-04T10:00:00Z'), calendar: '24x7' as const, timeZone: 'UTC' };
  const dueMs = Date.parse('2026-05-04T18:00:00Z');

  it('is running before the deadline, with the time left', () => {
    expect(ackStatus({ ...base, now: at('2026-05-04T10:01:00Z') })).toEqual({
      state: 'running',
      dueAt: at('2026-05-04T18:00:00Z'),
      remainingMs: 7 * H + 59 * MIN,
    });
  });

  it('is still running when now is exactly the deadline, and breached 1 ms later', () => {
    expect(ackStatus({ ...base, now: new Date(dueMs) })).toMatchObject({ state: 'running', remainingMs: 0 });
    expect(ackStatus({ ...base, now: new Date(dueMs + 1) })).toMatchObject({ state: 'breached', remainingMs: -1 });
  });

  it('reports a negative remainingMs once breached', () => {
    const s = ackStatus({ ...base, now: at('2026-05-04T18:05:00Z') });
    expect(s.state).toBe('breached');
    expect(s.remainingMs).toBe(-5 * MIN);
  });

  it('counts an acknowledgment exactly at the deadline as in time, 1 ms later as late', () => {
    const now = at('2026-05-05T09:00:00Z');
    expect(ackStatus({ ...base, now, acknowledgedAt: new Date(dueMs) }).state).toBe('acknowledged');
    expect(ackStatus({ ...base, now, acknowledgedAt: new Date(dueMs + 1) }).state).toBe('acknowledged-late');
    expect(ackStatus({ ...base, now, acknowledgedAt: at('2026-05-04T10:00:00Z') }).state).toBe('acknowledged');
  });

  it('keeps remainingMs = deadline − now after an acknowledgment', () => {
    const s = ackStatus({ ...base, now: at('2026-05-04T19:00:00Z'), acknowledgedAt: at('2026-05-04T11:00:00Z') });
    expect(s).toMatchObject({ state: 'acknowledged', remainingMs: -H });
  });

  it('uses slaHours and the 24x5 calendar', () => {
    // Friday 22:00 in London (BST): 2 h on Friday, then the clock waits for Monday 00:00 BST.
    const s = ackStatus({
      outreachAt: at('2026-05-08T21:00:00Z'),
      now: at('2026-05-09T12:00:00Z'),
      calendar: '24x5',
      timeZone: 'Europe/London',
      slaHours: 4,
    });
    expect(s.state).toBe('running');
    expect(iso(s.dueAt)).toBe('2026-05-11T01:00:00.000Z');
    expect(s.remainingMs).toBe(37 * H);
  });
});

describe('ackDueAt on 24x5', () => {
  it('carries a Friday-evening outreach across the weekend', () => {
    // Friday 20:00 BST: 4 h before Saturday 00:00, the other 4 h from Monday 00:00 BST (Sunday 23:00Z).
    expect(due5('2026-05-08T19:00:00Z', 'Europe/London')).toBe('2026-05-11T03:00:00.000Z');
  });

  it('does not touch a deadline that falls within the week', () => {
    expect(due5('2026-05-06T09:00:00Z', 'Europe/London')).toBe('2026-05-06T17:00:00.000Z');
  });

  it('stops exactly at Saturday 00:00 when the time runs out there, and not a millisecond later', () => {
    // Friday 16:00 BST + 8 h = Saturday 00:00 BST.
    expect(due5('2026-05-08T15:00:00Z', 'Europe/London')).toBe('2026-05-08T23:00:00.000Z');
    // 1 ms later the last millisecond is counted on Monday.
    expect(due5('2026-05-08T15:00:00.001Z', 'Europe/London')).toBe('2026-05-10T23:00:00.001Z');
  });

  it('starts counting at Monday 00:00 local for an outreach on Saturday or Sunday', () => {
    // Los Angeles: Monday 11 May 2026 00:00 PDT = 07:00Z.
    expect(due5('2026-05-09T17:00:00Z', 'America/Los_Angeles')).toBe('2026-05-11T15:00:00.000Z'); // Sat 10:00
    expect(due5('2026-05-10T17:00:00Z', 'America/Los_Angeles')).toBe('2026-05-11T15:00:00.000Z'); // Sun 10:00
    expect(due5('2026-05-09T07:00:00Z', 'America/Los_Angeles')).toBe('2026-05-11T15:00:00.000Z'); // Sat 00:00
    expect(due5('2026-05-11T06:59:59.999Z', 'America/Los_Angeles')).toBe('2026-05-11T15:00:00.000Z'); // Sun 23:59:59.999
    expect(due5('2026-05-11T07:00:00Z', 'America/Los_Angeles')).toBe('2026-05-11T15:00:00.000Z'); // Mon 00:00
  });

  it('uses the weekend of the given zone, on both sides of the date line', () => {
    // 02:00Z on Saturday 9 May 2026 is Friday afternoon/evening east of UTC-12 … and Saturday west of it.
    const outreach = '2026-05-09T02:00:00Z';
    // Los Angeles, Friday 19:00 PDT: 5 h, then 3 h from Monday 00:00 PDT (07:00Z).
    expect(due5(outreach, 'America/Los_Angeles')).toBe('2026-05-11T10:00:00.000Z');
    // Pago Pago (UTC-11), Friday 15:00: all 8 h before Saturday 00:00 (Friday 23:00 local).
    expect(due5(outreach, 'Pacific/Pago_Pago')).toBe('2026-05-09T10:00:00.000Z');
    // Auckland (NZST, UTC+12), Saturday 14:00: from Monday 00:00 NZST (Sunday 12:00Z).
    expect(due5(outreach, 'Pacific/Auckland')).toBe('2026-05-10T20:00:00.000Z');
    // Kiritimati (UTC+14), Saturday 16:00: from Monday 00:00 (Sunday 10:00Z).
    expect(due5(outreach, 'Pacific/Kiritimati')).toBe('2026-05-10T18:00:00.000Z');
  });

  it('counts a Friday in Kiritimati as the weekend while it is still Friday in UTC', () => {
    // Friday 8 May 2026 10:00Z = Saturday 00:00 in Kiritimati.
    expect(pausedAt(at('2026-05-08T09:59:59.999Z'), '24x5', 'Pacific/Kiritimati')).toBe(false);
    expect(pausedAt(at('2026-05-08T10:00:00Z'), '24x5', 'Pacific/Kiritimati')).toBe(true);
    // Monday 11 May 2026 11:00Z is still Sunday in Pago Pago.
    expect(pausedAt(at('2026-05-11T10:59:59.999Z'), '24x5', 'Pacific/Pago_Pago')).toBe(true);
    expect(pausedAt(at('2026-05-11T11:00:00Z'), '24x5', 'Pacific/Pago_Pago')).toBe(false);
  });

  describe('weekends that contain a daylight-saving change', () => {
    it('Europe/London, clocks forward on the last Sunday of March (a 47-hour weekend)', () => {
      // Friday 20:00 GMT; Monday 00:00 BST = Sunday 23:00Z; + 4 h.
      expect(due5('2026-03-27T20:00:00Z', 'Europe/London')).toBe('2026-03-30T03:00:00.000Z');
    });

    it('Europe/London, clocks back on the last Sunday of October (a 49-hour weekend)', () => {
      // Friday 20:00 BST (19:00Z); Saturday 00:00 BST = 23:00Z; Monday 00:00 GMT = 00:00Z; + 4 h.
      expect(due5('2026-10-23T19:00:00Z', 'Europe/London')).toBe('2026-10-26T04:00:00.000Z');
    });

    it('America/New_York, second Sunday of March and first Sunday of November', () => {
      // Friday 22:00 EST: 2 h, then 6 h from Monday 00:00 EDT (04:00Z).
      expect(due5('2026-03-07T03:00:00Z', 'America/New_York')).toBe('2026-03-09T10:00:00.000Z');
      // Friday 22:00 EDT: 2 h, then 6 h from Monday 00:00 EST (05:00Z).
      expect(due5('2026-10-31T02:00:00Z', 'America/New_York')).toBe('2026-11-02T11:00:00.000Z');
    });

    it('Australia/Sydney, DST starting in October and ending in April', () => {
      // Friday 2 Oct 2026 20:00 AEST: 4 h, then from Monday 00:00 AEDT (Sunday 13:00Z).
      expect(due5('2026-10-02T10:00:00Z', 'Australia/Sydney')).toBe('2026-10-04T17:00:00.000Z');
      // Friday 3 Apr 2026 20:00 AEDT: 4 h, then from Monday 00:00 AEST (Sunday 14:00Z).
      expect(due5('2026-04-03T09:00:00Z', 'Australia/Sydney')).toBe('2026-04-05T18:00:00.000Z');
    });

    it('a zone where Monday 00:00 does not exist (Asia/Tehran, 22 March 2021)', () => {
      // The clocks went from Sunday 24:00 (+03:30) to Monday 01:00 (+04:30) at 20:30Z: that instant starts Monday.
      expect(due5('2021-03-20T12:00:00Z', 'Asia/Tehran')).toBe('2021-03-22T04:30:00.000Z');
      expect(pausedAt(at('2021-03-21T20:29:59.999Z'), '24x5', 'Asia/Tehran')).toBe(true);
      expect(pausedAt(at('2021-03-21T20:30:00Z'), '24x5', 'Asia/Tehran')).toBe(false);
    });

    it('a zone where Saturday 00:00 does not exist (Asia/Tehran, 22 March 2014)', () => {
      // Friday 20:00 +03:30 (16:30Z): 4 h to the change at 20:30Z, which starts Saturday;
      // Monday 00:00 +04:30 = Sunday 19:30Z; + 4 h.
      expect(due5('2014-03-21T16:30:00Z', 'Asia/Tehran')).toBe('2014-03-23T23:30:00.000Z');
    });

    it('a zone where Saturday 00:00 happens twice (Asia/Gaza, 24 October 2020): the first one counts', () => {
      // Saturday 01:00 +03 went back to 00:00 +02; Saturday began at 21:00Z, not 22:00Z.
      expect(pausedAt(at('2020-10-23T20:59:59.999Z'), '24x5', 'Asia/Gaza')).toBe(false);
      expect(pausedAt(at('2020-10-23T21:00:00Z'), '24x5', 'Asia/Gaza')).toBe(true);
      // Friday 17:00 +03 (14:00Z): 7 h to 21:00Z, the last hour from Monday 00:00 +02 (Sunday 22:00Z).
      expect(due5('2020-10-23T14:00:00Z', 'Asia/Gaza')).toBe('2020-10-25T23:00:00.000Z');
    });

    it('a zone that skipped a whole Friday (Pacific/Apia, 30 December 2011)', () => {
      // Thursday 19:00 (UTC-10) = 05:00Z on the 30th; Saturday began at 10:00Z that day (UTC+14).
      expect(due5('2011-12-30T05:00:00Z', 'Pacific/Apia')).toBe('2012-01-01T13:00:00.000Z');
    });
  });

  it('honours a fractional slaHours', () => {
    // Friday 20:00 BST: 4 h Friday + 3.5 h Monday.
    expect(due5('2026-05-08T19:00:00Z', 'Europe/London', 7.5)).toBe('2026-05-11T02:30:00.000Z');
  });

  it('handles a large slaHours that spans several weekends, one with a DST change', () => {
    // Wednesday 18 Mar 2026 12:00 GMT: 60 h to Saturday, 120 h the next week, the last 20 h from
    // Monday 30 Mar 00:00 BST (29 Mar 23:00Z).
    expect(due5('2026-03-18T12:00:00Z', 'Europe/London', 200)).toBe('2026-03-30T19:00:00.000Z');
  });

  it('handles a very large slaHours (about a year of weekdays)', () => {
    // 52 weeks of 120 h, from Monday 00:00 UTC, ends on Saturday 00:00 of week 52.
    expect(due5('2026-01-05T00:00:00Z', 'UTC', 52 * 120)).toBe('2027-01-02T00:00:00.000Z');
  });
});

describe('time zone validation', () => {
  it('throws a RangeError naming the bad zone', () => {
    expect(() => ackDueAt(at('2026-05-04T10:00:00Z'), '24x5', 'Europe/Londn')).toThrow(RangeError);
    expect(() => ackDueAt(at('2026-05-04T10:00:00Z'), '24x5', 'Europe/Londn')).toThrow(/Europe\/Londn/);
  });

  it('throws for 24x7 too, and from every entry point', () => {
    const now = at('2026-05-04T10:00:00Z');
    expect(() => ackDueAt(now, '24x7', 'Not/AZone')).toThrow(RangeError);
    expect(() => ackStatus({ outreachAt: now, now, calendar: '24x5', timeZone: '' })).toThrow(RangeError);
    expect(() => pausedAt(now, '24x5', 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => thresholdInstant(now, 0.5, '24x5', 'nowhere')).toThrow(RangeError);
    expect(() => elapsedFraction({ outreachAt: now, now, calendar: '24x5', timeZone: 'x' })).toThrow(RangeError);
  });

  it('accepts IANA names and rejects bare offsets', () => {
    expect(isValidTimeZone('Pacific/Kiritimati')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('+05:00')).toBe(false);
    expect(isValidTimeZone('Europe/Londn')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });

  it('rejects an unknown calendar', () => {
    expect(() => ackDueAt(at('2026-05-04T10:00:00Z'), '24x6' as CoverageCalendar, 'UTC')).toThrow(RangeError);
  });
});

describe('pausedAt and resumesAt', () => {
  // Saturday 9 May 2026 00:00 BST = 8 May 23:00Z; Monday 11 May 00:00 BST = 10 May 23:00Z.
  it('is paused from local Saturday 00:00 (inclusive) to local Monday 00:00 (exclusive)', () => {
    expect(pausedAt(at('2026-05-08T22:59:59.999Z'), '24x5', 'Europe/London')).toBe(false);
    expect(pausedAt(at('2026-05-08T23:00:00Z'), '24x5', 'Europe/London')).toBe(true);
    expect(pausedAt(at('2026-05-10T22:59:59.999Z'), '24x5', 'Europe/London')).toBe(true);
    expect(pausedAt(at('2026-05-10T23:00:00Z'), '24x5', 'Europe/London')).toBe(false);
  });

  it('is never paused on 24x7', () => {
    expect(pausedAt(at('2026-05-09T12:00:00Z'), '24x7', 'Europe/London')).toBe(false);
    expect(resumesAt(at('2026-05-09T12:00:00Z'), '24x7', 'Europe/London')).toBeNull();
  });

  it('says when counting resumes', () => {
    expect(iso(resumesAt(at('2026-03-28T12:00:00Z'), '24x5', 'Europe/London'))).toBe('2026-03-29T23:00:00.000Z');
    expect(resumesAt(at('2026-03-27T12:00:00Z'), '24x5', 'Europe/London')).toBeNull();
  });
});

describe('thresholds and elapsedFraction', () => {
  // Friday 8 May 2026 22:00 BST (21:00Z): 2 h before the weekend, the other 6 h on Monday from 23:00Z.
  const outreachAt = at('2026-05-08T21:00:00Z');
  const cal = '24x5' as const;
  const zone = 'Europe/London';
  const fraction = (now: string, acknowledgedAt?: string): number =>
    elapsedFraction({
      outreachAt,
      now: at(now),
      calendar: cal,
      timeZone: zone,
      ...(acknowledgedAt ? { acknowledgedAt: at(acknowledgedAt) } : {}),
    });

  it('puts the 50% and 75% reminders after the weekend, at the right instants', () => {
    expect(iso(thresholdInstant(outreachAt, 0.5, cal, zone))).toBe('2026-05-11T01:00:00.000Z');
    expect(iso(thresholdInstant(outreachAt, 0.75, cal, zone))).toBe('2026-05-11T03:00:00.000Z');
    expect(iso(thresholdInstant(outreachAt, 1, cal, zone))).toBe(iso(ackDueAt(outreachAt, cal, zone)));
    expect(iso(thresholdInstant(outreachAt, 0, cal, zone))).toBe(iso(outreachAt));
  });

  it('crosses each threshold exactly at its instant', () => {
    expect(fraction('2026-05-11T01:00:00Z')).toBe(0.5);
    expect(fraction('2026-05-11T00:59:59.999Z')).toBeLessThan(0.5);
    expect(fraction('2026-05-11T03:00:00Z')).toBe(0.75);
    expect(fraction('2026-05-11T02:59:59.999Z')).toBeLessThan(0.75);
  });

  it('stands still over the weekend', () => {
    expect(fraction('2026-05-08T23:00:00Z')).toBe(0.25);
    expect(fraction('2026-05-09T12:00:00Z')).toBe(0.25);
    expect(fraction('2026-05-10T22:59:59.999Z')).toBe(0.25);
    expect(fraction('2026-05-11T00:00:00Z')).toBe(0.375);
  });

  it('is 0 before the outreach, passes 1 when overdue, and freezes at the acknowledgment', () => {
    expect(fraction('2026-05-08T20:00:00Z')).toBe(0);
    expect(fraction('2026-05-11T09:00:00Z')).toBe(1.5);
    expect(fraction('2026-05-12T09:00:00Z', '2026-05-11T01:00:00Z')).toBe(0.5);
  });

  it('lands a threshold on Saturday 00:00 when that is when the fraction is reached', () => {
    // Friday 20:00 BST: 4 h (50%) is used up exactly as the weekend starts.
    expect(iso(thresholdInstant(at('2026-05-08T19:00:00Z'), 0.5, cal, zone))).toBe('2026-05-08T23:00:00.000Z');
  });

  it('uses slaHours', () => {
    expect(iso(thresholdInstant(outreachAt, 0.5, cal, zone, 2))).toBe('2026-05-08T22:00:00.000Z');
    expect(elapsedFraction({ outreachAt, now: at('2026-05-08T22:00:00Z'), calendar: cal, timeZone: zone, slaHours: 2 })).toBe(0.5);
  });

  it('rejects a negative or non-finite fraction', () => {
    expect(() => thresholdInstant(outreachAt, -0.1, cal, zone)).toThrow(RangeError);
    expect(() => thresholdInstant(outreachAt, Number.NaN, cal, zone)).toThrow(RangeError);
  });
});

describe('slaColour', () => {
  it('follows Jira: neutral, warning under 1 h, danger under 30 min, breached below 0', () => {
    expect(slaColour(8 * H)).toBe('neutral');
    expect(slaColour(H)).toBe('neutral');
    expect(slaColour(H - 1)).toBe('warning');
    expect(slaColour(30 * MIN)).toBe('warning');
    expect(slaColour(30 * MIN - 1)).toBe('danger');
    expect(slaColour(0)).toBe('danger');
    expect(slaColour(-1)).toBe('breached');
  });
});

describe('formatRemaining', () => {
  it('shows hours and two-digit minutes, truncating seconds', () => {
    expect(formatRemaining(8 * H)).toBe('8h 00m');
    expect(formatRemaining(8 * H - 1)).toBe('7h 59m');
    expect(formatRemaining(5 * MIN)).toBe('0h 05m');
    expect(formatRemaining(0)).toBe('0h 00m');
    expect(formatRemaining(200 * H + 7 * MIN)).toBe('200h 07m');
  });

  it('shows breached time with a minus sign', () => {
    expect(formatRemaining(-5 * MIN)).toBe('-0h 05m');
    expect(formatRemaining(-5 * MIN - 59_999)).toBe('-0h 05m');
    expect(formatRemaining(-1)).toBe('-0h 00m');
    expect(formatRemaining(-(25 * H + 3 * MIN))).toBe('-25h 03m');
  });

  it('rejects a non-finite value', () => {
    expect(() => formatRemaining(Number.NaN)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties, checked against an independent oracle: local weekday from Intl, minute by minute.

const ZONES = [
  'UTC',
  'Europe/London',
  'America/New_York',
  'America/Los_Angeles',
  'Australia/Sydney',
  'Australia/Lord_Howe', // 30-minute DST shift
  'Pacific/Auckland',
  'Pacific/Chatham', // +12:45 / +13:45
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'Pacific/Apia',
  'Asia/Tehran', // DST changes at midnight (until 2022)
  'Asia/Kathmandu', // +05:45
  'America/Santiago', // DST changes at midnight
  'Asia/Gaza', // DST changes at Saturday midnight in 2020
] as const;

// Days of interest per zone (DST changes, skipped midnights and days), to bias the random cases.
const ANCHORS: readonly (readonly [string, string])[] = [
  ['Europe/London', '2026-03-29'],
  ['Europe/London', '2026-10-25'],
  ['America/New_York', '2026-03-08'],
  ['America/New_York', '2026-11-01'],
  ['America/Los_Angeles', '2026-03-08'],
  ['Australia/Sydney', '2026-10-04'],
  ['Australia/Sydney', '2026-04-05'],
  ['Australia/Lord_Howe', '2023-10-01'],
  ['Pacific/Auckland', '2026-09-27'],
  ['Pacific/Chatham', '2026-04-05'],
  ['Asia/Tehran', '2021-03-22'],
  ['Asia/Tehran', '2014-03-22'],
  ['Asia/Tehran', '2014-09-22'],
  ['America/Santiago', '2023-09-03'],
  ['America/Santiago', '2023-04-02'],
  ['Pacific/Apia', '2011-12-30'],
  ['Asia/Gaza', '2020-03-28'],
  ['Asia/Gaza', '2020-10-24'],
];

const weekdayFormats = new Map<string, Intl.DateTimeFormat>();
function localWeekday(ms: number, zone: string): string {
  let f = weekdayFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short' });
    weekdayFormats.set(zone, f);
  }
  return f.format(ms);
}
const isWeekendMinute = (ms: number, zone: string): boolean => {
  const day = localWeekday(ms, zone);
  return day === 'Sat' || day === 'Sun';
};

/** Counted minutes in [from, to), both on whole minutes, by stepping one minute at a time. */
function oracleCountedMinutes(fromMs: number, toMs: number, zone: string): number {
  let n = 0;
  for (let t = fromMs; t < toMs; t += MIN) if (!isWeekendMinute(t, zone)) n++;
  return n;
}

const minuteAligned = (ms: number): number => Math.floor(ms / MIN) * MIN;

// A (zone, outreach) pair on a whole minute: near an anchor or anywhere in 2000–2035.
const zoneAndOutreach = fc.oneof(
  fc
    .tuple(fc.constantFrom(...ANCHORS), fc.integer({ min: -9 * 24 * 60, max: 9 * 24 * 60 }))
    .map(([[zone, day], minutes]) => ({ zone, outreachMs: Date.parse(`${day}T00:00:00Z`) + minutes * MIN })),
  fc
    .tuple(fc.constantFrom(...ZONES), fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2035, 0, 1) }))
    .map(([zone, ms]) => ({ zone, outreachMs: minuteAligned(ms) })),
);

describe('properties', () => {
  it('24x7: dueAt − outreachAt is slaHours × 3 600 000 ms (quarter hours)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) }),
        fc.integer({ min: 1, max: 4000 }),
        fc.constantFrom(...ZONES),
        (outreachMs, quarters, zone) => {
          const slaHours = quarters / 4;
          const due = ackDueAt(new Date(outreachMs), '24x7', zone, slaHours);
          expect(due.getTime() - outreachMs).toBe(slaHours * 3_600_000);
        },
      ),
    );
  });

  it('24x7: any positive slaHours gives that duration, to the millisecond', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) }),
        fc.double({ min: 0.001, max: 1000, noNaN: true }),
        (outreachMs, slaHours) => {
          const due = ackDueAt(new Date(outreachMs), '24x7', 'UTC', slaHours);
          expect(due.getTime() - outreachMs).toBe(Math.round(slaHours * 3_600_000));
        },
      ),
    );
  });

  it('24x5: dueAt ≥ outreach + sla, and the counted time up to dueAt is exactly slaHours', () => {
    fc.assert(
      fc.property(zoneAndOutreach, fc.integer({ min: 1, max: 72 * 60 }), ({ zone, outreachMs }, slaMinutes) => {
        const slaHours = slaMinutes / 60;
        const dueMs = ackDueAt(new Date(outreachMs), '24x5', zone, slaHours).getTime();
        expect(dueMs).toBeGreaterThanOrEqual(outreachMs + slaMinutes * MIN);
        expect(dueMs % MIN).toBe(0);
        expect(oracleCountedMinutes(outreachMs, dueMs, zone)).toBe(slaMinutes);
        // The earliest such instant: the minute just before the deadline was counted.
        expect(isWeekendMinute(dueMs - MIN, zone)).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('24x5: pausedAt is true exactly when the local weekday is Saturday or Sunday', () => {
    fc.assert(
      fc.property(zoneAndOutreach, ({ zone, outreachMs }) => {
        expect(pausedAt(new Date(outreachMs), '24x5', zone)).toBe(isWeekendMinute(outreachMs, zone));
      }),
      { numRuns: 500 },
    );
  });

  it('24x5: coverageMs agrees with the oracle over arbitrary spans', () => {
    fc.assert(
      fc.property(zoneAndOutreach, fc.integer({ min: 0, max: 10 * 24 * 60 }), ({ zone, outreachMs }, spanMinutes) => {
        const toMs = outreachMs + spanMinutes * MIN;
        const counted = coverageMs(new Date(outreachMs), new Date(toMs), '24x5', zone);
        expect(counted).toBe(oracleCountedMinutes(outreachMs, toMs, zone) * MIN);
      }),
      { numRuns: 100 },
    );
  });

  it('thresholdInstant is the first millisecond at which the fraction is used', () => {
    fc.assert(
      fc.property(
        zoneAndOutreach,
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 0.01, max: 1.5, noNaN: true }),
        fc.constantFrom<CoverageCalendar>('24x5', '24x7'),
        ({ zone, outreachMs }, slaQuarters, f, calendar) => {
          const slaHours = slaQuarters / 4;
          const slaMs = slaHours * H;
          const outreachAt = new Date(outreachMs);
          const instant = thresholdInstant(outreachAt, f, calendar, zone, slaHours);
          const used = coverageMs(outreachAt, instant, calendar, zone);
          const usedJustBefore = coverageMs(outreachAt, new Date(instant.getTime() - 1), calendar, zone);
          expect(used).toBeGreaterThanOrEqual(f * slaMs);
          expect(usedJustBefore).toBeLessThan(f * slaMs);
          expect(elapsedFraction({ outreachAt, now: instant, calendar, timeZone: zone, slaHours })).toBeGreaterThanOrEqual(f);
        },
      ),
      { numRuns: 200 },
    );
  });
});
