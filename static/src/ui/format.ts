import { TZDate } from '@date-fns/tz';

/** Dates and numbers in the viewer's locale and time zone (Jira's own, from the view context). */
export interface Locale {
  locale: string;
  timeZone: string;
}

const safeLocale = (locale: string) => {
  try {
    return Intl.getCanonicalLocales(locale.replace('_', '-'))[0] ?? 'en';
  } catch {
    return 'en';
  }
};

export function formatDateTime(iso: string, l: Locale): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(safeLocale(l.locale), { dateStyle: 'medium', timeStyle: 'short', timeZone: l.timeZone }).format(d);
}

export function formatDay(day: string, l: Locale): string {
  const d = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  return new Intl.DateTimeFormat(safeLocale(l.locale), { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

export function formatNumber(n: number, l: Locale): string {
  return new Intl.NumberFormat(safeLocale(l.locale)).format(n);
}

/** An instant as the value of a `datetime-local` input in a time zone (YYYY-MM-DDTHH:mm). */
export function toLocalInput(iso: string, timeZone: string): string {
  if (!iso) return '';
  const d = new TZDate(iso, timeZone);
  if (Number.isNaN(d.getTime())) return '';
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** A `datetime-local` value read as wall time in a time zone, as an ISO instant ('' stays ''). */
export function fromLocalInput(local: string, timeZone: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!m) return '';
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  return new Date(new TZDate(y, mo - 1, d, h, mi, timeZone).getTime()).toISOString();
}

/** "just now", "5 minutes ago", "3 hours ago", "2 days ago": the absolute time goes in a tooltip beside it. */
export function relativeTime(atMs: number, nowMs: number, locale = 'en'): string {
  const s = Math.round((nowMs - atMs) / 1000);
  if (Math.abs(s) < 45) return 'just now';
  const rtf = new Intl.RelativeTimeFormat(safeLocale(locale), { numeric: 'auto' });
  const steps: [number, Intl.RelativeTimeFormatUnit][] = [
    [60, 'second'],
    [60, 'minute'],
    [24, 'hour'],
    [30, 'day'],
    [12, 'month'],
    [Number.POSITIVE_INFINITY, 'year'],
  ];
  let value = s;
  for (const [size, unit] of steps) {
    if (Math.abs(value) < size) return rtf.format(-Math.round(value), unit);
    value /= size;
  }
  return rtf.format(-Math.round(value), 'year');
}
