/**
 * Low-level CSV reading for csv.ts: lines (UTF-8 BOM, CRLF, comments, blank lines), the
 * separator, fields (with "quotes") and strict decimal numbers. Nothing here knows about time,
 * states or trajectories.
 *
 * Row numbers in messages are 1-based line numbers of the file, counting comment and blank lines,
 * so "Row 12" is what an editor or a spreadsheet shows as line/row 12 (quoted fields cannot span
 * lines, so the two never drift apart).
 */
import { ok, err, type Result } from '../types';

export type Separator = ',' | ';' | '\t';

/** Priority order when a header contains as many of one separator as of another. */
const SEPARATORS: readonly Separator[] = [',', ';', '\t'];

const SPACE = 32;
const TAB = 9;
const HASH = 35;

/**
 * Walks the content lines of a file: skips blank lines and `#` comments, strips the BOM and the
 * CR of CRLF. A cursor instead of `text.split` so that the upload preview of a 50 MB file reads
 * only the lines it shows.
 */
export class LineReader {
  /** The current content line, without its line break. */
  line = '';
  /** 1-based line number of `line` in the file. */
  lineNo = 0;
  private pos: number;
  private readonly nl: string;

  constructor(private readonly text: string) {
    this.pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    // Classic Mac OS files end lines with a lone CR; all others have LF (CRLF's CR is stripped below).
    this.nl = text.includes('\n') || !text.includes('\r') ? '\n' : '\r';
  }

  /** Advances to the next line that is neither blank nor a comment; false at the end of the text. */
  next(): boolean {
    const { text, nl } = this;
    while (this.pos < text.length) {
      let end = text.indexOf(nl, this.pos);
      if (end < 0) end = text.length;
      let raw = text.slice(this.pos, end);
      this.pos = end + 1;
      this.lineNo++;
      if (raw.charCodeAt(raw.length - 1) === 13) raw = raw.slice(0, -1);
      if (!isBlankOrComment(raw)) {
        this.line = raw;
        return true;
      }
    }
    return false;
  }
}

function isBlankOrComment(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === SPACE || c === TAB) continue;
    return c === HASH;
  }
  return true;
}

/** Upper bound on the number of lines (for preallocating row storage). */
export function countLines(text: string): number {
  const nl = text.includes('\n') ? '\n' : '\r'; // the same rule as LineReader
  let n = 1;
  for (let i = text.indexOf(nl); i >= 0; i = text.indexOf(nl, i + 1)) n++;
  return n;
}

/**
 * The separator of a header line: whichever of comma, semicolon and tab occurs most often
 * outside quotes (comma wins ties; a single-column header gives comma). Detecting on the header
 * only is safe because state names cannot contain any of them, while a data row of a
 * semicolon file may contain decimal commas.
 */
export function detectSeparator(header: string): Separator {
  const counts = [0, 0, 0];
  let inQuote = false;
  for (let i = 0; i < header.length; i++) {
    const ch = header[i];
    if (ch === '"') inQuote = !inQuote;
    else if (!inQuote) {
      const k = SEPARATORS.indexOf(ch as Separator);
      if (k >= 0) counts[k]!++;
    }
  }
  let best = 0;
  for (let k = 1; k < counts.length; k++) if (counts[k]! > counts[best]!) best = k;
  return SEPARATORS[best]!;
}

/**
 * Excel's `sep=;` first line names the separator explicitly; returns it, or null for any
 * other line.
 */
export function explicitSeparator(line: string): Separator | null {
  const m = /^\s*sep=(.)\s*$/i.exec(line);
  const s = m?.[1];
  return s !== undefined && (SEPARATORS as readonly string[]).includes(s) ? (s as Separator) : null;
}

/**
 * The trimmed fields of one line. Fields may be quoted ("a,b", with "" for a quote); a quoted
 * field cannot contain a line break. Lines without any quote take a fast path (`split`), which
 * is what keeps a 5,000-row file in the low milliseconds.
 */
export function splitFields(line: string, sep: Separator, lineNo: number): Result<string[]> {
  if (line.indexOf('"') < 0) return ok(line.split(sep).map((f) => f.trim()));
  const fields: string[] = [];
  const n = line.length;
  let i = 0;
  for (;;) {
    i = skipSpaces(line, i, sep);
    if (line[i] === '"') {
      const q = readQuoted(line, i + 1);
      if (q === null) {
        return err(`Row ${lineNo}, field ${fields.length + 1}: a quote (") is opened but never closed. Close it or remove it.`);
      }
      fields.push(q.value);
      i = skipSpaces(line, q.end, sep);
      if (i < n && line[i] !== sep) {
        return err(`Row ${lineNo}, field ${fields.length}: unexpected text after the closing quote. Put the whole field inside the quotes.`);
      }
    } else {
      let end = line.indexOf(sep, i);
      if (end < 0) end = n;
      fields.push(line.slice(i, end).trim());
      i = end;
    }
    if (i >= n) return ok(fields);
    i++; // past the separator; a separator at the very end yields a final empty field
  }
}

function skipSpaces(line: string, i: number, sep: Separator): number {
  while (i < line.length && line[i] !== sep && (line.charCodeAt(i) === SPACE || line.charCodeAt(i) === TAB)) i++;
  return i;
}

/** Reads a quoted field whose opening quote is just before `start`; null if it is never closed. */
function readQuoted(line: string, start: number): { value: string; end: number } | null {
  let value = '';
  let pos = start;
  for (;;) {
    const q = line.indexOf('"', pos);
    if (q < 0) return null;
    value += line.slice(pos, q);
    if (line[q + 1] !== '"') return { value, end: q + 1 };
    value += '"';
    pos = q + 2;
  }
}

/** The field as written in a header: quoted when it contains a separator, a quote or edge spaces. */
export function quoteField(field: string): string {
  if (!/[",;\t#\r\n]/.test(field) && field.trim() === field) return field;
  return `"${field.replaceAll('"', '""')}"`;
}
