// Indicators as CSV, kept apart from the report so the panel's first render does not load it.
import { csvCell } from './csv';
import type { StoredIndicator } from './report';
import { neutraliseCsvCell } from './csv-cell';
import { DEFAULT_TLP, TLP_LABELS, effectiveTlp, type Tlp } from './tlp';

export const INDICATOR_CSV_HEADER = ['type', 'value', 'first_seen', 'note', 'tlp'] as const;

/**
 * The indicators as CSV (RFC 4180, CRLF): type id, raw value (as stored, not defanged: this is for
 * tools), first-seen instant or empty, note, and the TLP marking that applies (the incident's, or the
 * indicator's own when stricter). Cells that a spreadsheet would run as a formula are neutralised
 * (see csv-cell.ts). No byte-order mark and no trailing line break.
 */
export function indicatorsToCsv(indicators: StoredIndicator[], opts: { incidentTlp?: Tlp } = {}): string {
  const incidentTlp = opts.incidentTlp ?? DEFAULT_TLP;
  const rows = indicators.map((i) => [i.type, i.value, i.firstSeen ?? '', i.note ?? '', TLP_LABELS[effectiveTlp(incidentTlp, i.tlp)]].map((v) => csvCell(neutraliseCsvCell(String(v)))).join(','));
  return [INDICATOR_CSV_HEADER.join(','), ...rows].join('\r\n');
}
