/**
 * Strict decimal numbers for CSV cells. `Number(s)` alone is too lenient for data files: it
 * reads '' and '  ' as 0, '0x1A' as 26, and accepts 'Infinity', so an empty or garbled cell
 * would silently become a sample. We accept exactly JS decimal literals with an optional sign:
 * `1`, `-2.5`, `.5`, `1.`, `1e-3`, `-2.5E+4`.
 */

const ZERO = 48;
const NINE = 57;
const PLUS = 43;
const MINUS = 45;
const DOT = 46;
const UPPER_E = 69;
const LOWER_E = 101;
/** x, X, o, O, b, B: prefixes of Number's hexadecimal, octal and binary literals */
const RADIX_LETTERS = [120, 88, 111, 79, 98, 66];

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

/** Index just past a run of digits starting at i. */
function skipDigits(s: string, i: number): number {
  while (i < s.length && isDigit(s.charCodeAt(i))) i++;
  return i;
}

/**
 * Whether the (trimmed) cell is a decimal literal: [+-]? (d+ (. d*)? | . d+) ([eE] [+-]? d+)?.
 * A char-code scan rather than a regex because it runs once per cell.
 */
export function isDecimalLiteral(s: string): boolean {
  let i = 0;
  let c = s.charCodeAt(0);
  if (c === PLUS || c === MINUS) i++;
  const intEnd = skipDigits(s, i);
  let digits = intEnd - i;
  i = intEnd;
  if (s.charCodeAt(i) === DOT) {
    const fracEnd = skipDigits(s, i + 1);
    digits += fracEnd - i - 1;
    i = fracEnd;
  }
  if (digits === 0) return false;
  c = s.charCodeAt(i);
  if (c === UPPER_E || c === LOWER_E) {
    i++;
    c = s.charCodeAt(i);
    if (c === PLUS || c === MINUS) i++;
    const expEnd = skipDigits(s, i);
    if (expEnd === i) return false;
    i = expEnd;
  }
  return i === s.length;
}

/**
 * The value of a cell, or NaN when it is not a finite decimal literal (NaN cannot be a genuine
 * value here because the literal 'NaN' is rejected). Overflow such as '1e400' also gives NaN;
 * `describeBadNumber` tells the cases apart for the message.
 *
 * Hot path (once per cell): `Number` first, then a constant-time filter instead of the full
 * grammar scan. Number's grammar is a decimal literal (with sign, or 'Infinity') padded by
 * whitespace, or an unsigned 0x/0o/0b integer. A finite result whose first character is a
 * digit, sign or dot, whose last is a digit or dot, and that is not 0x/0o/0b-prefixed is
 * therefore exactly a decimal literal (test: "agrees with the full grammar").
 */
export function parseDecimal(cell: string): number {
  const v = Number(cell);
  if (!Number.isFinite(v)) return NaN;
  const first = cell.charCodeAt(0);
  const last = cell.charCodeAt(cell.length - 1);
  if (!(isDigit(first) || first === PLUS || first === MINUS || first === DOT)) return NaN; // '', ' 1'
  if (!(isDigit(last) || last === DOT)) return NaN; // '1 '
  if (first === ZERO && cell.length > 1 && RADIX_LETTERS.includes(cell.charCodeAt(1))) return NaN; // '0x10'
  return v;
}

import { quoted } from '../text';

/** Markers that spreadsheets, R, pandas and instruments write for a missing value. */
const MISSING = new Set(['nan', 'na', 'n/a', 'null', 'none', 'missing', '-', '?']);

/**
 * Why `parseDecimal` rejected a cell, and what to do, as the end of a sentence that starts
 * with "Row 12, column 'y': ". Only called on failure, so it may be slow.
 */
export function describeBadNumber(cell: string): string {
  if (cell === '') return 'the cell is empty. Fill it in or remove that row.';
  const q = quoted(cell);
  // Every test below looks at the start of the cell or matches short cells only, so a 50 MB
  // cell costs no more than a short one.
  const lower = cell.slice(0, 16).toLowerCase();
  const bare = lower.replace(/^[+-]/, '');
  if (MISSING.has(lower) || MISSING.has(bare)) {
    return `${q} marks a missing value, but every cell needs a number. Fill it in or remove that row.`;
  }
  if (bare.startsWith('inf')) return `${q} is not a finite number. Fix or remove that row.`;
  if (isDecimalLiteral(cell)) {
    return `${q} is too large for a 64-bit number (beyond ±1.8e308). Rescale that column.`;
  }
  if (/^0[xob]/.test(bare)) {
    return `${q} is not a decimal number (hexadecimal, octal and binary are not supported). Fix or remove that row.`;
  }
  if (cell.length <= 64 && /^[+-]?\d*,\d+$/.test(cell)) {
    return `${q} is not a number: use '.' as the decimal separator (e.g. ${quoted(cell.replace(',', '.'))}). Fix or remove that row.`;
  }
  return `${q} is not a number. Fix or remove that row.`;
}
