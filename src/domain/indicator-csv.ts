// Indicators as CSV, kept apart from the report so the panel's first render does not load it.
import { csvCell } from './csv';
import type { StoredIndicator } from './report';

export const INDICATOR_CSV_HEADER = ['type', 'value', 'first_seen', 'note'] as const;

// A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection"); a leading
// apostrophe makes it text. Tested against the first character only, so a multi-line cell such as
// "=cmd\nx" is caught too.
const FORMULA_START = /^[=+\-@\t\r]/;

const cell = (value: string): string => (FORMULA_START.test(value) ? `"'${value.replaceAll('"', '""')}"` : csvCell(value));

/**
 * The indicators as CSV (RFC 4180, CRLF): type id, raw value (as stored, not defanged: this is for
 * tools), first-seen instant or empty, note. Cells that a spreadsheet would run as a formula get a
 * leading apostrophe (and quotes). No byte-order mark and no trailing line break.
 */
export function indicatorsToCsv(indicators: StoredIndicator[]): string {
  const rows = indicators.map((i) => [i.type, i.value, i.firstSeen ?? '', i.note ?? ''].map((v) => cell(String(v))).join(','));
  return [INDICATOR_CSV_HEADER.join(','), ...rows].join('\r\n');
}
