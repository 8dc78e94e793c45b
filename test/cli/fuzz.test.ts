/**
 * Fuzzing the CLI with hostile and malformed CSVs (issue 13), in-process through runCli with an
 * in-memory file system: a seeded generator makes several hundred files (random bytes, other
 * encodings, line ends, blank floods, wide headers, huge cells, control characters, bad numbers,
 * broken structure, hostile arguments). Every case must exit 0 with a sensible fit (finite
 * coefficients and R²) or 2 with one printable line of at most 300 characters: never an
 * exception, a stack trace or a control character.
 */
import { describe, expect, it } from 'vitest';
import { runCli, type CliFiles, type CliOutput } from '../../src/cli/main';
import type { CliReport } from '../../src/cli/run';
import { createRng, type Rng } from '../../src/core/data/rng';
import { isUnsafeCode } from '../../src/core/text';

interface Case { kind: string; text: string; args?: string[]; file?: string }

const HOSTILE = ['\x1b]52;c;SGVsbG8=\x07', '\x1b[2J', '\x1b[31m', '\r', '\0', '\x07', '\x08', '\x7f', '\x9b31m', '\u202e', '\u2028', '\ufeff', '\u200b', '\ud800', '\t', '"', ',', ';', '#', '\\', 'é', '😀'];

const pick = <T,>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));

/** A damped oscillator ẋ = −0.5x + 2y, ẏ = −2x − 0.5y: a file that fits, before mutation. */
function baseRows(n: number, dt = 0.05): string[][] {
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    const t = i * dt;
    const d = Math.exp(-0.5 * t);
    rows.push([String(Math.round(t * 1e6) / 1e6), String(2 * d * Math.cos(2 * t)), String(-2 * d * Math.sin(2 * t))]);
  }
  return rows;
}

const join = (header: string[], rows: string[][], sep = ',', nl = '\n'): string => [header.join(sep), ...rows.map((r) => r.join(sep))].join(nl) + nl;
const base = (): string => join(['t', 'x', 'y'], baseRows(60));

function hostileText(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += rng() < 0.5 ? pick(rng, HOSTILE) : String.fromCharCode(int(rng, 0, 0x2ff));
  return s;
}

/** Random bytes decoded as UTF-8, as readFileSync(path, 'utf8') would. */
function randomBytes(rng: Rng, n: number): string {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = int(rng, 0, 255);
  return b.toString('utf8');
}

const GENERATORS: Record<string, (rng: Rng) => Case> = {
  randomBytes: (rng) => ({ kind: 'random bytes', text: randomBytes(rng, int(rng, 0, 3000)) }),
  headerThenBytes: (rng) => ({ kind: 'header then random bytes', text: 't,x,y\n' + randomBytes(rng, int(rng, 10, 3000)) }),
  encoding: (rng) => {
    const csv = base();
    const enc = pick(rng, ['utf16le', 'utf16le-bom', 'utf16be-bom', 'utf32', 'latin1-header', 'utf8-bom'] as const);
    const bytes = enc === 'utf16le' ? Buffer.from(csv, 'utf16le')
      : enc === 'utf16le-bom' ? Buffer.from('\ufeff' + csv, 'utf16le')
        : enc === 'utf16be-bom' ? Buffer.from('\ufeff' + csv, 'utf16le').swap16()
          : enc === 'utf32' ? Buffer.from(Array.from(csv).flatMap((c) => [c.charCodeAt(0), 0, 0, 0]))
            : enc === 'latin1-header' ? Buffer.from(csv.replace('x', 'x\xb5'), 'latin1')
              : Buffer.from('\ufeff' + csv, 'utf8');
    return { kind: `encoding ${enc}`, text: bytes.toString('utf8') };
  },
  lineEnds: (rng) => {
    const rows = baseRows(60);
    const nl = pick(rng, ['\r\n', '\r', '\n\r', '\u2028', '\f', '\v', 'mixed']);
    if (nl !== 'mixed') return { kind: `line end ${JSON.stringify(nl)}`, text: join(['t', 'x', 'y'], rows, ',', nl) };
    const lines = ['t,x,y', ...rows.map((r) => r.join(','))];
    return { kind: 'mixed line ends', text: lines.map((l) => l + pick(rng, ['\n', '\r\n', '\r'])).join('') };
  },
  blankFlood: (rng) => {
    const lines = ['t,x,y', ...baseRows(60).map((r) => r.join(','))];
    const filler = pick(rng, ['', '   ', '#', '# comment', '\t', ',,']);
    const at = int(rng, 1, lines.length);
    lines.splice(at, 0, ...Array.from({ length: int(rng, 1000, 50_000) }, () => filler));
    return { kind: `blank flood ${JSON.stringify(filler)}`, text: lines.join('\n') };
  },
  wideFlood: (rng) => {
    // The crash of the issue, scaled: many columns, one row, a flood of blank lines.
    const m = int(rng, 500, 5000);
    const header = ['t', ...Array.from({ length: m }, (_, i) => `x${i}`)].join(',');
    return { kind: `${m} columns, blank flood`, text: `${header}\n${Array(m + 1).fill('1').join(',')}\n${'\n'.repeat(int(rng, 10_000, 100_000))}` };
  },
  wideHeader: (rng) => {
    const m = pick(rng, [51, 300, 3000, 20_000]);
    const names = Array.from({ length: m }, (_, i) => `x${i}`);
    const rows = baseRows(30).map((r) => [r[0]!, ...names.map((_, j) => String((j % 2 ? Number(r[1]) : Number(r[2])) * (1 + j / m)))]);
    const args = rng() < 0.5 ? ['--states', `x0,x1`] : [];
    return { kind: `${m} state columns${args.length ? ' with --states' : ''}`, text: join(['t', ...names], rows), args };
  },
  hugeCell: (rng) => {
    const rows = baseRows(60);
    const size = pick(rng, [100_000, 1_000_000, 3_000_000]);
    const body = pick(rng, ['9', 'a', '\x1b', ' ', '-']).repeat(size);
    const where = pick(rng, ['header', 'cell', 'label', 'time'] as const);
    if (where === 'header') return { kind: `huge header name (${size})`, text: join(['t', body, 'y'], rows) };
    if (where === 'label') return { kind: `huge trajectory label (${size})`, text: join(['t', 'x', 'y', 'trajectory'], rows.map((r, i) => [...r, i === 5 ? body : 'a'])) };
    const r = rows[int(rng, 0, rows.length - 1)]!;
    r[where === 'time' ? 0 : int(rng, 1, 2)] = body;
    return { kind: `huge ${where} (${size})`, text: join(['t', 'x', 'y'], rows) };
  },
  controlChars: (rng) => {
    const rows = baseRows(60);
    const evil = hostileText(rng, int(rng, 1, 12));
    const where = pick(rng, ['header', 'cell', 'label', 'time arg', 'states arg', 'file name', 'terms arg'] as const);
    switch (where) {
      case 'header': return { kind: 'control chars in a header name', text: join(['t', `x${evil}`, 'y'], rows) };
      case 'cell': rows[int(rng, 0, 59)]![int(rng, 0, 2)] = `1${evil}`; return { kind: 'control chars in a cell', text: join(['t', 'x', 'y'], rows) };
      case 'label': return { kind: 'control chars in a label', text: join(['t', 'x', 'y', 'trajectory'], rows.map((r, i) => [...r, i < 2 ? evil.replace(/[,\n\r"]/g, '') || '\x1b' : 'a'])) };
      case 'time arg': return { kind: 'control chars in --time', text: base(), args: ['--time', evil] };
      case 'states arg': return { kind: 'control chars in --states', text: base(), args: ['--states', `x,${evil}`] };
      case 'terms arg': return { kind: 'control chars in --terms', text: base(), args: ['--terms', `x*${evil}`] };
      default: return { kind: 'control chars in the file name', text: base(), file: `data${evil}.csv` };
    }
  },
  numbers: (rng) => {
    const rows = baseRows(60);
    const bad = pick(rng, ['1e400', '-1e400', '0x10', 'NaN', 'Infinity', '-inf', '1,5', '', '-', 'n/a', '1e200', '-1e300', '5e-324', '1e-310', '+.e1', '1..2', '1e', '١٢']);
    const col = int(rng, 0, 2);
    const row = int(rng, 0, 59);
    if (rng() < 0.3 && col > 0) rows.forEach((r) => { r[col] = col === 0 ? r[0]! : bad; });
    else rows[row]![col] = bad;
    return { kind: `number ${JSON.stringify(bad)} in column ${col}`, text: join(['t', 'x', 'y'], rows) };
  },
  timeScale: (rng) => {
    const scale = pick(rng, [5e-324, 1e-320, 1e-200, 1e-120, 1e120, 1e250, 1e306]);
    const rows = baseRows(60).map((r, i) => [String(i * scale), r[1]!, r[2]!]);
    if (scale > 1e300) rows.unshift(['-1e308', '1', '1']);
    return { kind: `time step ${scale}`, text: join(['t', 'x', 'y'], rows) };
  },
  structure: (rng) => {
    const rows = baseRows(60);
    const what = pick(rng, ['ragged', 'extra', 'duplicate time', 'time back', 'unclosed quote', 'semicolon', 'tab', 'sep line', 'header only', 'empty', 'one column', 'singletons', 'no header', 'quoted', 'duplicate names', 'two trajectory columns'] as const);
    const h = ['t', 'x', 'y'];
    const r = int(rng, 1, 58);
    switch (what) {
      case 'ragged': rows[r]!.pop(); break;
      case 'extra': rows[r]!.push('1'); break;
      case 'duplicate time': rows[r]![0] = rows[r - 1]![0]!; break;
      case 'time back': rows[r]![0] = '-1'; break;
      case 'unclosed quote': rows[r]![1] = '"1'; break;
      case 'semicolon': return { kind: what, text: join(h, rows.map((x) => x.map((c) => c.replace('.', ','))), ';') };
      case 'tab': return { kind: what, text: join(h, rows, '\t') };
      case 'sep line': return { kind: what, text: 'sep=;\n' + join(h, rows, ';') };
      case 'header only': return { kind: what, text: 't,x,y\n' };
      case 'empty': return { kind: what, text: pick(rng, ['', '\n\n\n', '# only a comment\n', '\ufeff']) };
      case 'one column': return { kind: what, text: join(['t'], rows.map((x) => [x[0]!])) };
      case 'singletons': return { kind: what, text: join([...h, 'trajectory'], rows.map((x, i) => [...x, String(i)])) };
      case 'no header': return { kind: what, text: rows.map((x) => x.join(',')).join('\n') };
      case 'quoted': return { kind: what, text: join(h.map((n) => `"${n}"`), rows.map((x) => x.map((c) => `"${c}"`))) };
      case 'duplicate names': return { kind: what, text: join(['t', 'x', 'x'], rows) };
      case 'two trajectory columns': return { kind: what, text: join([...h, 'trajectory', 'Trajectory'], rows.map((x) => [...x, '1', '1'])) };
    }
    return { kind: what, text: join(h, rows) };
  },
  args: (rng) => {
    const flag = pick(rng, ['--threshold', '--degree', '--alpha', '--window', '--tv-alpha', '--ensemble', '--seed', '--support', '--repeats']);
    const value = pick(rng, ['0x10', '0b1', '1e400', ' 1', '', '-1', 'NaN', 'Infinity', '1_000', '\x1b[2J', 'x'.repeat(100_000), '0.05', '2']);
    return { kind: `${flag} ${JSON.stringify(value.slice(0, 10))}`, text: base(), args: [flag, value] };
  },
  valid: (rng) => {
    const rows = baseRows(int(rng, 20, 120), pick(rng, [0.01, 0.05, 0.1]));
    return { kind: 'valid', text: join(['t', 'x', 'y'], rows, pick(rng, [',', ';', '\t']), pick(rng, ['\n', '\r\n'])) };
  },
};

function makeCases(seed: number, perKind: number): Case[] {
  const rng = createRng(seed);
  const cases: Case[] = [];
  for (const [name, gen] of Object.entries(GENERATORS)) {
    const n = name === 'wideFlood' || name === 'hugeCell' || name === 'wideHeader' ? Math.ceil(perKind / 3) : perKind;
    for (let k = 0; k < n; k++) cases.push(gen(rng));
  }
  return cases;
}

/** Characters that could drive a terminal: C0/C1 controls (but the final newline), DEL, bidi, separators, lone surrogates. */
function unsafeAt(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) { i++; continue; }
    if ((c >= 0xd800 && c <= 0xdfff) || isUnsafeCode(c)) return i;
  }
  return -1;
}

function run(c: Case): CliOutput {
  const name = c.file ?? 'data.csv';
  const files: CliFiles = { size: (p) => (p === name ? Buffer.byteLength(c.text) : null), read: () => c.text };
  return runCli(['fit', name, '--json', ...(c.args ?? [])], files);
}

function checkOutcome(c: Case, out: CliOutput): void {
  const what = `${c.kind}: ${JSON.stringify(out.stderr.slice(0, 200))}`;
  expect([0, 2], what).toContain(out.code);
  if (out.code === 2) {
    expect(out.stdout, what).toBe('');
    expect(out.stderr, what).toMatch(/^error: [^\n]+\n$/);
    expect(out.stderr.length - 1, what).toBeLessThanOrEqual(300);
    expect(unsafeAt(out.stderr.slice(0, -1)), what).toBe(-1);
    expect(out.stderr, what).not.toMatch(/\bat .*\.ts:\d+|Error:/);
    return;
  }
  expect(out.stderr, what).toBe('');
  const lines = out.stdout.trim().split('\n');
  expect(lines, what).toHaveLength(1);
  expect(unsafeAt(lines[0]!), what).toBe(-1);
  const r = JSON.parse(lines[0]!) as CliReport;
  expect(r.r2.every(Number.isFinite), `${c.kind}: R² ${r.r2.join(', ')}`).toBe(true);
  expect(r.coefficients.flat().every(Number.isFinite), `${c.kind}: coefficients`).toBe(true);
  expect(r.message ?? '', c.kind).not.toMatch(/NaN|Infinity/);
}

describe('CLI fuzz: hostile and malformed CSVs', () => {
  const cases = makeCases(20261202, 36);

  it(`gives exit 0 with a sensible fit or exit 2 with one printable line, on ${cases.length} seeded cases`, () => {
    const codes = { 0: 0, 2: 0 } as Record<number, number>;
    for (const c of cases) {
      let out: CliOutput;
      try {
        out = run(c);
      } catch (e) {
        throw new Error(`${c.kind}: runCli threw ${String(e).slice(0, 200)}`);
      }
      checkOutcome(c, out);
      codes[out.code] = (codes[out.code] ?? 0) + 1;
    }
    // The generator is not degenerate: valid files and harmless mutations still fit.
    expect(codes[0]).toBeGreaterThan(30);
    expect(codes[2]).toBeGreaterThan(cases.length / 2);
  }, 60_000);
});
