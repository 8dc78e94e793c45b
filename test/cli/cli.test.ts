/**
 * The CLI end to end, as a user runs it: `npm run -s cli -- fit DATA.csv [options]`.
 * The first tests spawn it through tsx exactly like the npm script (no build step assumed;
 * real exit codes and streams); the rest call its entry function `runCli` with the same argv
 * in this process (identical parsing and output, without 2–3 s of tsx start-up each).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conformanceCsv, fixturePath } from '../fixtures/paths';
import { cliInProcess } from './helpers';

const ROOT = resolve(__dirname, '../..');
const TSX = resolve(ROOT, 'node_modules/.bin/tsx');

function cli(...args: string[]) {
  const r = spawnSync(TSX, ['src/cli.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = mkdtempSync(join(tmpdir(), 'sindy-cli-'));
const lorenzCsv = () => conformanceCsv('lorenz_clean');
const lorenzRows = () => lorenzCsv().trim().split('\n').slice(1);

interface Report { states: string[]; features: string[]; coefficients: number[][]; equations: Record<string, string>; timings: { fitMs: number; fitMsAll: number[] } }

function coef(r: Report, state: string, term: string): number {
  return r.coefficients[r.states.indexOf(state)]![r.features.indexOf(term)]!;
}

function expectLorenz(r: Report, tol: number): void {
  expect(r.states).toEqual(['x', 'y', 'z']);
  const nonzero = r.states.flatMap((s, j) => r.features.filter((_, a) => r.coefficients[j]![a] !== 0).map((f) => `${s}:${f}`));
  expect(nonzero.sort()).toEqual(['x:x', 'x:y', 'y:x', 'y:x*z', 'y:y', 'z:x*y', 'z:z']);
  expect(Math.abs(coef(r, 'x', 'y') - 10)).toBeLessThan(tol * 10);
  expect(Math.abs(coef(r, 'y', 'x') - 28)).toBeLessThan(tol * 28);
  expect(Math.abs(coef(r, 'z', 'z') + 8 / 3)).toBeLessThan(tol * 8 / 3);
}

describe('cli fit', () => {
  it('prints exactly one JSON object with the documented keys', () => {
    const r = cli('fit', fixturePath('conformance', 'lorenz_clean.csv'), '--json', '--repeats', '3');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const j = JSON.parse(lines[0]!) as Report;
    expect(Object.keys(j)).toEqual(expect.arrayContaining(['states', 'features', 'coefficients', 'equations', 'timings']));
    expectLorenz(j, 1e-3);
    expect(j.equations.x).toMatch(/^-9\.99\d*\*x \+ 9\.99\d*\*y$/);
    expect(j.timings.fitMsAll).toHaveLength(3);
    expect(j.timings.fitMs).toBe([...j.timings.fitMsAll].sort((a, b) => a - b)[1]);
  });

  it('fits several trajectories told apart by a trajectory column', () => {
    const rows = lorenzRows();
    const half = 2500;
    const text = ['t,x,y,z,trajectory',
      ...rows.slice(0, half).map((l) => `${l},a`),
      // the second trajectory restarts its clock at 0
      ...rows.slice(half).map((l) => { const [t, ...rest] = l.split(','); return [(Number(t) - 5).toFixed(3), ...rest, 'b'].join(','); })].join('\n');
    const file = join(tmp, 'two.csv');
    writeFileSync(file, text);
    const r = cliInProcess('fit', file, '--json');
    expect(r.code, r.stderr).toBe(0);
    expectLorenz(JSON.parse(r.stdout) as Report, 2e-3);
  });

  it('fits irregularly sampled times', () => {
    // Keep a pseudo-random ~70% of the rows: gaps of 1–3 steps.
    const rows = lorenzRows().filter((_, i) => i === 0 || Math.sin(i * 12.9898) * 43758.5453 % 1 > -0.4);
    const file = join(tmp, 'irregular.csv');
    writeFileSync(file, ['time;x;y;z', ...rows.map((l) => l.replaceAll(',', ';'))].join('\n'));
    const r = cliInProcess('fit', file, '--json');
    expect(r.code, r.stderr).toBe(0);
    expectLorenz(JSON.parse(r.stdout) as Report, 5e-3);
  });

  it('rejects a malformed CSV with exit code 2 and a message naming the row', () => {
    const rows = lorenzRows();
    rows[41] = rows[41]!.replace(/,[^,]+$/, ',abc');
    const file = join(tmp, 'bad.csv');
    writeFileSync(file, ['t,x,y,z', ...rows].join('\n'));
    const r = cli('fit', file, '--json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/43/); // file line 43 = data row 42
    expect(r.stderr).toMatch(/'z'/);
  });

  it.each([
    [['fit'], /needs a CSV file/],
    [['fit', 'x.csv', '--degree', 'seven'], /--degree seven/],
    [['fit', 'x.csv', '--optimizer', 'magic'], /stlsq, lasso, sr3/],
    [['fit', 'x.csv', '--bogus'], /Unknown option --bogus/],
    [['fit', join(tmp, 'missing.csv')], /no such file/],
  ])('bad arguments %j → exit 2 and one line', (args, re) => {
    const r = cliInProcess(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(re);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('--help lists every option', () => {
    const r = cliInProcess('--help');
    expect(r.code).toBe(0);
    for (const flag of ['--json', '--degree', '--no-bias', '--fourier', '--terms', '--optimizer', '--threshold', '--alpha', '--normalize', '--derivative', '--repeats', '--time',
      '--method', '--test-functions', '--support', '--gls', '--ensemble', '--inclusion', '--seed']) {
      expect(r.stdout).toContain(flag);
    }
    expect(r.stdout).toMatch(/--ensemble N +E-SINDy: fit N models \(2–10000\)/);
    expect(r.stdout).toMatch(/--optimizer stlsq\|lasso\|sr3\|mstls +sparse/);
    expect(r.stdout).not.toMatch(/not available/);
  });

  it('honours library, optimizer and derivative options', () => {
    const file = fixturePath('conformance', 'lorenz_clean.csv');
    const r = JSON.parse(cliInProcess('fit', file, '--json', '--degree', '3', '--no-bias', '--optimizer', 'sr3', '--threshold', '0.5', '--derivative', 'savgol', '--normalize').stdout) as Report;
    expect(r.features).not.toContain('1');
    expect(r.features).toContain('x^3');
    const lasso = JSON.parse(cliInProcess('fit', file, '--json', '--optimizer', 'lasso', '--alpha', '0.1', '--terms', 'exp(-x^2);x/(1+y^2)').stdout) as Report;
    expect(lasso.features).toHaveLength(12);
    expect(lasso.features[10]).toMatch(/^exp\(/);
    expect(lasso.features[11]).toMatch(/^x ?\/ ?\(1 ?\+ ?y/);
    expect(lasso.coefficients.flat().some((c) => c !== 0)).toBe(true);
  });
});
