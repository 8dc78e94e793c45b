/**
 * Hostile and huge CSV input (issue 13): every defect is a short, printable message, storage
 * is proportional to the file, states are capped and can be chosen by name.
 */
import { describe, expect, it } from 'vitest';
import { formatSize, parseCsv, previewCsv, type ParsedCsv } from '../../../src/core/data/csv';
import { MAX_COLUMNS, MAX_NAME_LENGTH, MAX_STATES } from '../../../src/core/data/csvLimits';
import { rowCapacity } from '../../../src/core/data/csvRows';
import { countLines } from '../../../src/core/data/csvTokenize';
import { createRng } from '../../../src/core/data/rng';
import { isUnsafeCode } from '../../../src/core/text';
import type { Result } from '../../../src/core/types';

function failure(r: Result<unknown>): string {
  if (r.ok) throw new Error('expected an error, got a value');
  return r.error;
}

function parsed(r: Result<ParsedCsv>): ParsedCsv {
  if (!r.ok) throw new Error(`expected a parse, got: ${r.error}`);
  return r.value;
}

const unsafe = (s: string): boolean => Array.from(s).some((ch) => ch.length === 1 && (isUnsafeCode(ch.charCodeAt(0)) || /[\ud800-\udfff]/.test(ch)));

/** A message fit for a terminal: printable, one line, short. */
function expectPrintable(message: string, max = 240): void {
  expect(unsafe(message), JSON.stringify(message)).toBe(false);
  expect(message.length, message.slice(0, 100)).toBeLessThanOrEqual(max);
}

const rows3 = (header: string): string => `${header}\n0,1,2\n1,2,3\n2,3,5\n`;

describe('terminal escapes and huge text in messages', () => {
  it.each([
    ['an OSC 52 clipboard write in a header name', rows3('t,x\x1b]52;c;SGVsbG8=\x07,y'), /'x\\x1b\]52;c;SGVsbG8=\\x07'/],
    ['a lone CR in a cell', 't,x,y\n0,1,2\n1,ab\rcd,3\n', /'ab\\rcd' is not a number/],
    ['a BEL and ESC in a trajectory label', 't,x,trajectory\n0,1,a\x1b[2J\x07\n', /Trajectory 'a\\x1b\[2J\\x07'/],
    ['a bidi override in a duplicate name', rows3('t,x\u202e,x\u202e'), /'x\\u202e' appears twice/],
    ['CSI in a ragged row', 't,x,y\n0,1\x9b2J\n', /'y' has no value|not a number/],
  ])('%s is escaped', (_, text, pattern) => {
    const e = failure(parseCsv(text));
    expect(e).toMatch(pattern);
    expectPrintable(e);
  });

  it('escapes a hostile --time name', () => {
    const e = failure(parseCsv(rows3('t,x,y'), { timeColumn: 'q\x1b]0;pwned\x07' }));
    expect(e).toContain("There is no column 'q\\x1b]0;pwned\\x07' to use as time");
    expectPrintable(e);
  });

  it('quotes a 5 MB header name and a 5 MB cell in a few dozen characters', () => {
    const name = 'h'.repeat(5_000_000);
    const e1 = failure(parseCsv(`t,${name},y\n0,1,2\n`));
    expect(e1).toMatch(new RegExp(`the name has 5,000,000 characters; .* at most ${MAX_NAME_LENGTH}`));
    expectPrintable(e1);
    const e2 = failure(parseCsv(`t,x\n0,1\n1,${'9'.repeat(5_000_000)}x\n`));
    expect(e2).toMatch(/^Row 3, column 'x': '9+…' is not a number/);
    expectPrintable(e2);
  });

  it('lists at most a few names of a wide header', () => {
    const names = Array.from({ length: 3000 }, (_, i) => `x${i}`);
    const e = failure(parseCsv(`t,${names.join(',')}\n`));
    expect(e).toMatch(/^Row 1 holds the header \(t, x0, .*, … \(3,001 in all\)\) but no data rows follow/);
    expectPrintable(e);
    const e2 = failure(parseCsv(rows3('t,x,y'), { timeColumn: 'tau' }));
    expect(e2).toContain("Available columns: 't', 'x', 'y'.");
  });
});

describe('storage is proportional to the file, not to lines × columns', () => {
  it('reads 10,000 columns and 500,000 blank lines (579 KB) without a giant buffer', () => {
    const header = ['t', ...Array.from({ length: 10_000 }, (_, i) => `x${i}`)].join(',');
    const row = Array.from({ length: 10_001 }, () => '1').join(',');
    const text = `${header}\n${row}\n${'\n'.repeat(500_000)}`;
    // Before: RangeError (Invalid typed array length: 5000520002). Now the real defects are named.
    expect(failure(parseCsv(text))).toMatch(/only 1 sample/);
    expect(failure(parseCsv(text, { maxStates: MAX_STATES }))).toMatch(/^The file has 10,000 state columns \('x0', .*\); one fit takes at most 50\./);
  });

  it('bounds the rows of any parsed file by rowCapacity', () => {
    const rng = createRng(3);
    for (let k = 0; k < 200; k++) {
      const m = 1 + Math.floor(rng() * 4);
      const traj = rng() < 0.3;
      const names = ['t', ...Array.from({ length: m }, (_, j) => `s${j}`), ...(traj ? ['trajectory'] : [])];
      const lines = [names.join(',')];
      const n = 3 + Math.floor(rng() * 30);
      for (let i = 0; i < n; i++) {
        lines.push([String(i), ...Array.from({ length: m }, () => String(Math.floor(rng() * 10))), ...(traj ? ['1'] : [])].join(','));
        if (rng() < 0.3) lines.push(rng() < 0.5 ? '' : '# c');
      }
      const text = lines.join(rng() < 0.5 ? '\n' : '\r\n');
      const p = parsed(parseCsv(text));
      const roles = { timeIndex: 0, trajIndex: traj ? m + 1 : -1, stateIndices: Array.from({ length: m }, (_, j) => j + 1) };
      const cap = rowCapacity(text.length, countLines(text), names.length, roles);
      expect(p.nRows).toBeLessThanOrEqual(cap);
      // The bound is tight for compact files: single-digit cells, no blank lines, no CR.
      if (!text.includes('\r') && !text.includes('#') && !/\n\n/.test(text)) expect(cap).toBeLessThan(3 * p.nRows + 10);
    }
  });

  it('refuses a header wider than MAX_COLUMNS before splitting it', () => {
    const e = failure(parseCsv('t' + ',x'.repeat(MAX_COLUMNS + 5) + '\n'));
    expect(e).toMatch(/has about 100,006 columns; at most 100,000 are read/);
    expectPrintable(e);
  });
});

describe('time steps that derivatives cannot divide by', () => {
  const file = (times: number[]): string => ['t,x,y', ...times.map((t, i) => `${t},${Math.sin(i)},${Math.cos(i)}`)].join('\n');

  it.each([
    ['denormal', [0, 5e-324, 1e-323, 1.5e-323], /time step 5e-324 is too small/],
    ['tiny', [0, 1e-200, 2e-200, 3e-200], /time step 1e-200 is too small/],
    ['overflowing', [-1e308, 1e308, 1.1e308], /the time step overflows 64-bit numbers/],
    ['huge', [0, 1e306, 2e306], /time step 1e\+306 is too large/],
  ])('refuses a %s step and says to rescale', (_, times, pattern) => {
    const e = failure(parseCsv(file(times)));
    expect(e).toMatch(pattern);
    expect(e).toMatch(/Rescale the time column/);
  });

  it('accepts steps from nanoseconds to centuries', () => {
    for (const dt of [1e-9, 1e-3, 1, 3.15e9]) expect(parsed(parseCsv(file([0, dt, 2 * dt, 3 * dt]))).nRows).toBe(4);
  });
});

describe('encodings', () => {
  const csv = 't,x,y\n0,1,2\n1,2,3\n2,3,5\n';
  const asUtf8 = (bytes: Buffer): string => bytes.toString('utf8');

  it.each([
    ['UTF-16 LE with BOM', asUtf8(Buffer.from('\ufeff' + csv, 'utf16le')), /UTF-16/],
    ['UTF-16 LE without BOM', asUtf8(Buffer.from(csv, 'utf16le')), /UTF-16/],
    ['UTF-16 BE with BOM', asUtf8(Buffer.from('\ufeff' + csv, 'utf16le').swap16()), /UTF-16/],
    ['UTF-32 LE', asUtf8(Buffer.from(Array.from(csv).flatMap((c) => [c.charCodeAt(0), 0, 0, 0]))), /UTF-32/],
    ['an .xlsx (ZIP) file', 'PK\x03\x04\x14\x00\x06\x00' + '\ufffd'.repeat(50), /ZIP archive/],
    ['a NUL in the data', csv + '3,\x00,1\n', /NUL character \(at line 5\)/],
    ['a Latin-1 header', asUtf8(Buffer.from('t,temp\xe9rature,y\n0,1,2\n', 'latin1')), /not UTF-8 text/],
  ])('names %s and says to save as UTF-8', (_, text, pattern) => {
    for (const e of [failure(parseCsv(text)), failure(previewCsv(text))]) {
      expect(e).toMatch(pattern);
      expect(e).toMatch(/Save it as UTF-8/);
      expectPrintable(e);
    }
  });
});

describe('choosing and capping state columns', () => {
  const wide = (m: number): string => {
    const names = Array.from({ length: m }, (_, j) => `x${j}`);
    const lines = [['t', ...names, 'note'].join(',')];
    for (let i = 0; i < 4; i++) lines.push([i, ...names.map((_, j) => i + j), 'n/a'].join(','));
    return lines.join('\n');
  };

  it('caps the states at maxStates and says how to choose', () => {
    const e = failure(parseCsv(wide(300), { maxStates: MAX_STATES, howToChoose: 'with --states a,b,c' }));
    expect(e).toMatch(/^The file has 301 state columns \(.*\); one fit takes at most 50\. Choose at most 50 columns to fit with --states a,b,c\.$/);
    expectPrintable(e);
  });

  it('parses only the chosen states, so other columns may hold text', () => {
    const p = parsed(parseCsv(wide(300), { states: ['x7', 'X299'], maxStates: MAX_STATES }));
    expect(p.dataset.stateNames).toEqual(['x7', 'x299']);
    expect(Array.from(p.dataset.trajectories[0]!.y)).toEqual([7, 299, 8, 300, 9, 301, 10, 302]);
  });

  it.each([
    [['nope\x1b'], /no column 'nope\\x1b' to use as a state/],
    [['t'], /'t' is the time column/],
    [['x1', 'x1'], /'x1' is chosen twice/],
    [Array.from({ length: 51 }, (_, j) => `x${j}`), /^51 state columns were chosen; one fit takes at most 50/],
  ])('refuses the choice %j', (states, pattern) => {
    const e = failure(parseCsv(wide(60), { states, maxStates: MAX_STATES }));
    expect(e).toMatch(pattern);
    expectPrintable(e);
  });
});

describe('formatSize', () => {
  it('uses decimal units throughout (no MB/MiB mix)', () => {
    expect(formatSize(200e6)).toBe('200 MB');
    expect(formatSize(52_428_800)).toBe('52.4 MB');
    expect(formatSize(1500)).toBe('1.5 kB');
    expect(formatSize(999)).toBe('999 B');
  });
});
