/**
 * The CLI on the hostile inputs of issue 13, in-process (runCli with an in-memory file system):
 * the 579 KB file that crashed it, terminal escapes in names and arguments, over-long text,
 * time steps that break the arithmetic, hex arguments, file sizes, and --states.
 */
import { describe, expect, it } from 'vitest';
import { runCli, type CliFiles, type CliOutput } from '../../src/cli/main';
import type { CliReport } from '../../src/cli/run';

function cli(text: string, args: string[] = [], name = 'data.csv', size?: number): CliOutput {
  const files: CliFiles = { size: (p) => (p === name ? size ?? text.length : null), read: () => text };
  return runCli(['fit', name, ...args], files);
}

/** Exit 2 with one line that holds no raw control character. */
function oneLineError(out: CliOutput): string {
  expect(out.code).toBe(2);
  expect(out.stdout).toBe('');
  expect(out.stderr).toMatch(/^error: [^\n]*\n$/);
  expect(Array.from(out.stderr.slice(0, -1)).some((ch) => ch.charCodeAt(0) < 0x20 || (ch.charCodeAt(0) >= 0x7f && ch.charCodeAt(0) <= 0x9f))).toBe(false);
  expect(out.stderr.length).toBeLessThanOrEqual(301);
  return out.stderr;
}

/** ẋ = −0.5x + 2y, ẏ = −2x − 0.5y, sampled every dt (t, x, y; extra constant columns on request). */
function oscillator(n = 200, dt = 0.02, extra: string[] = []): string {
  const lines = [['t', 'x', 'y', ...extra].join(',')];
  for (let i = 0; i < n; i++) {
    const t = i * dt;
    const d = Math.exp(-0.5 * t);
    lines.push([t, 2 * d * Math.cos(2 * t), -2 * d * Math.sin(2 * t), ...extra.map((_, k) => k + 1)].join(','));
  }
  return lines.join('\n') + '\n';
}

describe('cli on hostile input', () => {
  it('reads the 579 KB file of 10,000 columns, one row and 500,000 blank lines: exit 2, not a crash', () => {
    const header = ['t', ...Array.from({ length: 10_000 }, (_, i) => `x${i}`)].join(',');
    const text = `${header}\n${Array(10_001).fill('1').join(',')}\n${'\n'.repeat(500_000)}`;
    expect(text.length).toBeGreaterThan(570_000);
    const e = oneLineError(cli(text));
    expect(e).toMatch(/The file has 10,000 state columns .* one fit takes at most 50\. Choose at most 50 columns to fit with --states a,b,c\./);
  });

  it('fits the columns chosen with --states, ignoring the others', () => {
    const out = cli(oscillator(200, 0.02, ['c1', 'c2']), ['--states', 'y,x', '--json']);
    expect(out.code).toBe(0);
    const r = JSON.parse(out.stdout) as CliReport;
    expect(r.states).toEqual(['y', 'x']);
    const coef = (state: string, term: string): number => r.coefficients[r.states.indexOf(state)]![r.features.indexOf(term)]!;
    expect(coef('x', 'x')).toBeCloseTo(-0.5, 2);
    expect(coef('x', 'y')).toBeCloseTo(2, 2);
    expect(coef('y', 'x')).toBeCloseTo(-2, 2);
  });

  it.each([
    ['an OSC 52 clipboard write in a header', oscillator().replace('x', 'x\x1b]52;c;SGVsbG8=\x07'), [], /'x\\x1b\]52;c;SGVsbG8=\\x07'/],
    ['a lone CR in a cell', oscillator().replace('\n0.02,', '\n0.0\r2,'), [], /'0\.0\\r2'/],
    ['escapes in --time', oscillator(), ['--time', '\x1b[2J\x1b[Hpwned'], /no column '\\x1b\[2J\\x1b\[Hpwned'/],
    ['escapes in --states', oscillator(), ['--states', 'x,\x1b[31m'], /no column '\\x1b\[31m' to use as a state/],
    ['escapes in a numeric option', oscillator(), ['--degree', '\x1b[2J'], /--degree \\x1b\[2J: expected/],
  ])('escapes %s', (_, text, args, pattern) => {
    expect(oneLineError(cli(text, args))).toMatch(pattern);
  });

  it('escapes a hostile file name', () => {
    expect(oneLineError(cli('t,x\n', [], 'a\x1b]0;title\x07.csv'))).toMatch(/^error: 'a\\x1b\]0;title\\x07\.csv': /);
  });

  it('quotes a 10 MB header name and a 10 MB cell in at most 300 characters', () => {
    oneLineError(cli(oscillator().replace('x', 'x'.repeat(10_000_000))));
    expect(oneLineError(cli(oscillator().replace('\n0.02,', `\n0.02${'7'.repeat(10_000_000)}e,`)))).toMatch(/'0\.027+…' is not a number/);
  });

  it.each([
    ['overflowing', (i: number) => (i === 0 ? -1e308 : 1e308 + i * 1e306), /time step overflows 64-bit numbers/],
    ['denormal', (i: number) => i * 5e-324, /time step 5e-324 is too small/],
  ])('refuses an %s time step (it gave "Lower it below NaN" and exit 0)', (_, time, pattern) => {
    const lines = ['t,x,y', ...Array.from({ length: 50 }, (_, i) => `${time(i)},${Math.sin(i / 5)},${Math.cos(i / 5)}`)];
    expect(oneLineError(cli(lines.join('\n')))).toMatch(pattern);
  });

  it.each([['--threshold', '0x10'], ['--alpha', '0b1'], ['--degree', ' 2'], ['--threshold', '']])('refuses %s %j like a CSV cell would', (flag, value) => {
    expect(oneLineError(cli(oscillator(), [flag, value]))).toMatch(/expected a (whole )?number from/);
  });

  it('says the file size and the limit in the same unit', () => {
    const e = oneLineError(cli('t,x\n', [], 'big.csv', 250e6));
    expect(e).toContain("'big.csv' is 250 MB; the limit is 200 MB.");
  });

  it('asks for UTF-8 when given UTF-16', () => {
    const text = Buffer.from('\ufeff' + oscillator(), 'utf16le').toString('utf8');
    expect(oneLineError(cli(text))).toMatch(/UTF-16.*Save it as UTF-8/);
  });
});
