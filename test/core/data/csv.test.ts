import { describe, expect, it } from 'vitest';
import { datasetToCsv, parseCsv, previewCsv, type ParsedCsv } from '../../../src/core/data/csv';
import { isDecimalLiteral, parseDecimal } from '../../../src/core/data/csvNumber';
import type { Dataset, Result } from '../../../src/core/types';
import { conformanceCsv, readFixture } from '../../fixtures/paths';

const fixture = (p: string): string => readFixture('csv', p);

function parsed(r: Result<ParsedCsv>): ParsedCsv {
  if (!r.ok) throw new Error(`expected a parse, got: ${r.error}`);
  return r.value;
}

function failure(r: Result<unknown>): string {
  if (r.ok) throw new Error('expected an error, got a value');
  return r.error;
}

describe('parseCsv on real files', () => {
  it.each([
    ['lorenz_clean', 5001, ['x', 'y', 'z'], 0.002],
    ['lotka_volterra_clean', 5001, ['x', 'y'], 0.002],
    ['van_der_pol_clean', 4001, ['x', 'y'], 0.005],
  ])('reads the conformance file %s', (name, n, states, dt) => {
    const p = parsed(parseCsv(conformanceCsv(name)));
    expect(p.timeName).toBe('t');
    expect(p.dataset.stateNames).toEqual(states);
    expect(p.nRows).toBe(n);
    expect(p.trajectoryColumn).toBeNull();
    const [tr] = p.dataset.trajectories;
    expect(p.dataset.trajectories).toHaveLength(1);
    expect(tr!.t.length).toBe(n);
    expect(tr!.y.length).toBe(n * states.length);
    expect(tr!.t[1]).toBe(dt);
  });

  it('starts Lorenz at (-8, 8, 27)', () => {
    // (parse speed is measured in bench/, never in a timed test)
    const p = parsed(parseCsv(conformanceCsv('lorenz_clean')));
    expect(Array.from(p.dataset.trajectories[0]!.y.subarray(0, 3))).toEqual([-8, 8, 27]);
  });

  it('takes the first column (year) as time in the lynx–hare data', () => {
    const p = parsed(parseCsv(readFixture('data', 'lynx_hare.csv')));
    expect(p.timeName).toBe('year');
    expect(p.columns).toEqual(['year', 'hare', 'lynx']);
    expect(p.dataset.stateNames).toEqual(['hare', 'lynx']);
    const tr = p.dataset.trajectories[0]!;
    expect(tr.t.length).toBe(21);
    expect([tr.t[0], tr.y[0], tr.y[1]]).toEqual([1900, 30, 4]);
  });
});

describe('parseCsv format features', () => {
  it('groups interleaved trajectories in order of first appearance', () => {
    const p = parsed(parseCsv(fixture('two_runs.csv')));
    expect(p.trajectoryColumn).toBe('Trajectory');
    expect(p.timeName).toBe('time');
    expect(p.dataset.stateNames).toEqual(['x', 'v']);
    expect(p.nRows).toBe(8);
    const [a, b] = p.dataset.trajectories;
    expect(p.dataset.trajectories).toHaveLength(2);
    expect(Array.from(a!.t)).toEqual([0, 0.1, 0.25, 0.4]); // irregular times
    expect(Array.from(b!.t)).toEqual([0, 0.1, 0.3, 0.5]); // '7' and '7.0' are one label
    expect(Array.from(b!.y)).toEqual([2, 0, 1.99, -0.1996, 1.91, -0.59, 1.76, -0.96]);
  });

  it('reads an Excel semicolon file: BOM, sep= line, CRLF, quoted header, comments, spaces', () => {
    const p = parsed(parseCsv(fixture('excel_semicolon.csv')));
    expect(p.columns).toEqual(['time', 'u', 'w']);
    const tr = p.dataset.trajectories[0]!;
    expect(Array.from(tr.t)).toEqual([0, 0.013, 0.1, 1.7]);
    expect(Array.from(tr.y)).toEqual([1.5, -2, 1.25, -0.25, 0.5, -1e-3, -0, 3]);
    expect(Object.is(tr.y[6], -0)).toBe(true);
  });

  it('detects tab and semicolon separators from the header', () => {
    for (const sep of ['\t', ';']) {
      const text = ['t', 'x', 'y'].join(sep) + '\n' + ['0', '1', '2', '1', '3', '4', '2', '5', '6'].map((v, i) => v + ((i + 1) % 3 === 0 ? '\n' : sep)).join('');
      const p = parsed(parseCsv(text));
      expect(Array.from(p.dataset.trajectories[0]!.y)).toEqual([1, 2, 3, 4, 5, 6]);
    }
  });

  it('accepts quoted fields with separators and "" escapes, lone-CR lines, and a CRLF BOM file', () => {
    const quoted = parsed(parseCsv('"elapsed, s", "a" ,b\r"0","1",2\r1,2,3\r2,"4",5\r', { timeColumn: 'ELAPSED, S' }));
    expect(quoted.timeName).toBe('elapsed, s');
    expect(Array.from(quoted.dataset.trajectories[0]!.y)).toEqual([1, 2, 2, 3, 4, 5]);
    const crlf = parsed(parseCsv('\uFEFFT,x\r\n0,1\r\n1,2\r\n\r\n2,3\r\n'));
    expect(crlf.timeName).toBe('T');
  });

  it('prefers a t/time column anywhere and lets timeColumn override (case-insensitive)', () => {
    const text = 'x,Time,y\n1,0,5\n2,1,6\n3,2,7\n';
    expect(parsed(parseCsv(text)).dataset.stateNames).toEqual(['x', 'y']);
    expect(parsed(parseCsv(text, { timeColumn: ' ' })).timeName).toBe('Time'); // blank = automatic
    const p = parsed(parseCsv(text, { timeColumn: 'X' }));
    expect(p.timeName).toBe('x');
    expect(p.dataset.stateNames).toEqual(['Time', 'y']);
    expect(Array.from(p.dataset.trajectories[0]!.t)).toEqual([1, 2, 3]);
  });

  it('respects minSamples', () => {
    expect(parseCsv('t,x\n0,1\n1,2\n', { minSamples: 2 }).ok).toBe(true);
  });
});

describe('parseCsv defects name the row and column', () => {
  const good = 't,x,y\n0,1,2\n1,2,3\n2,3,4\n';
  const cases: [string, string, RegExp[]][] = [
    ['non-numeric', good.replace('2,3,4', '2,abc,4'), [/Row 4, column 'x': 'abc' is not a number\. Fix or remove that row\./]],
    ['empty cell', good.replace('2,3,4', '2,3,'), [/Row 4, column 'y'/, /empty/]],
    ['NaN', good.replace('1,2,3', '1,NaN,3'), [/Row 3, column 'x'/, /'NaN'/, /missing value/]],
    ['Infinity', good.replace('1,2,3', '1,2,-Infinity'), [/Row 3, column 'y'/, /not a finite number/]],
    ['overflow', good.replace('1,2,3', '1,2,1e999'), [/Row 3, column 'y'/, /too large/]],
    ['hex', good.replace('1,2,3', '1,0x1A,3'), [/Row 3, column 'x'/, /hexadecimal/]],
    ['bad time', good.replace('1,2,3', 'one,2,3'), [/Row 3, column 't'/, /'one' is not a number/]],
    ['decimal comma', 't;x\n0;1\n1;2,5\n2;3\n', [/Row 3, column 'x'/, /'2\.5'/]],
    ['too few fields', good.replace('1,2,3', '1,2'), [/Row 3 has 2 fields/, /header has 3 \(t, x, y\)/, /column 'y'/]],
    ['too many fields', good.replace('1,2,3', '1,2,3,'), [/Row 3 has 4 fields/, /header has 3/, /after column 'y'/]],
    ['unclosed quote', good.replace('1,2,3', '1,"2,3'), [/Row 3, field 2/, /never closed/]],
    ['duplicate time', good.replace('2,3,4', '1,3,4'), [/Rows 3 and 4, column 't'/, /time 1 appears twice/]],
    ['decreasing time', good.replace('2,3,4', '0.5,3,4'), [/Rows 3 and 4, column 't'/, /from 1 to 0\.5/, /trajectory/]],
    ['decreasing time in a trajectory', 'trajectory,t,x\na,0,1\nb,0,1\na,1,1\nb,2,1\nb,1,1\na,2,1\n', [/Rows 5 and 6, column 't'/, /trajectory 'b'/]],
    ['empty trajectory label', 'trajectory,t,x\na,0,1\n,1,1\n', [/Row 3, column 'trajectory'/, /empty/]],
    ['too few samples', 't,x\n# c\n0,1\n1,2\n', [/Column 't' has only 2 samples \(rows 3, 4\)/, /at least 3/]],
    ['short trajectory', 'trajectory,t,x\n1,0,1\n1,1,1\n1,2,1\n2,0,1\n', [/Trajectory '2' \(column 'trajectory'\) has only 1 sample \(row 5\)/]],
    ['header only', '# just a header\nt,x,y\n\n', [/Row 2 holds the header \(t, x, y\)/, /no data rows/]],
    ['empty file', '\uFEFF\n  \n# nothing\n', [/empty/, /header such as 't,x,y'/]],
    ['time column only', 't\n0\n1\n2\n', [/Row 1: the header has no state column, only the time column 't'\./, /Add at least one/]],
    ['no header', '# t,x\n0,1.5\n1,2\n', [/Row 2 \(0, 1\.5\) looks like data, not a header/]],
    ['space separated', 't x y\n0 1 2\n', [/time column 't x y'/, /comma, ';' or a tab/]],
    ['duplicate names', 't,x,x\n0,1,2\n', [/Row 1/, /'x' appears twice \(columns 2 and 3\)/]],
    ['two trajectory columns', 'trajectory,t,Trajectory,x\n', [/'trajectory' and 'Trajectory'/]],
    ['empty header name', 't,,x\n', [/Row 1, column 2/, /empty/]],
    ['bad identifier', '# units in the name\nt,x pos,2nd\n0,1,2\n', [/Row 2, column 2 'x pos'/, /Rename .* 'x_pos'/]],
    ['digit-first identifier', 't,x,2nd\n0,1,2\n', [/column 3 '2nd'/, /'_2nd'/]],
  ];
  it.each(cases)('%s', (_, text, patterns) => {
    const e = failure(parseCsv(text));
    for (const p of patterns) expect(e).toMatch(p);
  });

  it('rejects an unknown time column, listing the available ones', () => {
    expect(failure(parseCsv(good, { timeColumn: 'tau' }))).toMatch(/no column 'tau'.*Available columns: 't', 'x', 'y'/);
    expect(failure(parseCsv('trajectory,t,x\n', { timeColumn: 'Trajectory' }))).toMatch(/labels trajectories/);
  });

  it('rejects a file over maxBytes, giving the size and the limit', () => {
    expect(failure(parseCsv(good, { maxBytes: 10 }))).toBe(
      'The file is 24 B; the limit is 10 B. Keep fewer rows (e.g. every 10th) or split the file.',
    );
    expect(failure(parseCsv('x'.repeat(3e6), { maxBytes: 2e6 }))).toMatch(/3 MB; the limit is 2 MB/);
  });
});

describe('datasetToCsv', () => {
  const awkward = [0.1, 1 / 3, -0, 5e-324, 1.7976931348623157e308, -2.5e-7, 123456789.12345679, Math.PI];

  it('round-trips one trajectory bit-exactly', () => {
    const ds: Dataset = {
      stateNames: ['x', 'y'],
      trajectories: [{ t: Float64Array.from([0, 0.1, 0.30000000000000004, 1e-300 + 1]), y: Float64Array.from(awkward) }],
    };
    const text = datasetToCsv(ds, 'time');
    expect(text.split('\n')[0]).toBe('time,x,y');
    const p = parsed(parseCsv(text));
    expect(p.trajectoryColumn).toBeNull();
    expect(p.timeName).toBe('time');
    expectSameDataset(p.dataset, ds);
  });

  it('adds a trajectory column for several trajectories and round-trips them', () => {
    const traj = (k: number) => ({ t: Float64Array.from([0, 0.5, 2, 2.25].map((v) => v + k / 7)), y: Float64Array.from(awkward.slice(0, 4).map((v) => v * (k + 1))) });
    const ds: Dataset = { stateNames: ['u'], trajectories: [traj(0), traj(1), traj(2)] };
    const text = datasetToCsv(ds);
    expect(text.startsWith('trajectory,t,u\n1,0,')).toBe(true);
    const p = parsed(parseCsv(text));
    expect(p.trajectoryColumn).toBe('trajectory');
    expect(p.nRows).toBe(12);
    expectSameDataset(p.dataset, ds);
  });
});

function expectSameDataset(a: Dataset, b: Dataset): void {
  expect(a.stateNames).toEqual(b.stateNames);
  expect(a.trajectories).toHaveLength(b.trajectories.length);
  a.trajectories.forEach((tr, k) => {
    const ref = b.trajectories[k]!;
    // Object.is per element: bit-exact, including the sign of zero.
    expect(Array.from(tr.t).every((v, i) => Object.is(v, ref.t[i]))).toBe(true);
    expect(Array.from(tr.y).every((v, i) => Object.is(v, ref.y[i]))).toBe(true);
    expect(tr.y.length).toBe(ref.y.length);
  });
}

describe('previewCsv', () => {
  it('returns the header and the first rows as text, without validating numbers', () => {
    const p = previewCsv('# c\n"t";x\n0;abc\n1;2;3\n2;4\n3;5\n', 3);
    expect(p).toEqual({ ok: true, value: { columns: ['t', 'x'], rows: [['0', 'abc'], ['1', '2', '3'], ['2', '4']], separator: ';' } });
  });

  it('reports an empty file', () => {
    expect(failure(previewCsv('# only a comment\n'))).toMatch(/empty/);
  });
});

describe('decimal literals', () => {
  it('accepts JS decimal and exponent notation only', () => {
    for (const s of ['0', '-0', '+1', '1.', '.5', '-.5', '1e-3', '-2.5E+4', '007', '1.5e10']) expect(isDecimalLiteral(s)).toBe(true);
    for (const s of ['', ' ', '.', '-', 'e5', '1e', '1e+', '0x10', '1_000', 'NaN', 'Infinity', '1.2.3', '1,5', '--1', ' 1']) {
      expect(isDecimalLiteral(s)).toBe(false);
    }
    expect(parseDecimal('-2.5E+4')).toBe(-25000);
    expect(parseDecimal('1e400')).toBeNaN();
  });

  it('fast parseDecimal agrees with the full grammar on random strings', () => {
    const alphabet = '0123456789+-.eExXoObB _Infity,\t';
    let seed = 12345; // mulberry32: a small deterministic generator (32-bit integer arithmetic)
    const next = (): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let z = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      z = (z + Math.imul(z ^ (z >>> 7), 61 | z)) ^ z;
      return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
    };
    for (let k = 0; k < 50_000; k++) {
      let s = '';
      for (let n = Math.floor(next() * 7); n > 0; n--) s += alphabet[Math.floor(next() * alphabet.length)];
      const reference = isDecimalLiteral(s) && Number.isFinite(Number(s)) ? Number(s) : NaN;
      expect(Object.is(parseDecimal(s), reference), JSON.stringify(s)).toBe(true);
    }
  });
});
