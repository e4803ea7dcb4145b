// One rule for every CSV the app writes: a cell a spreadsheet would run as a formula (OWASP "CSV
// injection": it starts with = + - @, a tab or a carriage return) is written with a leading apostrophe,
// which spreadsheets read as "this is text". Reversible, so the app's own reader gets the value back.

// Also cells that already start with apostrophes before such a character, so that writing stays
// one-to-one: "'=x" is written "''=x" and reads back as "'=x", never as "=x".
const NEEDS_APOSTROPHE = /^'*[=+\-@\t\r]/;
const NEUTRALISED = /^'+[=+\-@\t\r]/;

/** The cell as written: `value`, or `'value` when a spreadsheet would run it as a formula. */
export function neutraliseCsvCell(value: string): string {
  return NEEDS_APOSTROPHE.test(value) ? `'${value}` : value;
}

/** The inverse of `neutraliseCsvCell`, for reading back what this app wrote. */
export function restoreCsvCell(cell: string): string {
  return NEUTRALISED.test(cell) ? cell.slice(1) : cell;
}
