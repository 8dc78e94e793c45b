import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/data/rng';
import { EXCERPT_LENGTH, excerpt, isUnsafeCode, printableLine, quotedList } from '../../src/core/text';

/** Any character a terminal or the page could interpret: C0/C1 controls, DEL, bidi and zero-width formatting, separators, unpaired surrogates. */
function hasUnsafe(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) return true;
      i++;
      continue;
    }
    if ((c >= 0xdc00 && c <= 0xdfff) || isUnsafeCode(c)) return true;
  }
  return false;
}

/** Random strings over an alphabet rich in hostile characters. */
function hostileString(rng: () => number, n: number): string {
  const alphabet = ['a', 'Z', '0', ' ', '\\', '\x1b', '\x07', '\r', '\n', '\0', '\t', '\x7f', '\x9b', '\u202e', '\u2028', '\ufeff', '\u200b', 'é', '😀', '\ud800', '\udfff', ']', '[', ';'];
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rng() * alphabet.length)]!;
  return s;
}

describe('excerpt', () => {
  it('escapes what a terminal would interpret', () => {
    expect(excerpt('x\x1b]52;c;SGVsbG8=\x07')).toBe('x\\x1b]52;c;SGVsbG8=\\x07');
    expect(excerpt('ab\rcd')).toBe('ab\\rcd');
    expect(excerpt('a\0b\nc\td')).toBe('a\\0b\\nc\\td');
    expect(excerpt('evil\u202etxt.exe')).toBe('evil\\u202etxt.exe');
    expect(excerpt('\x9b2J')).toBe('\\x9b2J');
  });

  it('leaves printable text, accents and emoji as they are', () => {
    for (const s of ['x_pos', 'Temperatur (°C)', 'µ', '😀 ok', 'a\\b']) expect(excerpt(s)).toBe(s);
  });

  it('caps the length with an ellipsis, never splitting an escape or a surrogate pair', () => {
    const rng = createRng(7);
    for (let k = 0; k < 500; k++) {
      const s = hostileString(rng, Math.floor(rng() * 120));
      const max = 1 + Math.floor(rng() * 70);
      const e = excerpt(s, max);
      expect(e.length).toBeLessThanOrEqual(max);
      expect(hasUnsafe(e)).toBe(false);
      // An uncut excerpt loses nothing; a cut one is a prefix of the uncut one plus the ellipsis.
      const full = excerpt(s, 10_000);
      if (e !== full) {
        expect(e.endsWith('…')).toBe(true);
        expect(full.startsWith(e.slice(0, -1))).toBe(true);
      }
    }
  });

  it('reads only the start of a huge string', () => {
    const huge = 'a'.repeat(50_000_000);
    const e = excerpt(huge);
    expect(e).toBe('a'.repeat(EXCERPT_LENGTH - 1) + '…');
  });
});

describe('quotedList', () => {
  it('lists every name that fits, else counts the rest', () => {
    expect(quotedList(['t', 'x', 'y'])).toBe("'t', 'x', 'y'");
    const many = Array.from({ length: 3000 }, (_, i) => `x${i}`);
    const l = quotedList(many);
    expect(l).toMatch(/^'x0', 'x1', .*, … \(3,000 in all\)$/);
    expect(l.length).toBeLessThan(120);
  });
});

describe('printableLine', () => {
  it('is one printable line within the cap, keeping both ends of a long message', () => {
    const rng = createRng(11);
    for (let k = 0; k < 300; k++) {
      const msg = 'Start ' + hostileString(rng, Math.floor(rng() * 2000)) + ' Do this.';
      const line = printableLine(msg, 300);
      expect(line.length).toBeLessThanOrEqual(300);
      expect(hasUnsafe(line)).toBe(false);
      expect(line.startsWith('Start')).toBe(true);
      if (!msg.slice(-12).match(/[\ud800-\udfff]/)) expect(line.endsWith(' Do this.')).toBe(true);
    }
  });

  it('turns line breaks into spaces and keeps a short message whole', () => {
    expect(printableLine('Bad row.\n  Fix it.')).toBe('Bad row. Fix it.');
  });

  it('handles a message of 100 MB', () => {
    const line = printableLine('Row 1: ' + 'h'.repeat(100_000_000) + ' Rename it.');
    expect(line.length).toBeLessThanOrEqual(300);
    expect(line).toMatch(/^Row 1: h+…h+ Rename it\.$/);
  });
});
