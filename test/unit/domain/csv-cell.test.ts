import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { neutraliseCsvCell, restoreCsvCell } from '../../../src/domain/csv-cell';

const cell = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.array(fc.constantFrom('=', '+', '-', '@', '\t', '\r', "'", 'a', ' ', '1'), { maxLength: 8 }).map((p) => p.join('')),
);

describe('the one CSV cell rule', () => {
  it('gives a formula-looking cell a leading apostrophe and leaves others alone', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(neutraliseCsvCell(`${start}1`)).toBe(`'${start}1`);
    expect(neutraliseCsvCell('a=b')).toBe('a=b');
    expect(neutraliseCsvCell('')).toBe('');
    expect(neutraliseCsvCell("'=x")).toBe("''=x");
  });

  it('property: a written cell never starts like a formula, and restoring gives the value back', () => {
    fc.assert(fc.property(cell, (s) => {
      const written = neutraliseCsvCell(s);
      expect(/^[=+\-@\t\r]/.test(written)).toBe(false);
      expect(restoreCsvCell(written)).toBe(s);
    }), { numRuns: 2000 });
  });
});
