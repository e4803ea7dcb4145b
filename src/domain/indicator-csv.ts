// Indicators as CSV, kept apart from the report so the panel's first render does not load a CSV library.
import Papa from 'papaparse';
import type { StoredIndicator } from './report';

export const INDICATOR_CSV_HEADER = ['type', 'value', 'first_seen', 'note'] as const;

// A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection"); a leading
// apostrophe makes it text. Our own pattern: papaparse's default /^[=+\-@\t\r].*$/ has no `s` flag,
// so a multi-line cell such as "=cmd\nx" would slip through.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The indicators as CSV (RFC 4180, CRLF): type id, raw value (as stored, not defanged: this is for
 * tools), first-seen instant or empty, note. Cells that a spreadsheet would run as a formula get a
 * leading apostrophe. No byte-order mark and no trailing line break.
 */
export function indicatorsToCsv(indicators: StoredIndicator[]): string {
  // papaparse writes a bare header with a line break after it, rows without one: keep it one way.
  if (indicators.length === 0) return INDICATOR_CSV_HEADER.join(',');
  const rows = indicators.map((i) => [i.type, i.value, i.firstSeen, i.note]);
  return Papa.unparse(
    { fields: [...INDICATOR_CSV_HEADER], data: rows },
    { newline: '\r\n', quotes: false, escapeFormulae: FORMULA_START },
  );
}
