import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsvRecordReader, csvCell, readCsv } from '../../../src/domain/csv';

describe('the CSV reader and cell writer (src/domain/csv.ts)', () => {
  it('reads RFC 4180 records with the line each starts on, and skips only a line with a quoting error', () => {
    expect(readCsv('a,"b,c"\r\n\r\n"x\ny",""""\r\n"open,\nz,1')).toEqual([
      { kind: 'record', line: 1, fields: ['a', 'b,c'] },
      { kind: 'record', line: 3, fields: ['x\ny', '"'] },
      { kind: 'error', line: 5, message: 'A quoted field is not closed (a " is missing).' },
      { kind: 'record', line: 6, fields: ['z', '1'] },
    ]);
  });

  it('round-trips any cells written by csvCell, however the text is cut', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', ' ', ',', '"', '\r', '\n', '\t', 'é'), maxLength: 8 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 4 }), fc.array(fc.nat(), { maxLength: 6 }), (rows, cuts) => {
        // A first cell that is never blank, so no row is a blank line.
        const records = rows.map((r) => ['id', ...r]);
        const text = records.map((r) => r.map(csvCell).join(',')).join('\r\n');
        const reader = new CsvRecordReader();
        const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const out = [...at.flatMap((c, i) => reader.push(text.slice(i === 0 ? 0 : at[i - 1], c))), ...reader.push(text.slice(at[at.length - 1] ?? 0)), ...reader.end()];
        expect(out.map((r) => (r.kind === 'record' ? r.fields : r.message))).toEqual(records);
      }),
    );
  });
});
