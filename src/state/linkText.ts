/**
 * Helpers for untrusted link text: what a URL holds is shown only as short, printable,
 * quoted text, and a number is read only from a plain decimal literal (no hex, no
 * Infinity, no empty string that Number() would turn into 0).
 */

const isControl = (ch: string): boolean => { const c = ch.codePointAt(0)!; return c < 32 || (c >= 127 && c < 160); };

/** The text with every control character replaced by `by`. */
export function replaceControl(s: string, by = '?'): string {
  return Array.from(s, (ch) => (isControl(ch) ? by : ch)).join('');
}

/** Shown text of an untrusted value: short, printable, never interpreted. */
export function quote(s: string): string {
  const clean = replaceControl(s);
  return `'${clean.length > 40 ? clean.slice(0, 40) + '…' : clean}'`;
}

/** A plain decimal literal, optionally with an exponent of at most three digits. */
export const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,3})?$/;

/** The number a decimal literal spells (surrounding spaces allowed), else NaN. */
export function decimal(t: string): number {
  return DECIMAL.test(t.trim()) ? Number(t) : NaN;
}
