/**
 * Printable excerpts of untrusted text, for messages.
 *
 * A message that quotes a header name, a cell, a trajectory label or an argument goes to a
 * terminal (the CLI's stderr) or into the page. Raw, such text can be hostile: ESC and OSC
 * sequences recolour or clear a terminal, and OSC 52 writes its clipboard; a lone CR moves the
 * cursor back so later text overwrites the message; NUL, bidi overrides (U+202E, "Trojan
 * Source") and line separators garble it; and a 100 MB header quoted whole is a 100 MB line.
 * So every quoted piece goes through `excerpt`: control and invisible formatting characters are
 * written as escapes (`\x1b`, `\r`, `\u202e`), and the result is capped (60 characters by
 * default) with an ellipsis. It reads only about as many characters as it returns, so an
 * excerpt of a 100 MB string costs microseconds.
 *
 * Pure and import-free: the CLI, the worker and the page use it alike.
 */

/** Default cap of one quoted piece of user text, in characters (ellipsis included). */
export const EXCERPT_LENGTH = 60;

/** Cap of a whole message line (the CLI's stderr line, a note in the page). */
export const MESSAGE_LENGTH = 300;

const ELLIPSIS = '…';

const SHORT_ESCAPES: Readonly<Record<number, string>> = { 0: '\\0', 9: '\\t', 10: '\\n', 13: '\\r' };

/**
 * Whether code unit c must not reach a terminal or the page as is: C0 controls, DEL, C1
 * controls (0x9b is a one-byte CSI on some terminals), zero-width and bidi formatting
 * characters, line and paragraph separators, the BOM, and unpaired surrogates (tested by the
 * caller). Tab is a control too: it would misalign the one-line message.
 */
export function isUnsafeCode(c: number): boolean {
  if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return true;
  if (c < 0x061c) return false;
  return c === 0x061c || (c >= 0x200b && c <= 0x200f) || (c >= 0x2028 && c <= 0x202e)
    || (c >= 0x2060 && c <= 0x2069) || c === 0xfeff;
}

function escapeCode(c: number): string {
  const short = SHORT_ESCAPES[c];
  if (short !== undefined) return short;
  return c < 0x100 ? `\\x${c.toString(16).padStart(2, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`;
}

/**
 * The printable form of one character starting at index i of s, and how many code units it
 * spans (2 for a surrogate pair, kept whole; an unpaired surrogate is escaped).
 */
function printableAt(s: string, i: number): [string, number] {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = s.charCodeAt(i + 1);
    return d >= 0xdc00 && d <= 0xdfff ? [s.slice(i, i + 2), 2] : [escapeCode(c), 1];
  }
  if (c >= 0xdc00 && c <= 0xdfff) return [escapeCode(c), 1];
  return isUnsafeCode(c) ? [escapeCode(c), 1] : [s[i]!, 1];
}

/**
 * `s` made printable (controls escaped) and at most `max` UTF-16 code units long (the JS
 * length); a cut is marked by an ellipsis, which counts towards `max`. Escapes and surrogate
 * pairs are never cut apart. Cost is O(max), whatever the length of s.
 */
export function excerpt(s: string, max = EXCERPT_LENGTH): string {
  const limit = Math.max(1, Math.floor(max));
  let out = '';
  for (let i = 0; i < s.length;) {
    const [piece, span] = printableAt(s, i);
    const more = i + span < s.length;
    if (out.length + piece.length + (more ? 1 : 0) > limit) return out + ELLIPSIS;
    out += piece;
    i += span;
  }
  return out;
}

/** `'…'`: an excerpt in single quotes, as messages quote names, cells and labels. */
export function quoted(s: string, max = EXCERPT_LENGTH): string {
  return `'${excerpt(s, max)}'`;
}

/**
 * Several names quoted and joined by ', ' within about `budget` characters: `'a', 'b', 'c'`,
 * or `'a', 'b', … (3,000 in all)` when they do not fit. Each name is cut to `itemMax`;
 * `quote = false` leaves out the quotes (`t, x, y`).
 */
export function quotedList(items: readonly string[], budget = 80, itemMax = 24, quote = true): string {
  const parts: string[] = [];
  let used = 0;
  for (const item of items) {
    const q = quote ? quoted(item, itemMax) : excerpt(item, itemMax);
    if (parts.length > 0 && used + q.length + 2 > budget) {
      return `${parts.join(', ')}, … (${items.length.toLocaleString('en')} in all)`;
    }
    parts.push(q);
    used += q.length + 2;
  }
  return parts.join(', ');
}

/** The printable pieces of s: one string per character, controls escaped. */
function printablePieces(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length;) {
    const [piece, span] = printableAt(s, i);
    out.push(piece);
    i += span;
  }
  return out;
}

const flatten = (s: string): string => s.replace(/[ \t]*[\r\n\u2028\u2029]+[ \t]*/g, ' ');

/**
 * A whole message as one printable line of at most `max` characters: line breaks become one
 * space, any control left is escaped, and an over-long message keeps its start and its end
 * (where the advice is) around an ellipsis. The last line of defence for text bound for a
 * terminal; messages should already quote user text with `excerpt`. Reads at most 4·max
 * characters from each end of the message.
 */
export function printableLine(message: string, max = MESSAGE_LENGTH): string {
  const window = 4 * max;
  const cut = message.length > 2 * window;
  const head = printablePieces(flatten(cut ? message.slice(0, window) : message).trimStart());
  const tail = cut ? printablePieces(flatten(message.slice(-window)).trimEnd()) : [];
  if (!cut) {
    while (head.length > 0 && head[head.length - 1] === ' ') head.pop();
    const line = head.join('');
    if (line.length <= max) return line;
  }
  const headBudget = Math.ceil((max - 1) * 0.6);
  const tailBudget = max - 1 - headBudget;
  let start = '';
  for (const p of head) {
    if (start.length + p.length > headBudget) break;
    start += p;
  }
  const from = cut ? tail : head;
  let end = '';
  for (let k = from.length - 1; k >= 0; k--) {
    const p = from[k]!;
    if (end.length + p.length > tailBudget) break;
    end = p + end;
  }
  return start + ELLIPSIS + end;
}
