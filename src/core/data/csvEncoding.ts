/**
 * Is the text a UTF-8 CSV at all? Files come in as text decoded as UTF-8 (Node's
 * `readFileSync(path, 'utf8')`, the browser's `File.text()`), so a file saved in another
 * encoding or a binary file arrives garbled: UTF-16 as characters interleaved with NULs after
 * two U+FFFD (its byte-order mark), a spreadsheet as a ZIP archive full of NULs. Without this
 * check their header would be reported as badly named columns; with it the message says what
 * to do (save as CSV UTF-8).
 */

/** Characters looked at from the start of the file. */
const SAMPLE = 4096;
const NUL = 0;
const REPLACEMENT = 0xfffd;
const SAVE_AS_UTF8 = "Save it as UTF-8 text (in Excel: 'CSV UTF-8') and load it again.";

/** A message when the text is not UTF-8 CSV text; null when it looks like text. */
export function encodingProblem(text: string): string | null {
  if (text.startsWith('PK\x03\x04')) {
    return `The file is a ZIP archive (an .xlsx or .ods spreadsheet?), not CSV text. Export the sheet as CSV. ${SAVE_AS_UTF8}`;
  }
  const n = Math.min(text.length, SAMPLE);
  let nul = 0;
  for (let i = 0; i < n; i++) if (text.charCodeAt(i) === NUL) nul++;
  // The UTF-16 byte-order mark (FF FE or FE FF) decodes to two U+FFFD, then an ASCII
  // character comes with its zero byte on one side.
  const bom = text.charCodeAt(0) === REPLACEMENT && text.charCodeAt(1) === REPLACEMENT
    && (text.charCodeAt(2) === NUL || text.charCodeAt(3) === NUL);
  // UTF-16 text of ASCII has a NUL every other byte, UTF-32 three in four.
  if (nul * 4 >= n && n > 0) {
    const kind = nul * 3 >= n * 2 ? 'UTF-32' : 'UTF-16';
    return `The file looks like ${kind} text (every character comes with zero bytes). ${SAVE_AS_UTF8}`;
  }
  if (bom && nul > 0) return `The file looks like UTF-16 text (it starts with a UTF-16 byte-order mark). ${SAVE_AS_UTF8}`;
  const firstNul = nul > 0 ? text.indexOf('\0') : text.indexOf('\0', n);
  if (firstNul >= 0) {
    return `The file contains a NUL character (at line ${lineOf(text, firstNul)}), so it is not CSV text: it may be a binary file or a spreadsheet. ${SAVE_AS_UTF8}`;
  }
  return null;
}

/** A message when a header line holds characters that were not valid UTF-8; else null. */
export function headerEncodingProblem(header: string, lineNo: number): string | null {
  if (header.indexOf('\ufffd') < 0) return null;
  return `Row ${lineNo} (the header) contains bytes that are not UTF-8 text (shown as �): the file was saved in another encoding, such as Latin-1 or Windows-1252. ${SAVE_AS_UTF8}`;
}

/** 1-based line number of position i (counting LF, or CR in a file without LF). */
function lineOf(text: string, i: number): number {
  const nl = text.includes('\n') ? '\n' : '\r';
  let line = 1;
  for (let k = text.indexOf(nl); k >= 0 && k < i; k = text.indexOf(nl, k + 1)) line++;
  return line;
}
