import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as v from 'valibot';
import { isCalendarDay, instantField, optionalInstant, toIsoInstant } from '../../../src/domain/calendar';

describe('isCalendarDay', () => {
  it('accepts real days only', () => {
    expect(isCalendarDay('2024-02-29')).toBe(true);
    expect(isCalendarDay('2000-02-29')).toBe(true);
    expect(isCalendarDay('2100-02-29')).toBe(false);
    expect(isCalendarDay('2026-04-31')).toBe(false);
    expect(isCalendarDay('2026-13-01')).toBe(false);
    expect(isCalendarDay('2026-00-10')).toBe(false);
    expect(isCalendarDay('0000-01-01')).toBe(false);
    expect(isCalendarDay('2026-1-01')).toBe(false);
  });

  it('agrees with the calendar for every day of years 1 to 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
        const date = new Date(0);
        date.setUTCFullYear(y, m - 1, d);
        const real = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
        const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        expect(isCalendarDay(text)).toBe(real);
      }),
    );
  });
});

describe('toIsoInstant', () => {
  it('gives back any instant written by toISOString', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }), (d) => {
        expect(toIsoInstant(d.toISOString())).toBe(d.toISOString());
      }),
    );
  });

  it('applies the offset, takes minutes without seconds, and refuses what names no real instant', () => {
    expect(toIsoInstant('2026-11-20T14:05+01:00')).toBe('2026-11-20T13:05:00.000Z');
    expect(toIsoInstant('2026-11-20t14:05:00z')).toBe('2026-11-20T14:05:00.000Z');
    // Date would roll these over into March; they are refused.
    expect(toIsoInstant('2026-02-30T10:00:00Z')).toBeNull();
    expect(toIsoInstant('2026-02-29T10:00:00Z')).toBeNull();
    // Without an offset the time is ambiguous.
    expect(toIsoInstant('2026-11-20T14:05:00')).toBeNull();
    expect(toIsoInstant('soon')).toBeNull();
    // ISO 8601 separates date and time with T.
    expect(toIsoInstant('2026-11-20 14:05:00Z')).toBeNull();
  });

  it('refuses instants outside the years 0000–9999 in UTC that an offset would make (STIX cannot write them)', () => {
    expect(toIsoInstant('9999-12-31T23:00:00-05:00')).toBeNull();
    expect(toIsoInstant('0000-01-01T00:30:00+01:00')).toBeNull();
    expect(toIsoInstant('9999-12-31T23:59:59Z')).toBe('9999-12-31T23:59:59.000Z');
    expect(v.safeParse(optionalInstant(), '9999-12-31T22:00:00-02:00').success).toBe(false);
  });
});

describe('instant fields', () => {
  it('normalise to UTC, allow empty only when optional, and refuse impossible dates', () => {
    expect(v.parse(optionalInstant(), ' 2026-11-20T14:05:00+02:00 ')).toBe('2026-11-20T12:05:00.000Z');
    expect(v.parse(optionalInstant(), '')).toBe('');
    expect(v.safeParse(instantField('Say when'), '').issues?.[0]?.message).toBe('Say when');
    expect(v.safeParse(instantField('Say when', 'No such time'), '2026-02-30T10:00:00Z').issues?.map((i) => i.message)).toEqual(['No such time']);
    expect(v.parse(instantField('Say when'), '2026-11-20T14:05Z')).toBe('2026-11-20T14:05:00.000Z');
  });
});
